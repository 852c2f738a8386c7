package io.github.kdastepscaling;

import io.github.kdastepscaling.policy.ScalingStep;
import java.util.List;
import software.amazon.awscdk.Duration;

/**
 * The lag guard: a third alarm, on the job's lag, with a step-scaling policy that adds capacity when the job falls
 * behind, whatever the load signal says; while the lag is at or above {@link #getMaxLag()} the load signal cannot
 * scale in. It is on by default: it is what catches a per-KPU value guessed too high, which would otherwise leave
 * the job behind for good with no alarm firing. Build with {@link #builder()}; an unset property takes its default.
 */
public final class LagGuardProps {

    private final Boolean enabled;
    private final LagMetric lagMetric;
    private final Duration maxLag;
    private final Number evaluationPeriods;
    private final Number datapointsToAlarm;
    private final List<ScalingStep> steps;
    private final Duration cooldown;

    private LagGuardProps(Builder b) {
        this.enabled = b.enabled;
        this.lagMetric = b.lagMetric;
        this.maxLag = b.maxLag;
        this.evaluationPeriods = b.evaluationPeriods;
        this.datapointsToAlarm = b.datapointsToAlarm;
        this.steps = b.steps == null ? null : List.copyOf(b.steps);
        this.cooldown = b.cooldown;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The guard turned off: no lag alarm, no lag policy, a scale-in alarm on the load signal alone. */
    public static LagGuardProps disabled() {
        return builder().enabled(false).build();
    }

    /**
     * Whether the guard is on.
     *
     * @default true
     */
    public Boolean getEnabled() {
        return enabled;
    }

    /**
     * The lag metric, in milliseconds.
     *
     * @default LagMetric.millisBehindLatest() for a stream given with existingStream (it measures this application
     *     whatever else reads the stream), LagMetric.iteratorAge() for the stream the construct creates
     */
    public LagMetric getLagMetric() {
        return lagMetric;
    }

    /**
     * The bound: the lag alarm fires at or above it, and the load signal cannot scale in while the lag is there.
     * Whole seconds, from 1 minute to 1 day.
     *
     * @default Duration.minutes(5)
     */
    public Duration getMaxLag() {
        return maxLag;
    }

    /**
     * The lag alarm's evaluation periods (one minute each).
     *
     * @default 3
     */
    public Number getEvaluationPeriods() {
        return evaluationPeriods;
    }

    /**
     * How many of the evaluation periods must be at or above the bound.
     *
     * @default 3
     */
    public Number getDatapointsToAlarm() {
        return datapointsToAlarm;
    }

    /**
     * The lag policy's steps: bounds in multiples of {@link #getMaxLag()} beyond it, adjustments in KPUs (positive).
     *
     * @default [0, 1) -> +1, [1, 3) -> +2, [3, +inf) -> +4
     */
    public List<ScalingStep> getSteps() {
        return steps;
    }

    /**
     * The lag policy's cooldown; at least {@code expectedRestartDuration}. Long, because the lag falls only once
     * the backlog has drained; a deeper lag still adds more during it (a higher step tops up).
     *
     * @default Duration.minutes(15)
     */
    public Duration getCooldown() {
        return cooldown;
    }

    /** Builds {@link LagGuardProps}. */
    public static final class Builder {
        private Boolean enabled;
        private LagMetric lagMetric;
        private Duration maxLag;
        private Number evaluationPeriods;
        private Number datapointsToAlarm;
        private List<ScalingStep> steps;
        private Duration cooldown;

        private Builder() {}

        /** @see LagGuardProps#getEnabled() */
        public Builder enabled(Boolean value) {
            this.enabled = value;
            return this;
        }

        /** @see LagGuardProps#getLagMetric() */
        public Builder lagMetric(LagMetric value) {
            this.lagMetric = value;
            return this;
        }

        /** @see LagGuardProps#getMaxLag() */
        public Builder maxLag(Duration value) {
            this.maxLag = value;
            return this;
        }

        /** @see LagGuardProps#getEvaluationPeriods() */
        public Builder evaluationPeriods(Number value) {
            this.evaluationPeriods = value;
            return this;
        }

        /** @see LagGuardProps#getDatapointsToAlarm() */
        public Builder datapointsToAlarm(Number value) {
            this.datapointsToAlarm = value;
            return this;
        }

        /** @see LagGuardProps#getSteps() */
        public Builder steps(List<ScalingStep> value) {
            this.steps = value;
            return this;
        }

        /** @see LagGuardProps#getCooldown() */
        public Builder cooldown(Duration value) {
            this.cooldown = value;
            return this;
        }

        public LagGuardProps build() {
            return new LagGuardProps(this);
        }
    }
}
