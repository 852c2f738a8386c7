package io.github.kdastepscaling.policy;

import java.util.List;

/**
 * The lag guard: a third alarm, on how far the job is behind its source, with a step-scaling policy that adds
 * capacity whatever the load signal says. It is what keeps a job whose per-KPU setting was guessed too high from
 * falling behind for good: the load alarms then never fire, but the lag does.
 *
 * <p>While the lag is at or above {@link #maxLagSeconds()} the load signal's scale-in alarm's metric
 * ({@link #scaleInExpression}) is a value above every threshold: those minutes do not breach, and should earlier
 * minutes still hold the alarm in ALARM, its policy, which steps on the newest value, finds no scale-in step. So the
 * two rules do not undo each other while the job is behind.
 *
 * <p>Step bounds are in multiples of the bound beyond it: {@code [0, 1) -> +1} adds one KPU while the lag is from
 * {@code maxLag} up to {@code 2 x maxLag}.
 */
public final class LagGuard {

    /** The most a bound may be: beyond a day the guard would act long after anyone noticed. */
    static final int MAX_LAG_SECONDS_LIMIT = 24 * 60 * 60;
    /** The value of the scale-in metric while the job is behind: far above any threshold, so it never breaches. */
    public static final String NOT_SCALING_IN_VALUE = "1000000000000000";
    /** The id of the lag query in the scale-in alarm's metric math. */
    public static final String LAG_ID = "lag";
    /** The id of the load signal in the scale-in alarm's metric math. */
    public static final String SIGNAL_ID = "signal";

    private static final LagGuard DISABLED = new LagGuard(false, 0, null, null, 0);

    private final boolean enabled;
    private final int maxLagSeconds;
    private final AlarmEvaluation evaluation;
    private final ScalingSteps steps;
    private final int cooldownSeconds;

    private LagGuard(boolean enabled, int maxLagSeconds, AlarmEvaluation evaluation, ScalingSteps steps,
                     int cooldownSeconds) {
        this.enabled = enabled;
        this.maxLagSeconds = maxLagSeconds;
        this.evaluation = evaluation;
        this.steps = steps;
        this.cooldownSeconds = cooldownSeconds;
    }

    /** No lag alarm, no lag policy, and a scale-in alarm on the load signal alone. */
    public static LagGuard disabled() {
        return DISABLED;
    }

    /** The guard with every setting at its {@link ScalingDefaults} value. */
    public static LagGuard defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean enabled() {
        return enabled;
    }

    /** The bound: the lag alarm fires at or above it. */
    public int maxLagSeconds() {
        requireEnabled();
        return maxLagSeconds;
    }

    /** The lag alarm's threshold: lag metrics are in milliseconds. */
    public double thresholdMillis() {
        return maxLagSeconds() * 1000.0;
    }

    /** Milliseconds of lag that one unit of a step bound stands for: one bound beyond the bound. */
    public double stepUnitMillis() {
        return thresholdMillis();
    }

    public AlarmEvaluation evaluation() {
        requireEnabled();
        return evaluation;
    }

    /** The lag policy's steps, in multiples of the bound beyond it. */
    public ScalingSteps steps() {
        requireEnabled();
        return steps;
    }

    public int cooldownSeconds() {
        requireEnabled();
        return cooldownSeconds;
    }

    /** The lag alarm: at or above the bound; a minute without a lag datapoint (no reads yet) is not behind. */
    public AlarmShape alarmShape() {
        return new AlarmShape(AlarmComparison.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, MissingDataTreatment.NOT_BREACHING,
                evaluation());
    }

    /**
     * The scale-in alarm's metric math with the guard on: the load signal ({@link #SIGNAL_ID}), except while the lag
     * ({@link #LAG_ID}, a minute without a datapoint counting as no lag) is at or above the bound, when it is a value
     * no scale-in threshold is above. CloudWatch metric math's {@code IF} keeps this one alarm, which Application
     * Auto Scaling can execute (a composite alarm cannot be a scaling policy's trigger).
     */
    public String scaleInExpression() {
        return "IF(FILL(" + LAG_ID + ", 0) >= " + NumberText.of(thresholdMillis()) + ", " + NOT_SCALING_IN_VALUE
                + ", " + SIGNAL_ID + ")";
    }

    private void requireEnabled() {
        if (!enabled) {
            throw new IllegalStateException("the lag guard is disabled");
        }
    }

    /** Collects the settings; every one starts at its {@link ScalingDefaults} value. */
    public static final class Builder {
        private int maxLagSeconds = ScalingDefaults.LAG_GUARD_MAX_LAG_SECONDS;
        private int evaluationPeriods = ScalingDefaults.LAG_GUARD_EVALUATION.evaluationPeriods();
        private int datapointsToAlarm = ScalingDefaults.LAG_GUARD_EVALUATION.datapointsToAlarm();
        private List<ScalingStep> steps = ScalingDefaults.LAG_GUARD_STEPS;
        private int cooldownSeconds = ScalingDefaults.LAG_GUARD_COOLDOWN_SECONDS;

        private Builder() {
        }

        public Builder maxLagSeconds(int value) {
            this.maxLagSeconds = value;
            return this;
        }

        public Builder evaluationPeriods(int value) {
            this.evaluationPeriods = value;
            return this;
        }

        public Builder datapointsToAlarm(int value) {
            this.datapointsToAlarm = value;
            return this;
        }

        public Builder steps(List<ScalingStep> value) {
            this.steps = value;
            return this;
        }

        public Builder cooldownSeconds(int value) {
            this.cooldownSeconds = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the {@code lagGuard} setting and its value */
        public LagGuard build() {
            if (maxLagSeconds < AlarmEvaluation.PERIOD_SECONDS || maxLagSeconds > MAX_LAG_SECONDS_LIMIT) {
                throw new IllegalArgumentException("lagGuard.maxLag (" + maxLagSeconds + " s) must be between "
                        + AlarmEvaluation.PERIOD_SECONDS + " s (one alarm period) and " + MAX_LAG_SECONDS_LIMIT
                        + " s (one day)");
            }
            if (evaluationPeriods < 1 || evaluationPeriods > ScalingPolicy.MAX_EVALUATION_PERIODS) {
                throw new IllegalArgumentException("lagGuard.evaluationPeriods (" + evaluationPeriods
                        + ") must be between 1 and " + ScalingPolicy.MAX_EVALUATION_PERIODS);
            }
            if (datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods) {
                throw new IllegalArgumentException("lagGuard.datapointsToAlarm (" + datapointsToAlarm
                        + ") must be between 1 and lagGuard.evaluationPeriods (" + evaluationPeriods + ")");
            }
            if (cooldownSeconds < 0) {
                throw new IllegalArgumentException("lagGuard.cooldown (" + cooldownSeconds + " s) must not be negative");
            }
            return new LagGuard(true, maxLagSeconds, new AlarmEvaluation(evaluationPeriods, datapointsToAlarm),
                    ScalingSteps.of(ScalingDirection.SCALE_OUT, steps, "lagGuard.steps"), cooldownSeconds);
        }
    }
}
