package io.github.kdastepscaling;

import software.amazon.awscdk.CfnOutput;
import software.constructs.Construct;

/**
 * The names the runbook (docs/runbook.md) tells the on-call engineer to use, as stack outputs:
 * {@code aws cloudformation describe-stacks} gives them without reading the template. Under the construct's
 * {@code Outputs} node, so two constructs in one stack do not clash.
 */
final class StackOutputs {

    private StackOutputs() {}

    static void add(Construct scope, KdaStepScaling scaling, String decisionsQueryName) {
        output(scope, "ApplicationName", scaling.getApplicationName(), "The Flink application the construct scales");
        output(
                scope,
                "DesiredCapacityParameterName",
                scaling.getDesiredCapacityParameter().getParameterName(),
                "SSM parameter: the last desired capacity (KPUs) the scaler stored");
        output(
                scope,
                "LastRescaleParameterName",
                scaling.getRescaleAttemptParameter().getParameterName(),
                "SSM parameter: the last rescale the scaler submitted");
        if (scaling.getLearnedRateParameter() != null) {
            output(
                    scope,
                    "LearnedRateParameterName",
                    scaling.getLearnedRateParameter().getParameterName(),
                    "SSM parameter: the per-KPU rate the scaler learned (none before its first estimate)");
        }
        output(
                scope,
                "DeadLetterQueueName",
                scaling.getScalerDeadLetterQueue().getQueueName(),
                "SQS queue: reconciles that failed after their retries");
        output(
                scope,
                "ScalerLogGroupName",
                scaling.getScalerLogGroup().getLogGroupName(),
                "Log group of the scaler's decision lines");
        output(scope, "DecisionsQueryName", decisionsQueryName, "Saved Logs Insights query of the scaler's decisions");
        output(
                scope,
                "ScalableTargetResourceId",
                scaling.getScalableTarget().getResourceId(),
                "Application Auto Scaling resource id (service namespace custom-resource)");
    }

    private static void output(Construct scope, String id, String value, String description) {
        CfnOutput.Builder.create(scope, id)
                .value(value)
                .description(description)
                .build();
    }
}
