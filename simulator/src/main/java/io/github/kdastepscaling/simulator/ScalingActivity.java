package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.ScalingDirection;

/**
 * One capacity change Application Auto Scaling asked for.
 *
 * @param minute    the minute from which the new capacity is asked for (0-based)
 * @param direction which policy acted
 * @param from      the capacity before
 * @param to        the desired capacity asked for
 */
public record ScalingActivity(int minute, ScalingDirection direction, int from, int to) {
}
