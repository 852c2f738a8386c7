package io.github.kdastepscaling.policy.rate;

import io.github.kdastepscaling.policy.NumberText;
import io.github.kdastepscaling.policy.ScalingThresholds;
import java.util.Objects;

/**
 * How the rate estimator learns. Every setting has a default chosen on principle (docs/tuning.md, issue 19); only
 * the configured rates are required: the learned rate starts at the configured scale-out rate, and the scale-in rate
 * keeps the configured ratio.
 */
public final class RateLearningSettings {

    /** Minutes the scaler reads per reconcile (one GetMetricData call). */
    public static final int DEFAULT_WINDOW_MINUTES = 30;
    /**
     * A minute counts as lagging when the lag's Maximum is at least this in the minute and the next: then the job
     * had a backlog through the whole minute (it must be at least a minute for that proof), so what it consumed is
     * what it can do (the Flink operator measures its observed rate from 30 s of lag).
     */
    public static final int DEFAULT_LAGGING_SECONDS = 60;
    /** Minutes after a rescale, and after a minute without consumption (a restart), that are not trusted. */
    public static final int DEFAULT_WARM_UP_MINUTES = 2;
    /**
     * Lagging minutes needed to measure the rate (their median): one noisy minute does not move it (the Flink
     * operator's observed-rate minimum is 2 observations too).
     */
    public static final int DEFAULT_MIN_LAGGING_MINUTES = 2;
    /** Within an hour the rate moves by at most this factor (x1.5 or /1.5): bad data cannot move it far. */
    public static final double DEFAULT_MAX_MOVE_PER_HOUR = 0.5;
    /** A measured rate within 5% of the learned one changes nothing: no threshold churn for noise. */
    public static final double DEFAULT_HYSTERESIS = 0.05;
    /** A probe needs the job to have kept up at 90% or more of the learned rate per KPU. */
    public static final double DEFAULT_PROBE_LOAD_FRACTION = 0.9;
    /** ... for this many minutes of the window. */
    public static final int DEFAULT_PROBE_MINUTES = 10;
    /**
     * No probing by default: a probe raises the learned rate above what the job was seen to do, and in a job sized
     * right that buys lag (the simulator, docs/tuning.md: with 5% probes the largest delay rose by up to 55% on the
     * reference traces sized right). 0.05 is the step measured; a job that never lags and runs near its learned rate
     * can turn it on.
     */
    public static final double DEFAULT_PROBE_STEP = 0;
    /** The probe step measured in docs/tuning.md, for those who turn probing on. */
    public static final double MEASURED_PROBE_STEP = 0.05;
    /** At most one probe (or one after a cut) per hour. */
    public static final int DEFAULT_PROBE_INTERVAL_MINUTES = 60;
    /**
     * Over the window, what the job consumed must match what arrived plus the backlog it drained (lag x arrival
     * rate) within 20%; otherwise the consumption series is not this application's alone (another consumer, other
     * units) and is not used. 20% leaves room for a missing minute or two and the backlog's approximation; a second
     * consumer doubles the series.
     */
    public static final double DEFAULT_CONSUMER_TOLERANCE = 0.2;
    /** Minutes with consumption needed for that check. */
    public static final int DEFAULT_CONSUMER_CHECK_MINUTES = 10;
    /**
     * Busy time is trusted only on minutes whose busiest task was busy at least this share of the time: below it,
     * a few records of noise in the consumption or a few ms of timer work in the busy time move the quotient a lot.
     */
    public static final double DEFAULT_BUSY_MIN_FRACTION = 0.3;
    /**
     * ... and at most this share. The default keeps every minute up to a task busy all the time: such a minute may
     * have had more work than it did (a backlog), so consumption over busy time understates the rate, which is safe
     * for a source that only raises. A band that stops short of the top (0.95 before) keeps, from minutes really
     * 90..100 % busy, only those whose busy time was measured low: it overstated the rate by 5 % and more on a job
     * sized right that runs near its threshold (docs/tuning.md, "Moves the noise explains").
     */
    public static final double DEFAULT_BUSY_MAX_FRACTION = 1.0;
    /**
     * The relative noise of one minute's consumption (a per-minute Sum read against a job that reads in batches:
     * minute boundaries cut batches), used as the least spread a sample of minutes is assumed to have.
     */
    public static final double DEFAULT_MINUTE_NOISE = 0.03;
    /**
     * How many standard errors of its sample a measurement must lie from the learned rate to move it. A scaler reads
     * hundreds of samples a week (one per catch-up, one per busy window), and a move that noise made costs restarts:
     * at 3.5 standard errors a sample moves the rate by noise alone about once in 4,000 (normal tails, both sides).
     */
    public static final double MOVE_CONFIDENCE = 3.5;
    /** Minutes with busy time in that band needed for a busy-time estimate (their median). */
    public static final int DEFAULT_MIN_BUSY_MINUTES = 10;

    private final double configuredScaleOutPerKpu;
    private final double scaleInRatio;
    private final double minRate;
    private final double maxRate;
    private final int windowMinutes;
    private final int laggingSeconds;
    private final int warmUpMinutes;
    private final int minLaggingMinutes;
    private final double maxMovePerHour;
    private final double hysteresis;
    private final double probeLoadFraction;
    private final int probeMinutes;
    private final double probeStep;
    private final int probeIntervalMinutes;
    private final double consumerTolerance;
    private final double busyMinFraction;
    private final double busyMaxFraction;
    private final int minBusyMinutes;
    private final double minuteNoise;
    private final RescaleUnderBacklog.GuardLimits guardLimits;

    private RateLearningSettings(Builder b) {
        this.configuredScaleOutPerKpu = b.configuredScaleOutPerKpu;
        this.scaleInRatio = b.configuredScaleInPerKpu / b.configuredScaleOutPerKpu;
        this.minRate = b.minRate;
        this.maxRate = b.maxRate;
        this.windowMinutes = b.windowMinutes;
        this.laggingSeconds = b.laggingSeconds;
        this.warmUpMinutes = b.warmUpMinutes;
        this.minLaggingMinutes = b.minLaggingMinutes;
        this.maxMovePerHour = b.maxMovePerHour;
        this.hysteresis = b.hysteresis;
        this.probeLoadFraction = b.probeLoadFraction;
        this.probeMinutes = b.probeMinutes;
        this.probeStep = b.probeStep;
        this.probeIntervalMinutes = b.probeIntervalMinutes;
        this.consumerTolerance = b.consumerTolerance;
        this.busyMinFraction = b.busyMinFraction;
        this.busyMaxFraction = b.busyMaxFraction;
        this.minBusyMinutes = b.minBusyMinutes;
        this.minuteNoise = b.minuteNoise;
        this.guardLimits = b.guardLimits;
    }

    /**
     * Learning from the configured rates, every other setting at its default.
     *
     * @param configuredScaleOutPerKpu the starting point (the policy's scale-out setting per KPU)
     * @param configuredScaleInPerKpu  the policy's scale-in setting per KPU: the learned scale-in rate keeps its ratio
     */
    public static Builder builder(double configuredScaleOutPerKpu, double configuredScaleInPerKpu) {
        return new Builder(configuredScaleOutPerKpu, configuredScaleInPerKpu);
    }

    /**
     * Learning for a policy's load thresholds: its per-KPU settings are the starting point and the ratio.
     *
     * @throws IllegalArgumentException for a utilization signal, which has no per-KPU rate to learn
     */
    public static Builder builder(ScalingThresholds configured) {
        if (!configured.kind().followsCapacity()) {
            throw new IllegalArgumentException("a " + configured.kind() + " signal has no per-KPU rate to learn");
        }
        return builder(configured.scaleOutPerKpu(), configured.scaleInPerKpu());
    }

    public double configuredScaleOutPerKpu() {
        return configuredScaleOutPerKpu;
    }

    /** The configured scale-in/scale-out ratio the learned scale-in rate keeps. */
    public double scaleInRatio() {
        return scaleInRatio;
    }

    public double minRate() {
        return minRate;
    }

    public double maxRate() {
        return maxRate;
    }

    public int windowMinutes() {
        return windowMinutes;
    }

    public int laggingSeconds() {
        return laggingSeconds;
    }

    public int warmUpMinutes() {
        return warmUpMinutes;
    }

    public int minLaggingMinutes() {
        return minLaggingMinutes;
    }

    public double maxMovePerHour() {
        return maxMovePerHour;
    }

    public double hysteresis() {
        return hysteresis;
    }

    public double probeLoadFraction() {
        return probeLoadFraction;
    }

    public int probeMinutes() {
        return probeMinutes;
    }

    public double probeStep() {
        return probeStep;
    }

    public int probeIntervalMinutes() {
        return probeIntervalMinutes;
    }

    public double consumerTolerance() {
        return consumerTolerance;
    }

    public double busyMinFraction() {
        return busyMinFraction;
    }

    public double busyMaxFraction() {
        return busyMaxFraction;
    }

    public int minBusyMinutes() {
        return minBusyMinutes;
    }

    /** The least relative noise assumed of one minute's measurement ({@link #DEFAULT_MINUTE_NOISE}). */
    public double minuteNoise() {
        return minuteNoise;
    }

    /**
     * The lag guard and the restart estimate a rescale of a job that is behind is sized by
     * ({@link RescaleUnderBacklog}); NONE (the default) sizes nothing by them.
     */
    public RescaleUnderBacklog.GuardLimits guardLimits() {
        return guardLimits;
    }

    /**
     * The least relative difference from the learned rate that a sample of {@code minutes} minutes with relative
     * spread {@code spread} (0 when too few to tell) must show to move it: the hysteresis, or {@link #MOVE_CONFIDENCE}
     * standard errors of the sample's median, whichever is larger.
     */
    public double requiredMove(int minutes, double spread) {
        return Math.max(hysteresis, MOVE_CONFIDENCE * Math.max(minuteNoise, spread) / Math.sqrt(minutes));
    }

    /** Collects the settings; validation, naming the setting and its value, is in {@link #build()}. */
    public static final class Builder {
        private final double configuredScaleOutPerKpu;
        private final double configuredScaleInPerKpu;
        private double minRate = Double.NaN;
        private double maxRate = Double.NaN;
        private int windowMinutes = DEFAULT_WINDOW_MINUTES;
        private int laggingSeconds = DEFAULT_LAGGING_SECONDS;
        private int warmUpMinutes = DEFAULT_WARM_UP_MINUTES;
        private int minLaggingMinutes = DEFAULT_MIN_LAGGING_MINUTES;
        private double maxMovePerHour = DEFAULT_MAX_MOVE_PER_HOUR;
        private double hysteresis = DEFAULT_HYSTERESIS;
        private double probeLoadFraction = DEFAULT_PROBE_LOAD_FRACTION;
        private int probeMinutes = DEFAULT_PROBE_MINUTES;
        private double probeStep = DEFAULT_PROBE_STEP;
        private int probeIntervalMinutes = DEFAULT_PROBE_INTERVAL_MINUTES;
        private double consumerTolerance = DEFAULT_CONSUMER_TOLERANCE;
        private double busyMinFraction = DEFAULT_BUSY_MIN_FRACTION;
        private double busyMaxFraction = DEFAULT_BUSY_MAX_FRACTION;
        private int minBusyMinutes = DEFAULT_MIN_BUSY_MINUTES;
        private double minuteNoise = DEFAULT_MINUTE_NOISE;
        private RescaleUnderBacklog.GuardLimits guardLimits = RescaleUnderBacklog.GuardLimits.NONE;

        private Builder(double configuredScaleOutPerKpu, double configuredScaleInPerKpu) {
            this.configuredScaleOutPerKpu = configuredScaleOutPerKpu;
            this.configuredScaleInPerKpu = configuredScaleInPerKpu;
        }

        /** @default 0.5 x the configured scale-out rate */
        public Builder minRate(double value) {
            this.minRate = value;
            return this;
        }

        /** @default 2 x the configured scale-out rate */
        public Builder maxRate(double value) {
            this.maxRate = value;
            return this;
        }

        /** @default 30 */
        public Builder windowMinutes(int value) {
            this.windowMinutes = value;
            return this;
        }

        public Builder laggingSeconds(int value) {
            this.laggingSeconds = value;
            return this;
        }

        public Builder warmUpMinutes(int value) {
            this.warmUpMinutes = value;
            return this;
        }

        public Builder minLaggingMinutes(int value) {
            this.minLaggingMinutes = value;
            return this;
        }

        public Builder maxMovePerHour(double value) {
            this.maxMovePerHour = value;
            return this;
        }

        public Builder hysteresis(double value) {
            this.hysteresis = value;
            return this;
        }

        public Builder probeLoadFraction(double value) {
            this.probeLoadFraction = value;
            return this;
        }

        public Builder probeMinutes(int value) {
            this.probeMinutes = value;
            return this;
        }

        /** 0 turns probing off: the rate then only moves on lagging minutes. */
        public Builder probeStep(double value) {
            this.probeStep = value;
            return this;
        }

        public Builder probeIntervalMinutes(int value) {
            this.probeIntervalMinutes = value;
            return this;
        }

        public Builder consumerTolerance(double value) {
            this.consumerTolerance = value;
            return this;
        }

        /** @default 0.3 */
        public Builder busyMinFraction(double value) {
            this.busyMinFraction = value;
            return this;
        }

        /** @default 0.95 */
        public Builder busyMaxFraction(double value) {
            this.busyMaxFraction = value;
            return this;
        }

        /** @default 10 */
        public Builder minBusyMinutes(int value) {
            this.minBusyMinutes = value;
            return this;
        }

        public Builder minuteNoise(double value) {
            this.minuteNoise = value;
            return this;
        }

        /** The deployed lag guard and restart estimate, for {@link RescaleUnderBacklog}. */
        public Builder guardLimits(RescaleUnderBacklog.GuardLimits value) {
            this.guardLimits = Objects.requireNonNull(value, "guardLimits");
            return this;
        }

        /** @throws IllegalArgumentException naming the setting and its value */
        public RateLearningSettings build() {
            requirePositive("scaleOutRecordsPerSecondPerKpu", configuredScaleOutPerKpu);
            requirePositive("scaleInRecordsPerSecondPerKpu", configuredScaleInPerKpu);
            if (configuredScaleInPerKpu >= configuredScaleOutPerKpu) {
                throw new IllegalArgumentException("scaleInRecordsPerSecondPerKpu ("
                        + NumberText.of(configuredScaleInPerKpu) + ") must be below scaleOutRecordsPerSecondPerKpu ("
                        + NumberText.of(configuredScaleOutPerKpu) + ")");
            }
            if (Double.isNaN(minRate)) {
                minRate = configuredScaleOutPerKpu / 2;
            }
            if (Double.isNaN(maxRate)) {
                maxRate = configuredScaleOutPerKpu * 2;
            }
            requirePositive("rateLearning.minRate", minRate);
            requirePositive("rateLearning.maxRate", maxRate);
            if (minRate > configuredScaleOutPerKpu || maxRate < configuredScaleOutPerKpu) {
                throw new IllegalArgumentException("rateLearning.minRate (" + NumberText.of(minRate)
                        + ") and rateLearning.maxRate (" + NumberText.of(maxRate)
                        + ") must include the configured scaleOutRecordsPerSecondPerKpu ("
                        + NumberText.of(configuredScaleOutPerKpu) + ")");
            }
            requireBetween("rateLearning.windowMinutes", windowMinutes, 5, 1440);
            requireBetween("rateLearning.laggingSeconds", laggingSeconds, 60, 3600);
            requireBetween("rateLearning.warmUpMinutes", warmUpMinutes, 0, 60);
            requireBetween("rateLearning.minLaggingMinutes", minLaggingMinutes, 1, windowMinutes);
            requireBetween("rateLearning.probeMinutes", probeMinutes, 1, windowMinutes);
            requireBetween("rateLearning.probeIntervalMinutes", probeIntervalMinutes, 1, 7 * 1440);
            requireFraction("rateLearning.maxMovePerHour", maxMovePerHour, false);
            requireFraction("rateLearning.hysteresis", hysteresis, true);
            requireFraction("rateLearning.probeLoadFraction", probeLoadFraction, false);
            requireFraction("rateLearning.probeStep", probeStep, true);
            requireFraction("rateLearning.consumerTolerance", consumerTolerance, false);
            requireBetween("rateLearning.minBusyMinutes", minBusyMinutes, 1, windowMinutes);
            requireFraction("rateLearning.busyMinFraction", busyMinFraction, false);
            requireFraction("rateLearning.busyMaxFraction", busyMaxFraction, false);
            requireFraction("rateLearning.minuteNoise", minuteNoise, true);
            if (busyMinFraction >= busyMaxFraction) {
                throw new IllegalArgumentException("rateLearning.busyMinFraction (" + NumberText.of(busyMinFraction)
                        + ") must be below rateLearning.busyMaxFraction (" + NumberText.of(busyMaxFraction) + ")");
            }
            return new RateLearningSettings(this);
        }

        private static void requirePositive(String name, double value) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException(name + " (" + NumberText.of(value) + ") must be a positive number");
            }
        }

        private static void requireBetween(String name, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " (" + value + ") must be between " + min + " and " + max);
            }
        }

        private static void requireFraction(String name, double value, boolean zeroAllowed) {
            boolean ok = zeroAllowed ? value >= 0 && value <= 1 : value > 0 && value <= 1;
            if (!ok) {
                throw new IllegalArgumentException(name + " (" + NumberText.of(value) + ") must be "
                        + (zeroAllowed ? "from 0" : "above 0") + " up to 1");
            }
        }
    }
}
