package io.github.kdastepscaling;

import io.github.kdastepscaling.contract.DeployTimeResources;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CustomResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.customresources.LogOptions;
import software.amazon.awscdk.customresources.Provider;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.kinesisanalyticsv2.CfnApplication;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.constructs.Construct;

/**
 * The deploy-time custom resources' functions from the scaler's jar, served through aws-cdk-lib's provider framework
 * (no Docker, no other code asset), and the <b>start on create</b> resource: it starts the application the stack
 * created and waits until it runs (the provider's {@code isComplete} polling), or fails the deploy with the reason.
 * The resources that read the stored desired capacity are {@link DeployTimeCapacity}'s.
 */
final class DeployTimeCustomResources {

    static final Duration START_QUERY_INTERVAL = Duration.seconds(15);
    static final Duration START_TIMEOUT = Duration.minutes(20);

    private DeployTimeCustomResources() {}

    /**
     * The start functions and their provider.
     *
     * @param statements the functions' statements on the applications they start: a fleet adds each registered
     *                   application's ARN to them ({@code addResources}) before synthesis
     */
    record Starter(Provider provider, List<PolicyStatement> statements) {}

    /** The functions that start the applications in {@code applicationArns} and wait until they run. */
    static Starter starter(Construct scope, SharedSettings settings, List<String> applicationArns) {
        PolicyStatement start = PolicyStatement.Builder.create()
                .sid("StartCreatedApplication")
                .actions(List.of("kinesisanalytics:DescribeApplication", "kinesisanalytics:StartApplication"))
                .resources(applicationArns)
                .build();
        PolicyStatement describe = PolicyStatement.Builder.create()
                .sid("DescribeStartedApplication")
                .actions(List.of("kinesisanalytics:DescribeApplication"))
                .resources(applicationArns)
                .build();
        Function onEvent = function(
                scope,
                "StartFunction",
                settings,
                DeployTimeResources.START_ON_EVENT_HANDLER,
                "kda-step-scaling: starts the application the stack created",
                List.of(start));
        Function isComplete = function(
                scope,
                "StartedFunction",
                settings,
                DeployTimeResources.START_IS_COMPLETE_HANDLER,
                "kda-step-scaling: tells when the started application runs",
                List.of(describe));
        return new Starter(provider(scope, settings, onEvent, isComplete), List.of(start, describe));
    }

    /** Starts {@code application} once, after it is created, and waits until it runs. */
    static CustomResource startOnCreate(
            Construct scope, Provider provider, CfnApplication application, FirstStartRestore restore) {
        CustomResource resource = CustomResource.Builder.create(scope, "Resource")
                .serviceToken(provider.getServiceToken())
                .resourceType("Custom::KdaStepScalingStartOnCreate")
                .properties(Map.of(
                        DeployTimeResources.APPLICATION_NAME, application.getRef(),
                        DeployTimeResources.RESTORE_TYPE, restore.name()))
                .build();
        return resource;
    }

    static Provider provider(Construct scope, SharedSettings settings, Function onEvent, Function isComplete) {
        LogGroup logs = ConstructLogGroups.create(scope, "ProviderLogs", settings);
        // The framework's functions get roles with an inline policy for their log group (aws-cdk-lib's default
        // attaches the managed AWSLambdaBasicExecutionRole); the framework adds the invoke grants itself. Two roles
        // with a waiter: one role for both would make its policy depend on the state machine that depends on it.
        Role frameworkRole = frameworkRole(scope, "ProviderRole", logs);
        Provider.Builder builder = Provider.Builder.create(scope, "Provider")
                .onEventHandler(onEvent)
                .logGroup(logs)
                .frameworkOnEventRole(frameworkRole);
        if (isComplete != null) {
            builder.frameworkCompleteAndTimeoutRole(frameworkRole(scope, "ProviderWaiterRole", logs))
                    .isCompleteHandler(isComplete)
                    .queryInterval(START_QUERY_INTERVAL)
                    .totalTimeout(START_TIMEOUT)
                    .disableWaiterStateMachineLogging(false)
                    .waiterStateMachineLogOptions(LogOptions.builder()
                            .destination(ConstructLogGroups.create(scope, "WaiterLogs", settings))
                            .level(LogLevel.ALL)
                            .build());
        }
        Provider provider = builder.build();
        // After build: the framework adds its grants to the roles while it is built.
        NagSuppressionMetadata.providerFramework(scope);
        return provider;
    }

    private static Role frameworkRole(Construct scope, String id, LogGroup logs) {
        return LambdaRoles.withOwnLogs(
                scope,
                id,
                "kda-step-scaling: aws-cdk-lib's custom-resource provider " + "framework",
                "Logs",
                "WriteProviderLogs",
                logs.getLogGroupArn(),
                LambdaRoles.document(List.of()));
    }

    static Function function(
            Construct scope,
            String id,
            SharedSettings settings,
            String handler,
            String description,
            List<PolicyStatement> statements) {
        Construct namespace = new Construct(scope, id);
        LogGroup logGroup = ConstructLogGroups.create(namespace, "LogGroup", settings);
        Role role = LambdaRoles.withOwnLogs(
                namespace,
                "Role",
                description,
                "DeployTime",
                "WriteOwnLogs",
                logGroup.getLogGroupArn(),
                LambdaRoles.document(statements));
        Function function = Function.Builder.create(namespace, "Resource")
                .description(description)
                .runtime(ScalerFunction.RUNTIME)
                .architecture(Architecture.ARM_64)
                .handler(handler)
                .code(Code.fromAsset(ScalerJar.path().toString()))
                .memorySize(512)
                .timeout(Duration.minutes(1))
                .role(role)
                .logGroup(logGroup)
                .build();
        NagSuppressionMetadata.deployTimeFunction(function);
        return function;
    }
}
