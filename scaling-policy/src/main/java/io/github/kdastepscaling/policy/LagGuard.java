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
 *
 * <p>The lag alarm does not add capacity for a backlog the running capacity is already draining
 * ({@link #drainMinutes()}): its metric ({@link #alarmExpression()}) is the lag while the lag is at or above the
 * bound, except when it falls at least {@link #MIN_DRAIN_SECONDS_PER_MINUTE} s a minute and, at that pace, is under
 * the bound within {@code drainMinutes}; then 0, which does not breach. After a restart the lag is high but falling once the job processes again; a
 * KPU added then costs one more restart and more lag (issue 23: 400 s largest delay with the guard, 328 s without).
 * The Flink Kubernetes operator sizes for catch-up the same way ({@code job.autoscaler.catch-up.duration}).
 * {@link #alarmDatapoint} is the same rule for one datapoint, which the simulator evaluates.
 */
public final class LagGuard {

    /** The most a bound may be: beyond a day the guard would act long after anyone noticed. */
    public static final int MAX_LAG_SECONDS_LIMIT = 24 * 60 * 60;
    /** The value of the scale-in metric while the job is behind: far above any threshold, so it never breaches. */
    public static final String NOT_SCALING_IN_VALUE = "1000000000000000";
    /** The id of the lag query in the scale-in alarm's metric math. */
    public static final String LAG_ID = "lag";
    /** The id of the load signal in the scale-in alarm's metric math. */
    public static final String SIGNAL_ID = "signal";

    /**
     * The slowest fall of the lag that counts as draining: 10 s a minute, a job processing about 1.2x what arrives
     * (issue 23's job: 36,300 records/s against 30,000 arriving, 10.4 s a minute). A slower fall is as likely the
     * load easing for a minute as capacity catching up (docs/tuning.md, issue 23).
     */
    public static final int MIN_DRAIN_SECONDS_PER_MINUTE = 10;

    private static final double MIN_DRAIN_MILLIS_PER_MINUTE = MIN_DRAIN_SECONDS_PER_MINUTE * 1000.0;
    /** The most {@link #drainMinutes()} may be: a day, as the bound. */
    public static final int MAX_DRAIN_MINUTES = 24 * 60;

    private static final LagGuard DISABLED = new LagGuard(false, 0, null, null, 0, 0);

    private final boolean enabled;
    private final int maxLagSeconds;
    private final AlarmEvaluation evaluation;
    private final ScalingSteps steps;
    private final int cooldownSeconds;
    private final int drainMinutes;

    private LagGuard(
            boolean enabled,
            int maxLagSeconds,
            AlarmEvaluation evaluation,
            ScalingSteps steps,
            int cooldownSeconds,
            int drainMinutes) {
        this.enabled = enabled;
        this.maxLagSeconds = maxLagSeconds;
        this.evaluation = evaluation;
        this.steps = steps;
        this.cooldownSeconds = cooldownSeconds;
        this.drainMinutes = drainMinutes;
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

    /**
     * How far ahead the lag alarm looks: a lag at or above the bound that falls at least
     * {@link #MIN_DRAIN_SECONDS_PER_MINUTE} a minute and, at its last minute's pace, is under the bound within this
     * many minutes does not breach (the running capacity is draining the backlog); 0: every lag at or above the bound
     * breaches, the guard of issue 9.
     */
    public int drainMinutes() {
        requireEnabled();
        return drainMinutes;
    }

    /**
     * The lag alarm's metric math over the lag ({@link #LAG_ID}, ms, one-minute Maximum): the lag while it is at or
     * above the bound, unless the running capacity is draining it ({@code DIFF}, its change over the last minute,
     * at most {@code -}{@link #MIN_DRAIN_SECONDS_PER_MINUTE} s, and the lag projected {@link #drainMinutes()} ahead at
     * that pace under the bound); else 0, which does not breach. A minute without a lag datapoint (a restart) has no
     * value, which does not breach; the first datapoint after a gap has no {@code DIFF}, filled with 0 (no trend), so
     * it breaches as the plain lag would. With {@code drainMinutes} 0 the metric is the lag itself ({@link #LAG_ID}).
     */
    public String alarmExpression() {
        if (drainMinutes() == 0) {
            return LAG_ID;
        }
        String bound = NumberText.of(thresholdMillis());
        String change = "FILL(DIFF(" + LAG_ID + "), 0)";
        return "IF(" + LAG_ID + " >= " + bound + " AND (" + change + " > -" + NumberText.of(MIN_DRAIN_MILLIS_PER_MINUTE)
                + " OR " + LAG_ID + " + " + drainMinutes + " * " + change + " >= " + bound + "), " + LAG_ID + ", 0)";
    }

    /**
     * {@link #alarmExpression()} for one minute: what the lag alarm compares with its threshold.
     *
     * @param lagMillis         the lag datapoint (NaN: none, the job restarting)
     * @param previousLagMillis the previous minute's lag datapoint (NaN: none, counted as no trend)
     * @return the lag, 0 while the running capacity drains it under the bound in time, NaN without a lag
     */
    public double alarmDatapoint(double lagMillis, double previousLagMillis) {
        return alarmDatapoint(lagMillis, previousLagMillis, thresholdMillis(), drainMinutes());
    }

    /**
     * {@link #alarmExpression()} for one minute, given the bound and the horizon (for a model read back from a
     * template): see {@link #alarmDatapoint(double, double)}.
     */
    public static double alarmDatapoint(
            double lagMillis, double previousLagMillis, double boundMillis, int drainMinutes) {
        if (Double.isNaN(lagMillis) || drainMinutes == 0) {
            return lagMillis;
        }
        double change = Double.isNaN(previousLagMillis) ? 0 : lagMillis - previousLagMillis;
        boolean draining = change <= -MIN_DRAIN_MILLIS_PER_MINUTE && lagMillis + drainMinutes * change < boundMillis;
        return lagMillis >= boundMillis && !draining ? lagMillis : 0;
    }

    /** The lag alarm: at or above the bound; a minute without a lag datapoint (no reads yet) is not behind. */
    public AlarmShape alarmShape() {
        return new AlarmShape(
                AlarmComparison.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, MissingDataTreatment.NOT_BREACHING, evaluation());
    }

    /**
     * The scale-in alarm's metric math with the guard on: the load signal ({@link #SIGNAL_ID}), except while the lag
     * ({@link #LAG_ID}, a minute without a datapoint counting as no lag) is at or above the bound, when it is a value
     * no scale-in threshold is above. CloudWatch metric math's {@code IF} keeps this one alarm, which Application
     * Auto Scaling can execute (a composite alarm cannot be a scaling policy's trigger).
     */
    public String scaleInExpression() {
        return "IF(FILL(" + LAG_ID + ", 0) >= " + NumberText.of(thresholdMillis()) + ", " + NOT_SCALING_IN_VALUE + ", "
                + SIGNAL_ID + ")";
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
        private int drainMinutes = ScalingDefaults.LAG_GUARD_DRAIN_MINUTES;

        private Builder() {}

        /** @see LagGuard#drainMinutes() */
        public Builder drainMinutes(int value) {
            this.drainMinutes = value;
            return this;
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
                throw new IllegalArgumentException(
                        "lagGuard.cooldown (" + cooldownSeconds + " s) must not be negative");
            }
            if (drainMinutes < 0 || drainMinutes > MAX_DRAIN_MINUTES) {
                throw new IllegalArgumentException("lagGuard.drainMinutes (" + drainMinutes + ") must be between 0 and "
                        + MAX_DRAIN_MINUTES + " (one day)");
            }
            return new LagGuard(
                    true,
                    maxLagSeconds,
                    new AlarmEvaluation(evaluationPeriods, datapointsToAlarm),
                    ScalingSteps.of(ScalingDirection.SCALE_OUT, steps, "lagGuard.steps"),
                    cooldownSeconds,
                    drainMinutes);
        }
    }
}
