package io.github.kdastepscaling.policy.rate;

import java.util.List;
import java.util.Objects;

/**
 * Everything the scaler can give the estimator on one scheduled reconcile.
 *
 * @param now               the minute the reconcile runs in (minutes since the epoch); the window's minutes are
 *                          before it
 * @param window            the last minutes read by one {@code GetMetricData} call, in any order; a minute may be
 *                          absent
 * @param capacity          the application's current capacity in KPUs (DescribeApplication: the parallelism over
 *                          the parallelism per KPU)
 * @param running           whether the application's status is RUNNING
 * @param lastRescaleMinute the first minute at the current capacity: when the scaler's last UpdateApplication ran
 *                          (stored by the scaler); {@link Long#MIN_VALUE} when there was none
 * @param previous          the state the last estimate returned; null before the first estimate
 */
public record RateObservation(
        long now,
        List<MinuteMetrics> window,
        int capacity,
        boolean running,
        long lastRescaleMinute,
        LearnedRate previous) {

    /** Stands for "no rescale known". */
    public static final long NO_RESCALE = Long.MIN_VALUE;

    public RateObservation {
        Objects.requireNonNull(window, "window");
        window = List.copyOf(window);
    }
}
