package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.ScalingDirection;

/**
 * One capacity change Application Auto Scaling asked for.
 *
 * @param minute    the minute from which the new capacity is asked for (0-based)
 * @param direction which way
 * @param from      the capacity before
 * @param to        the desired capacity asked for
 * @param lagGuard  whether the lag guard's policy asked for it (rather than a load policy or a scheduled action)
 */
public record ScalingActivity(int minute, ScalingDirection direction, int from, int to, boolean lagGuard) {

    /** A change asked for by a load policy or a scheduled action. */
    public ScalingActivity(int minute, ScalingDirection direction, int from, int to) {
        this(minute, direction, from, to, false);
    }
}
