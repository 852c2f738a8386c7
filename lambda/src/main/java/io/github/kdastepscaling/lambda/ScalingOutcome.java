package io.github.kdastepscaling.lambda;

/**
 * How one decision ends: the answer, and the capacity the alarm thresholds are set for.
 *
 * @param state the answer
 * @param thresholdCapacity the capacity the alarms must be set for: the one the application runs, or is about to run
 *                          once the change in flight lands
 */
record ScalingOutcome(ScalingState state, int thresholdCapacity) {}
