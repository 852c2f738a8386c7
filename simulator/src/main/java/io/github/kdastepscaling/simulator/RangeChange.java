package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.CapacityRange;
import java.time.Instant;

/**
 * A scheduled action that ran during the simulation.
 *
 * @param minute    the minute it ran (0-based)
 * @param time      its wall-clock time
 * @param action    the scheduled action's name
 * @param range     the scalable target's range after it
 * @param fromCapacity the capacity before
 * @param toCapacity   the capacity asked for so that it lies in the new range (the same when it already did)
 */
public record RangeChange(
        int minute, Instant time, String action, CapacityRange range, int fromCapacity, int toCapacity) {}
