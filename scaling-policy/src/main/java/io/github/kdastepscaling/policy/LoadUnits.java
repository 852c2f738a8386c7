package io.github.kdastepscaling.policy;

/**
 * "KPUs of load", the unit of step bounds, and records per second, the unit of the alarm's metric: one KPU of load
 * above the scale-out threshold is {@code scaleOutRecordsPerSecondPerKpu} records per second, one below the scale-in
 * threshold {@code scaleInRecordsPerSecondPerKpu} ({@link ScalingThresholds#recordsPerSecondPerKpu}). The one place
 * the construct (step bounds in the template), the validation and the simulator (which step a load falls in)
 * convert between the two.
 */
public final class LoadUnits {

    private LoadUnits() {
    }

    /** {@code kpusOfLoad} in records per second; infinite bounds stay infinite. */
    public static double toRecordsPerSecond(double kpusOfLoad, double recordsPerSecondPerKpu) {
        return kpusOfLoad * recordsPerSecondPerKpu;
    }

    /** A distance from the threshold in records per second, in KPUs of load. */
    public static double toKpusOfLoad(double recordsPerSecond, double recordsPerSecondPerKpu) {
        return recordsPerSecond / recordsPerSecondPerKpu;
    }
}
