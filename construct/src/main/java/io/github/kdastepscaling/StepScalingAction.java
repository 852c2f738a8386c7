package io.github.kdastepscaling;

import software.amazon.awscdk.services.applicationautoscaling.CfnScalingPolicy;
import software.amazon.awscdk.services.cloudwatch.AlarmActionConfig;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IAlarmAction;
import software.constructs.Construct;

/** An alarm action that executes an Application Auto Scaling step-scaling policy (L1). */
final class StepScalingAction implements IAlarmAction {

    private final CfnScalingPolicy policy;

    StepScalingAction(CfnScalingPolicy policy) {
        this.policy = policy;
    }

    @Override
    public AlarmActionConfig bind(Construct scope, IAlarm alarm) {
        // Ref of AWS::ApplicationAutoScaling::ScalingPolicy is the policy's ARN.
        return AlarmActionConfig.builder().alarmActionArn(policy.getRef()).build();
    }
}
