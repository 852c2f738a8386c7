package io.github.kdastepscaling.contract;

import java.util.List;

/**
 * The ids the series in {@link ScalerEnvironment#LEARNING_METRICS} carry, one per input of the rate estimator
 * ({@code io.github.kdastepscaling.policy.rate.MinuteMetrics}): the construct names its series with them, the scaler
 * finds each input by its id. Both compile against these constants.
 */
public final class LearningSeries {

    /**
     * What this application consumed in the minute, Sum, in the load alarm's units: the stream's
     * {@code GetRecords.Records} for a sole polling consumer, {@code SubscribeToShardEvent.Records} for an enhanced
     * fan-out consumer, or the application's {@code numRecordsIn}.
     */
    public static final String CONSUMED = "consumed";
    /** The lag guard's metric, Maximum: whether the job had a backlog through the minute. */
    public static final String LAG = "lag";
    /** The load signal's metric, Sum over the minute ({@code IncomingRecords} or {@code IncomingBytes}). */
    public static final String INCOMING = "incoming";
    /** Optional: the stream's {@code ReadProvisionedThroughputExceeded}, Sum; a throttled minute is not trusted. */
    public static final String THROTTLED = "throttled";

    /**
     * Optional: Flink's {@code busyTimeMsPerSecond} of the job's busiest task, per minute. AWS publishes it only at
     * the Task, Operator and Parallelism levels (MetricsLevel TASK or finer), once per task, with dimensions that
     * name the task; so the scaler reads this series not as one metric but as the highest, per minute, of every
     * metric with its namespace and name whose dimensions include the given ones, in the same GetMetricData call:
     * {@link #busiestExpression(MetricSeries)}.
     */
    public static final String BUSY = "busy";

    /** The ids a learning configuration must have. */
    public static final List<String> REQUIRED = List.of(CONSUMED, LAG, INCOMING);

    private LearningSeries() {}

    /**
     * The GetMetricData expression that reads {@link #BUSY}: {@code MAX(SEARCH('Namespace="N" MetricName="M"
     * Dim="v" ...', 'Stat', 60))}, exact-match terms (CloudWatch's search syntax: a quoted value matches only itself)
     * and no schema in braces, so that the task's own dimensions, which the construct cannot know at synthesis, are
     * matched too; MAX takes the busiest task per minute (FLIP-271 sizes on the bottleneck). The values of the
     * series are plain names (an application name, a stream name): a double or single quote in one is refused.
     *
     * @throws IllegalArgumentException for a value holding a quote, which the expression could not carry
     */
    public static String busiestExpression(MetricSeries series) {
        StringBuilder terms = new StringBuilder();
        terms.append(term("Namespace", series.namespace())).append(' ').append(term("MetricName", series.metricName()));
        series.dimensions().forEach((name, value) -> terms.append(' ').append(term(name, value)));
        return "MAX(SEARCH('" + terms + "', '" + series.stat() + "', 60))";
    }

    private static String term(String name, String value) {
        if (name.contains("\"")
                || name.contains("'")
                || name.contains(" ")
                || value.contains("\"")
                || value.contains("'")) {
            throw new IllegalArgumentException("series " + BUSY + ": " + name + " (" + value + ") must not hold "
                    + "quotes (or, in a name, spaces): it is read with a search expression");
        }
        return name + "=\"" + value + "\"";
    }
}
