package io.github.kdastepscaling.policy;

/**
 * "KPUs of load", the unit of step bounds, and the unit of the alarm's metric (records, bytes or the user's unit per
 * second; points of a utilization metric): one KPU of load above the scale-out threshold is the scale-out value per
 * KPU, one below the scale-in threshold the scale-in value ({@link ScalingThresholds#stepUnit}). The one place the
 * construct (step bounds in the template), the validation and the simulator (which step a load falls in) convert
 * between the two.
 */
public final class LoadUnits {

    private LoadUnits() {}

    /** {@code kpusOfLoad} in the signal's unit; infinite bounds stay infinite. */
    public static double toSignal(double kpusOfLoad, double stepUnit) {
        return kpusOfLoad * stepUnit;
    }

    /** A distance from the threshold in the signal's unit, in KPUs of load. */
    public static double toKpusOfLoad(double signal, double stepUnit) {
        return signal / stepUnit;
    }
}
