package io.github.kdastepscaling;

import software.amazon.awscdk.Duration;

/**
 * The scaler learns what one KPU of this job can do: on each scheduled reconcile it reads, in one
 * {@code GetMetricData} call, what the job consumed while it lagged (the observed rate) and moves the per-KPU rate
 * its thresholds use toward it, within bounds and at a limited speed. The configured scale-out rate is the starting
 * point; with {@link #getBusyTime() busy time} it also learns, at any load, from how busy the job's busiest task is.
 * It is on by default; it needs a load signal that follows capacity (records or bytes) and the lag guard.
 * {@link #disabled()} turns it off. Build with {@link #builder()}; an unset property takes its default.
 */
public final class RateLearningProps {

    private final Boolean enabled;
    private final Number minRatePerKpu;
    private final Number maxRatePerKpu;
    private final Number maxMovePerHour;
    private final Duration warmUp;
    private final Duration window;
    private final RateLearningSource source;
    private final Boolean busyTime;

    private RateLearningProps(Builder b) {
        this.enabled = b.enabled;
        this.minRatePerKpu = b.minRatePerKpu;
        this.maxRatePerKpu = b.maxRatePerKpu;
        this.maxMovePerHour = b.maxMovePerHour;
        this.warmUp = b.warmUp;
        this.window = b.window;
        this.source = b.source;
        this.busyTime = b.busyTime;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Learning turned off: the thresholds use the configured rate for good. */
    public static RateLearningProps disabled() {
        return builder().enabled(false).build();
    }

    /**
     * Whether the scaler learns.
     *
     * @default true
     */
    public Boolean getEnabled() {
        return enabled;
    }

    /**
     * The lowest per-KPU scale-out rate the scaler may learn, in the signal's units per second.
     *
     * @default - 0.5 x the configured scale-out rate per KPU
     */
    public Number getMinRatePerKpu() {
        return minRatePerKpu;
    }

    /**
     * The highest per-KPU scale-out rate the scaler may learn, in the signal's units per second.
     *
     * @default - 2 x the configured scale-out rate per KPU
     */
    public Number getMaxRatePerKpu() {
        return maxRatePerKpu;
    }

    /**
     * How far the learned rate may move within an hour, a fraction above 0 up to 1.
     *
     * @default 0.5
     */
    public Number getMaxMovePerHour() {
        return maxMovePerHour;
    }

    /**
     * How long after a rescale or a restart the estimator distrusts the job's metrics; whole minutes, 0 to 60.
     *
     * @default Duration.minutes(2)
     */
    public Duration getWarmUp() {
        return warmUp;
    }

    /**
     * How much history each reconcile reads; whole minutes, 5 to 1440.
     *
     * @default Duration.minutes(30)
     */
    public Duration getWindow() {
        return window;
    }

    /**
     * Where the scaler reads what the application consumed.
     *
     * @default RateLearningSource.soleConsumer()
     */
    public RateLearningSource getSource() {
        return source;
    }

    /**
     * Whether the scaler also reads Flink's {@code busyTimeMsPerSecond} of the busiest task, in the same
     * GetMetricData call, and learns a rate guessed too low from it while the job keeps up: a KPU can do what it
     * consumed divided by the share of the time that task was busy (raise only, unless lagging minutes corroborate a
     * cut; a lagging measurement below it caps it). AWS publishes busy time at MetricsLevel TASK or finer only: an
     * application the construct creates gets TASK unless {@code applicationProps.metricsLevel} is set (APPLICATION
     * is then refused); an existing application publishes it only if its own level is TASK or finer (else nothing
     * is read and nothing changes). A job whose source reports no busy time (the legacy
     * {@code FlinkKinesisConsumer}, chained with its operators) learns nothing from it.
     *
     * @default true
     */
    public Boolean getBusyTime() {
        return busyTime;
    }

    /** Builds {@link RateLearningProps}. */
    public static final class Builder {
        private Boolean enabled;
        private Number minRatePerKpu;
        private Number maxRatePerKpu;
        private Number maxMovePerHour;
        private Duration warmUp;
        private Duration window;
        private RateLearningSource source;
        private Boolean busyTime;

        private Builder() {}

        /** @see RateLearningProps#getEnabled() */
        public Builder enabled(Boolean value) {
            this.enabled = value;
            return this;
        }

        /** @see RateLearningProps#getMinRatePerKpu() */
        public Builder minRatePerKpu(Number value) {
            this.minRatePerKpu = value;
            return this;
        }

        /** @see RateLearningProps#getMaxRatePerKpu() */
        public Builder maxRatePerKpu(Number value) {
            this.maxRatePerKpu = value;
            return this;
        }

        /** @see RateLearningProps#getMaxMovePerHour() */
        public Builder maxMovePerHour(Number value) {
            this.maxMovePerHour = value;
            return this;
        }

        /** @see RateLearningProps#getWarmUp() */
        public Builder warmUp(Duration value) {
            this.warmUp = value;
            return this;
        }

        /** @see RateLearningProps#getWindow() */
        public Builder window(Duration value) {
            this.window = value;
            return this;
        }

        /** @see RateLearningProps#getSource() */
        public Builder source(RateLearningSource value) {
            this.source = value;
            return this;
        }

        /** @see RateLearningProps#getBusyTime() */
        public Builder busyTime(Boolean value) {
            this.busyTime = value;
            return this;
        }

        public RateLearningProps build() {
            return new RateLearningProps(this);
        }
    }
}
