package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.math.ScalingDirection;

/**
 * The thresholds both alarms hold at one time, in records per second.
 *
 * @param scaleOut the scale-out alarm's threshold
 * @param scaleIn  the scale-in alarm's threshold
 */
public record AlarmThresholds(double scaleOut, double scaleIn) {

    public double of(ScalingDirection direction) {
        return direction == ScalingDirection.SCALE_OUT ? scaleOut : scaleIn;
    }
}
