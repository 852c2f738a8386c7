package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.ScalingDefaults;
import io.github.kdastepscaling.policy.ScalingPolicy;
import io.github.kdastepscaling.policy.SignalKind;
import java.util.Objects;

/**
 * The policy under test and the simulator-only settings of a run.
 *
 * <p>Two rates matter and may differ: the <em>configured</em> rate is what the policy believes a KPU processes (its
 * scale-out setting per KPU, {@link #configuredRecordsPerSecondPerKpu()}), from which its thresholds follow; the
 * <em>true</em> rate ({@link #trueRecordsPerSecondPerKpu()}) is what a KPU really processes, which the job model, the
 * oracle, the fixed-at-peak capacity and the built-in autoscaling's utilization use. By default they are equal: the
 * policy is sized right.
 *
 * @param policy          the policy under test, validated by {@link ScalingPolicy}
 * @param initialCapacity KPUs the application starts with (step-scaling policies and built-in autoscaling)
 * @param job             the job the policies scale: its true rate, restarts, record size and warm-up
 * @param pricePerKpuHour price of one KPU-hour
 * @param learning        whether the policy under test learns its per-KPU rate, and the metrics it reads
 * @param sharedStream    another consumer of the stream, and which lag the guard reads (issue 24)
 */
public record SimulationSettings(
        ScalingPolicy policy,
        int initialCapacity,
        JobSettings job,
        double pricePerKpuHour,
        LearningSettings learning,
        SharedStream sharedStream) {

    public static final int DEFAULT_RESTART_MINUTES = JobSettings.DEFAULT_RESTART_MINUTES;
    public static final double DEFAULT_PRICE_PER_KPU_HOUR = 0.11;
    public static final double DEFAULT_BYTES_PER_RECORD = JobSettings.DEFAULT_BYTES_PER_RECORD;

    public SimulationSettings {
        if (!policy.capacityRange().contains(initialCapacity)) {
            throw new IllegalArgumentException("initialCapacity (" + initialCapacity + ") must be between minCapacity ("
                    + policy.capacityRange().minCapacity() + ") and maxCapacity ("
                    + policy.capacityRange().maxCapacity() + ")");
        }
        Objects.requireNonNull(job, "job");
        if (!(pricePerKpuHour >= 0) || Double.isInfinite(pricePerKpuHour)) {
            throw new IllegalArgumentException("pricePerKpuHour (" + pricePerKpuHour + ") must be a number >= 0");
        }
        Objects.requireNonNull(learning, "learning");
        Objects.requireNonNull(sharedStream, "sharedStream");
        if (learning.enabled() && !policy.thresholds().kind().followsCapacity()) {
            throw new IllegalArgumentException("learning the per-KPU rate needs a load signal, not "
                    + policy.thresholds().kind());
        }
    }

    /** No warm-up, no learning and the job alone on its stream: the settings before issues 19 and 24. */
    public SimulationSettings(
            ScalingPolicy policy,
            int initialCapacity,
            double trueRecordsPerSecondPerKpu,
            int restartMinutes,
            double pricePerKpuHour,
            double bytesPerRecord) {
        this(
                policy,
                initialCapacity,
                new JobSettings(trueRecordsPerSecondPerKpu, restartMinutes, bytesPerRecord, 0),
                pricePerKpuHour,
                LearningSettings.OFF,
                SharedStream.ALONE);
    }

    /**
     * The defaults for {@code policy}: start at its minCapacity, a KPU really processes the configured rate (the
     * policy is sized right), restarts of its expectedRestartSeconds ({@link #restartMinutesFor}), 0.11 per KPU-hour, 1000-byte records.
     */
    public static SimulationSettings defaults(ScalingPolicy policy) {
        return new SimulationSettings(
                policy,
                policy.capacityRange().minCapacity(),
                configuredRecordsPerSecondPerKpu(policy, DEFAULT_BYTES_PER_RECORD, Double.NaN),
                restartMinutesFor(policy),
                DEFAULT_PRICE_PER_KPU_HOUR,
                DEFAULT_BYTES_PER_RECORD);
    }

    /**
     * The restart the run models for {@code policy}: its {@code expectedRestartSeconds} (the one fact: how long a
     * rescale stops the job, which also validates the cooldowns), in whole minutes, rounded up (the model runs in
     * minutes; a 90-second restart costs the job two minutes of datapoints). A policy file's {@code restartMinutes}
     * overrides it (issue 23: one restart setting).
     */
    public static int restartMinutesFor(ScalingPolicy policy) {
        return (int) Math.ceil(policy.expectedRestartSeconds() / 60.0);
    }

    /** The construct's default policy with the default settings. */
    public static SimulationSettings defaults() {
        return defaults(ScalingPolicy.builder().build());
    }

    /**
     * What the policy believes a KPU processes, in records per second: the records (or generic load, which the
     * simulator measures in records) signal's scale-out setting, the bytes signal's divided by
     * {@code bytesPerRecord}; a utilization signal has no per-KPU setting, so the true rate (or, for the default
     * true rate, {@link ScalingDefaults#SCALE_OUT_RECORDS_PER_SECOND_PER_KPU}).
     */
    public static double configuredRecordsPerSecondPerKpu(
            ScalingPolicy policy, double bytesPerRecord, double trueRecordsPerSecondPerKpu) {
        SignalKind kind = policy.thresholds().kind();
        if (!kind.followsCapacity()) {
            return Double.isNaN(trueRecordsPerSecondPerKpu)
                    ? ScalingDefaults.SCALE_OUT_RECORDS_PER_SECOND_PER_KPU
                    : trueRecordsPerSecondPerKpu;
        }
        return recordsPerSecondPerKpu(kind, policy.thresholds().scaleOutPerKpu(), bytesPerRecord);
    }

    /**
     * The records per second per KPU a load signal's scale-out setting stands for: the setting itself for records
     * (and a generic load, which the simulator measures in records), divided by {@code bytesPerRecord} for bytes.
     *
     * @throws IllegalArgumentException for a utilization signal, which has no per-KPU setting
     */
    static double recordsPerSecondPerKpu(SignalKind kind, double scaleOutPerKpu, double bytesPerRecord) {
        return switch (kind) {
            case INCOMING_RECORDS, LOAD -> scaleOutPerKpu;
            case INCOMING_BYTES -> scaleOutPerKpu / bytesPerRecord;
            case UTILIZATION ->
                throw new IllegalArgumentException(
                        "a " + kind + " signal says nothing about " + "records per KPU: give the job's JobSettings");
        };
    }

    /** What the policy under test believes a KPU processes, records per second. */
    public double configuredRecordsPerSecondPerKpu() {
        return configuredRecordsPerSecondPerKpu(policy, bytesPerRecord(), trueRecordsPerSecondPerKpu());
    }

    /** Records per second one KPU really processes. */
    public double trueRecordsPerSecondPerKpu() {
        return job.trueRecordsPerSecondPerKpu();
    }

    /** Minutes without processing after every rescale. */
    public int restartMinutes() {
        return job.restartMinutes();
    }

    /** Average record size, for the {@code IncomingBytes} signal. */
    public double bytesPerRecord() {
        return job.bytesPerRecord();
    }

    /** Minutes after every restart at half the rate ({@link JobSettings}). */
    public int warmUpMinutes() {
        return job.warmUpMinutes();
    }

    public SimulationSettings withPricePerKpuHour(double price) {
        return new SimulationSettings(policy, initialCapacity, job, price, learning, sharedStream);
    }

    public SimulationSettings withTrueRecordsPerSecondPerKpu(double rate) {
        return withJob(new JobSettings(rate, restartMinutes(), bytesPerRecord(), warmUpMinutes()));
    }

    public SimulationSettings withBytesPerRecord(double bytes) {
        return withJob(new JobSettings(trueRecordsPerSecondPerKpu(), restartMinutes(), bytes, warmUpMinutes()));
    }

    public SimulationSettings withRestartMinutes(int minutes) {
        return withJob(new JobSettings(trueRecordsPerSecondPerKpu(), minutes, bytesPerRecord(), warmUpMinutes()));
    }

    public SimulationSettings withWarmUpMinutes(int minutes) {
        return withJob(new JobSettings(trueRecordsPerSecondPerKpu(), restartMinutes(), bytesPerRecord(), minutes));
    }

    private SimulationSettings withJob(JobSettings other) {
        return new SimulationSettings(policy, initialCapacity, other, pricePerKpuHour, learning, sharedStream);
    }

    /** Another policy; the initial capacity moves into its range. */
    public SimulationSettings withPolicy(ScalingPolicy other) {
        return new SimulationSettings(
                other, other.capacityRange().clamp(initialCapacity), job, pricePerKpuHour, learning, sharedStream);
    }

    /** The policy under test learning its per-KPU rate (or not). */
    public SimulationSettings withLearning(LearningSettings value) {
        return new SimulationSettings(policy, initialCapacity, job, pricePerKpuHour, value, sharedStream);
    }

    /** Another consumer on the stream, and the lag the guard reads. */
    public SimulationSettings withSharedStream(SharedStream value) {
        return new SimulationSettings(policy, initialCapacity, job, pricePerKpuHour, learning, value);
    }
}
