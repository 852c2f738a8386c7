package io.github.kdastepscaling.simulator;

import java.util.Arrays;

/**
 * The two reference capacities that need no scaling model: the oracle, which has each minute exactly the KPUs that
 * minute's load needs ({@code ceil(load / recordsPerSecondPerKpu)}, at least {@code minCapacity}) and is simulated
 * without restart cost, the lower bound on cost without backlog; and a fixed capacity sized for the trace's peak.
 */
public final class OracleCapacity {

    public static final String ORACLE = "oracle";
    public static final String FIXED_AT_PEAK = "fixed-at-peak";

    private OracleCapacity() {}

    /** KPUs that process {@code recordsPerSecond} without backlog. */
    public static int needed(double recordsPerSecond, double recordsPerSecondPerKpu, int minCapacity) {
        return (int) Math.max(minCapacity, Math.ceil(recordsPerSecond / recordsPerSecondPerKpu));
    }

    public static int[] oracle(Trace trace, double recordsPerSecondPerKpu, int minCapacity) {
        int[] capacities = new int[trace.length()];
        for (int m = 0; m < capacities.length; m++) {
            capacities[m] = needed(trace.load(m), recordsPerSecondPerKpu, minCapacity);
        }
        return capacities;
    }

    public static int[] fixedAtPeak(Trace trace, double recordsPerSecondPerKpu, int minCapacity) {
        int[] capacities = new int[trace.length()];
        Arrays.fill(capacities, needed(trace.peak(), recordsPerSecondPerKpu, minCapacity));
        return capacities;
    }
}
