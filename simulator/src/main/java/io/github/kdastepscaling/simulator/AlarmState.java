package io.github.kdastepscaling.simulator;

/** The states of a CloudWatch alarm. */
public enum AlarmState {
    OK,
    ALARM,
    INSUFFICIENT_DATA
}
