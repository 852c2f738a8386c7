package io.github.kdastepscaling.lambda;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ResourceInUseException;

/**
 * Carries out a {@link ScalingPlan} with the clients: the desire a pause adopts, the update guarded by the
 * conditional token, the rescale record, and what the decision log says each did. ConcurrentModificationException is left to the caller, which
 * describes again and decides again; every other AWS failure of the update ends the call.
 */
final class ScalingRealizer {

    private final FlinkApplication application;
    private final DesiredCapacityStore desiredCapacity;
    private final RescaleAttempts attempts;

    ScalingRealizer(FlinkApplication application, DesiredCapacityStore desiredCapacity, RescaleAttempts attempts) {
        this.application = application;
        this.desiredCapacity = desiredCapacity;
        this.attempts = attempts;
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
        record(new RescaleAttempts.Attempt(rescale.desired(), seen.actualCapacity(), version, rescale.attempt()),
                decision);
        return rescale.submitted();
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
     * Stores the capacity a pause holds as the desire. The application is not moved either way: a failed write is
     * said, and the next call (still paused) writes it again.
     */
    private void adopt(int capacity, Decision decision) {
        try {
            desiredCapacity.write(capacity);
            decision.did("adopted " + capacity + " KPUs as the desired capacity in " + desiredCapacity.parameterName()
                    + ", so resuming scaling does not move the application");
        } catch (SdkException e) {
            decision.did("could not store the held capacity " + capacity + " as the desired capacity in "
                    + desiredCapacity.parameterName() + ": " + AwsFailure.describe(e) + "; a later call tries again");
        }
    }

    private void forgetRescale(int tookCapacity, Decision decision) {
        try {
            attempts.clear();
            decision.did("the rescale to " + tookCapacity + " KPUs took: cleared " + attempts.parameterName());
        } catch (SdkException e) {
            decision.did("could not clear " + attempts.parameterName() + ": " + AwsFailure.describe(e));
        }
    }
}
