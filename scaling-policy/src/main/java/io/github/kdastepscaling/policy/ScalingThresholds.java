package io.github.kdastepscaling.policy;

/**
 * The alarm thresholds, in records per second on the source stream, for a given capacity.
 *
 * <p>This is the one formula the construct (initial thresholds), the scaler Lambda (thresholds re-set after each
 * rescale) and the simulator share:
 * <ul>
 *   <li>scale out when the load reaches {@code capacity x scaleOutRecordsPerSecondPerKpu}: the running KPUs are
 *       full;</li>
 *   <li>scale in when the load falls below {@code (capacity - 1) x scaleInRecordsPerSecondPerKpu}: the load would
 *       fit in one KPU fewer, with the headroom that {@code scaleInRecordsPerSecondPerKpu < scaleOutRecordsPerSecondPerKpu}
 *       leaves, so removing that KPU does not push the load over the smaller capacity's scale-out threshold.</li>
 * </ul>
 * At or below the minimum capacity nothing can be removed, so the scale-in threshold is 0 there: a
 * {@code LessThanThreshold} alarm on a record rate that is never missing (the construct's alarms measure
 * {@code FILL(incoming, 0) / 60}) can then never fire. (The AWS sample's scale-in threshold was 0 at every capacity
 * until its first rescale; here it is 0 only where scaling in is impossible.)
 *
 * <p>Step bounds are expressed in "KPUs of load": one KPU of load above the scale-out threshold is
 * {@code scaleOutRecordsPerSecondPerKpu} records per second, one below the scale-in threshold is
 * {@code scaleInRecordsPerSecondPerKpu}.
 */
public final class ScalingThresholds {

    private final double scaleOutRecordsPerSecondPerKpu;
    private final double scaleInRecordsPerSecondPerKpu;
    private final int minCapacity;

    /**
     * @throws IllegalArgumentException when a rate is not positive and finite, or scale-in is not below scale-out
     */
    public ScalingThresholds(double scaleOutRecordsPerSecondPerKpu, double scaleInRecordsPerSecondPerKpu,
                             int minCapacity) {
        requirePositive("scaleOutRecordsPerSecondPerKpu", scaleOutRecordsPerSecondPerKpu);
        requirePositive("scaleInRecordsPerSecondPerKpu", scaleInRecordsPerSecondPerKpu);
        if (scaleInRecordsPerSecondPerKpu >= scaleOutRecordsPerSecondPerKpu) {
            throw new IllegalArgumentException("scaleInRecordsPerSecondPerKpu (" + NumberText.of(scaleInRecordsPerSecondPerKpu)
                    + ") must be below scaleOutRecordsPerSecondPerKpu (" + NumberText.of(scaleOutRecordsPerSecondPerKpu)
                    + "), or every scale-in would be followed by a scale-out");
        }
        if (minCapacity < 1) {
            throw new IllegalArgumentException("minCapacity (" + minCapacity + ") must be >= 1");
        }
        this.scaleOutRecordsPerSecondPerKpu = scaleOutRecordsPerSecondPerKpu;
        this.scaleInRecordsPerSecondPerKpu = scaleInRecordsPerSecondPerKpu;
        this.minCapacity = minCapacity;
    }

    /** The load, in records per second, at or above which the scale-out alarm fires at {@code capacity}. */
    public double scaleOutThreshold(int capacity) {
        requireCapacity(capacity);
        return capacity * scaleOutRecordsPerSecondPerKpu;
    }

    /** The load, in records per second, below which the scale-in alarm fires at {@code capacity}. */
    public double scaleInThreshold(int capacity) {
        requireCapacity(capacity);
        return capacity <= minCapacity ? 0 : (capacity - 1) * scaleInRecordsPerSecondPerKpu;
    }

    /**
     * The same thresholds with another minimum: Application Auto Scaling owns the scalable target's range, and a
     * scheduled action (or {@code register-scalable-target}) may have moved its minimum since the deploy.
     */
    public ScalingThresholds withMinCapacity(int currentMinCapacity) {
        return currentMinCapacity == minCapacity ? this : new ScalingThresholds(scaleOutRecordsPerSecondPerKpu,
                scaleInRecordsPerSecondPerKpu, currentMinCapacity);
    }

    /** The threshold of the given direction's alarm at {@code capacity}. */
    public double threshold(ScalingDirection direction, int capacity) {
        return direction == ScalingDirection.SCALE_OUT ? scaleOutThreshold(capacity) : scaleInThreshold(capacity);
    }

    /** Records per second that one "KPU of load" stands for in the given direction's step bounds. */
    public double recordsPerSecondPerKpu(ScalingDirection direction) {
        return direction == ScalingDirection.SCALE_OUT ? scaleOutRecordsPerSecondPerKpu : scaleInRecordsPerSecondPerKpu;
    }

    public double scaleOutRecordsPerSecondPerKpu() {
        return scaleOutRecordsPerSecondPerKpu;
    }

    public double scaleInRecordsPerSecondPerKpu() {
        return scaleInRecordsPerSecondPerKpu;
    }

    public int minCapacity() {
        return minCapacity;
    }

    private static void requireCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity (" + capacity + ") must be >= 1 KPU");
        }
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " (" + NumberText.of(value) + ") must be a positive number");
        }
    }

}
