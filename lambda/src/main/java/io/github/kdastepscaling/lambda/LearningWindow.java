package io.github.kdastepscaling.lambda;

import io.github.kdastepscaling.contract.LearningSeries;
import io.github.kdastepscaling.policy.rate.MinuteMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A {@link MetricWindow} as the rate estimator reads it: one {@link MinuteMetrics} per minute that has a datapoint
 * in any series, a series without one for the minute as NaN (which the estimator ignores and counts), the minute as
 * minutes since the epoch. A minute with no datapoint at all is left out: CloudWatch has nothing for it (a restart,
 * or a minute not published yet).
 */
final class LearningWindow {

    private LearningWindow() {}

    static List<MinuteMetrics> minutes(MetricWindow window) {
        boolean throttling = window.seriesIds().contains(LearningSeries.THROTTLED);
        boolean busyTime = window.seriesIds().contains(LearningSeries.BUSY);
        List<MinuteMetrics> out = new ArrayList<>();
        for (Instant minute : window.minuteStarts()) {
            double consumed = value(window, LearningSeries.CONSUMED, minute);
            double lag = value(window, LearningSeries.LAG, minute);
            double incoming = value(window, LearningSeries.INCOMING, minute);
            double throttled = throttling ? value(window, LearningSeries.THROTTLED, minute) : Double.NaN;
            double busy = busyTime ? value(window, LearningSeries.BUSY, minute) : Double.NaN;
            if (Double.isNaN(consumed)
                    && Double.isNaN(lag)
                    && Double.isNaN(incoming)
                    && Double.isNaN(throttled)
                    && Double.isNaN(busy)
                    && !anyValue(window, minute)) {
                continue;
            }
            out.add(new MinuteMetrics(minuteOf(minute), consumed, lag, incoming, throttled, busy));
        }
        return out;
    }

    /** Minutes since the epoch of an instant, rounded down. */
    static long minuteOf(Instant instant) {
        return Math.floorDiv(instant.getEpochSecond(), 60);
    }

    private static double value(MetricWindow window, String id, Instant minute) {
        OptionalDouble v = window.value(id, minute);
        return v.isPresent() ? v.getAsDouble() : Double.NaN;
    }

    /** Whether any series has a datapoint for the minute (one whose value is NaN included). */
    private static boolean anyValue(MetricWindow window, Instant minute) {
        for (String id : window.seriesIds()) {
            if (window.value(id, minute).isPresent()) {
                return true;
            }
        }
        return false;
    }
}
