package io.github.kdastepscaling.lambda;

import io.github.kdastepscaling.contract.ScalerMetrics;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * Writes one JSON line per decision (who asked what, in which invocation, what was seen, what was done, how it was
 * answered), which CloudWatch Logs Insights can query field by field. Lambda sends standard output to the function's
 * log group.
 */
public final class DecisionLog {

    private final PrintStream out;
    private final String applicationName;

    /**
     * @param applicationName the application of a decision that names none ({@link Decision#application()}): the one
     *                        a single scaler serves; null in fleet mode and when the scaler is misconfigured (a
     *                        decision without an application then has no metrics)
     */
    public DecisionLog(PrintStream out, String applicationName) {
        this.out = out;
        this.applicationName = applicationName;
    }

    void write(Decision decision) {
        out.println(render(decision, applicationName));
    }

    static String render(Decision decision, String defaultApplicationName) {
        String applicationName = decision.application() != null ? decision.application() : defaultApplicationName;
        JsonWriter json = JsonWriter.create().writeStartObject();
        json.writeFieldName("event").writeValue("scaling-decision");
        if (applicationName != null) {
            // In a fleet one log group holds every application's decisions: Logs Insights filters on this field.
            json.writeFieldName("application").writeValue(applicationName);
        }
        json.writeFieldName("trigger").writeValue(decision.trigger());
        if (decision.invocation().requestId() != null) {
            json.writeFieldName("requestId").writeValue(decision.invocation().requestId());
        }
        json.writeFieldName("coldStart").writeValue(decision.invocation().coldStart());
        if (decision.caller() != null) {
            json.writeFieldName("caller").writeValue(decision.caller());
        }
        if (decision.asked().isPresent()) {
            json.writeFieldName("askedCapacity").writeValue(decision.asked().getAsInt());
        }
        ApplicationState seen = decision.seen();
        if (seen != null) {
            json.writeFieldName("seen").writeStartObject();
            json.writeFieldName("status").writeValue(seen.status());
            json.writeFieldName("actualCapacity").writeValue(seen.actualCapacity());
            json.writeFieldName("configuredCapacity").writeValue(seen.configuredCapacity());
            json.writeFieldName("parallelism").writeValue(seen.parallelism());
            json.writeFieldName("currentParallelism").writeValue(seen.currentParallelism());
            json.writeFieldName("parallelismPerKpu").writeValue(seen.parallelismPerKpu());
            json.writeFieldName("snapshotsEnabled").writeValue(seen.snapshotsEnabled());
            json.writeFieldName("autoScalingEnabled").writeValue(seen.autoScalingEnabled());
            json.writeFieldName("versionId").writeValue(seen.versionId());
            json.writeEndObject();
        }
        ScalingSuspension suspension = decision.suspension();
        if (suspension != null && !suspension.suspendedAttributes().isEmpty()) {
            // Only when something is suspended, so Logs Insights finds paused decisions with ispresent(suspended).
            json.writeFieldName("suspended").writeValue(suspension.suspendedAttributes());
        }
        json.writeFieldName("done").writeStartArray();
        decision.done().forEach(json::writeValue);
        json.writeEndArray();
        ThresholdReport thresholds = decision.thresholds();
        if (thresholds != null) {
            json.writeFieldName("thresholds").writeStartObject();
            json.writeFieldName("capacity").writeValue(thresholds.capacity());
            json.writeFieldName("minCapacity").writeValue(thresholds.minCapacity());
            json.writeFieldName("aligned").writeValue(thresholds.aligned());
            json.writeFieldName("changed").writeStartArray();
            for (ThresholdReport.Change change : thresholds.changes()) {
                json.writeStartObject().writeFieldName("alarm").writeValue(change.alarmName());
                if (change.from() != null) {
                    json.writeFieldName("from").writeValue(change.from());
                }
                json.writeFieldName("to").writeValue(change.to());
                if (change.measures() != null) {
                    json.writeFieldName("measures").writeValue(change.measures());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeFieldName("problems").writeStartArray();
            thresholds.problems().forEach(json::writeValue);
            json.writeEndArray();
            if (!thresholds.unscaled().isEmpty()) {
                json.writeFieldName("unscaled").writeStartArray();
                thresholds.unscaled().forEach(json::writeValue);
                json.writeEndArray();
            }
            json.writeEndObject();
        }
        RateReport rate = decision.rate();
        if (rate != null && !Double.isNaN(rate.scaleOutPerKpu())) {
            // The rate the thresholds were set from, beside the configured one, for Logs Insights.
            json.writeFieldName("learnedRate").writeStartObject();
            json.writeFieldName("scaleOutPerKpu").writeValue(rounded(rate.scaleOutPerKpu()));
            json.writeFieldName("configuredScaleOutPerKpu").writeValue(rounded(rate.configuredScaleOutPerKpu()));
            json.writeEndObject();
        }
        decision.drift().writeFields(json);
        if (decision.snapshotsDeleted() != null) {
            json.writeFieldName("snapshotsDeleted").writeValue(decision.snapshotsDeleted());
        }
        ScalingState answer = decision.answer();
        if (answer != null) {
            json.writeFieldName("scalingStatus")
                    .writeValue(answer.scalingStatus().name());
            json.writeFieldName("desiredCapacity").writeValue(answer.desiredCapacity());
            if (answer.failureReason() != null) {
                json.writeFieldName("failureReason").writeValue(answer.failureReason());
            }
        }
        if (decision.failure() != null) {
            json.writeFieldName("failure").writeValue(decision.failure().kind().name());
        }
        if (decision.httpStatus() != null) {
            json.writeFieldName("httpStatus").writeValue(decision.httpStatus());
        }
        if (decision.error() != null) {
            json.writeFieldName("error").writeValue(decision.error());
        }
        if (applicationName != null) {
            writeMetrics(json, decision, applicationName);
        }
        return new String(json.writeEndObject().getBytes(), StandardCharsets.UTF_8);
    }

    /** A rate to three decimals: enough for a per-KPU rate, and no binary noise in the log line. */
    private static double rounded(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /**
     * The decision's metrics in CloudWatch embedded metric format: the {@code _aws} directive (timestamp, namespace,
     * dimension sets, metric names and units) and each value as a root member, which Lambda's log delivery turns into
     * metrics without an SDK call. Only metrics the decision measured are declared: a refused request has a duration
     * and nothing else. Two dimension sets: {@code [Application]} for the application's own alarms and widgets, and
     * the empty set, so that a fleet's sums over every application (Errors, Rescales) exist as one metric each.
     */
    private static void writeMetrics(JsonWriter json, Decision decision, String applicationName) {
        Map<String, Number> counts = new LinkedHashMap<>();
        ScalingState answer = decision.answer();
        if (answer != null) {
            counts.put(ScalerMetrics.DESIRED_CAPACITY, answer.desiredCapacity());
        }
        if (decision.seen() != null) {
            counts.put(ScalerMetrics.ACTUAL_CAPACITY, decision.seen().actualCapacity());
        }
        if (decision.thresholds() != null) {
            counts.put(ScalerMetrics.MIN_CAPACITY, decision.thresholds().minCapacity());
        }
        boolean decided = decision.seen() != null || decision.failure() != null;
        if (decided) {
            counts.put(ScalerMetrics.RESCALES, decision.hasSubmittedRescale() ? 1 : 0);
            counts.put(
                    ScalerMetrics.FAILED_RESCALES,
                    answer != null && answer.scalingStatus() == ScalingStatus.Failed ? 1 : 0);
            counts.put(
                    ScalerMetrics.THRESHOLD_FAILURES,
                    decision.thresholds() != null && !decision.thresholds().aligned() ? 1 : 0);
            counts.put(ScalerMetrics.ERRORS, decision.failure() != null ? 1 : 0);
        }
        if (Decision.SCHEDULE.equals(decision.trigger())) {
            // Only the schedule's decisions: the health alarm's no-decision child must see the schedule stop even
            // while Application Auto Scaling keeps calling.
            counts.put(ScalerMetrics.SCHEDULED_DECISIONS, 1);
        }
        if (Decision.SCHEDULE.equals(decision.trigger())) {
            // The checks of deleted or disabled state are the schedule's: a child alarm counts them per interval.
            decision.drift().addMetrics(counts);
        }
        if (decision.snapshotsDeleted() != null) {
            counts.put(ScalerMetrics.SNAPSHOTS_DELETED, decision.snapshotsDeleted());
        }
        Map<String, Double> rates = new LinkedHashMap<>();
        RateReport rate = decision.rate();
        if (rate != null && !Double.isNaN(rate.scaleOutPerKpu())) {
            rates.put(ScalerMetrics.LEARNED_SCALE_OUT_PER_KPU, rounded(rate.scaleOutPerKpu()));
            rates.put(ScalerMetrics.CONFIGURED_SCALE_OUT_PER_KPU, rounded(rate.configuredScaleOutPerKpu()));
        }
        json.writeFieldName("_aws").writeStartObject();
        json.writeFieldName("Timestamp").writeValue(decision.startMillis());
        json.writeFieldName("CloudWatchMetrics").writeStartArray().writeStartObject();
        json.writeFieldName("Namespace").writeValue(ScalerMetrics.NAMESPACE);
        json.writeFieldName("Dimensions")
                .writeStartArray()
                .writeStartArray()
                .writeValue(ScalerMetrics.APPLICATION_DIMENSION)
                .writeEndArray()
                .writeStartArray()
                .writeEndArray()
                .writeEndArray();
        json.writeFieldName("Metrics").writeStartArray();
        for (String name : counts.keySet()) {
            json.writeStartObject()
                    .writeFieldName("Name")
                    .writeValue(name)
                    .writeFieldName("Unit")
                    .writeValue("Count")
                    .writeEndObject();
        }
        for (String name : rates.keySet()) {
            // In the load signal's units per second per KPU, which CloudWatch has no unit for.
            json.writeStartObject()
                    .writeFieldName("Name")
                    .writeValue(name)
                    .writeFieldName("Unit")
                    .writeValue("None")
                    .writeEndObject();
        }
        json.writeStartObject()
                .writeFieldName("Name")
                .writeValue(ScalerMetrics.DURATION)
                .writeFieldName("Unit")
                .writeValue("Milliseconds")
                .writeEndObject();
        json.writeEndArray().writeEndObject().writeEndArray().writeEndObject();
        json.writeFieldName(ScalerMetrics.APPLICATION_DIMENSION).writeValue(applicationName);
        counts.forEach((name, value) -> json.writeFieldName(name).writeValue(value.intValue()));
        rates.forEach((name, value) -> json.writeFieldName(name).writeValue(value));
        json.writeFieldName(ScalerMetrics.DURATION).writeValue(Math.round(decision.elapsedMillis() * 1000) / 1000.0);
    }
}
