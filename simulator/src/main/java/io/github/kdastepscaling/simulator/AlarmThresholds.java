package io.github.kdastepscaling.simulator;

/**
 * The thresholds both alarms hold at one time, in records per second.
 *
 * @param scaleOut the scale-out alarm's threshold
 * @param scaleIn  the scale-in alarm's threshold
 */
public record AlarmThresholds(double scaleOut, double scaleIn) {}
