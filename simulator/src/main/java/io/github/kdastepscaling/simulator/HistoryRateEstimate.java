package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.ScalingThresholds;
import io.github.kdastepscaling.policy.SignalKind;
import io.github.kdastepscaling.policy.rate.LearnedRate;
import io.github.kdastepscaling.policy.rate.MinuteMetrics;
import io.github.kdastepscaling.policy.rate.RateEstimate;
import io.github.kdastepscaling.policy.rate.RateEstimator;
import io.github.kdastepscaling.policy.rate.RateLearningSettings;
import io.github.kdastepscaling.policy.rate.RateObservation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The job's true rate per KPU estimated from its own metrics ({@link JobMetricsExport}), for {@code tune
 * --job-metrics}: the scaler's {@link RateEstimator} runs over the history minute by minute, exactly as the scaler's
 * scheduled reconcile would have (each minute: the last {@code windowMinutes} minutes, the capacity of the minute, the
 * first minute at that capacity as the last rescale, the previous state), and the rate it has learned at the end is
 * the estimate.
 *
 * <p>Two settings differ from the scaler's: the bounds are {@link #BOUND_FACTOR} below and above the configured rate
 * (the scaler's 0.5x to 2x guard a running job against bad data; here the estimate is shown to a person, and a job
 * doing 3.3x its guess must not be reported as 2x), and an estimate that ends at a bound is refused.
 *
 * <p><b>Support</b>: the minutes the estimator measured the rate from (lagging minutes, docs/signals.md), counted over
 * disjoint windows so that none counts twice. An estimate is usable when at least {@link #MIN_SUPPORTING_MINUTES}
 * minutes supported it, over at least {@link #MIN_SUPPORTING_WINDOWS} windows (one incident is not a job's rate), and
 * it is within the bounds.
 *
 * @param recordsPerSecondPerKpu the estimate, records per second per KPU (a bytes signal's divided by the bytes per
 *                               record)
 * @param supportingMinutes      distinct minutes the estimator measured from
 * @param supportingWindows      windows with at least one such minute
 * @param historyMinutes         minutes of the history (first to last minute with any metric)
 * @param configured             the starting point: the policy's configured rate, records per second per KPU
 * @param lastMeasurement        the estimator's reason at the last window that measured (empty when none did)
 * @param weakness               why the estimate is too weak to use; empty when usable
 */
public record HistoryRateEstimate(
        double recordsPerSecondPerKpu,
        int supportingMinutes,
        int supportingWindows,
        long historyMinutes,
        double configured,
        String lastMeasurement,
        String weakness) {

    /** The bounds: the configured rate divided or multiplied by this. */
    public static final double BOUND_FACTOR = 10;
    /**
     * Fewer lagging minutes than this say too little: the estimator needs 2 per window to move at all, and noise of a
     * few percent per minute (docs/signals.md) needs a few windows' worth to average out.
     */
    public static final int MIN_SUPPORTING_MINUTES = 10;
    /** ... over at least this many windows. */
    public static final int MIN_SUPPORTING_WINDOWS = 3;

    /** Whether the estimate may be tuned for. */
    public boolean usable() {
        return weakness.isEmpty();
    }

    /** The share of the history's minutes that supported the estimate. */
    public double share() {
        return historyMinutes == 0 ? 0 : (double) supportingMinutes / historyMinutes;
    }

    /** One sentence for recommendation.md and stderr. */
    public String describe() {
        return String.format(
                Locale.ROOT,
                "%,.0f records/s per KPU, estimated from the job's metrics by the scaler's "
                        + "RateEstimator: %d lagging or busy-time minutes in %d windows supported it, %.2f%% of the "
                        + "%,d minutes of history (started from the configured %,.0f)",
                recordsPerSecondPerKpu,
                supportingMinutes,
                supportingWindows,
                share() * 100,
                historyMinutes,
                configured);
    }

    /**
     * Runs the estimator over {@code export}.
     *
     * @param thresholds     the policy's load thresholds: the starting point and the signal's units
     * @param bytesPerRecord to turn a bytes signal's estimate into records
     */
    public static HistoryRateEstimate of(JobMetricsExport export, ScalingThresholds thresholds, double bytesPerRecord) {
        RateLearningSettings settings = RateLearningSettings.builder(thresholds)
                .minRate(thresholds.scaleOutPerKpu() / BOUND_FACTOR)
                .maxRate(thresholds.scaleOutPerKpu() * BOUND_FACTOR)
                .build();
        RateEstimator estimator = new RateEstimator(settings);
        double unitsPerRecord = thresholds.kind() == SignalKind.INCOMING_BYTES ? bytesPerRecord : 1;
        List<MinuteMetrics> minutes = export.minutes();
        double configured = thresholds.scaleOutPerKpu() / unitsPerRecord;
        if (minutes.isEmpty()) {
            return new HistoryRateEstimate(configured, 0, 0, 0, configured, "", "the export has no minute");
        }
        long first = minutes.get(0).minute();
        long last = minutes.get(minutes.size() - 1).minute();
        int window = settings.windowMinutes();
        LearnedRate state = null;
        int supporting = 0;
        int windows = 0;
        String measured = "";
        long rescale = RateObservation.NO_RESCALE;
        int capacityBefore = 0;
        int from = 0;
        List<MinuteMetrics> recent = new ArrayList<>();
        for (long now = first + 1; now <= last + 1; now++) {
            long m = now - 1;
            while (from < minutes.size() && minutes.get(from).minute() <= m) {
                recent.add(minutes.get(from++));
            }
            long oldest = now - window;
            recent.removeIf(x -> x.minute() < oldest);
            int capacity = export.kpusAt(m);
            if (capacity != capacityBefore) {
                rescale = m;
                capacityBefore = capacity;
            }
            if (capacity < 1) {
                continue;
            }
            RateEstimate estimate =
                    estimator.estimate(new RateObservation(now, recent, capacity, true, rescale, state));
            state = estimate.state();
            // disjoint windows, so that no lagging minute is counted twice
            if ((now - first) % window == 0 && estimate.supportingMinutes() > 0) {
                supporting += estimate.supportingMinutes();
                windows++;
                measured = estimate.reason();
            }
        }
        double rate = state == null ? thresholds.scaleOutPerKpu() : state.rate();
        String weakness = "";
        if (state == null) {
            weakness = "no minute of the export has a capacity (kpus)";
        } else if (supporting < MIN_SUPPORTING_MINUTES || windows < MIN_SUPPORTING_WINDOWS) {
            weakness = supporting + " lagging or busy-time minutes in " + windows + " windows supported the estimate; "
                    + "at least " + MIN_SUPPORTING_MINUTES + " in " + MIN_SUPPORTING_WINDOWS + " windows are needed "
                    + "(the job must have fallen behind by a minute or more, and caught up, a few times: after a "
                    + "rescale it does; or its export must hold the busiest task's busy time)";
        } else if (rate <= settings.minRate() * 1.0001 || rate >= settings.maxRate() / 1.0001) {
            weakness = String.format(
                    Locale.ROOT,
                    "the estimate ended at a bound (%,.0f, %sx the configured rate): "
                            + "the true rate may be beyond it",
                    rate / unitsPerRecord,
                    rate >= settings.maxRate() / 1.0001 ? "10" : "0.1");
        }
        return new HistoryRateEstimate(
                rate / unitsPerRecord, supporting, windows, last - first + 1, configured, measured, weakness);
    }
}
