package io.github.kdastepscaling.simulator;

/**
 * The job a policy scales, as the simulation models it ({@link JobModel}), and how its load signal is derived.
 *
 * @param trueRecordsPerSecondPerKpu what one KPU really processes (the policy's own per-KPU setting is the configured
 *                                   rate, which may be wrong)
 * @param restartMinutes             minutes without processing after every rescale
 * @param bytesPerRecord             the average record size: the {@code IncomingBytes} signal is records/s x this
 * @param warmUpMinutes              minutes after each restart in which the job processes at half its rate (JIT,
 *                                   state and caches warming up); 0: none
 */
public record JobSettings(
        double trueRecordsPerSecondPerKpu, int restartMinutes, double bytesPerRecord, int warmUpMinutes) {

    public static final int DEFAULT_RESTART_MINUTES = 2;
    public static final double DEFAULT_BYTES_PER_RECORD = 1000;

    public JobSettings {
        checkTrueRate(trueRecordsPerSecondPerKpu);
        checkRestartMinutes(restartMinutes);
        checkBytesPerRecord(bytesPerRecord);
        checkWarmUpMinutes(warmUpMinutes);
    }

    // The checks of the job's settings, here once: SimulationSettings, JobModel and PolicyFile call them, so a
    // setting is refused with the same message wherever it is given.

    static void checkTrueRate(double trueRecordsPerSecondPerKpu) {
        if (!(trueRecordsPerSecondPerKpu > 0) || Double.isInfinite(trueRecordsPerSecondPerKpu)) {
            throw new IllegalArgumentException(
                    "trueRecordsPerSecondPerKpu (" + trueRecordsPerSecondPerKpu + ") must be a positive number");
        }
    }

    static void checkRestartMinutes(int restartMinutes) {
        if (restartMinutes < 0) {
            throw new IllegalArgumentException("restartMinutes (" + restartMinutes + ") must be >= 0");
        }
    }

    static void checkBytesPerRecord(double bytesPerRecord) {
        if (!(bytesPerRecord > 0) || Double.isInfinite(bytesPerRecord)) {
            throw new IllegalArgumentException("bytesPerRecord (" + bytesPerRecord + ") must be a positive number");
        }
    }

    static void checkWarmUpMinutes(int warmUpMinutes) {
        if (warmUpMinutes < 0) {
            throw new IllegalArgumentException("warmUpMinutes (" + warmUpMinutes + ") must be >= 0");
        }
    }

    /** A job without warm-up after its restarts. */
    public JobSettings(double trueRecordsPerSecondPerKpu, int restartMinutes, double bytesPerRecord) {
        this(trueRecordsPerSecondPerKpu, restartMinutes, bytesPerRecord, 0);
    }

    /** A job whose KPU processes {@code trueRecordsPerSecondPerKpu}, with 2-minute restarts and 1000-byte records. */
    public static JobSettings of(double trueRecordsPerSecondPerKpu) {
        return new JobSettings(trueRecordsPerSecondPerKpu, DEFAULT_RESTART_MINUTES, DEFAULT_BYTES_PER_RECORD);
    }
}
