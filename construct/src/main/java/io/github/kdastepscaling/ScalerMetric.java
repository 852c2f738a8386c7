package io.github.kdastepscaling;

import io.github.kdastepscaling.contract.ScalerMetrics;
import java.util.Map;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;

/**
 * The scaler's metrics as {@link KdaStepScaling}'s {@code metric...} methods give them: each with the statistic and
 * the label it has unless the caller's options say otherwise. The scaler publishes them on its decision log line in
 * embedded metric format (namespace {@value ScalerMetrics#NAMESPACE}, dimension
 * {@value ScalerMetrics#APPLICATION_DIMENSION}).
 */
enum ScalerMetric {
    DESIRED_CAPACITY(ScalerMetrics.DESIRED_CAPACITY, "Maximum", "Desired capacity (KPUs)"),
    ACTUAL_CAPACITY(ScalerMetrics.ACTUAL_CAPACITY, "Maximum", "Actual capacity (KPUs)"),
    MIN_CAPACITY(ScalerMetrics.MIN_CAPACITY, "Minimum", "Minimum capacity (KPUs)"),
    LEARNED_SCALE_OUT_PER_KPU(ScalerMetrics.LEARNED_SCALE_OUT_PER_KPU, "Maximum", "Learned scale-out rate per KPU"),
    CONFIGURED_SCALE_OUT_PER_KPU(
            ScalerMetrics.CONFIGURED_SCALE_OUT_PER_KPU, "Maximum", "Configured scale-out rate per KPU"),
    RESCALES(ScalerMetrics.RESCALES, "Sum", "Rescales"),
    FAILED_RESCALES(ScalerMetrics.FAILED_RESCALES, "Sum", "Failed rescales"),
    THRESHOLD_FAILURES(ScalerMetrics.THRESHOLD_FAILURES, "Sum", "Threshold failures"),
    ERRORS(ScalerMetrics.ERRORS, "Sum", "Scaler errors"),
    DURATION(ScalerMetrics.DURATION, "Average", "Decision duration (ms)"),
    SCHEDULED_DECISIONS(ScalerMetrics.SCHEDULED_DECISIONS, "Sum", "Scheduled decisions");

    private final String name;
    private final String defaultStatistic;
    private final String defaultLabel;

    ScalerMetric(String name, String defaultStatistic, String defaultLabel) {
        this.name = name;
        this.defaultStatistic = defaultStatistic;
        this.defaultLabel = defaultLabel;
    }

    /** This metric of {@code applicationName}, with {@code options} (null: none) over the defaults. */
    Metric of(String applicationName, MetricOptions options) {
        MetricOptions given =
                options != null ? options : MetricOptions.builder().build();
        return Metric.Builder.create()
                .namespace(ScalerMetrics.NAMESPACE)
                .metricName(name)
                .dimensionsMap(Map.of(ScalerMetrics.APPLICATION_DIMENSION, applicationName))
                .statistic(given.getStatistic() != null ? given.getStatistic() : defaultStatistic)
                .period(given.getPeriod() != null ? given.getPeriod() : OneMinuteMetric.PERIOD)
                .label(given.getLabel() != null ? given.getLabel() : defaultLabel)
                .color(given.getColor())
                .unit(given.getUnit())
                .account(given.getAccount())
                .region(given.getRegion())
                .build();
    }
}
