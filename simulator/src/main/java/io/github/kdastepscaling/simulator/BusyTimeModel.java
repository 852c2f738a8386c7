package io.github.kdastepscaling.simulator;

/**
 * Whether the modelled job publishes Flink's {@code busyTimeMsPerSecond} of its busiest task (MetricsLevel TASK, a
 * source that reports busy time), and how well that task stands for the bottleneck.
 *
 * <p>The model's bottleneck is busy for the share of the minute it needs to process what it processed at the rate it
 * had ({@code processed / rate}: 1 while it lags, and at half rate during a warm-up it is busy twice as long). What is
 * published is that share times {@code reportedBusyShare}, with {@link LearningSettings.MetricNoise#noise()} relative noise, at
 * most 1000 ms/s, none while the job restarts (no task runs).
 *
 * @param published         off: no busy-time series (a legacy {@code FlinkKinesisConsumer}, or MetricsLevel
 *                          APPLICATION), the behaviour before busy time was read
 * @param reportedBusyShare the busy time reported over the bottleneck's: 1 when the busiest task is the bottleneck;
 *                          below 1 when the reported task is busy for less than the bottleneck (busy time then
 *                          overstates what a KPU can do by 1 / share: the case the lagging ceiling guards); above 1
 *                          when it is busy on work the load does not explain (busy time understates the rate)
 */
public record BusyTimeModel(boolean published, double reportedBusyShare) {

    /** No busy time: the job model of every figure before busy time was read. */
    public static final BusyTimeModel NONE = new BusyTimeModel(false, 1);
    /** Busy time of the bottleneck itself. */
    public static final BusyTimeModel BOTTLENECK = new BusyTimeModel(true, 1);

    public BusyTimeModel {
        if (!(reportedBusyShare > 0) || reportedBusyShare > 10) {
            throw new IllegalArgumentException(
                    "reportedBusyShare (" + reportedBusyShare + ") must be above 0 and at most 10");
        }
    }

    /**
     * The command line's {@code --busy-time}: {@code none}, or the reported share as a number.
     *
     * @throws IllegalArgumentException naming the option and the value when it is neither
     */
    public static BusyTimeModel parse(String value) {
        if (value.equals("none")) {
            return NONE;
        }
        double share;
        try {
            share = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "--busy-time (" + value + ") must be none or the busiest task's busy share, e.g. 1", e);
        }
        try {
            return new BusyTimeModel(true, share);
        } catch (IllegalArgumentException e) {
            // the record's own bounds, said in the option's words
            throw new IllegalArgumentException(
                    "--busy-time (" + value + ") must be above 0 and at most 10, or none", e);
        }
    }

    /**
     * The published datapoint, ms per second.
     *
     * @param processed records per second processed in the minute
     * @param rate      records per second the job could process in the minute (0 while it restarts)
     * @param gauss     a standard normal draw for the noise
     */
    double datapoint(double processed, double rate, double noise, double gauss) {
        if (!published || !(rate > 0)) {
            return Double.NaN;
        }
        double busy = Math.min(1, processed / rate) * reportedBusyShare * Math.max(0, 1 + noise * gauss);
        return Math.min(1000, busy * 1000);
    }
}
