package io.github.kdastepscaling.policy;

import java.util.List;
import java.util.Objects;

/**
 * A whole, validated step-scaling policy for one application: capacity range, thresholds, steps, cooldowns and
 * alarm evaluation. The construct builds one from its props, the simulator from a JSON file; both get the same
 * validation and the same error messages, which name the construct's props.
 */
public final class ScalingPolicy {

    /** CloudWatch limits an alarm's evaluation window to one day: 1440 periods of 60 s. */
    static final int MAX_EVALUATION_PERIODS = 24 * 60;

    private final CapacityRange capacityRange;
    private final ScalingThresholds thresholds;
    private final ScalingSteps scaleOutSteps;
    private final ScalingSteps scaleInSteps;
    private final int scaleOutCooldownSeconds;
    private final int scaleInCooldownSeconds;
    private final AlarmEvaluation scaleOutEvaluation;
    private final AlarmEvaluation scaleInEvaluation;
    private final int expectedRestartSeconds;
    private final int kpuQuota;
    private final List<ScheduledCapacityAction> scheduledActions;
    private final LagGuard lagGuard;

    private ScalingPolicy(Builder builder) {
        this.capacityRange = new CapacityRange(builder.minCapacity, builder.maxCapacity);
        if (builder.maxCapacity > builder.kpuQuota) {
            throw new IllegalArgumentException("maxCapacity (" + builder.maxCapacity + ") must be <= kpuQuota ("
                    + builder.kpuQuota + "); raise kpuQuota only after AWS has raised the application's KPU quota");
        }
        this.kpuQuota = builder.kpuQuota;
        this.scheduledActions = List.copyOf(builder.scheduledActions);
        ScheduledCapacityAction.validateAll(scheduledActions, kpuQuota);
        this.thresholds = builder.signalKind.followsCapacity()
                ? ScalingThresholds.load(
                        builder.signalKind, builder.scaleOutPerKpu, builder.scaleInPerKpu, builder.minCapacity)
                : ScalingThresholds.utilization(
                        builder.scaleOutPerKpu,
                        builder.scaleInPerKpu,
                        Double.isNaN(builder.utilizationStepWidth)
                                ? builder.scaleOutPerKpu / 10
                                : builder.utilizationStepWidth,
                        builder.minCapacity);
        this.scaleOutSteps = ScalingSteps.of(ScalingDirection.SCALE_OUT, builder.scaleOutSteps, "scaleOutSteps");
        this.scaleInSteps = ScalingSteps.of(ScalingDirection.SCALE_IN, builder.scaleInSteps, "scaleInSteps");
        requireNonNegative("expectedRestartDuration", builder.expectedRestartSeconds);
        this.expectedRestartSeconds = builder.expectedRestartSeconds;
        this.scaleOutCooldownSeconds = requireCooldown("scaleOutCooldown", builder.scaleOutCooldownSeconds);
        this.scaleInCooldownSeconds = requireCooldown("scaleInCooldown", builder.scaleInCooldownSeconds);
        this.scaleOutEvaluation =
                evaluation("scaleOut", builder.scaleOutEvaluationPeriods, builder.scaleOutDatapointsToAlarm);
        this.scaleInEvaluation =
                evaluation("scaleIn", builder.scaleInEvaluationPeriods, builder.scaleInDatapointsToAlarm);
        this.lagGuard = Objects.requireNonNull(builder.lagGuard, "lagGuard");
        if (lagGuard.enabled()) {
            requireCooldown("lagGuard.cooldown", lagGuard.cooldownSeconds());
        }
        // A utilization signal's value after a rescale is not known from its thresholds, so these checks, which
        // follow a load across capacities, only apply to signals that grow with the load.
        if (thresholds.kind().followsCapacity()) {
            requireScaleInReachesMinimum();
            requireNoFlapping();
            requireNoOvershoot();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    private int requireCooldown(String name, int seconds) {
        requireNonNegative(name, seconds);
        if (seconds < expectedRestartSeconds) {
            throw new IllegalArgumentException(name + " (" + seconds + " s) must be at least expectedRestartDuration ("
                    + expectedRestartSeconds + " s): a rescale restarts the job, and a policy that acts again "
                    + "before the restart is over stacks restarts on a capacity that has not landed yet");
        }
        return seconds;
    }

    private static void requireNonNegative(String name, int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException(name + " (" + seconds + " s) must not be negative");
        }
    }

    private static AlarmEvaluation evaluation(String prefix, int periods, int datapoints) {
        if (periods < 1 || periods > MAX_EVALUATION_PERIODS) {
            throw new IllegalArgumentException(prefix + "EvaluationPeriods (" + periods + ") must be between 1 and "
                    + MAX_EVALUATION_PERIODS + ": CloudWatch evaluates at most one day of one-minute periods");
        }
        if (datapoints < 1 || datapoints > periods) {
            throw new IllegalArgumentException(prefix + "DatapointsToAlarm (" + datapoints + ") must be between 1 and "
                    + prefix + "EvaluationPeriods (" + periods + ")");
        }
        return new AlarmEvaluation(periods, datapoints);
    }

    /**
     * Every capacity the policies can act at: the deployed range, widened by the bounds scheduled actions set at run
     * time (Application Auto Scaling owns the range), so the step checks below cover them too.
     */
    CapacityRange reachableRange() {
        int min = capacityRange.minCapacity();
        int max = capacityRange.maxCapacity();
        for (ScheduledCapacityAction action : scheduledActions) {
            if (action.minCapacity() != null) {
                min = Math.min(min, action.minCapacity());
                max = Math.max(max, action.minCapacity());
            }
            if (action.maxCapacity() != null) {
                max = Math.max(max, action.maxCapacity());
            }
        }
        return new CapacityRange(min, max);
    }

    private String maxLabel(CapacityRange reachable) {
        return reachable.maxCapacity() == capacityRange.maxCapacity()
                ? "maxCapacity (" + capacityRange.maxCapacity() + ")"
                : "a scheduled maxCapacity (" + reachable.maxCapacity() + ")";
    }

    /**
     * A silent stream sits {@code capacity - 1} KPUs of load below the scale-in threshold; the lowest scale-in step
     * must reach that far at the largest capacity, or the policy can strand capacity above the minimum.
     */
    private void requireScaleInReachesMinimum() {
        ScalingStep lowest = scaleInSteps.steps().get(0);
        CapacityRange reachable = reachableRange();
        if (lowest.lowerBoundKpus() == null || reachable.maxCapacity() <= reachable.minCapacity()) {
            return;
        }
        double farthestBelow = -(reachable.maxCapacity() - 1);
        if (lowest.lowerBoundKpus() >= farthestBelow) {
            throw new IllegalArgumentException("scaleInSteps: the lowest step "
                    + lowest.describe(ScalingDirection.SCALE_IN)
                    + " must have no lower bound (or one at or below " + NumberText.of(farthestBelow)
                    + "), or a load near zero at " + maxLabel(reachable) + " matches no step and capacity is never "
                    + "scaled in");
        }
    }

    /**
     * For every capacity a scale-in can start from, and every scale-in step, the highest load that step answers
     * must stay below the scale-out threshold of the capacity it scales in to; otherwise the next evaluation
     * scales straight back out, restarting the job twice for nothing.
     */
    private void requireNoFlapping() {
        CapacityRange reachable = reachableRange();
        ScalingThresholds thresholds = this.thresholds.withMinCapacity(reachable.minCapacity());
        for (int capacity = reachable.minCapacity() + 1; capacity <= reachable.maxCapacity(); capacity++) {
            double scaleInThreshold = thresholds.scaleInThreshold(capacity);
            double perKpu = thresholds.scaleInPerKpu();
            String unit = thresholds.kind().unit();
            for (ScalingStep step : scaleInSteps.steps()) {
                int landsAt = reachable.clamp((long) capacity + step.adjustmentKpus());
                double scaleOutThreshold = thresholds.scaleOutThreshold(landsAt);
                double highestLoad = scaleInThreshold + LoadUnits.toSignal(step.upperOrPlusInfinity(), perKpu);
                // The top step's upper bound (0) is the alarm threshold itself, which a breaching load stays below.
                boolean flaps = step.upperOrPlusInfinity() == 0
                        ? highestLoad > scaleOutThreshold
                        : highestLoad >= scaleOutThreshold;
                if (highestLoad >= 0 && flaps) {
                    throw new IllegalArgumentException("scaleInSteps: the step "
                            + step.describe(ScalingDirection.SCALE_IN) + " at capacity "
                            + capacity + " scales in to " + landsAt + " KPUs while the load can be "
                            + NumberText.of(highestLoad) + " " + unit + ", at or above the scale-out threshold of "
                            + landsAt + " KPUs (" + NumberText.of(scaleOutThreshold)
                            + " " + unit + "): the policy would flap; lower "
                            + thresholds.kind().scaleInSetting()
                            + " (" + NumberText.of(perKpu) + ") or make the step smaller");
                }
            }
        }
    }

    /**
     * The mirror of {@link #requireNoFlapping}: a scale-out step must not add so many KPUs that the lowest load it
     * answers is below the scale-in threshold of the capacity it lands at, or the scale-in policy takes them back
     * and the job restarts twice for nothing.
     */
    private void requireNoOvershoot() {
        CapacityRange reachable = reachableRange();
        ScalingThresholds thresholds = this.thresholds.withMinCapacity(reachable.minCapacity());
        for (int capacity = reachable.minCapacity(); capacity < reachable.maxCapacity(); capacity++) {
            double scaleOutThreshold = thresholds.scaleOutThreshold(capacity);
            double perKpu = thresholds.scaleOutPerKpu();
            String unit = thresholds.kind().unit();
            for (ScalingStep step : scaleOutSteps.steps()) {
                int landsAt = reachable.clamp((long) capacity + step.adjustmentKpus());
                double lowestLoad = scaleOutThreshold + LoadUnits.toSignal(step.lowerOrMinusInfinity(), perKpu);
                double scaleInThreshold = thresholds.scaleInThreshold(landsAt);
                if (lowestLoad < scaleInThreshold) {
                    throw new IllegalArgumentException("scaleOutSteps: the step "
                            + step.describe(ScalingDirection.SCALE_OUT) + " at capacity "
                            + capacity + " scales out to " + landsAt + " KPUs for a load of "
                            + NumberText.of(lowestLoad) + " " + unit + ", below the scale-in threshold of "
                            + landsAt + " KPUs (" + NumberText.of(scaleInThreshold)
                            + " " + unit + "): the policy would flap; make the step smaller or lower "
                            + thresholds.kind().scaleInSetting() + " (" + NumberText.of(thresholds.scaleInPerKpu())
                            + ")");
                }
            }
        }
    }

    /** The application's KPU quota: the largest capacity the scaler accepts, whatever the range says. */
    public int kpuQuota() {
        return kpuQuota;
    }

    /** The scheduled actions that move the scalable target's range at run time. */
    public List<ScheduledCapacityAction> scheduledActions() {
        return scheduledActions;
    }

    /** The lag guard, or {@link LagGuard#disabled()}. */
    public LagGuard lagGuard() {
        return lagGuard;
    }

    public CapacityRange capacityRange() {
        return capacityRange;
    }

    public ScalingThresholds thresholds() {
        return thresholds;
    }

    public ScalingSteps steps(ScalingDirection direction) {
        return direction == ScalingDirection.SCALE_OUT ? scaleOutSteps : scaleInSteps;
    }

    /** The alarm that executes {@code direction}'s policy. */
    public AlarmShape alarmShape(ScalingDirection direction) {
        return AlarmShape.of(direction, evaluation(direction), thresholds.kind());
    }

    public int cooldownSeconds(ScalingDirection direction) {
        return direction == ScalingDirection.SCALE_OUT ? scaleOutCooldownSeconds : scaleInCooldownSeconds;
    }

    public AlarmEvaluation evaluation(ScalingDirection direction) {
        return direction == ScalingDirection.SCALE_OUT ? scaleOutEvaluation : scaleInEvaluation;
    }

    public int expectedRestartSeconds() {
        return expectedRestartSeconds;
    }

    /** Collects the settings; every one starts at its {@link ScalingDefaults} value. */
    public static final class Builder {
        private int minCapacity = ScalingDefaults.MIN_CAPACITY;
        private int maxCapacity = ScalingDefaults.MAX_CAPACITY;
        private int kpuQuota = ScalingDefaults.KPU_QUOTA;
        private List<ScheduledCapacityAction> scheduledActions = List.of();
        private SignalKind signalKind = SignalKind.INCOMING_RECORDS;
        private double scaleOutPerKpu = ScalingDefaults.SCALE_OUT_RECORDS_PER_SECOND_PER_KPU;
        private double scaleInPerKpu = ScalingDefaults.SCALE_IN_RECORDS_PER_SECOND_PER_KPU;
        private double utilizationStepWidth = Double.NaN;
        private LagGuard lagGuard = LagGuard.defaults();
        private List<ScalingStep> scaleOutSteps = ScalingDefaults.SCALE_OUT_STEPS;
        private List<ScalingStep> scaleInSteps = ScalingDefaults.SCALE_IN_STEPS;
        private int scaleOutCooldownSeconds = ScalingDefaults.SCALE_OUT_COOLDOWN_SECONDS;
        private int scaleInCooldownSeconds = ScalingDefaults.SCALE_IN_COOLDOWN_SECONDS;
        private int scaleOutEvaluationPeriods = ScalingDefaults.SCALE_OUT_EVALUATION.evaluationPeriods();
        private int scaleOutDatapointsToAlarm = ScalingDefaults.SCALE_OUT_EVALUATION.datapointsToAlarm();
        private int scaleInEvaluationPeriods = ScalingDefaults.SCALE_IN_EVALUATION.evaluationPeriods();
        private int scaleInDatapointsToAlarm = ScalingDefaults.SCALE_IN_EVALUATION.datapointsToAlarm();
        private int expectedRestartSeconds = ScalingDefaults.EXPECTED_RESTART_SECONDS;

        private Builder() {}

        public Builder minCapacity(int value) {
            this.minCapacity = value;
            return this;
        }

        public Builder maxCapacity(int value) {
            this.maxCapacity = value;
            return this;
        }

        public Builder scheduledActions(List<ScheduledCapacityAction> value) {
            this.scheduledActions = value;
            return this;
        }

        public Builder kpuQuota(int value) {
            this.kpuQuota = value;
            return this;
        }

        /** The scale-out rate per KPU of the incoming-records signal (the default signal). */
        public Builder scaleOutRecordsPerSecondPerKpu(double value) {
            this.scaleOutPerKpu = value;
            return this;
        }

        /** The scale-in rate per KPU of the incoming-records signal (the default signal). */
        public Builder scaleInRecordsPerSecondPerKpu(double value) {
            this.scaleInPerKpu = value;
            return this;
        }

        /**
         * The load signal and its two settings: per KPU for a signal that grows with the load, the fixed thresholds
         * ({@code scaleOutAbove}, {@code scaleInBelow}) for a utilization signal.
         */
        public Builder signal(SignalKind kind, double scaleOut, double scaleIn) {
            this.signalKind = Objects.requireNonNull(kind, "kind");
            this.scaleOutPerKpu = scaleOut;
            this.scaleInPerKpu = scaleIn;
            return this;
        }

        /** For a utilization signal: the points of the metric one KPU of load stands for in step bounds. */
        public Builder utilizationStepWidth(double value) {
            this.utilizationStepWidth = value;
            return this;
        }

        public Builder lagGuard(LagGuard value) {
            this.lagGuard = value;
            return this;
        }

        public Builder scaleOutSteps(List<ScalingStep> value) {
            this.scaleOutSteps = value;
            return this;
        }

        public Builder scaleInSteps(List<ScalingStep> value) {
            this.scaleInSteps = value;
            return this;
        }

        public Builder scaleOutCooldownSeconds(int value) {
            this.scaleOutCooldownSeconds = value;
            return this;
        }

        public Builder scaleInCooldownSeconds(int value) {
            this.scaleInCooldownSeconds = value;
            return this;
        }

        public Builder scaleOutEvaluation(int evaluationPeriods, int datapointsToAlarm) {
            this.scaleOutEvaluationPeriods = evaluationPeriods;
            this.scaleOutDatapointsToAlarm = datapointsToAlarm;
            return this;
        }

        public Builder scaleInEvaluation(int evaluationPeriods, int datapointsToAlarm) {
            this.scaleInEvaluationPeriods = evaluationPeriods;
            this.scaleInDatapointsToAlarm = datapointsToAlarm;
            return this;
        }

        public Builder scaleOutEvaluationPeriods(int value) {
            this.scaleOutEvaluationPeriods = value;
            return this;
        }

        public Builder scaleOutDatapointsToAlarm(int value) {
            this.scaleOutDatapointsToAlarm = value;
            return this;
        }

        public Builder scaleInEvaluationPeriods(int value) {
            this.scaleInEvaluationPeriods = value;
            return this;
        }

        public Builder scaleInDatapointsToAlarm(int value) {
            this.scaleInDatapointsToAlarm = value;
            return this;
        }

        public Builder expectedRestartSeconds(int value) {
            this.expectedRestartSeconds = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid setting and its value */
        public ScalingPolicy build() {
            return new ScalingPolicy(this);
        }
    }
}
