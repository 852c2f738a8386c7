package io.github.kdastepscaling;

/**
 * The granularity of the metrics the application publishes ({@code MonitoringConfiguration.MetricsLevel}); finer
 * levels publish more metrics, each billed.
 */
public enum FlinkMetricsLevel {
    APPLICATION,
    TASK,
    OPERATOR,
    PARALLELISM
}
