package io.github.kdastepscaling.lambda;

import io.github.kdastepscaling.policy.rate.LearnedRate;
import java.time.Clock;
import java.time.Instant;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ResourceInUseException;

/**
 * Carries out a {@link ScalingPlan} with the clients: the desire a pause adopts, the learned rate's new state, the
 * update guarded by the conditional token, the rescale record (and, with snapshot retention, the rescale history),
 * and what the decision log says each did. ConcurrentModificationException is left to the caller, which describes
 * again and decides again; every other AWS failure of the update ends the call. A failed write of the learned rate or
 * of the history is said in the decision log and never stops the decision.
 */
final class ScalingRealizer {

    private final FlinkApplication application;
    private final DesiredCapacityStore desiredCapacity;
    private final RescaleAttempts attempts;
    private final RescaleHistory history;
    private final LearnedRateStore learnedRate;
    private final Clock clock;

    /**
     * @param history     where rescales are recorded for the snapshot retention, or null when it is off
     * @param learnedRate where the learned rate is kept, or null when learning is off
     * @param clock       read just before each UpdateApplication, for the history
     */
    ScalingRealizer(
            FlinkApplication application,
            DesiredCapacityStore desiredCapacity,
            RescaleAttempts attempts,
            RescaleHistory history,
            LearnedRateStore learnedRate,
            Clock clock) {
        this.application = application;
        this.desiredCapacity = desiredCapacity;
        this.attempts = attempts;
        this.history = history;
        this.learnedRate = learnedRate;
        this.clock = clock;
    }

    /**
     * @return how the decision ends
     * @throws SdkException when the plan cannot be carried out (or could not be made) for an AWS failure
     * @throws software.amazon.awssdk.services.kinesisanalyticsv2.model.ConcurrentModificationException when the
     *         application changed since it was described
     */
    ScalingOutcome carryOut(ScalingPlan plan, Decision decision) {
        plan.notes().forEach(decision::did);
        plan.storeDesired().ifPresent(capacity -> adopt(capacity, decision));
        if (plan.storeLearnedRate() != null && learnedRate != null) {
            storeLearnedRate(plan.storeLearnedRate(), decision);
        }
        ScalingPlan.Action action = plan.action();
        if (action instanceof ScalingPlan.Answer answer) {
            if (answer.forgetRescale()) {
                forgetRescale(answer.outcome().state().actualCapacity(), decision);
            }
            return answer.outcome();
        }
        if (action instanceof ScalingPlan.Refuse refuse) {
            return refuse.outcome();
        }
        if (action instanceof ScalingPlan.CannotDecide cannotDecide) {
            throw cannotDecide.cause();
        }
        return rescale((ScalingPlan.Rescale) action, decision);
    }

    private ScalingOutcome rescale(ScalingPlan.Rescale rescale, Decision decision) {
        ApplicationState seen = rescale.from();
        long version;
        // Read just before the update: the service's snapshot for it is taken after this instant.
        Instant submittedAt = clock.instant();
        try {
            version = application.setParallelism(seen, rescale.parallelism());
        } catch (ResourceInUseException e) {
            decision.did("UpdateApplication refused: the application is busy (ResourceInUse); a later call applies "
                    + rescale.desired() + " KPUs");
            return rescale.notSubmitted();
        }
        decision.did("UpdateApplication: parallelism " + seen.parallelism() + " -> " + rescale.parallelism() + " ("
                + seen.actualCapacity() + " -> " + rescale.desired() + " KPUs at " + seen.parallelismPerKpu()
                + " per KPU), version " + version);
        decision.rescaleSubmitted();
        record(
                new RescaleAttempts.Attempt(rescale.desired(), seen.actualCapacity(), version, rescale.attempt()),
                decision);
        recordInHistory(version, submittedAt, seen.snapshotsEnabled(), decision);
        return rescale.submitted();
    }

    /**
     * Records the rescale for the snapshot retention. A lost record only keeps more snapshots: the one this rescale
     * causes can no longer be told from a team's own, so it is never deleted.
     */
    private void recordInHistory(long version, Instant submittedAt, boolean snapshotsEnabled, Decision decision) {
        if (history == null) {
            return;
        }
        try {
            history.record(version, submittedAt, snapshotsEnabled);
        } catch (SdkException e) {
            decision.did("could not record the rescale in " + history.parameterName() + ": " + AwsFailure.describe(e)
                    + "; the snapshot it causes is kept (not attributed to the scaler)");
        }
    }

    /** Stores what the reconcile learned. A failed write is said; the next reconcile learns from the old state. */
    private void storeLearnedRate(LearnedRate state, Decision decision) {
        try {
            learnedRate.write(state);
        } catch (SdkException e) {
            decision.did("could not store the learned rate in " + learnedRate.parameterName() + ": "
                    + AwsFailure.describe(e) + "; the next reconcile learns from the stored state again");
        }
    }

    /** Records the rescale just submitted. The update is in whatever happens here: a lost record only weakens the bound. */
    private void record(RescaleAttempts.Attempt attempt, Decision decision) {
        try {
            attempts.record(attempt);
        } catch (SdkException e) {
            decision.did("could not record the rescale attempt in " + attempts.parameterName() + ": "
                    + AwsFailure.describe(e));
        }
    }

    /**
     * Stores the capacity a pause holds, or a raised scale-out, as the desire. A failed write is said: a pause holds
     * the application either way and the next call writes it again; a raised scale-out is still carried out, and
     * the stored desire (the one asked) is what a later call pursues.
     */
    private void adopt(int capacity, Decision decision) {
        try {
            desiredCapacity.write(capacity);
            boolean paused =
                    decision.suspension() != null && decision.suspension().pausesScaling();
            decision.did("adopted " + capacity + " KPUs as the desired capacity in " + desiredCapacity.parameterName()
                    + (paused ? ", so resuming scaling does not move the application" : ""));
        } catch (SdkException e) {
            decision.did("could not store the held capacity " + capacity + " as the desired capacity in "
                    + desiredCapacity.parameterName() + ": " + AwsFailure.describe(e) + "; a later call tries again");
        }
    }

    private void forgetRescale(int tookCapacity, Decision decision) {
        try {
            attempts.clear();
            decision.rescaleTook();
            decision.did("the rescale to " + tookCapacity + " KPUs took: cleared " + attempts.parameterName());
        } catch (SdkException e) {
            decision.did("could not clear " + attempts.parameterName() + ": " + AwsFailure.describe(e));
        }
    }
}
