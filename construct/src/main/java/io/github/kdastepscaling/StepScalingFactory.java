package io.github.kdastepscaling;

import io.github.kdastepscaling.policy.AlarmShape;
import io.github.kdastepscaling.policy.LagGuard;
import io.github.kdastepscaling.policy.LoadUnits;
import io.github.kdastepscaling.policy.ScaledLoad;
import io.github.kdastepscaling.policy.ScalingDirection;
import io.github.kdastepscaling.policy.ScalingStep;
import io.github.kdastepscaling.policy.ScalingThresholds;
import io.github.kdastepscaling.policy.ScheduledCapacityAction;
import io.github.kdastepscaling.policy.SignalKind;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.applicationautoscaling.AdjustmentTier;
import software.amazon.awscdk.services.applicationautoscaling.AdjustmentType;
import software.amazon.awscdk.services.applicationautoscaling.CfnScalableTarget;
import software.amazon.awscdk.services.applicationautoscaling.MetricAggregationType;
import software.amazon.awscdk.services.applicationautoscaling.ScalableTarget;
import software.amazon.awscdk.services.applicationautoscaling.ScalableTargetAttributes;
import software.amazon.awscdk.services.applicationautoscaling.StepScalingAction;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.ApplicationScalingAction;
import software.constructs.Construct;

/**
 * Creates the {@code custom-resource} scalable target; for each direction a step-scaling policy and the alarm that
 * executes it; and, with the lag guard on, the lag alarm and its policy, and the scale-in alarm's metric that keeps
 * the load signal from scaling in while the job is behind.
 */
final class StepScalingFactory {

    static final String SERVICE_NAMESPACE = "custom-resource";
    static final String SCALABLE_DIMENSION = "custom-resource:ResourceType:Property";

    record Direction(StepScalingAction policy, Alarm alarm) {}

    private StepScalingFactory() {}

    /**
     * The scalable target: its {@code ResourceId} is the endpoint's URL for this application. It depends on the
     * whole API (stage, methods) and on the alias (and so its invoke permissions): registering it calls the endpoint.
     */
    static CfnScalableTarget target(Construct scope, ResolvedProps settings, RestApi api, String applicationName) {
        return CfnScalableTarget.Builder.create(scope, "ScalableTarget")
                .serviceNamespace(SERVICE_NAMESPACE)
                .scalableDimension(SCALABLE_DIMENSION)
                .resourceId(
                        resourceId(api.getRestApiId(), api.getDeploymentStage().getStageName(), applicationName))
                .minCapacity(settings.policy.capacityRange().minCapacity())
                .maxCapacity(settings.policy.capacityRange().maxCapacity())
                .scheduledActions(
                        settings.policy.scheduledActions().isEmpty()
                                ? null
                                : settings.policy.scheduledActions().stream()
                                        .map(StepScalingFactory::scheduledAction)
                                        .collect(Collectors.toList()))
                .build();
    }

    /**
     * The scalable target's {@code ResourceId}: the endpoint's URL for this application. The scaler reads the
     * target's current range by it; its environment gets the stage's name as a string, since a reference to the
     * stage would make the function depend on the deployment, which depends on the function.
     */
    static String resourceId(String restApiId, String stageName, String applicationName) {
        return Fn.join(
                "",
                List.of(
                        "https://",
                        restApiId,
                        ".execute-api.",
                        Aws.REGION,
                        ".",
                        Aws.URL_SUFFIX,
                        "/",
                        stageName,
                        "/",
                        ScalingEndpoint.RESOURCE_PATH,
                        "/",
                        applicationName));
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

    /**
     * The policy and alarm of one direction, under {@code scope} (the {@code ScaleOut} or {@code ScaleIn} node).
     *
     * @param threshold the alarm's threshold as deployed (for a load signal, the deploy-time resource's attribute)
     */
    static Direction direction(
            Construct scope,
            ResolvedProps settings,
            ScalingDirection direction,
            CfnScalableTarget target,
            IMetric signal,
            String alarmName,
            Number threshold) {
        ScalingThresholds thresholds = settings.policy.thresholds();
        StepRule rule = new StepRule(
                MetricAggregationType.AVERAGE,
                settings.policy.cooldownSeconds(direction),
                settings.policy.steps(direction).steps(),
                thresholds.stepUnit(direction),
                settings.policy.alarmShape(direction));
        String description = Runbook.describe(
                description(thresholds.kind(), direction, settings),
                direction == ScalingDirection.SCALE_OUT ? "scaleout" : "scalein");
        return policyAndAlarm(scope, target, alarmName, rule, description, signal, threshold);
    }

    /**
     * The lag guard's policy and alarm, under {@code scope} (the {@code LagGuard} node). The policy aggregates with
     * Maximum, as the lag metric does; its steps are in multiples of the bound beyond it.
     */
    static Direction lagGuard(
            Construct scope, ResolvedProps settings, CfnScalableTarget target, IMetric lag, String alarmName) {
        LagGuard guard = settings.policy.lagGuard();
        StepRule rule = new StepRule(
                MetricAggregationType.MAXIMUM,
                guard.cooldownSeconds(),
                guard.steps().steps(),
                guard.stepUnitMillis(),
                guard.alarmShape());
        String draining = guard.drainMinutes() == 0
                ? ""
                : " and is not falling " + LagGuard.MIN_DRAIN_SECONDS_PER_MINUTE
                        + " s a minute or more to under it within " + guard.drainMinutes() + " minutes";
        String description = Runbook.describe(
                "The job lags " + guard.maxLagSeconds() + " s or "
                        + "more behind its source (lagGuard.maxLag)" + draining
                        + ": capacity is added whatever the load signal "
                        + "says, and the load signal cannot scale in meanwhile",
                "lagguard");
        return policyAndAlarm(
                scope, target, alarmName, rule, description, lagAlarmMetric(guard, lag), guard.thresholdMillis());
    }

    /**
     * How a step policy steps and when its alarm fires: a direction's settings or the lag guard's.
     *
     * @param aggregation how the policy aggregates the alarm's datapoints
     * @param stepUnit    what one KPU of the steps' bounds is in the alarm's metric
     */
    private record StepRule(
            MetricAggregationType aggregation,
            int cooldownSeconds,
            List<ScalingStep> steps,
            double stepUnit,
            AlarmShape alarmShape) {}

    /**
     * A step policy and the alarm that executes it, both named {@code alarmName}, under {@code scope}.
     *
     * @param threshold the alarm's threshold as deployed (for a load signal, the deploy-time resource's attribute)
     */
    private static Direction policyAndAlarm(
            Construct scope,
            CfnScalableTarget target,
            String alarmName,
            StepRule rule,
            String description,
            IMetric metric,
            Number threshold) {
        StepScalingAction policy = policy(scope, target, alarmName, rule);
        Alarm alarm = alarm(scope, alarmName, description, metric, threshold, rule.alarmShape());
        alarm.addAlarmAction(new ApplicationScalingAction(policy));
        return new Direction(policy, alarm);
    }

    /**
     * The lag alarm's metric: {@link LagGuard#alarmExpression()} over the lag, so a backlog the running capacity is
     * draining under the bound in time adds no KPU; the lag itself when the guard looks at no trend.
     */
    private static IMetric lagAlarmMetric(LagGuard guard, IMetric lag) {
        if (guard.drainMinutes() == 0) {
            return lag;
        }
        return MathExpression.Builder.create()
                .expression(guard.alarmExpression())
                .usingMetrics(Map.of(LagGuard.LAG_ID, lag))
                .label("Lag, unless draining under lagGuard.maxLag within " + guard.drainMinutes() + " minutes")
                .period(OneMinuteMetric.PERIOD)
                .build();
    }

    /**
     * The scale-in alarm's metric with the lag guard on: {@link LagGuard#scaleInExpression()} over the load signal
     * and the lag, so the load signal cannot scale in while the job is behind. CloudWatch metric math in an alarm
     * may combine metrics this way; a composite alarm could not, since it cannot execute a scaling policy.
     */
    static MathExpression scaleInUnlessBehind(ResolvedProps settings, IMetric signal, IMetric lag) {
        return MathExpression.Builder.create()
                .expression(settings.policy.lagGuard().scaleInExpression())
                // Sorted: the template must not depend on Map.of's per-JVM iteration order.
                .usingMetrics(new TreeMap<>(Map.of(LagGuard.SIGNAL_ID, signal, LagGuard.LAG_ID, lag)))
                .label("Load signal, unless the job lags at or above lagGuard.maxLag")
                .period(OneMinuteMetric.PERIOD)
                .build();
    }

    /**
     * A load alarm's metric: {@code load} itself, or when the scaler learns its rate {@code load * configured /
     * learned} over it ({@link ScaledLoad}), so the steps' bounds, fixed in the template in the configured rate's
     * units, are in the learned rate's; the thresholds are then the configured rate's, and the scaler rewrites the
     * learned rate with them.
     *
     * @param learnedRate the learned scale-out rate per KPU as deployed (the deploy-time resource's attribute), or
     *                    null when the scaler does not learn
     */
    static IMetric loadAlarmMetric(ResolvedProps settings, IMetric load, String learnedRate) {
        if (learnedRate == null) {
            return load;
        }
        String configured = ScaledLoad.plain(settings.policy.thresholds().scaleOutPerKpu());
        return MathExpression.Builder.create()
                .expression(ScaledLoad.expression(configured, learnedRate))
                .usingMetrics(Map.of(ScaledLoad.LOAD_ID, load))
                .label("Load at the configured scale (x " + configured + " / the learned rate per KPU)")
                .period(OneMinuteMetric.PERIOD)
                .build();
    }

    // aws-cdk-lib's own step-scaling policy, with its ApplicationScalingAction as the alarm action. The L1 target is
    // passed as an imported L2 with its Ref as the scalable-target id, which makes ScalingTargetId the plain Ref,
    // exactly what aws-cdk-lib renders for its own L2 target. Given the L1 itself, aws-cdk-lib 2.263 renders
    // Fn::Select(0, Fn::Split("|", Ref)) instead, a value no L2 user deploys; imported by id only, it refuses (it
    // needs the namespace and dimension).
    private static StepScalingAction policy(
            Construct scope, CfnScalableTarget target, String policyName, StepRule rule) {
        StepScalingAction policy = StepScalingAction.Builder.create(scope, "Policy")
                .policyName(policyName)
                .scalingTarget(ScalableTarget.fromScalableTargetAttributes(
                        scope,
                        "Target",
                        ScalableTargetAttributes.builder()
                                .scalableTargetId(target.getRef())
                                .serviceNamespace(SERVICE_NAMESPACE)
                                .scalableDimension(SCALABLE_DIMENSION)
                                .build()))
                .adjustmentType(AdjustmentType.CHANGE_IN_CAPACITY)
                .metricAggregationType(rule.aggregation())
                .cooldown(Duration.seconds(rule.cooldownSeconds()))
                .build();
        for (ScalingStep step : rule.steps()) {
            policy.addAdjustment(adjustmentTier(step, rule.stepUnit()));
        }
        return policy;
    }

    private static Alarm alarm(
            Construct scope, String alarmName, String description, IMetric metric, Number threshold, AlarmShape shape) {
        return Alarm.Builder.create(scope, "Alarm")
                .alarmName(alarmName)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                // The shared AlarmShape, which the simulator models too; aws-cdk-lib's enums share its names.
                .comparisonOperator(
                        ComparisonOperator.valueOf(shape.comparison().name()))
                .evaluationPeriods(shape.evaluation().evaluationPeriods())
                .datapointsToAlarm(shape.evaluation().datapointsToAlarm())
                .treatMissingData(TreatMissingData.valueOf(shape.missingData().name()))
                .build();
    }

    private static String description(SignalKind kind, ScalingDirection direction, ResolvedProps settings) {
        boolean out = direction == ScalingDirection.SCALE_OUT;
        String signal = switch (kind) {
            case INCOMING_RECORDS -> "Incoming records per second";
            case INCOMING_BYTES -> "Incoming bytes per second";
            case LOAD -> "The load signal";
            case UTILIZATION -> "The utilization signal";
        };
        String guard = !out && settings.policy.lagGuard().enabled()
                ? "; while the job lags at or above lagGuard.maxLag its metric is a value no threshold is above, so "
                        + "it does not breach and its policy finds no step"
                : "";
        if (!kind.followsCapacity()) {
            return signal + (out ? " reached scalingSignal.scaleOutAbove" : " fell below scalingSignal.scaleInBelow")
                    + "; the thresholds are fixed" + guard;
        }
        // With learning the alarm measures the scaled load (ScaledLoad): the signal times configured / learned.
        String measured = settings.rateLearning == null
                ? signal
                : signal + " times " + kind.scaleOutSetting() + " / the learned rate per KPU";
        return measured
                + (out
                        ? " reached the capacity's scale-out threshold (capacity x " + kind.scaleOutSetting() + ")"
                        : " fell below the capacity's scale-in threshold ((capacity - 1) x " + kind.scaleInSetting()
                                + ", 0 at minCapacity)")
                + "; the scaler re-sets the threshold after each rescale, and a deploy writes the "
                + "one of the stored desired capacity" + guard;
    }

    private static AdjustmentTier adjustmentTier(ScalingStep step, double stepUnit) {
        AdjustmentTier.Builder builder = AdjustmentTier.builder().adjustment(step.adjustmentKpus());
        if (step.lowerBoundKpus() != null) {
            builder.lowerBound(LoadUnits.toSignal(step.lowerBoundKpus(), stepUnit));
        }
        if (step.upperBoundKpus() != null) {
            builder.upperBound(LoadUnits.toSignal(step.upperBoundKpus(), stepUnit));
        }
        return builder.build();
    }
}
