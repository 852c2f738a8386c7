package io.github.kdastepscaling.simulator;

/**
 * What both load alarms hold at one time: their thresholds, and what their metric multiplies the signal by.
 *
 * @param scaleOut    the scale-out alarm's threshold, in the alarm's units (the signal times {@code signalScale})
 * @param scaleIn     the scale-in alarm's threshold, in the same units
 * @param signalScale what the alarms' metric multiplies the signal by: {@code configured / learned} rate per KPU for
 *                    a scaler that learns ({@link io.github.kdastepscaling.policy.ScaledLoad}), else 1
 */
public record AlarmThresholds(double scaleOut, double scaleIn, double signalScale) {

    /** Thresholds of alarms that measure the signal itself. */
    public AlarmThresholds(double scaleOut, double scaleIn) {
        this(scaleOut, scaleIn, 1.0);
    }
}
