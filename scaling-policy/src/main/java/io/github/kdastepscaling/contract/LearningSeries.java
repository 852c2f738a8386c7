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

    /** The ids a learning configuration must have. */
    public static final List<String> REQUIRED = List.of(CONSUMED, LAG, INCOMING);

    private LearningSeries() {
    }
}
