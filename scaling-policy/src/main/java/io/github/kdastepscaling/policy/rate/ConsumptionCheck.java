package io.github.kdastepscaling.policy.rate;

import static io.github.kdastepscaling.policy.rate.MinuteMetrics.finiteNonNegative;

import java.util.Locale;

/**
 * Whether a window's consumption series is the job's own, before the estimator learns from it: another polling
 * consumer counted in the stream's {@code GetRecords.Records} doubles it, other units (KPL aggregation) scale it, and
 * either would teach the scaler a rate the job does not have.
 *
 * <p>Two comparisons, each refused outside the tolerance:
 * <ul>
 *   <li>{@code consumedToExpected}: over the window the job consumes what arrived plus the backlog it had at the start
 *       less the one it has at the end; a backlog is about the lag times the arrival rate. NaN with fewer than
 *       {@link RateLearningSettings#DEFAULT_CONSUMER_CHECK_MINUTES} minutes.</li>
 *   <li>{@code caughtUpRatio}: in the minutes the job was caught up, consumption against what arrived, which needs no
 *       backlog estimate (a sole consumer that is caught up reads what arrives). NaN with fewer than
 *       {@link #CAUGHT_UP_CHECK_MINUTES} such minutes.</li>
 * </ul>
 * And {@code incomingShare}, the share of the expectation that arrived in the window: another consumer reading what
 * arrives adds that share to the first ratio, so when a large backlog at the window's start makes it small (a load that
 * fell fivefold while the job caught up, say) a doubled series stays within the tolerance. The check can tell only if
 * the share is at least twice the tolerance; below, nothing is learned from the window.
 */
record ConsumptionCheck(double consumedToExpected, double incomingShare, double caughtUpRatio) {

    /**
     * A minute with a lag at most this is caught up: a polling consumer reads about every second (the Flink Kinesis
     * connector's default interval is 200 ms), so its iterator age stays within a few seconds, and the backlog it may
     * still drain in that minute is at most 5 s of the load: a ratio of 1.08 at worst, within the tolerance.
     */
    static final double CAUGHT_UP_MILLIS = 5_000;
    /** Caught-up minutes needed before their consumption is compared with what arrived. */
    static final int CAUGHT_UP_CHECK_MINUTES = 5;

    /** The check of a window's minutes (datapoints that are not finite non-negative numbers are skipped). */
    static ConsumptionCheck of(Iterable<MinuteMetrics> minutes) {
        double consumed = 0;
        double incoming = 0;
        int withConsumption = 0;
        double consumedCaughtUp = 0;
        double incomingCaughtUp = 0;
        int caughtUp = 0;
        MinuteMetrics first = null;
        MinuteMetrics last = null;
        for (MinuteMetrics minute : minutes) {
            boolean hasConsumption = finiteNonNegative(minute.consumed());
            if (hasConsumption) {
                consumed += minute.consumed();
                withConsumption++;
            }
            if (!finiteNonNegative(minute.incoming())) {
                continue;
            }
            incoming += minute.incoming();
            if (finiteNonNegative(minute.lagMillis())) {
                first = first == null ? minute : first;
                last = minute;
                if (hasConsumption && minute.lagMillis() <= CAUGHT_UP_MILLIS) {
                    consumedCaughtUp += minute.consumed();
                    incomingCaughtUp += minute.incoming();
                    caughtUp++;
                }
            }
        }
        double caughtUpRatio = caughtUp >= CAUGHT_UP_CHECK_MINUTES && incomingCaughtUp > 0
                ? consumedCaughtUp / incomingCaughtUp
                : Double.NaN;
        if (withConsumption < RateLearningSettings.DEFAULT_CONSUMER_CHECK_MINUTES
                || first == null
                || incoming == 0 && consumed == 0) {
            return new ConsumptionCheck(Double.NaN, Double.NaN, caughtUpRatio);
        }
        double expected = incoming + backlog(first) - backlog(last);
        return expected > 0
                ? new ConsumptionCheck(consumed / expected, incoming / expected, caughtUpRatio)
                : new ConsumptionCheck(Double.POSITIVE_INFINITY, Double.NaN, caughtUpRatio);
    }

    /** Why the window's consumption cannot be learned from, or null when it can. */
    String refusal(double tolerance) {
        if (Double.isNaN(consumedToExpected)) {
            return "fewer than " + RateLearningSettings.DEFAULT_CONSUMER_CHECK_MINUTES
                    + " minutes with consumption and lag in the window: too few to check the consumption against the "
                    + "incoming load";
        }
        if (outside(caughtUpRatio, tolerance) || outside(consumedToExpected, tolerance)) {
            return String.format(
                    Locale.ROOT,
                    "consumption is %.2fx what arrived and the backlog explain (another consumer on the stream, or "
                            + "other units)",
                    outside(caughtUpRatio, tolerance) ? caughtUpRatio : consumedToExpected);
        }
        if (!(incomingShare >= 2 * tolerance)) {
            return String.format(
                    Locale.ROOT,
                    "what arrived is only %.0f%% of the consumption the window expects (the backlog at its start "
                            + "outweighs it), too little to tell another consumer on the stream",
                    100 * incomingShare);
        }
        return null;
    }

    private static boolean outside(double ratio, double tolerance) {
        double limit = 1 + tolerance;
        return ratio > limit || ratio < 1 / limit;
    }

    private static double backlog(MinuteMetrics minute) {
        return minute.lagMillis() / 1000 * minute.incoming() / 60;
    }
}
