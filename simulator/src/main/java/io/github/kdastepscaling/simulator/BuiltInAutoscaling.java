package io.github.kdastepscaling.simulator;

import java.util.function.IntConsumer;

/**
 * The service's built-in autoscaling (aws-facts.md), with utilization {@code load / (capacity x recordsPerSecondPerKpu)}
 * standing for {@code containerCPUUtilization}: capacity doubles after 15 consecutive minutes at or above 75%, halves
 * after 6 hours (360 consecutive minutes) below 10%, never goes below the initial capacity nor above
 * {@code maxCapacity}. Both counters restart after every change; the change applies from the next minute.
 */
public final class BuiltInAutoscaling {

    public static final String NAME = "built-in";
    public static final double SCALE_UP_UTILIZATION = 0.75;
    public static final int SCALE_UP_MINUTES = 15;
    public static final double SCALE_DOWN_UTILIZATION = 0.10;
    public static final int SCALE_DOWN_MINUTES = 6 * 60;

    private BuiltInAutoscaling() {}

    public static int[] capacities(
            Trace trace, double recordsPerSecondPerKpu, int initialCapacity, int maxCapacity, IntConsumer progress) {
        int[] capacities = new int[trace.length()];
        int capacity = initialCapacity;
        int high = 0;
        int low = 0;
        for (int m = 0; m < trace.length(); m++) {
            capacities[m] = capacity;
            double utilization = trace.load(m) / (capacity * recordsPerSecondPerKpu);
            high = utilization >= SCALE_UP_UTILIZATION ? high + 1 : 0;
            low = utilization < SCALE_DOWN_UTILIZATION ? low + 1 : 0;
            if (high >= SCALE_UP_MINUTES && capacity < maxCapacity) {
                capacity = Math.min(maxCapacity, capacity * 2);
                high = 0;
                low = 0;
            } else if (low >= SCALE_DOWN_MINUTES && capacity > initialCapacity) {
                capacity = Math.max(initialCapacity, capacity / 2);
                high = 0;
                low = 0;
            }
            progress.accept(m);
        }
        return capacities;
    }
}
