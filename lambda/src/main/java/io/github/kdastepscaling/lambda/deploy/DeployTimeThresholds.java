package io.github.kdastepscaling.lambda.deploy;

import io.github.kdastepscaling.policy.CapacityRange;
import io.github.kdastepscaling.policy.ScalingThresholds;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The load alarms' thresholds a deploy writes: those of the stored capacity ({@link DeployTimeCapacity}, the one the
 * parallelism is deployed with), by the shared formula ({@link ScalingThresholds}), with the scale-in rule at the
 * scalable target's current minimum, as the scaler sets them. A deploy that updates an alarm therefore writes back the
 * thresholds the scaler already set for the capacity the job runs at, not those of the initial capacity, and cannot
 * make the alarm fire (with the default one-of-one scale-out alarm, a restart).
 *
 * <p>A read that fails stops the deploy with the reason rather than guess: a guessed threshold could scale the job.
 */
final class DeployTimeThresholds {

    /**
     * What the resource decided, for its response and the function's log.
     *
     * @param minimum the minimum the scale-in threshold was computed with
     */
    record Result(int capacity, int minimum, double scaleOut, double scaleIn, String reason) {
    }

    /** The scalable target's current range, or empty when no such target is registered. */
    interface CurrentRange {
        Optional<CapacityRange> read(String resourceId);
    }

    private final DeployTimeCapacity storedCapacity;
    private final CurrentRange currentRange;

    DeployTimeThresholds(DeployTimeCapacity storedCapacity, CurrentRange currentRange) {
        this.storedCapacity = storedCapacity;
        this.currentRange = currentRange;
    }

    /**
     * @param configured the thresholds the template's policy gives (its per-KPU settings and deployed minimum)
     * @throws IllegalStateException with the reason the deploy must stop: the stored capacity or the target's range
     *     cannot be read
     */
    Result thresholds(String parameterName, int initialCapacity, int kpuQuota, ScalingThresholds configured,
                      String scalableTargetResourceId) {
        DeployTimeCapacity.StoredCapacity stored = storedCapacity.storedCapacity(parameterName, initialCapacity,
                kpuQuota);
        Optional<CapacityRange> range;
        try {
            range = currentRange.read(scalableTargetResourceId);
        } catch (SdkException e) {
            throw new IllegalStateException("could not read the scalable target's current minimum ("
                    + e.getMessage() + "): the deploy stops rather than write alarm thresholds that could scale the "
                    + "job");
        }
        int minimum = range.map(CapacityRange::minCapacity).orElse(configured.minCapacity());
        ScalingThresholds thresholds = rates(configured).withMinCapacity(minimum);
        int capacity = stored.capacity();
        return new Result(capacity, minimum, thresholds.scaleOutThreshold(capacity),
                thresholds.scaleInThreshold(capacity), stored.reason() + "; minimum " + minimum
                        + (range.isPresent() ? ", the scalable target's current one"
                        : ", as deployed (no scalable target registered yet)"));
    }

    /**
     * The per-KPU rates the thresholds are computed with: the configured ones. A learned per-KPU rate, stored beside
     * the desired capacity, is read here (with the stored capacity's reader) and applied to {@code configured}, so
     * that a deploy writes the thresholds the scaler set with it.
     */
    private static ScalingThresholds rates(ScalingThresholds configured) {
        return configured;
    }
}
