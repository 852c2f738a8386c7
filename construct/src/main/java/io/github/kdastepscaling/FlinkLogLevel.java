package io.github.kdastepscaling;

/** The application's log level ({@code MonitoringConfiguration.LogLevel}). */
public enum FlinkLogLevel {
    DEBUG,
    INFO,
    WARN,
    ERROR
}
