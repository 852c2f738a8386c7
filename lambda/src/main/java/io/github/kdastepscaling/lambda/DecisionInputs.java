package io.github.kdastepscaling.lambda;

import io.github.kdastepscaling.policy.ScalingThresholds;
import java.util.OptionalInt;

/**
 * Everything one decision takes in, as values: what the scaler saw and what is stored. {@link ScalingDecision} turns
 * it into a {@link ScalingPlan} without a call.
 *
 * <p>Built with {@link #seeing} and the {@code with...} methods, so an input added later (a learned per-KPU rate and
 * the learner's state, say) gets a default there and leaves every existing caller and test case as it is.
 *
 * @param configuration the scaler's settings
 * @param seen what DescribeApplication showed
 * @param asked the capacity a PATCH asked for (already stored), or empty
 * @param stored the stored desire as read, or empty when none is stored or it was not read (a PATCH carries its own)
 * @param lastRescale the record of the last rescale submitted
 * @param suspension what the scalable target has suspended ({@link ScalingSuspension#NONE} when nothing, or unknown)
 * @param thresholdRates the per-KPU rates the alarm thresholds are computed from, with the construct's minimum;
 *                       today the configured ones, later perhaps learned ones; null for fixed (utilization)
 *                       thresholds
 * @param rate what the decision knows of the learned per-KPU rate, or null when learning is off
 * @param targetMaxCapacity the scalable target's current maximum, which a raised scale-out never passes; empty when
 *                          unknown (a scale-out is then not raised)
 */
record DecisionInputs(
        ScalerConfiguration configuration,
        ApplicationState seen,
        OptionalInt asked,
        OptionalInt stored,
        RescaleRecord lastRescale,
        ScalingSuspension suspension,
        ScalingThresholds thresholdRates,
        RateInputs rate,
        OptionalInt targetMaxCapacity) {

    /**
     * What a decision sees with nothing asked, nothing stored, the rescale record unread, nothing suspended and the
     * configured rates.
     */
    static DecisionInputs seeing(ScalerConfiguration configuration, ApplicationState seen) {
        return new DecisionInputs(
                configuration,
                seen,
                OptionalInt.empty(),
                OptionalInt.empty(),
                RescaleRecord.NOT_READ,
                ScalingSuspension.NONE,
                configuration.thresholds(),
                null,
                OptionalInt.empty());
    }

    DecisionInputs withAsked(OptionalInt capacity) {
        return new DecisionInputs(
                configuration,
                seen,
                capacity,
                stored,
                lastRescale,
                suspension,
                thresholdRates,
                rate,
                targetMaxCapacity);
    }

    DecisionInputs withStored(OptionalInt capacity) {
        return new DecisionInputs(
                configuration, seen, asked, capacity, lastRescale, suspension, thresholdRates, rate, targetMaxCapacity);
    }

    DecisionInputs withLastRescale(RescaleRecord record) {
        return new DecisionInputs(
                configuration, seen, asked, stored, record, suspension, thresholdRates, rate, targetMaxCapacity);
    }

    DecisionInputs withSuspension(ScalingSuspension state) {
        return new DecisionInputs(
                configuration, seen, asked, stored, lastRescale, state, thresholdRates, rate, targetMaxCapacity);
    }

    DecisionInputs withThresholdRates(ScalingThresholds rates) {
        return new DecisionInputs(
                configuration, seen, asked, stored, lastRescale, suspension, rates, rate, targetMaxCapacity);
    }

    DecisionInputs withRate(RateInputs inputs) {
        return new DecisionInputs(
                configuration, seen, asked, stored, lastRescale, suspension, thresholdRates, inputs, targetMaxCapacity);
    }

    DecisionInputs withTargetMaxCapacity(OptionalInt max) {
        return new DecisionInputs(
                configuration, seen, asked, stored, lastRescale, suspension, thresholdRates, rate, max);
    }

    /** Whether the decision may need the rescale record: only a RUNNING application is rescaled or found settled. */
    static boolean needsRescaleRecord(ApplicationState seen) {
        return seen.isRunning();
    }
}
