package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.ScalingDirection;
import io.github.kdastepscaling.policy.ScalingPolicy;

/**
 * The policy under test and the simulator-only settings of a run.
 *
 * @param policy                 the policy under test, validated by {@link ScalingPolicy}
 * @param initialCapacity        KPUs the application starts with (step-scaling policies and built-in autoscaling)
 * @param recordsPerSecondPerKpu records per second one KPU actually processes
 * @param restartMinutes         minutes without processing after every rescale
 * @param pricePerKpuHour        price of one KPU-hour
 */
public record SimulationSettings(ScalingPolicy policy, int initialCapacity, double recordsPerSecondPerKpu,
                                 int restartMinutes, double pricePerKpuHour) {

    public static final int DEFAULT_RESTART_MINUTES = 2;
    public static final double DEFAULT_PRICE_PER_KPU_HOUR = 0.11;

    public SimulationSettings {
        if (!policy.capacityRange().contains(initialCapacity)) {
            throw new IllegalArgumentException("initialCapacity (" + initialCapacity + ") must be between minCapacity ("
                    + policy.capacityRange().minCapacity() + ") and maxCapacity ("
                    + policy.capacityRange().maxCapacity() + ")");
        }
        if (!(recordsPerSecondPerKpu > 0) || Double.isInfinite(recordsPerSecondPerKpu)) {
            throw new IllegalArgumentException("recordsPerSecondPerKpu (" + recordsPerSecondPerKpu
                    + ") must be a positive number");
        }
        if (restartMinutes < 0) {
            throw new IllegalArgumentException("restartMinutes (" + restartMinutes + ") must be >= 0");
        }
        if (!(pricePerKpuHour >= 0) || Double.isInfinite(pricePerKpuHour)) {
            throw new IllegalArgumentException("pricePerKpuHour (" + pricePerKpuHour + ") must be a number >= 0");
        }
    }

    /**
     * The defaults for {@code policy}: start at its minCapacity, a KPU processes exactly its
     * scaleOutRecordsPerSecondPerKpu (the policy is sized right), 2-minute restarts, 0.11 per KPU-hour.
     */
    public static SimulationSettings defaults(ScalingPolicy policy) {
        return new SimulationSettings(policy, policy.capacityRange().minCapacity(),
                policy.thresholds().stepUnit(ScalingDirection.SCALE_OUT), DEFAULT_RESTART_MINUTES,
                DEFAULT_PRICE_PER_KPU_HOUR);
    }

    /** The construct's default policy with the default settings. */
    public static SimulationSettings defaults() {
        return defaults(ScalingPolicy.builder().build());
    }

    public SimulationSettings withPricePerKpuHour(double price) {
        return new SimulationSettings(policy, initialCapacity, recordsPerSecondPerKpu, restartMinutes, price);
    }
}
