package io.github.kdastepscaling.lambda;

import io.github.kdastepscaling.policy.ScalingThresholds;
import io.github.kdastepscaling.policy.rate.LearnedRate;
import io.github.kdastepscaling.policy.rate.RateEstimate;
import io.github.kdastepscaling.policy.rate.RateLearningSettings;
import io.github.kdastepscaling.policy.rate.RateObservation;
import io.github.kdastepscaling.policy.rate.ResizeAfterRaise;
import java.util.List;
import java.util.Locale;

/**
 * The learned-rate part of the decision, pure like the rest of it: which per-KPU rates the thresholds are set from,
 * and on a scheduled reconcile the estimate and the state to store. It calls {@link
 * io.github.kdastepscaling.policy.rate.RateEstimator} as the simulator does ({@code StepScalingSimulation}): the
 * minute the reconcile runs in, the window read, the application's current capacity, whether it is RUNNING, the
 * first minute at that capacity and the previous state.
 *
 * <p>Every call sets the thresholds from the stored learned rate (with a resize's scale-in threshold while the
 * stored state holds a fresh resize need, {@link ResizeAfterRaise}); only a reconcile with a complete read learns. An
 * incomplete read keeps the previous estimate and says why; a stored state that does not parse, or that was learned
 * from another configured rate, gives way to the configured rate; a stored state that cannot be read leaves the
 * thresholds as they are ({@link RateReport#thresholdProblem()}).
 */
final class LearnedRateDecision {

    /**
     * What the decision does about the rate.
     *
     * @param thresholdRates the rates to set the thresholds from, or null to leave them as they are
     * @param toStore        the estimator's new state to store, or null when the stored one stands
     * @param report         for the decision log
     */
    record Rates(ScalingThresholds thresholdRates, LearnedRate toStore, RateReport report) {}

    private LearnedRateDecision() {}

    static Rates decide(DecisionInputs in, List<String> notes) {
        RateInputs rate = in.rate();
        ScalingThresholds configured = in.thresholdRates();
        if (rate == null || configured == null) {
            return new Rates(configured, null, null);
        }
        RateLearningSettings settings = rate.estimator().settings();
        double configuredRate = settings.configuredScaleOutPerKpu();
        if (rate.unreadable() != null) {
            String problem = "could not read the learned rate from SSM parameter " + rate.parameterName() + " ("
                    + AwsFailure.describe(rate.unreadable()) + "): thresholds left as they are, nothing learned; a "
                    + "later call reads it";
            return new Rates(null, null, new RateReport(Double.NaN, configuredRate, problem));
        }
        LearnedRate state = rate.stored().state();
        if (rate.stored().problem() != null) {
            notes.add("learned rate: " + rate.stored().problem() + "; learning starts over from the configured "
                    + number(configuredRate));
        }
        LearnedRate toStore = null;
        RateInputs.Observed observed = rate.observed();
        if (observed != null) {
            if (observed.readProblem() != null) {
                notes.add("learned rate kept at " + number(usable(state, settings, null)) + ": "
                        + observed.readProblem());
            } else {
                RateEstimate estimate = rate.estimator()
                        .estimate(new RateObservation(
                                observed.nowMinute(),
                                observed.window(),
                                in.seen().actualCapacity(),
                                in.seen().isRunning(),
                                lastRescaleMinute(in.seen()),
                                state));
                notes.add("learned rate: " + estimate.reason());
                if (state == null || !estimate.state().text().equals(state.text())) {
                    toStore = estimate.state();
                }
                state = estimate.state();
            }
        }
        double used = usable(state, settings, observed == null ? notes : null);
        ScalingThresholds thresholds = configured.withLearnedScaleOut(used);
        if (state != null && state.configured() == configuredRate) {
            thresholds = resized(thresholds, state, rate.nowMinute(), in.seen().actualCapacity(), notes);
        }
        return new Rates(thresholds, toStore, new RateReport(used, configuredRate, null));
    }

    /**
     * {@code learned} with a resize's scale-in threshold while the stored state holds a fresh resize need
     * ({@link ResizeAfterRaise}), said in the decision log while it moves the threshold at {@code capacity} (right
     * after the resize, until the next reconcile clears the need, it no longer does).
     */
    private static ScalingThresholds resized(
            ScalingThresholds learned, LearnedRate state, long nowMinute, int capacity, List<String> notes) {
        ScalingThresholds thresholds = ResizeAfterRaise.thresholds(learned, state, nowMinute);
        if (thresholds.resizeTo() > 0 && capacity > thresholds.resizeTo()) {
            notes.add("resize: the capacity was sized for " + number(state.sizedFor()) + " per KPU and the job has "
                    + "shown " + number(state.rate()) + "; the recent load fits " + thresholds.resizeTo()
                    + " KPUs at that rate, so the scale-in threshold is one KPU fewer at the scale-out rate until the "
                    + "next rescale");
        }
        return thresholds;
    }

    /**
     * The first minute at the application's current capacity, for the estimator: its last update (ours or
     * anyone's; every update restarts the job), or none when the service did not say.
     */
    static long lastRescaleMinute(ApplicationState seen) {
        return seen.lastUpdated() == null ? RateObservation.NO_RESCALE : LearningWindow.minuteOf(seen.lastUpdated());
    }

    /**
     * The rate a stored state stands for under today's settings: the configured rate when there is none or it was
     * learned from another configured rate (the next reconcile starts over), else the learned rate within today's
     * bounds.
     *
     * @param notes where to say that a stored state was set aside, or null to say nothing (a reconcile's estimate
     *              has said it already)
     */
    private static double usable(LearnedRate state, RateLearningSettings settings, List<String> notes) {
        double configured = settings.configuredScaleOutPerKpu();
        if (state == null) {
            return configured;
        }
        if (state.configured() != configured) {
            if (notes != null) {
                notes.add("learned rate: the stored rate was learned from a configured " + number(state.configured())
                        + ", now " + number(configured) + ": thresholds use the configured rate until the next "
                        + "reconcile starts learning over");
            }
            return configured;
        }
        return Math.max(settings.minRate(), Math.min(settings.maxRate(), state.rate()));
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }
}
