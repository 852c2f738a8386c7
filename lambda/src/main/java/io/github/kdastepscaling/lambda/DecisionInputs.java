package io.github.kdastepscaling.lambda;

import io.github.kdastepscaling.policy.CapacityRange;
import io.github.kdastepscaling.policy.ScalingThresholds;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything one decision takes in, as values: what the scaler saw and what is stored. {@link ScalingDecision} turns
 * it into a {@link ScalingPlan} without a call.
 *
 * <p>The scaler gathers them in one place ({@code Scaler}); the decision tables build them with a test builder that
 * gives every input a default, so an input added later leaves their cases as they are.
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
 * @param targetRange the scalable target's current range: a raised scale-out never passes its maximum, a lowered
 *                    scale-in never its minimum; empty when unknown (a rescale then stands as asked)
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
        Optional<CapacityRange> targetRange) {

    /** Whether the decision may need the rescale record: only a RUNNING application is rescaled or found settled. */
    static boolean needsRescaleRecord(ApplicationState seen) {
        return seen.isRunning();
    }
}
