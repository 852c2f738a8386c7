package io.github.kdastepscaling;

import io.github.kdastepscaling.policy.AlarmEvaluation;
import io.github.kdastepscaling.policy.AlarmShape;
import io.github.kdastepscaling.policy.LoadUnits;
import io.github.kdastepscaling.policy.ScalingDirection;
import io.github.kdastepscaling.policy.ScalingStep;
import io.github.kdastepscaling.policy.ScalingThresholds;
import io.github.kdastepscaling.policy.ScheduledCapacityAction;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.applicationautoscaling.CfnScalableTarget;
import software.amazon.awscdk.services.applicationautoscaling.AdjustmentTier;
import software.amazon.awscdk.services.applicationautoscaling.AdjustmentType;
import software.amazon.awscdk.services.applicationautoscaling.MetricAggregationType;
import software.amazon.awscdk.services.applicationautoscaling.ScalableTarget;
import software.amazon.awscdk.services.applicationautoscaling.ScalableTargetAttributes;
import software.amazon.awscdk.services.applicationautoscaling.StepScalingAction;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.ApplicationScalingAction;
import software.constructs.Construct;

/**
 * Creates the {@code custom-resource} scalable target, and for each direction a step-scaling policy and the alarm
 * that executes it.
 */
final class StepScalingBuilder {

    static final String SERVICE_NAMESPACE = "custom-resource";
    static final String SCALABLE_DIMENSION = "custom-resource:ResourceType:Property";

    record Direction(StepScalingAction policy, Alarm alarm) {
    }

    private StepScalingBuilder() {
    }

    /**
     * The scalable target: its {@code ResourceId} is the endpoint's URL for this application. It depends on the
     * whole API (stage, methods) and on the alias (and so its invoke permissions): registering it calls the endpoint.
     */
    static CfnScalableTarget target(Construct scope, Settings settings, RestApi api, String applicationName) {
        return CfnScalableTarget.Builder.create(scope, "ScalableTarget")
                .serviceNamespace(SERVICE_NAMESPACE)
                .scalableDimension(SCALABLE_DIMENSION)
                .resourceId(resourceId(api.getRestApiId(), api.getDeploymentStage().getStageName(), applicationName))
                .minCapacity(settings.policy.capacityRange().minCapacity())
                .maxCapacity(settings.policy.capacityRange().maxCapacity())
                .scheduledActions(settings.policy.scheduledActions().isEmpty() ? null
                        : settings.policy.scheduledActions().stream().map(StepScalingBuilder::scheduledAction)
                                .collect(Collectors.toList()))
                .build();
    }

    /**
     * The scalable target's {@code ResourceId}: the endpoint's URL for this application. The scaler reads the
     * target's current range by it; its environment gets the stage's name as a string, since a reference to the
     * stage would make the function depend on the deployment, which depends on the function.
     */
    static String resourceId(String restApiId, String stageName, String applicationName) {
        return Fn.join("", List.of(
                "https://", restApiId, ".execute-api.", Aws.REGION, ".", Aws.URL_SUFFIX, "/",
                stageName, "/", ScalingEndpointBuilder.RESOURCE_PATH, "/", applicationName));
    }

    private static CfnScalableTarget.ScheduledActionProperty scheduledAction(ScheduledCapacityAction action) {
        CfnScalableTarget.ScheduledActionProperty.Builder builder = CfnScalableTarget.ScheduledActionProperty.builder()
                .scheduledActionName(action.name())
                .schedule(action.schedule().text())
                .scalableTargetAction(CfnScalableTarget.ScalableTargetActionProperty.builder()
                        .minCapacity(action.minCapacity())
                        .maxCapacity(action.maxCapacity())
                        .build());
        if (!action.timeZone().equals(ZoneOffset.UTC)) {
            builder.timezone(action.timeZone().getId());
        }
        if (action.startTime() != null) {
            builder.startTime(action.startTime());
        }
        if (action.endTime() != null) {
            builder.endTime(action.endTime());
        }
        return builder.build();
    }

    /** The policy and alarm of one direction, under {@code scope} (the {@code ScaleOut} or {@code ScaleIn} node). */
    static Direction direction(Construct scope, Settings settings, ScalingDirection direction,
                               CfnScalableTarget target, IMetric recordsPerSecond, String alarmName) {
        boolean out = direction == ScalingDirection.SCALE_OUT;
        ScalingThresholds thresholds = settings.policy.thresholds();
        double perKpu = thresholds.stepUnit(direction);
        // aws-cdk-lib's own step-scaling policy, with its ApplicationScalingAction as the alarm action. The L1
        // target is passed as an imported L2 with its Ref as the scalable-target id, which makes ScalingTargetId the
        // plain Ref, exactly what aws-cdk-lib renders for its own L2 target. Given the L1 itself, aws-cdk-lib 2.263
        // renders Fn::Select(0, Fn::Split("|", Ref)) instead, a value no L2 user deploys; imported by id only, it
        // refuses (it needs the namespace and dimension).
        StepScalingAction policy = StepScalingAction.Builder.create(scope, "Policy")
                .policyName(alarmName)
                .scalingTarget(ScalableTarget.fromScalableTargetAttributes(scope, "Target",
                        ScalableTargetAttributes.builder()
                                .scalableTargetId(target.getRef())
                                .serviceNamespace(SERVICE_NAMESPACE)
                                .scalableDimension(SCALABLE_DIMENSION)
                                .build()))
                .adjustmentType(AdjustmentType.CHANGE_IN_CAPACITY)
                .metricAggregationType(MetricAggregationType.AVERAGE)
                .cooldown(Duration.seconds(settings.policy.cooldownSeconds(direction)))
                .build();
        for (ScalingStep step : settings.policy.steps(direction).steps()) {
            policy.addAdjustment(adjustmentTier(step, perKpu));
        }

        AlarmShape shape = settings.policy.alarmShape(direction);
        Alarm alarm = Alarm.Builder.create(scope, "Alarm")
                .alarmName(alarmName)
                .alarmDescription(out
                        ? "Incoming records per second reached the capacity's scale-out threshold"
                          + " (capacity x scaleOutRecordsPerSecondPerKpu); the scaler re-sets the threshold"
                          + " after each rescale"
                        : "Incoming records per second fell below the capacity's scale-in threshold"
                          + " ((capacity - 1) x scaleInRecordsPerSecondPerKpu, 0 at minCapacity); the scaler"
                          + " re-sets the threshold after each rescale")
                .metric(recordsPerSecond)
                .threshold(thresholds.threshold(direction, settings.initialCapacity))
                // The shared AlarmShape, which the simulator models too; aws-cdk-lib's enums share its names.
                .comparisonOperator(ComparisonOperator.valueOf(shape.comparison().name()))
                .evaluationPeriods(shape.evaluation().evaluationPeriods())
                .datapointsToAlarm(shape.evaluation().datapointsToAlarm())
                .treatMissingData(TreatMissingData.valueOf(shape.missingData().name()))
                .build();
        alarm.addAlarmAction(new ApplicationScalingAction(policy));
        return new Direction(policy, alarm);
    }

    private static AdjustmentTier adjustmentTier(ScalingStep step, double perKpu) {
        AdjustmentTier.Builder builder = AdjustmentTier.builder().adjustment(step.adjustmentKpus());
        if (step.lowerBoundKpus() != null) {
            builder.lowerBound(LoadUnits.toRecordsPerSecond(step.lowerBoundKpus(), perKpu));
        }
        if (step.upperBoundKpus() != null) {
            builder.upperBound(LoadUnits.toRecordsPerSecond(step.upperBoundKpus(), perKpu));
        }
        return builder.build();
    }

    /** The alarm period: the shortest a standard-resolution metric allows. */
    static Duration period() {
        return Duration.seconds(AlarmEvaluation.PERIOD_SECONDS);
    }
}
