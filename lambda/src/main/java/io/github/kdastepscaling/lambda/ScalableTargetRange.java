package io.github.kdastepscaling.lambda;

import io.github.kdastepscaling.policy.CapacityRange;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The minimum capacity the alarm thresholds are set for: the scalable target's current one.
 *
 * <p>Why read it rather than use the construct's {@code minCapacity}: Application Auto Scaling owns the range, and a
 * scheduled action, {@code register-scalable-target} or the console move it at run time. At the minimum the scale-in
 * threshold is 0 (nothing can be removed, so the alarm must never fire); at the construct's minimum after a
 * scheduled action lowered it, a 0 there would block every scale-in to the new minimum, and a positive threshold at
 * a raised minimum would keep the scale-in alarm in ALARM for nothing. {@code DescribeScalableTargets} is one cheap
 * call, and the answer is always the service's own, unlike a copy the scaler would have to keep in step.
 */
final class ScalableTargetRange {

    /**
     * @param minCapacity the minimum to compute thresholds with
     * @param note what the decision log says about it, or null when it is the construct's and was read as such
     * @param problem why it could not be read, or null
     */
    record Minimum(int minCapacity, String note, String problem) {
    }

    private final ScalableTargetClient client;
    private final String resourceId;
    private final int configuredMinCapacity;

    ScalableTargetRange(ScalableTargetClient client, String resourceId, int configuredMinCapacity) {
        this.client = client;
        this.resourceId = resourceId;
        this.configuredMinCapacity = configuredMinCapacity;
    }

    /** The current minimum; never throws for AWS failures, falling back to the construct's minimum. */
    Minimum currentMinimum() {
        Optional<CapacityRange> range;
        try {
            range = client.currentRange(resourceId);
        } catch (SdkException e) {
            return new Minimum(configuredMinCapacity, null, "could not read the scalable target's current range ("
                    + AwsFailure.describe(e) + "): thresholds assume the construct's minCapacity ("
                    + configuredMinCapacity + ") until a later call reads it");
        }
        if (range.isEmpty()) {
            // RegisterScalableTarget calls GET before the target exists; the template's range applies then.
            return new Minimum(configuredMinCapacity, "the scalable target is not registered (yet): thresholds use "
                    + "the construct's minCapacity (" + configuredMinCapacity + ")", null);
        }
        int min = range.get().minCapacity();
        return new Minimum(min, min == configuredMinCapacity ? null : "the scalable target's minimum capacity is "
                + min + " (the construct's is " + configuredMinCapacity + "; a scheduled action or a "
                + "register-scalable-target call moved it): thresholds follow it", null);
    }

    /** Warms the call's code path before a SnapStart checkpoint. */
    void prime() {
        client.currentRange(resourceId);
    }
}
