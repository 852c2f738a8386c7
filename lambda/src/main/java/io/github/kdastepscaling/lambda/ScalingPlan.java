package io.github.kdastepscaling.lambda;

import io.github.kdastepscaling.policy.Capacity;
import io.github.kdastepscaling.policy.ScalingThresholds;
import io.github.kdastepscaling.policy.rate.LearnedRate;
import java.util.List;
import java.util.OptionalInt;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What one decision wants done, for the {@link ScalingRealizer} to carry out: the desire a pause adopts
 * ({@link #storeDesired}) and the rate learner's new state ({@link #storeLearnedRate}) are the writes beside the
 * action.
 *
 * @param notes what the decision log says about the decision, in order, before anything the realizer adds
 * @param action the one thing to do about the application
 * @param storeDesired a desired capacity to store before acting: the capacity a pause holds the application at,
 *                     adopted so that resuming does not move it; empty when the stored desire stands
 * @param thresholdRates the per-KPU rates the alarm thresholds are set from, for the outcome's capacity; null for
 *                       fixed (utilization) thresholds, or when the learned rate could not be read
 *                       ({@code rate.thresholdProblem()})
 * @param storeLearnedRate the rate estimator's new state to store (a scheduled reconcile learned), or null
 * @param rate the per-KPU rate in use, for the decision log; null when learning is off
 */
record ScalingPlan(
        List<String> notes,
        Action action,
        OptionalInt storeDesired,
        ScalingThresholds thresholdRates,
        LearnedRate storeLearnedRate,
        RateReport rate) {

    ScalingPlan {
        notes = List.copyOf(notes);
    }

    /** A plan without learning. */
    ScalingPlan(List<String> notes, Action action, OptionalInt storeDesired, ScalingThresholds thresholdRates) {
        this(notes, action, storeDesired, thresholdRates, null, null);
    }

    /** What to do about the application. */
    sealed interface Action permits Answer, Refuse, Rescale, CannotDecide {}

    /**
     * Nothing to do to the application: answer {@code outcome}.
     *
     * @param forgetRescale whether the record of the last rescale is to be cleared: it took
     */
    record Answer(ScalingOutcome outcome, boolean forgetRescale) implements Action {
        Answer(ScalingOutcome outcome) {
            this(outcome, false);
        }
    }

    /** Do not rescale, and say why: {@code outcome} is {@link ScalingStatus#Failed} with the reason. */
    record Refuse(ScalingOutcome outcome) implements Action {
        Refuse {
            if (outcome.state().scalingStatus() != ScalingStatus.Failed
                    || outcome.state().failureReason() == null) {
                throw new IllegalArgumentException("a refusal answers Failed with a reason, not " + outcome);
            }
        }
    }

    /**
     * Update the application's parallelism, guarded by {@code from}'s conditional token.
     *
     * @param from the application as described; its token guards the update
     * @param desired the capacity to reach
     * @param attempt which attempt at this rescale it is (1 for a fresh one), for the rescale record
     */
    record Rescale(ApplicationState from, int desired, int attempt) implements Action {

        /** The parallelism that gives {@code desired} KPUs at the application's own tasks per KPU. */
        int parallelism() {
            return Capacity.parallelismFor(desired, from.parallelismPerKpu());
        }

        /** The answer once the update is accepted: the application moves to {@code desired}. */
        ScalingOutcome submitted() {
            return new ScalingOutcome(
                    new ScalingState(from.actualCapacity(), desired, ScalingStatus.InProgress, null), desired);
        }

        /** The answer when the update was not made (the application was busy or changed): a later call applies it. */
        ScalingOutcome notSubmitted() {
            return new ScalingOutcome(
                    new ScalingState(from.actualCapacity(), desired, ScalingStatus.InProgress, null),
                    from.configuredCapacity());
        }
    }

    /** No decision can be made without what could not be read: the call fails with {@code cause}. */
    record CannotDecide(SdkException cause) implements Action {}
}
