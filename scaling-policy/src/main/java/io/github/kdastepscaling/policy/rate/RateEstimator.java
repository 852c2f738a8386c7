package io.github.kdastepscaling.policy.rate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Learns what the job really processes per KPU, from what the scaler can read on each scheduled reconcile. Pure: the
 * same observation gives the same estimate; the scaler and the simulator run this very code.
 *
 * <p>Two sources, after the Flink Kubernetes operator's autoscaler (FLIP-271), with what CloudWatch publishes:
 * <ul>
 *   <li><b>Measured while the job lags.</b> A minute whose lag (Maximum) is at least {@code laggingSeconds}, as is
 *       the next minute's, had a backlog all through: a record read at least 60 s after it arrived was waiting at
 *       the minute's start, one read in the next minute at least 60 s old was waiting at its end, and a running job
 *       cannot fall behind again within the minute without being busy. So the job processed as much as it could,
 *       and what it consumed divided by 60 and by its KPUs is its rate per KPU. The median of at least
 *       {@code minLaggingMinutes} such minutes replaces the learned rate (up or down): this corrects a guess too high
 *       exactly when the job falls behind, and a guess too low whenever the job catches up on a backlog (after every
 *       restart).</li>
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

    /** The estimate for one reconcile. Never throws for bad metric data: it is ignored, with the reason. */
    public RateEstimate estimate(RateObservation observation) {
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
            state = new LearnedRate(bounded, configured, bounded, now, now);
        }
        double before = previous == null ? Double.NaN : previous.rate();
        if (!observation.running()) {
            return result(state, before, start + "the application is not RUNNING: learned rate kept at "
                    + rate(state.rate()), 0);
        }
        if (observation.capacity() < 1) {
            return result(state, before, start + "capacity (" + observation.capacity()
                    + ") is not a positive number of KPUs: learned rate kept at " + rate(state.rate()), 0);
        }
        Window window = new Window(observation, settings);
        if (Double.isNaN(window.consumedToExpected())) {
            return result(state, before, start + "fewer than " + RateLearningSettings.DEFAULT_CONSUMER_CHECK_MINUTES
                    + " minutes with consumption and lag in the window: too few to check the consumption against the "
                    + "incoming load; learned rate kept at " + rate(state.rate()), 0);
        }
        if (window.consumerMismatch()) {
            return result(state, before, start + String.format(Locale.ROOT, "consumption is %.2fx what arrived "
                    + "and the backlog explain (another consumer on the stream, or other units): learned rate kept "
                    + "at %s", window.consumedToExpected(), rate(state.rate())), 0);
        }
        List<Double> lagging = window.laggingRates();
        if (lagging.size() >= settings.minLaggingMinutes()) {
            double measured = measure(lagging, state.rate());
            double target = clamp(measured, settings.minRate(), settings.maxRate());
            String seen = lagging.size() + " minutes lagging at " + observation.capacity() + " KPUs processed "
                    + rate(median(lagging)) + " per KPU (median; best " + rate(Collections.max(lagging)) + ")";
            if (Math.abs(target - state.rate()) <= settings.hysteresis() * state.rate()) {
                LearnedRate kept = new LearnedRate(state.rate(), configured, state.anchor(), state.anchorAt(), now);
                return result(kept, before, start + seen + ", within " + percent(settings.hysteresis())
                        + " of the learned rate: kept at " + rate(state.rate()), lagging.size());
            }
            LearnedRate moved = move(state, target, now);
            return result(moved, before, start + seen + ": learned rate " + rate(state.rate()) + " -> "
                    + rate(moved.rate()) + limits(target, moved.rate()), lagging.size());
        }
        int underLoad = window.keptUpUnderLoad(state.rate());
        if (settings.probeStep() > 0 && lagging.isEmpty() && underLoad >= settings.probeMinutes()
                && now - state.probeAt() >= settings.probeIntervalMinutes()) {
            double target = Math.min(settings.maxRate(), state.rate() * (1 + settings.probeStep()));
            if (target > state.rate()) {
                LearnedRate moved = move(state, target, now);
                return result(moved, before, start + "kept up for " + underLoad + " minutes at "
                        + percent(settings.probeLoadFraction()) + " or more of the learned rate per KPU: probing up, "
                        + rate(state.rate()) + " -> " + rate(moved.rate()), underLoad);
            }
        }
        return result(state, before, start + "learned rate kept at " + rate(state.rate()) + ": "
                + lagging.size() + " lagging minutes (" + settings.minLaggingMinutes() + " needed)"
                + (settings.probeStep() > 0 ? ", " + underLoad + " kept up under load (" + settings.probeMinutes()
                + " needed)" : "") + window.distrustedText(), 0);
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
        return new LearnedRate(moved, settings.configuredScaleOutPerKpu(), anchor, anchorAt, now);
    }

    private String limits(double target, double moved) {
        if (moved == target) {
            return "";
        }
        return " (" + rate(target) + " is beyond the move limit of " + percent(settings.maxMovePerHour())
                + " an hour)";
    }

    private RateEstimate result(LearnedRate state, double before, String reason, int supporting) {
        return new RateEstimate(state, state.rate(), state.rate() * settings.scaleInRatio(), reason, supporting,
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
        private int invalid;
        private int warmUp;
        private int throttled;

        Window(RateObservation observation, RateLearningSettings settings) {
            this.observation = observation;
            this.settings = settings;
            this.laggingMillis = settings.laggingSeconds() * 1000.0;
            long from = Math.max(observation.now() - settings.windowMinutes(), observation.lastRescaleMinute());
            for (MinuteMetrics minute : observation.window()) {
                if (minute != null && minute.minute() >= observation.now() - settings.windowMinutes()
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
            if (lagAtLeast(m) && lagAtLeast(m + 1)) {
                laggingRates.add(perKpu);
            } else if (lagBelow(m - 1) && lagBelow(m)) {
                keptUpRates.add(perKpu);
            }
        }

        private static boolean valid(MinuteMetrics minute) {
            return finiteNonNegative(minute.consumed()) && finiteNonNegative(minute.lagMillis())
                    && finiteNonNegative(minute.incoming())
                    && (Double.isNaN(minute.throttled()) || finiteNonNegative(minute.throttled()));
        }

        private static boolean finiteNonNegative(double value) {
            return value >= 0 && !Double.isInfinite(value);
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

        /**
         * What the window's consumption is, against what it should be: over the window the job consumes what arrived
         * plus the backlog it had at the start less the one it has at the end; a backlog is about the lag times the
         * arrival rate. Another consumer counted in the same series doubles it, other units scale it.
         */
        double consumedToExpected() {
            double consumed = 0;
            double incoming = 0;
            int withConsumption = 0;
            MinuteMetrics first = null;
            MinuteMetrics last = null;
            for (MinuteMetrics minute : byMinute.values()) {
                if (finiteNonNegative(minute.consumed())) {
                    consumed += minute.consumed();
                    withConsumption++;
                }
                if (finiteNonNegative(minute.incoming())) {
                    incoming += minute.incoming();
                    if (finiteNonNegative(minute.lagMillis())) {
                        first = first == null ? minute : first;
                        last = minute;
                    }
                }
            }
            if (withConsumption < RateLearningSettings.DEFAULT_CONSUMER_CHECK_MINUTES || first == null
                    || incoming == 0 && consumed == 0) {
                return Double.NaN;
            }
            double expected = incoming + backlog(first) - backlog(last);
            return expected > 0 ? consumed / expected : Double.POSITIVE_INFINITY;
        }

        private static double backlog(MinuteMetrics minute) {
            return minute.lagMillis() / 1000 * minute.incoming() / 60;
        }

        boolean consumerMismatch() {
            double ratio = consumedToExpected();
            double limit = 1 + settings.consumerTolerance();
            return ratio > limit || ratio < 1 / limit;
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
