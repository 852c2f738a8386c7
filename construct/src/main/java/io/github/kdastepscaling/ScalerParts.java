package io.github.kdastepscaling;

import io.github.kdastepscaling.contract.ScalerEnvironment;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * The scaler and the endpoint Application Auto Scaling calls: a single application's own, or a fleet's, shared by
 * every application in it.
 */
record ScalerParts(
        Function function,
        Alias alias,
        IRole role,
        ILogGroup logGroup,
        Rule reconcileRule,
        Queue deadLetterQueue,
        RestApi api,
        ILogGroup apiAccessLogs) {

    /** A single application's scaler and endpoint, under the ids the construct has always used. */
    static ScalerParts own(Construct scope, ResolvedProps settings, ScalerFunction.Inputs inputs) {
        ScalerFunction scaler = new ScalerFunction(scope, "Scaler", settings, inputs);
        NagSuppressionMetadata.scalerFunction(scaler.function(), settings);
        NagSuppressionMetadata.scalerRole(scaler.role(), settings);
        ScalingEndpoint endpoint = new ScalingEndpoint(scope, "Endpoint", settings, scaler.alias());
        scaler.function()
                .addEnvironment(
                        ScalerEnvironment.SCALABLE_TARGET_RESOURCE_ID,
                        StepScalingFactory.resourceId(
                                endpoint.api().getRestApiId(), settings.stageName, inputs.applicationName()));
        NagSuppressionMetadata.endpoint(endpoint.api(), settings);
        return of(scaler, endpoint);
    }

    /** The parts of a built scaler and endpoint. */
    static ScalerParts of(ScalerFunction scaler, ScalingEndpoint endpoint) {
        return new ScalerParts(
                scaler.function(),
                scaler.alias(),
                scaler.role(),
                scaler.logGroup(),
                scaler.reconcileRule(),
                scaler.deadLetterQueue(),
                endpoint.api(),
                endpoint.accessLogs());
    }
}
