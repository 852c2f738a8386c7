package io.github.kdastepscaling.lambda;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * Writes one JSON line per decision (who asked what, in which invocation, what was seen, what was done, how it was
 * answered), which CloudWatch Logs Insights can query field by field. Lambda sends standard output to the function's
 * log group.
 */
public final class DecisionLog {

    private final PrintStream out;

    public DecisionLog(PrintStream out) {
        this.out = out;
    }

    void write(Decision decision) {
        out.println(render(decision));
    }

    static String render(Decision decision) {
        JsonWriter json = JsonWriter.create().writeStartObject();
        json.writeFieldName("event").writeValue("scaling-decision");
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
                json.writeFieldName("to").writeValue(change.to()).writeEndObject();
            }
            json.writeEndArray();
            json.writeFieldName("problems").writeStartArray();
            thresholds.problems().forEach(json::writeValue);
            json.writeEndArray();
            json.writeEndObject();
        }
        ScalingState answer = decision.answer();
        if (answer != null) {
            json.writeFieldName("scalingStatus").writeValue(answer.scalingStatus().name());
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
        return new String(json.writeEndObject().getBytes(), StandardCharsets.UTF_8);
    }
}
