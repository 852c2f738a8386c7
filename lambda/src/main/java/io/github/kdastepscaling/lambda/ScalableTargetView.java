package io.github.kdastepscaling.lambda;

import io.github.kdastepscaling.policy.CapacityRange;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The scalable target as the decision needs it, from one {@code DescribeScalableTargets} per call: its current
 * minimum capacity (for the alarm thresholds) and its suspended state (to hold the application while an operator has
 * paused scaling).
 *
 * <p>Why read the minimum rather than use the construct's {@code minCapacity}: Application Auto Scaling owns the
 * range, and a scheduled action, {@code register-scalable-target} or the console move it at run time. At the minimum
 * the scale-in threshold is 0 (nothing can be removed, so the alarm must never fire); at the construct's minimum after
 * a scheduled action lowered it, a 0 there would block every scale-in to the new minimum, and a positive threshold at
 * a raised minimum would keep the scale-in alarm in ALARM for nothing. {@code DescribeScalableTargets} is one cheap
 * call, and the answer is always the service's own, unlike a copy the scaler would have to keep in step.
 */
final class ScalableTargetView {

    /**
     * @param minCapacity the minimum to compute thresholds with
     * @param note what the decision log says about it, or null when it is the construct's and was read as such
     * @param problem why it could not be read, or null
     */
    record Minimum(int minCapacity, String note, String problem) {}

    /**
     * What one read showed.
     *
     * @param minimum the minimum capacity to set thresholds with
     * @param suspension what is suspended; {@link ScalingSuspension#NONE} when the target is not registered or could
     *                   not be read
     * @param suspensionNote what the decision log says about a suspension that could not be read, or null
     * @param registered whether the target is registered; null when it could not be read
     * @param range the target's current range; empty when it could not be read or is not registered
     */
    record Reading(
            Minimum minimum,
            ScalingSuspension suspension,
            String suspensionNote,
            Boolean registered,
            Optional<CapacityRange> range) {

        /** Whether the read found no such target: before RegisterScalableTarget, or deregistered since. */
        boolean missing() {
            return Boolean.FALSE.equals(registered);
        }
    }

    private final ScalableTargetClient client;
    private final String resourceId;
    private final int configuredMinCapacity;

    ScalableTargetView(ScalableTargetClient client, String resourceId, int configuredMinCapacity) {
        this.client = client;
        this.resourceId = resourceId;
        this.configuredMinCapacity = configuredMinCapacity;
    }

    /** The target as it is now; never throws for AWS failures, falling back to the construct's minimum. */
    Reading read() {
        Optional<ScalableTargetClient.Target> target;
        try {
            target = client.current(resourceId);
        } catch (SdkException e) {
            String failure = AwsFailure.describe(e);
            // Deciding as if nothing were suspended keeps scaling going through a failed read; a pause already seen
            // has adopted the application's capacity as the desire, so it is not undone by one.
            return new Reading(
                    new Minimum(
                            configuredMinCapacity,
                            null,
                            "could not read the scalable target's "
                                    + "current range (" + failure + "): thresholds assume the construct's minCapacity ("
                                    + configuredMinCapacity + ") until a later call reads it"),
                    ScalingSuspension.NONE,
                    "could not read whether the scalable target's scaling is suspended (" + failure
                            + "): deciding as if it is not",
                    null,
                    Optional.empty());
        }
        if (target.isEmpty()) {
            // RegisterScalableTarget calls GET before the target exists; the template's range applies then.
            return new Reading(
                    new Minimum(
                            configuredMinCapacity,
                            "the scalable target is not registered (yet): "
                                    + "thresholds use the construct's minCapacity (" + configuredMinCapacity + ")",
                            null),
                    ScalingSuspension.NONE,
                    null,
                    false,
                    Optional.empty());
        }
        int min = target.get().range().minCapacity();
        return new Reading(
                new Minimum(
                        min,
                        min == configuredMinCapacity
                                ? null
                                : "the scalable target's minimum "
                                        + "capacity is " + min + " (the construct's is " + configuredMinCapacity
                                        + "; a scheduled action or a "
                                        + "register-scalable-target call moved it): thresholds follow it",
                        null),
                target.get().suspension(),
                null,
                true,
                Optional.of(target.get().range()));
    }

    /** Warms the call's code path before a SnapStart checkpoint. */
    void prime() {
        client.current(resourceId);
    }
}
