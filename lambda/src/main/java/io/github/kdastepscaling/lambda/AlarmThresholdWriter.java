package io.github.kdastepscaling.lambda;

import io.github.kdastepscaling.policy.ScaledLoad;
import io.github.kdastepscaling.policy.ScalingDirection;
import io.github.kdastepscaling.policy.ScalingThresholds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;

/**
 * Keeps the two alarms' thresholds right for a capacity, and with learning what their metric multiplies the load by.
 *
 * <p>Only the threshold (and the scaled load's expression, {@link ScaledLoad}) is the scaler's: each alarm is read,
 * and put back with every other field as it was (metrics, actions, periods, datapoints, missing-data treatment,
 * description), so the CDK definition stays the source of truth for the rest. Threshold and expression go in the same
 * {@code PutMetricAlarm}, so an alarm never holds one without the other. A threshold that cannot be set now is
 * reported, and set by a later call, since every call checks both alarms again.
 */
final class AlarmThresholdWriter {

    /** Thresholds are record rates computed from the same formula; a difference below this is the same number. */
    private static final double TOLERANCE = 1e-6;

    private final CloudWatchClient client;
    private final Map<ScalingDirection, String> alarmNames;
    private final boolean scaledLoad;

    /**
     * @param scaledLoad whether the scaler learns, so the construct deploys the alarms on the scaled load
     *     ({@link ScaledLoad}); an alarm found on the signal itself then gets the learned thresholds on it, as before
     *     the scaled load, and is named in the report
     */
    AlarmThresholdWriter(
            CloudWatchClient client, String scaleOutAlarmName, String scaleInAlarmName, boolean scaledLoad) {
        this.client = client;
        this.alarmNames = new LinkedHashMap<>();
        alarmNames.put(ScalingDirection.SCALE_OUT, scaleOutAlarmName);
        alarmNames.put(ScalingDirection.SCALE_IN, scaleInAlarmName);
        this.scaledLoad = scaledLoad;
    }

    /** The two alarms as they are now, by name; an alarm that does not exist is absent. */
    Map<String, MetricAlarm> read() {
        return client.describeAlarms(r -> r.alarmNames(alarmNames.values())).metricAlarms().stream()
                .collect(Collectors.toMap(MetricAlarm::alarmName, Function.identity()));
    }

    /**
     * Sets whichever threshold differs from what {@code capacity} needs; never throws for AWS failures.
     *
     * @param minimum the scalable target's current minimum capacity, and why it could not be read if so
     * @param rates the per-KPU rates the thresholds are computed from (the decision's, see {@link ScalingPlan})
     */
    ThresholdReport alignTo(int capacity, ScalableTargetView.Minimum minimum, ScalingThresholds rates) {
        List<ThresholdReport.Change> changes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (minimum.problem() != null) {
            problems.add(minimum.problem());
        }
        ScalingThresholds thresholds = rates.withMinCapacity(minimum.minCapacity());
        Map<String, MetricAlarm> alarms;
        try {
            alarms = read();
        } catch (SdkException e) {
            problems.add("could not read the alarms: " + AwsFailure.describe(e));
            return new ThresholdReport(capacity, minimum.minCapacity(), changes, problems);
        }
        String expression = ScaledLoad.expression(thresholds);
        List<String> unscaled = new ArrayList<>();
        for (Map.Entry<ScalingDirection, String> entry : alarmNames.entrySet()) {
            String name = entry.getValue();
            MetricAlarm alarm = alarms.get(name);
            if (alarm == null) {
                problems.add("alarm " + name + " does not exist; redeploy the stack to recreate it");
                continue;
            }
            Optional<MetricDataQuery> measured = returned(alarm);
            boolean scaled = scaledLoad
                    && measured.map(q -> ScaledLoad.isScaledLoad(q.expression()))
                            .orElse(false);
            if (scaledLoad && !scaled) {
                // An alarm from before the scaled load (an upgrade's first minutes, before CloudFormation updates the
                // alarms; or an edit): the learned thresholds on the signal itself keep it scaling right, with the
                // steps in the configured rate's units, as before the scaled load.
                unscaled.add(name);
            }
            double wanted = scaled
                    ? thresholds.inAlarmUnits().threshold(entry.getKey(), capacity)
                    : thresholds.threshold(entry.getKey(), capacity);
            boolean sameThreshold = alarm.threshold() != null && Math.abs(alarm.threshold() - wanted) < TOLERANCE;
            boolean sameExpression =
                    !scaled || measured.orElseThrow().expression().equals(expression);
            if (sameThreshold && sameExpression) {
                continue;
            }
            String measures = sameExpression ? null : expression;
            try {
                client.putMetricAlarm(withThreshold(alarm, wanted, measures));
                changes.add(new ThresholdReport.Change(name, alarm.threshold(), wanted, measures));
            } catch (SdkException e) {
                problems.add("could not set the threshold of " + name + " to " + wanted
                        + (measures == null ? "" : " measuring " + measures) + ": " + AwsFailure.describe(e));
            }
        }
        return new ThresholdReport(capacity, minimum.minCapacity(), changes, problems, unscaled);
    }

    /** The query whose value the alarm compares: the one metric-math query that returns data. */
    private static Optional<MetricDataQuery> returned(MetricAlarm alarm) {
        return alarm.metrics().stream().filter(AlarmThresholdWriter::isCompared).findFirst();
    }

    /** Whether the alarm compares this query's value: ReturnData unset means true. */
    private static boolean isCompared(MetricDataQuery query) {
        return !Boolean.FALSE.equals(query.returnData());
    }

    /**
     * The alarm exactly as described (PutMetricAlarm replaces the whole definition), but for its threshold and, unless
     * null, the expression of the query it compares.
     */
    private static PutMetricAlarmRequest withThreshold(MetricAlarm alarm, double threshold, String expression) {
        List<MetricDataQuery> metrics = expression == null
                ? alarm.metrics()
                : alarm.metrics().stream()
                        .map(q -> isCompared(q)
                                ? q.toBuilder().expression(expression).build()
                                : q)
                        .toList();
        return PutMetricAlarmRequest.builder()
                .alarmName(alarm.alarmName())
                .alarmDescription(alarm.alarmDescription())
                .actionsEnabled(alarm.actionsEnabled())
                .okActions(alarm.okActions())
                .alarmActions(alarm.alarmActions())
                .insufficientDataActions(alarm.insufficientDataActions())
                .metricName(alarm.metricName())
                .namespace(alarm.namespace())
                .statistic(alarm.statisticAsString())
                .extendedStatistic(alarm.extendedStatistic())
                .dimensions(alarm.dimensions())
                .period(alarm.period())
                .unit(alarm.unitAsString())
                .evaluationPeriods(alarm.evaluationPeriods())
                .datapointsToAlarm(alarm.datapointsToAlarm())
                .threshold(threshold)
                .comparisonOperator(alarm.comparisonOperatorAsString())
                .treatMissingData(alarm.treatMissingData())
                .evaluateLowSampleCountPercentile(alarm.evaluateLowSampleCountPercentile())
                .metrics(metrics)
                .thresholdMetricId(alarm.thresholdMetricId())
                .build();
    }
}
