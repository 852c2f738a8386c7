package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.CapacityRange;
import io.github.kdastepscaling.policy.ScalingDirection;
import io.github.kdastepscaling.policy.ScalingPolicy;
import io.github.kdastepscaling.policy.ScalingSteps;
import io.github.kdastepscaling.policy.ScheduledCapacityAction;
import io.github.kdastepscaling.policy.SignalKind;
import io.github.kdastepscaling.policy.rate.RescaleUnderBacklog;
import java.util.List;
import java.util.Objects;

/**
 * Everything the step-scaling model needs about one deployed policy: the two load alarms and what they measure, who
 * sets their thresholds, the two step policies with their cooldowns, the lag guard (a third alarm and policy), and
 * the capacity range of the scalable target.
 *
 * <p>{@link #of(ScalingPolicy)} gives exactly what the construct deploys for a {@link ScalingPolicy}; the AWS
 * sample's policy ({@link AwsSamplePolicy}) differs in its alarms and thresholds, which is why they are spelled out
 * here rather than always derived from {@code ScalingThresholds}.
 *
 * @param capacityRange            the scalable target's MinCapacity and MaxCapacity
 * @param scaleOutSteps            the scale-out policy's steps
 * @param scaleInSteps             the scale-in policy's steps
 * @param scaleOutCooldownSeconds  the scale-out policy's Cooldown
 * @param scaleInCooldownSeconds   the scale-in policy's Cooldown
 * @param scaleOutAlarm            the alarm that triggers the scale-out policy
 * @param scaleInAlarm             the alarm that triggers the scale-in policy
 * @param thresholds               who sets the load alarms' thresholds
 * @param scaleOutStepUnit         how much of the signal one "KPU of load" stands for in scale-out step bounds
 *                                 ({@code ScalingThresholds.stepUnit}; records per second for the records signal)
 * @param scaleInStepUnit          the same for scale-in step bounds
 * @param scheduledActions         the scheduled actions that move the range at run time
 * @param signal                   what the load alarms measure ({@link LoadSignal})
 * @param lagGuard                 the lag alarm and policy, or null when the policy has none
 * @param expectedRestartSeconds   the policy's {@code expectedRestartDuration}, by which the scaler sizes a rescale
 *                                 while the job is behind ({@code RescaleUnderBacklog})
 */
public record StepScalingSpec(
        CapacityRange capacityRange,
        ScalingSteps scaleOutSteps,
        ScalingSteps scaleInSteps,
        int scaleOutCooldownSeconds,
        int scaleInCooldownSeconds,
        MetricAlarm scaleOutAlarm,
        MetricAlarm scaleInAlarm,
        ThresholdSetter thresholds,
        double scaleOutStepUnit,
        double scaleInStepUnit,
        List<ScheduledCapacityAction> scheduledActions,
        SignalKind signal,
        LagGuardSpec lagGuard,
        int expectedRestartSeconds) {

    public StepScalingSpec {
        Objects.requireNonNull(signal, "signal");
    }

    /**
     * What the construct deploys for {@code policy}: the alarms of the shared
     * {@link io.github.kdastepscaling.policy.AlarmShape} and {@link io.github.kdastepscaling.policy.LagGuard} (the
     * construct builds its alarms from the same shapes), thresholds and step units from {@code ScalingThresholds},
     * steps, cooldowns, range and scheduled actions from the policy.
     */
    public static StepScalingSpec of(ScalingPolicy policy) {
        return new StepScalingSpec(
                policy.capacityRange(),
                policy.steps(ScalingDirection.SCALE_OUT),
                policy.steps(ScalingDirection.SCALE_IN),
                policy.cooldownSeconds(ScalingDirection.SCALE_OUT),
                policy.cooldownSeconds(ScalingDirection.SCALE_IN),
                MetricAlarm.of(policy.alarmShape(ScalingDirection.SCALE_OUT)),
                MetricAlarm.of(policy.alarmShape(ScalingDirection.SCALE_IN)),
                ThresholdSetter.of(policy.thresholds()),
                policy.thresholds().stepUnit(ScalingDirection.SCALE_OUT),
                policy.thresholds().stepUnit(ScalingDirection.SCALE_IN),
                policy.scheduledActions(),
                policy.thresholds().kind(),
                LagGuardSpec.of(policy.lagGuard()),
                policy.expectedRestartSeconds());
    }

    /** The same spec with another lag guard (null: none). */
    public StepScalingSpec withLagGuard(LagGuardSpec guard) {
        return with(thresholds, guard);
    }

    /** The same spec with another threshold setter (e.g. the real scaler's). */
    public StepScalingSpec withThresholds(ThresholdSetter setter) {
        return with(setter, lagGuard);
    }

    private StepScalingSpec with(ThresholdSetter setter, LagGuardSpec guard) {
        return new StepScalingSpec(
                capacityRange,
                scaleOutSteps,
                scaleInSteps,
                scaleOutCooldownSeconds,
                scaleInCooldownSeconds,
                scaleOutAlarm,
                scaleInAlarm,
                setter,
                scaleOutStepUnit,
                scaleInStepUnit,
                scheduledActions,
                signal,
                guard,
                expectedRestartSeconds);
    }

    /** What the scaler sizes a rescale by while the job is behind: this spec's lag guard and restart estimate. */
    public RescaleUnderBacklog.GuardLimits guardLimits() {
        return lagGuard == null
                ? RescaleUnderBacklog.GuardLimits.NONE
                : new RescaleUnderBacklog.GuardLimits(
                        (int) Math.round(lagGuard.thresholdMillis() / 1000),
                        lagGuard.drainMinutes(),
                        expectedRestartSeconds);
    }

    public ScalingSteps steps(ScalingDirection direction) {
        return direction == ScalingDirection.SCALE_OUT ? scaleOutSteps : scaleInSteps;
    }

    /** How much of the signal one "KPU of load" stands for in {@code direction}'s step bounds. */
    public double stepUnit(ScalingDirection direction) {
        return direction == ScalingDirection.SCALE_OUT ? scaleOutStepUnit : scaleInStepUnit;
    }
}
