package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.ScalingThresholds;
import io.github.kdastepscaling.policy.rate.RateLearningSettings;
import io.github.kdastepscaling.policy.rate.RescaleUnderBacklog;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Whether the simulated scaler learns the per-KPU rate ({@link io.github.kdastepscaling.policy.rate.RateEstimator},
 * the code the scaler runs), and what the metrics it reads look like ({@link SimulatedMetrics}).
 *
 * @param enabled        off: the thresholds stay at the configured rate (the behaviour before issue 19)
 * @param estimator      changes to the estimator's settings, applied to the defaults for the policy's thresholds
 * @param secondConsumer another polling consumer reads the whole stream and keeps up: the stream's consumption metric
 *                       counts it too (an {@link OtherConsumer} of the run's {@link SharedStream}, when there is one,
 *                       counts in its place)
 * @param metricNoise    how imperfect the consumption metric is
 * @param scaleInFloorMinutes with learning on, a scale-in goes no lower than the highest capacity the load needed
 *                       over this many minutes ({@link io.github.kdastepscaling.policy.rate.ScaleInFloor}); 0: off
 * @param busyTime       whether the job publishes its busiest task's busy time, which the estimator then reads
 */
public record LearningSettings(
        boolean enabled,
        UnaryOperator<RateLearningSettings.Builder> estimator,
        boolean secondConsumer,
        MetricNoise metricNoise,
        int scaleInFloorMinutes,
        BusyTimeModel busyTime) {

    /** No learning: the configured rate throughout. */
    public static final LearningSettings OFF =
            new LearningSettings(false, b -> b, false, MetricNoise.DEFAULT, 0, BusyTimeModel.NONE);
    /** The estimator's defaults, a sole consumer, 3% noise, 1% missing minutes; the job publishes no busy time. */
    public static final LearningSettings ON = OFF.withEnabled(true);
    /**
     * Learning as the construct ships it for an application it creates: {@link #ON} with the bottleneck's busy time
     * published (MetricsLevel TASK, a source that reports busy time). The simulator's default.
     */
    public static final LearningSettings AS_SHIPPED = ON.withBusyTime(BusyTimeModel.BOTTLENECK);

    /**
     * How imperfect the consumption metric the simulated scaler reads is.
     *
     * @param noise          the relative standard deviation of the consumption metric's noise per minute
     * @param missingMinutes the share of minutes whose consumption datapoint is missing at random (besides restarts)
     * @param seed           the noise's seed: runs are reproducible
     */
    public record MetricNoise(double noise, double missingMinutes, long seed) {

        /**
         * 3% noise (a minute's consumption Sum: minute boundaries of reads and processing differ), 1% missing
         * minutes.
         */
        public static final MetricNoise DEFAULT = new MetricNoise(0.03, 0.01, 19);

        public MetricNoise {
            if (!(noise >= 0) || noise > 0.5) {
                throw new IllegalArgumentException("noise (" + noise + ") must be between 0 and 0.5");
            }
            if (!(missingMinutes >= 0) || missingMinutes > 0.5) {
                throw new IllegalArgumentException("missingMinutes (" + missingMinutes + ") must be between 0 and 0.5");
            }
        }
    }

    public LearningSettings {
        Objects.requireNonNull(metricNoise, "metricNoise");
        Objects.requireNonNull(busyTime, "busyTime");
        if (scaleInFloorMinutes < 0) {
            throw new IllegalArgumentException("scaleInFloorMinutes (" + scaleInFloorMinutes + ") must be >= 0");
        }
    }

    /** The estimator's settings for a policy's thresholds and its deployed lag guard and restart estimate. */
    public RateLearningSettings estimatorSettings(ScalingThresholds thresholds, RescaleUnderBacklog.GuardLimits guard) {
        return estimator
                .apply(RateLearningSettings.builder(thresholds).guardLimits(guard))
                .build();
    }

    public LearningSettings withEnabled(boolean on) {
        return new LearningSettings(on, estimator, secondConsumer, metricNoise, scaleInFloorMinutes, busyTime);
    }

    public LearningSettings withSecondConsumer(boolean second) {
        return new LearningSettings(enabled, estimator, second, metricNoise, scaleInFloorMinutes, busyTime);
    }

    public LearningSettings withEstimator(UnaryOperator<RateLearningSettings.Builder> change) {
        return new LearningSettings(enabled, change, secondConsumer, metricNoise, scaleInFloorMinutes, busyTime);
    }

    public LearningSettings withBusyTime(BusyTimeModel value) {
        return new LearningSettings(enabled, estimator, secondConsumer, metricNoise, scaleInFloorMinutes, value);
    }

    public LearningSettings withScaleInFloorMinutes(int minutes) {
        return new LearningSettings(enabled, estimator, secondConsumer, metricNoise, minutes, busyTime);
    }
}
