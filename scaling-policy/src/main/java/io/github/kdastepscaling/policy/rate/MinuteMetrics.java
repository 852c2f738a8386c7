package io.github.kdastepscaling.policy.rate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One minute of what the rate estimator reads, all from one CloudWatch {@code GetMetricData} call (period 60 s). A
 * value CloudWatch did not return for the minute is {@code NaN}; the estimator ignores (and counts) a minute whose
 * values are missing, negative or not finite.
 *
 * @param minute    the minute's start, in minutes since the epoch (the datapoint's timestamp / 60 s)
 * @param consumed  what this application consumed in the minute, in the load alarm's units, Sum over the minute: the
 *                  stream's {@code GetRecords.Records} for a sole polling consumer, the consumer's
 *                  {@code SubscribeToShardEvent.Records} for enhanced fan-out, or the application's
 *                  {@code numRecordsIn} (mind KPL aggregation: Kinesis counts aggregated records, Flink
 *                  de-aggregated ones); {@code GetRecords.Bytes} for a bytes signal
 * @param lagMillis how far behind the job is, ms: the lag guard's metric ({@code GetRecords.IteratorAgeMilliseconds}
 *                  or the application's {@code millisBehindLatest}, Maximum); a minute without a datapoint is NaN
 * @param incoming  the load signal's metric, Sum over the minute ({@code IncomingRecords} or {@code IncomingBytes})
 * @param throttled the stream's {@code ReadProvisionedThroughputExceeded}, Sum over the minute; NaN when not read
 * @param busyMillisPerSecond Flink's {@code busyTimeMsPerSecond} of the job's busiest task, Maximum over the minute
 *                  (0 to 1000: the share of each second the task was neither idle nor back-pressured, times 1000);
 *                  NaN when not read or not reported (the metric needs MetricsLevel TASK, and Flink reports NaN when
 *                  it cannot compute it)
 */
public record MinuteMetrics(
        long minute, double consumed, double lagMillis, double incoming, double throttled, double busyMillisPerSecond) {

    /** A minute without a busy-time datapoint (busy time is read only when the construct turns it on). */
    public MinuteMetrics(long minute, double consumed, double lagMillis, double incoming, double throttled) {
        this(minute, consumed, lagMillis, incoming, throttled, Double.NaN);
    }

    /** A minute without a throttling datapoint (the metric is optional). */
    public static MinuteMetrics of(long minute, double consumed, double lagMillis, double incoming) {
        return new MinuteMetrics(minute, consumed, lagMillis, incoming, Double.NaN);
    }

    /** Whether a datapoint is usable: a finite number, 0 or more (NaN is a missing datapoint). */
    static boolean finiteNonNegative(double value) {
        return value >= 0 && !Double.isInfinite(value);
    }

    /** This minute with a busy-time datapoint. */
    public MinuteMetrics withBusyMillisPerSecond(double value) {
        return new MinuteMetrics(minute, consumed, lagMillis, incoming, throttled, value);
    }

    /**
     * The window from the series of one {@code GetMetricData} call (each query's {@code Timestamps} and
     * {@code Values}, period 60 s), one {@code MinuteMetrics} per minute that any series has, in time order; a series
     * without a value for that minute gives NaN. A timestamp is placed in the minute it falls in.
     *
     * @param throttled may be empty when the optional throttling metric is not read
     */
    public static List<MinuteMetrics> align(
            Map<Instant, Double> consumed,
            Map<Instant, Double> lagMillis,
            Map<Instant, Double> incoming,
            Map<Instant, Double> throttled) {
        return align(consumed, lagMillis, incoming, throttled, Map.of());
    }

    /** As {@link #align(Map, Map, Map, Map)}, with the busiest task's busy time (may be empty when not read). */
    public static List<MinuteMetrics> align(
            Map<Instant, Double> consumed,
            Map<Instant, Double> lagMillis,
            Map<Instant, Double> incoming,
            Map<Instant, Double> throttled,
            Map<Instant, Double> busyMillisPerSecond) {
        TreeSet<Long> minutes = new TreeSet<>();
        for (Map<Instant, Double> series : List.of(consumed, lagMillis, incoming, throttled, busyMillisPerSecond)) {
            series.keySet().forEach(t -> minutes.add(minuteOf(t)));
        }
        List<MinuteMetrics> window = new ArrayList<>();
        for (long minute : minutes) {
            window.add(new MinuteMetrics(
                    minute,
                    valueAt(consumed, minute),
                    valueAt(lagMillis, minute),
                    valueAt(incoming, minute),
                    valueAt(throttled, minute),
                    valueAt(busyMillisPerSecond, minute)));
        }
        return window;
    }

    /** The minute since the epoch that {@code time} falls in. */
    public static long minuteOf(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), 60);
    }

    private static double valueAt(Map<Instant, Double> series, long minute) {
        for (Map.Entry<Instant, Double> e : series.entrySet()) {
            if (minuteOf(e.getKey()) == minute && e.getValue() != null) {
                return e.getValue();
            }
        }
        return Double.NaN;
    }

    /** Whether the reads were throttled in the minute: consumption then says what Kinesis allowed, not the job. */
    boolean throttledReads() {
        return throttled > 0;
    }

    /** The busy share of the minute (0 to 1), or NaN when the datapoint is missing or outside 0..1000 ms/s. */
    double busyFraction() {
        return busyMillisPerSecond >= 0 && busyMillisPerSecond <= 1000 ? busyMillisPerSecond / 1000 : Double.NaN;
    }
}
