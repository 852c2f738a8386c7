package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.CapacityRange;
import io.github.kdastepscaling.policy.ScalingDirection;
import io.github.kdastepscaling.policy.ScalingPolicy;
import io.github.kdastepscaling.policy.ScalingSteps;
import io.github.kdastepscaling.policy.ScheduledCapacityAction;
import java.util.List;

/**
 * Everything the step-scaling model needs about one deployed policy: the two alarms, who sets their thresholds,
 * the two step policies with their cooldowns, and the capacity range of the scalable target.
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
 * @param thresholds               who sets the alarm thresholds
 * @param scaleOutRecordsPerSecondPerKpu records per second one "KPU of load" stands for in scale-out step bounds
 * @param scaleInRecordsPerSecondPerKpu  the same for scale-in step bounds
 * @param scheduledActions         the scheduled actions that move the range at run time
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
        double scaleOutRecordsPerSecondPerKpu,
        double scaleInRecordsPerSecondPerKpu,
        List<ScheduledCapacityAction> scheduledActions) {

    /**
     * What the construct deploys for {@code policy}: the alarms of the shared {@link io.github.kdastepscaling.policy
     * .AlarmShape} (the construct builds its alarms from the same shape), thresholds from {@code ScalingThresholds},
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
                policy.scheduledActions());
    }

    public ScalingSteps steps(ScalingDirection direction) {
        return direction == ScalingDirection.SCALE_OUT ? scaleOutSteps : scaleInSteps;
    }

    public double recordsPerSecondPerKpu(ScalingDirection direction) {
        return direction == ScalingDirection.SCALE_OUT ? scaleOutRecordsPerSecondPerKpu : scaleInRecordsPerSecondPerKpu;
    }
}
