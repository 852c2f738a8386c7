package io.github.kdastepscaling.policy.rate;

import static io.github.kdastepscaling.policy.rate.MinuteMetrics.finiteNonNegative;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Learns what the job really processes per KPU, from what the scaler can read on each scheduled reconcile. Pure: the
 * same observation gives the same estimate; the scaler and the simulator run this very code.
 *
 * <p>Three sources, after the Flink Kubernetes operator's autoscaler (FLIP-271), with what CloudWatch publishes:
 * <ul>
 *   <li><b>Measured while the job lags.</b> A minute whose lag (Maximum) is at least {@code laggingSeconds}, as is
 *       the next minute's, had a backlog all through: a record read at least 60 s after it arrived was waiting at
 *       the minute's start, one read in the next minute at least 60 s old was waiting at its end, and a running job
 *       cannot fall behind again within the minute without being busy. So the job processed as much as it could,
 *       and what it consumed divided by 60 and by its KPUs is its rate per KPU. The median of at least
 *       {@code minLaggingMinutes} such minutes replaces the learned rate (up or down): this corrects a guess too high
 *       exactly when the job falls behind, and a guess too low whenever the job catches up on a backlog (after every
 *       restart).</li>
 *   <li><b>Busy time, at any load</b> (when the scaler reads Flink's {@code busyTimeMsPerSecond} of the busiest
 *       task, FLIP-271's main source). On a window without a lagging measurement, each trusted minute whose busy
 *       share lies within {@code busyMinFraction}..{@code busyMaxFraction} says the job can do its consumption per
 *       KPU divided by that share; the median of at least {@code minBusyMinutes} such minutes raises the learned
 *       rate, and cuts it only when lagging minutes corroborate a cut (then no lower than the best of them). A
 *       lagging measurement always wins over busy time; one that shows the job slower than the learned rate sets a
 *       ceiling busy time may not raise the rate past ({@link LearnedRate#busyCeiling()}): a busiest task that is
 *       not the bottleneck makes busy time overstate the rate, and the lag is the proof.</li>
 *   <li><b>Probing while the job keeps up under load.</b> When no minute lagged and the job kept up for
 *       {@code probeMinutes} of the window at {@code probeLoadFraction} or more of the learned rate per KPU, the rate
 *       is raised by {@code probeStep}, at most once per {@code probeIntervalMinutes}: a guess too low is corrected
 *       slowly even for a job that never lags; a probe too far makes it lag, and the measurement cuts it back.</li>
 * </ul>
 * Minutes not trusted: those before the last rescale (another capacity), those within {@code warmUpMinutes} after
 * the rescale or after a minute without consumption (a restart), those with throttled reads, and those whose values
 * are missing, negative or not finite. Consumption that does not match what arrived over the window and the change
 * of the backlog (a second consumer on the stream, other units) is not used at all. The result stays within {@code minRate} and
 * {@code maxRate}, moves at most {@code maxMovePerHour} within an hour, and ignores differences within
 * {@code hysteresis}.
 */
public final class RateEstimator {

    private final RateLearningSettings settings;

    public RateEstimator(RateLearningSettings settings) {
        this.settings = settings;
    }

    public RateLearningSettings settings() {
        return settings;
    }

    /**
     * The estimate for one reconcile, with what the recent load needs at the resulting rates ({@link LoadNeeds}).
     * Never throws for bad metric data: it is ignored, with the reason.
     */
    public RateEstimate estimate(RateObservation observation) {
        RateEstimate estimate = estimateRate(observation);
        LearnedRate sized = ResizeAfterRaise.track(estimate.state(), observation, settings.configuredScaleOutPerKpu());
        return new RateEstimate(
                LoadNeeds.refresh(sized, observation, estimate.scaleOutPerKpu(), estimate.scaleInPerKpu(), settings),
                estimate.scaleOutPerKpu(),
                estimate.scaleInPerKpu(),
                estimate.reason(),
                estimate.supportingMinutes(),
                estimate.changed());
    }

    private RateEstimate estimateRate(RateObservation observation) {
        long now = observation.now();
        double configured = settings.configuredScaleOutPerKpu();
        LearnedRate previous = observation.previous();
        String start = "";
        LearnedRate state;
        if (previous == null) {
            state = LearnedRate.start(configured, now);
            start = "learning starts at the configured " + rate(configured) + "; ";
        } else if (previous.configured() != configured) {
            state = LearnedRate.start(configured, now);
            start = "the configured rate changed from " + rate(previous.configured()) + ": learning starts over; ";
        } else {
            state = previous;
        }
        double bounded = clamp(state.rate(), settings.minRate(), settings.maxRate());
        if (bounded != state.rate()) {
            start += "the learned " + rate(state.rate()) + " is outside the bounds; ";
            state = new LearnedRate(bounded, configured, bounded, now, now, state.busyCeiling());
        }
        double before = previous == null ? Double.NaN : previous.rate();
        if (!observation.running()) {
            return result(
                    state,
                    before,
                    start + "the application is not RUNNING: learned rate kept at " + rate(state.rate()),
                    0);
        }
        if (observation.capacity() < 1) {
            return result(
                    state,
                    before,
                    start + "capacity (" + observation.capacity()
                            + ") is not a positive number of KPUs: learned rate kept at " + rate(state.rate()),
                    0);
        }
        Window window = new Window(observation, settings);
        String unchecked = ConsumptionCheck.of(window.minutes()).refusal(settings.consumerTolerance());
        if (unchecked != null) {
            return result(state, before, start + unchecked + ": learned rate kept at " + rate(state.rate()), 0);
        }
        List<Double> lagging = window.laggingRates();
        if (lagging.size() >= settings.minLaggingMinutes()) {
            state = state.withBusyCeiling(ceiling(state, Collections.max(lagging)));
            double measured = measure(lagging, state.rate());
            double target = clamp(measured, settings.minRate(), settings.maxRate());
            String seen = lagging.size() + " minutes lagging at " + observation.capacity() + " KPUs processed "
                    + rate(median(lagging)) + " per KPU (median; best " + rate(Collections.max(lagging)) + ")";
            // a lagging window that keeps the rate still counts as a measurement: the next probe waits from now
            LearnedRate kept = new LearnedRate(
                    state.rate(), configured, state.anchor(), state.anchorAt(), now, state.busyCeiling());
            return adopt(state, kept, target, requiredMove(lagging), now, before, start + seen, lagging.size());
        }
        if (window.busyRates().size() >= settings.minBusyMinutes()) {
            return fromBusyTime(state, before, start, window, observation.capacity(), now);
        }
        int underLoad = window.keptUpUnderLoad(state.rate());
        if (settings.probeStep() > 0
                && lagging.isEmpty()
                && underLoad >= settings.probeMinutes()
                && now - state.probeAt() >= settings.probeIntervalMinutes()) {
            double target = Math.min(settings.maxRate(), state.rate() * (1 + settings.probeStep()));
            if (target > state.rate()) {
                LearnedRate moved = move(state, target, now);
                return result(
                        moved,
                        before,
                        start + "kept up for " + underLoad + " minutes at "
                                + percent(settings.probeLoadFraction())
                                + " or more of the learned rate per KPU: probing up, "
                                + rate(state.rate()) + " -> " + rate(moved.rate()),
                        underLoad);
            }
        }
        return result(
                state,
                before,
                start + "learned rate kept at " + rate(state.rate()) + ": "
                        + lagging.size() + " lagging minutes (" + settings.minLaggingMinutes() + " needed)"
                        + (settings.probeStep() > 0
                                ? ", " + underLoad + " kept up under load (" + settings.probeMinutes() + " needed)"
                                : "")
                        + window.busyText() + window.distrustedText(),
                0);
    }

    /**
     * The busy-time source, when the window has no lagging measurement but enough minutes with busy time in the
     * trusted band: a KPU can do what it consumed divided by the share of the time its busiest task was busy. It
     * raises the learned rate (to the median, up to the busy-time ceiling a lagging measurement set); it cuts only
     * when corroborated, by lagging minutes (too few for a measurement of their own) that show the job slower than
     * the learned rate, and then no lower than the best of them: a busy time that overstates the work (a busiest
     * task that is not the bottleneck, busy on something else) must not make the job pay for KPUs it does not need.
     */
    private RateEstimate fromBusyTime(
            LearnedRate state, double before, String start, Window window, int capacity, long now) {
        List<Double> busy = window.busyRates();
        double measured = median(busy);
        double ceiling = state.busyCeiling();
        String seen = busy.size() + " minutes at " + capacity + " KPUs with the busiest task busy "
                + percent(settings.busyMinFraction()) + ".." + percent(settings.busyMaxFraction())
                + " of the time: busy time says " + rate(measured) + " per KPU (median)";
        double target;
        if (measured > state.rate()) {
            // a raise never cuts: a ceiling below the learned rate (set by a lagging measurement too small to move
            // the rate) only stops the raise
            target = Double.isNaN(ceiling) ? measured : Math.max(state.rate(), Math.min(measured, ceiling));
            if (target < measured) {
                seen += ", capped at " + rate(Math.max(state.rate(), ceiling))
                        + " (a lagging measurement showed the job slower)";
            }
        } else {
            List<Double> lagging = window.laggingRates();
            double best = lagging.isEmpty() ? Double.NaN : Collections.max(lagging);
            if (!(best < state.rate() * (1 - settings.hysteresis()))) {
                return result(
                        state,
                        before,
                        start + seen + "; busy time alone only raises: learned rate kept at " + rate(state.rate()),
                        busy.size());
            }
            target = Math.max(measured, best);
            seen += ", corroborated by " + lagging.size() + " lagging minutes (best " + rate(best) + ")";
        }
        target = clamp(target, settings.minRate(), settings.maxRate());
        return adopt(state, state, target, requiredMove(busy), now, before, start + seen, busy.size());
    }

    /**
     * A measurement's outcome: a {@code target} within {@code required} of the learned rate (the hysteresis, or what
     * the noise of the sample explains) keeps it (as {@code kept}), one beyond moves the rate towards it within the
     * hour's move limit. {@code seen} says what was measured.
     */
    private RateEstimate adopt(
            LearnedRate state,
            LearnedRate kept,
            double target,
            double required,
            long now,
            double before,
            String seen,
            int supporting) {
        if (Math.abs(target - state.rate()) <= required * state.rate()) {
            return result(
                    kept,
                    before,
                    seen + ", within " + percent(required) + " of the learned rate (" + withinWhat(required)
                            + "): kept at " + rate(state.rate()),
                    supporting);
        }
        LearnedRate moved = move(state, target, now);
        return result(
                moved,
                before,
                seen + ": learned rate " + rate(state.rate()) + " -> " + rate(moved.rate())
                        + limits(target, moved.rate()),
                supporting);
    }

    /**
     * The busy-time ceiling after a lagging measurement whose best minute is {@code best}: a job slower than the
     * learned rate sets it there (busy time may not raise the rate past what the job did while it lagged); a job
     * faster than the ceiling lifts it.
     */
    private static double ceiling(LearnedRate state, double best) {
        if (best < state.rate()) {
            return best;
        }
        return !Double.isNaN(state.busyCeiling()) && best > state.busyCeiling() ? best : state.busyCeiling();
    }

    /** {@code state} moved towards {@code target}, within the bounds and the hour's move limit. */
    private LearnedRate move(LearnedRate state, double target, long now) {
        double anchor = state.anchor();
        long anchorAt = state.anchorAt();
        if (now - anchorAt >= 60) {
            anchor = state.rate();
            anchorAt = now;
        }
        double limit = 1 + settings.maxMovePerHour();
        double low = Math.max(settings.minRate(), anchor / limit);
        double high = Math.min(settings.maxRate(), anchor * limit);
        double moved = clamp(target, low, high);
        return new LearnedRate(moved, settings.configuredScaleOutPerKpu(), anchor, anchorAt, now, state.busyCeiling());
    }

    private String limits(double target, double moved) {
        if (moved == target) {
            return "";
        }
        return " (" + rate(target) + " is beyond the move limit of " + percent(settings.maxMovePerHour()) + " an hour)";
    }

    private RateEstimate result(LearnedRate state, double before, String reason, int supporting) {
        return new RateEstimate(
                state,
                state.rate(),
                state.rate() * settings.scaleInRatio(),
                reason,
                supporting,
                !(state.rate() == before));
    }

    private static double clamp(double value, double low, double high) {
        return Math.max(low, Math.min(high, value));
    }

    /**
     * What the lagging minutes support, moving as little as the evidence allows: a raise goes to their median (noise
     * pushes single minutes up as often as down), a cut to their highest (every lagging minute is a lower bound of
     * what the job can do, and a minute still warming up after a restart is low: the best minute is what it proved).
     * Between the two, the learned rate stands.
     */
    private double measure(List<Double> lagging, double learned) {
        double median = median(lagging);
        if (median > learned) {
            return median;
        }
        double best = Collections.max(lagging);
        return Math.min(best, learned);
    }

    /**
     * How far from the learned rate a sample must lie to move it ({@link RateLearningSettings#requiredMove}). Its
     * spread, once it has three minutes, is the median absolute deviation scaled to a standard deviation (x1.4826):
     * robust, so that one minute still warming up does not make a real correction look like noise.
     */
    private double requiredMove(List<Double> sample) {
        double spread = 0;
        if (sample.size() >= 3) {
            double median = median(sample);
            List<Double> deviations = new ArrayList<>();
            for (double value : sample) {
                deviations.add(Math.abs(value - median));
            }
            spread = 1.4826 * median(deviations) / median;
        }
        return settings.requiredMove(sample.size(), spread);
    }

    private String withinWhat(double required) {
        return required > settings.hysteresis() ? "what the noise of so few minutes explains" : "the hysteresis";
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String rate(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }

    /** The window's minutes, classified once. */
    private static final class Window {
        private final Map<Long, MinuteMetrics> byMinute = new TreeMap<>();
        private final RateObservation observation;
        private final RateLearningSettings settings;
        private final double laggingMillis;
        private final List<Double> laggingRates = new ArrayList<>();
        private final List<Double> keptUpRates = new ArrayList<>();
        private final List<Double> busyRates = new ArrayList<>();
        private int busyReported;
        private int invalid;
        private int warmUp;
        private int throttled;

        Window(RateObservation observation, RateLearningSettings settings) {
            this.observation = observation;
            this.settings = settings;
            this.laggingMillis = settings.laggingSeconds() * 1000.0;
            long from = Math.max(observation.now() - settings.windowMinutes(), observation.lastRescaleMinute());
            for (MinuteMetrics minute : observation.window()) {
                if (minute != null
                        && minute.minute() >= observation.now() - settings.windowMinutes()
                        && minute.minute() < observation.now()) {
                    byMinute.putIfAbsent(minute.minute(), minute);
                }
            }
            for (long m = from; m < observation.now(); m++) {
                classify(m);
            }
        }

        private void classify(long m) {
            MinuteMetrics minute = byMinute.get(m);
            if (minute == null) {
                return;
            }
            if (!valid(minute)) {
                invalid++;
                return;
            }
            if (warmingUp(m)) {
                warmUp++;
                return;
            }
            if (minute.throttledReads()) {
                throttled++;
                return;
            }
            double perKpu = minute.consumed() / 60 / observation.capacity();
            double busy = minute.busyFraction();
            if (!Double.isNaN(busy)) {
                busyReported++;
                if (busy >= settings.busyMinFraction() && busy <= settings.busyMaxFraction() && perKpu > 0) {
                    busyRates.add(perKpu / busy);
                }
            }
            if (lagAtLeast(m) && lagAtLeast(m + 1)) {
                laggingRates.add(perKpu);
            } else if (lagBelow(m - 1) && lagBelow(m)) {
                keptUpRates.add(perKpu);
            }
        }

        private static boolean valid(MinuteMetrics minute) {
            return finiteNonNegative(minute.consumed())
                    && finiteNonNegative(minute.lagMillis())
                    && finiteNonNegative(minute.incoming())
                    && (Double.isNaN(minute.throttled()) || finiteNonNegative(minute.throttled()));
        }

        /**
         * A minute just after the rescale, or just after a minute with no consumption (a restart), warms up; so does
         * one whose minutes before fall outside the window, since nothing says they were not a restart.
         */
        private boolean warmingUp(long m) {
            for (long k = m - settings.warmUpMinutes(); k < m; k++) {
                MinuteMetrics before = byMinute.get(k);
                if (k < observation.lastRescaleMinute() || before == null || !(before.consumed() >= 0)) {
                    return true;
                }
            }
            return false;
        }

        private boolean lagAtLeast(long m) {
            MinuteMetrics minute = byMinute.get(m);
            return minute != null && minute.lagMillis() >= laggingMillis && !Double.isInfinite(minute.lagMillis());
        }

        private boolean lagBelow(long m) {
            MinuteMetrics minute = byMinute.get(m);
            return minute != null && minute.lagMillis() >= 0 && minute.lagMillis() < laggingMillis;
        }

        List<Double> laggingRates() {
            return laggingRates;
        }

        /** Per trusted minute with busy time in the band: its consumption per KPU over its busy share. */
        List<Double> busyRates() {
            return busyRates;
        }

        /** What busy time gave, for the reason of a window that learned nothing; empty when none was reported. */
        String busyText() {
            return busyReported == 0
                    ? ""
                    : ", " + busyRates.size() + " of " + busyReported + " minutes with busy "
                            + "time in the trusted band (" + settings.minBusyMinutes() + " needed)";
        }

        /** The window's minutes with datapoints, in order. */
        Collection<MinuteMetrics> minutes() {
            return byMinute.values();
        }

        int keptUpUnderLoad(double learned) {
            int n = 0;
            for (double perKpu : keptUpRates) {
                if (perKpu >= settings.probeLoadFraction() * learned) {
                    n++;
                }
            }
            return n;
        }

        String distrustedText() {
            List<String> parts = new ArrayList<>();
            if (warmUp > 0) {
                parts.add(warmUp + " warming up");
            }
            if (throttled > 0) {
                parts.add(throttled + " throttled");
            }
            if (invalid > 0) {
                parts.add(invalid + " with missing or invalid data");
            }
            return parts.isEmpty() ? "" : "; not trusted: " + String.join(", ", parts);
        }
    }
}
