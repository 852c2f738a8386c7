package io.github.kdastepscaling.policy;

/**
 * The inclusive range of capacities, in KPUs, that scaling may choose from.
 *
 * @param minCapacity the smallest capacity, at least 1
 * @param maxCapacity the largest capacity, at least {@code minCapacity}
 */
public record CapacityRange(int minCapacity, int maxCapacity) {

    public CapacityRange {
        if (minCapacity < 1) {
            throw new IllegalArgumentException("minCapacity (" + minCapacity + ") must be >= 1");
        }
        if (maxCapacity < minCapacity) {
            throw new IllegalArgumentException(
                    "maxCapacity (" + maxCapacity + ") must be >= minCapacity (" + minCapacity + ")");
        }
    }

    /** Whether {@code capacity} lies within the range. */
    public boolean contains(long capacity) {
        return capacity >= minCapacity && capacity <= maxCapacity;
    }

    /** The capacity nearest to {@code capacity} within the range, as Application Auto Scaling clamps. */
    public int clamp(long capacity) {
        return (int) Math.max(minCapacity, Math.min(maxCapacity, capacity));
    }
}
