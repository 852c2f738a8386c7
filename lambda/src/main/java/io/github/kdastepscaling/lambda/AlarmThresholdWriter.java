package io.github.kdastepscaling.lambda;

import io.github.kdastepscaling.policy.ScalingDirection;
import io.github.kdastepscaling.policy.ScalingThresholds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;

/**
 * Keeps the two alarms' thresholds right for a capacity.
 *
 * <p>Only the threshold is the scaler's: each alarm is read, and put back with every other field as it was
 * (metrics, actions, periods, datapoints, missing-data treatment, description), so the CDK definition stays the
 * source of truth for the rest. A threshold that cannot be set now is reported, and set by a later call, since every
 * call checks both alarms again.
 */
final class AlarmThresholdWriter {

    /** Thresholds are record rates computed from the same formula; a difference below this is the same number. */
    private static final double TOLERANCE = 1e-6;

    private final CloudWatchClient client;
    private final Map<ScalingDirection, String> alarmNames;

    AlarmThresholdWriter(CloudWatchClient client, String scaleOutAlarmName, String scaleInAlarmName) {
        this.client = client;
        this.alarmNames = new LinkedHashMap<>();
        alarmNames.put(ScalingDirection.SCALE_OUT, scaleOutAlarmName);
        alarmNames.put(ScalingDirection.SCALE_IN, scaleInAlarmName);
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
        for (Map.Entry<ScalingDirection, String> entry : alarmNames.entrySet()) {
            String name = entry.getValue();
            double wanted = thresholds.threshold(entry.getKey(), capacity);
            MetricAlarm alarm = alarms.get(name);
            if (alarm == null) {
                problems.add("alarm " + name + " does not exist; redeploy the stack to recreate it");
                continue;
            }
            if (alarm.threshold() != null && Math.abs(alarm.threshold() - wanted) < TOLERANCE) {
                continue;
            }
            try {
                client.putMetricAlarm(withThreshold(alarm, wanted));
                changes.add(new ThresholdReport.Change(name, alarm.threshold(), wanted));
            } catch (SdkException e) {
                problems.add(
                        "could not set the threshold of " + name + " to " + wanted + ": " + AwsFailure.describe(e));
            }
        }
        return new ThresholdReport(capacity, minimum.minCapacity(), changes, problems);
    }

    /** The alarm exactly as described, but for its threshold: PutMetricAlarm replaces the whole definition. */
    static PutMetricAlarmRequest withThreshold(MetricAlarm alarm, double threshold) {
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
                .metrics(alarm.metrics())
                .thresholdMetricId(alarm.thresholdMetricId())
                .build();
    }
}
