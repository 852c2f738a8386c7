package io.github.kdastepscaling.lambda;

/**
 * The answer to Application Auto Scaling, and the outcome of one decision.
 *
 * @param actualCapacity KPUs running now
 * @param desiredCapacity the last desired capacity accepted, or the actual one if none was ever asked
 * @param scalingStatus where the change stands
 * @param failureReason why the change cannot be applied, only with {@link ScalingStatus#Failed}
 */
public record ScalingState(
        int actualCapacity, int desiredCapacity, ScalingStatus scalingStatus, String failureReason) {}
