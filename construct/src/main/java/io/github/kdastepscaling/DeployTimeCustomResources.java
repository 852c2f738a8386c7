package io.github.kdastepscaling;

import io.github.kdastepscaling.contract.DeployTimeResources;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CustomResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Lazy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.customresources.LogOptions;
import software.amazon.awscdk.customresources.Provider;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.kinesisanalyticsv2.CfnApplication;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.ssm.IStringParameter;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.constructs.Construct;

/**
 * The two deploy-time custom resources, each served by a function from the scaler's jar through aws-cdk-lib's
 * provider framework (no Docker, no other code asset):
 * <ul>
 *   <li><b>capacity</b>: the parallelism the application is deployed with is read at deploy time from the stored
 *       desired capacity. The resource's properties carry a hash of the application's configuration, so it runs
 *       again exactly when a deploy updates the application; the application takes the parallelism from the
 *       resource's attribute. No cycle: the resource needs the parameter, the application needs the resource;</li>
 *   <li><b>start on create</b>: starts the application the stack created and waits until it runs (the provider's
 *       {@code isComplete} polling), or fails the deploy with the reason.</li>
 * </ul>
 */
final class DeployTimeCustomResources {

    static final Duration START_QUERY_INTERVAL = Duration.seconds(15);
    static final Duration START_TIMEOUT = Duration.minutes(20);

    private DeployTimeCustomResources() {
    }

    /**
     * The parallelism to give the application, as a token for {@code ParallelismConfiguration.Parallelism}.
     *
     * @param configuration the application's configuration, resolved lazily into the hash that re-runs the resource
     */
    static Number parallelism(Construct scope, ResolvedProps settings, IStringParameter desiredCapacity,
                              java.util.function.Supplier<Object> configuration) {
        Function function = function(scope, "Function", settings, DeployTimeResources.CAPACITY_HANDLER,
                "kda-step-scaling: the parallelism a deploy gives the application (the stored desired capacity)",
                List.of(PolicyStatement.Builder.create()
                        .sid("ReadDesiredCapacity")
                        .actions(List.of("ssm:GetParameter"))
                        .resources(List.of(desiredCapacity.getParameterArn()))
                        .build()));
        Provider provider = provider(scope, settings, function, null);
        Stack stack = Stack.of(scope);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(DeployTimeResources.PARAMETER_NAME, desiredCapacity.getParameterName());
        properties.put(DeployTimeResources.PARALLELISM_PER_KPU, Integer.toString(settings.parallelismPerKpu));
        properties.put(DeployTimeResources.INITIAL_CAPACITY, Integer.toString(settings.initialCapacity));
        properties.put(DeployTimeResources.KPU_QUOTA, Integer.toString(settings.policy.kpuQuota()));
        properties.put(DeployTimeResources.CONFIGURATION_HASH,
                Lazy.string(() -> sha256(canonical(stack.resolve(configuration.get())))));
        CustomResource resource = CustomResource.Builder.create(scope, "Resource")
                .serviceToken(provider.getServiceToken())
                .resourceType("Custom::KdaStepScalingDeployTimeCapacity")
                .properties(properties)
                .build();
        return Token.asNumber(resource.getAttString(DeployTimeResources.PARALLELISM_ATTRIBUTE));
    }

    /** Starts {@code application} once, after it is created, and waits until it runs. */
    static CustomResource startOnCreate(Construct scope, ResolvedProps settings, CfnApplication application,
                                        String applicationArn, FirstStartRestore restore) {
        Function onEvent = function(scope, "StartFunction", settings, DeployTimeResources.START_ON_EVENT_HANDLER,
                "kda-step-scaling: starts the application the stack created",
                List.of(PolicyStatement.Builder.create()
                        .sid("StartCreatedApplication")
                        .actions(List.of("kinesisanalytics:DescribeApplication", "kinesisanalytics:StartApplication"))
                        .resources(List.of(applicationArn))
                        .build()));
        Function isComplete = function(scope, "StartedFunction", settings,
                DeployTimeResources.START_IS_COMPLETE_HANDLER,
                "kda-step-scaling: tells when the started application runs",
                List.of(PolicyStatement.Builder.create()
                        .sid("DescribeStartedApplication")
                        .actions(List.of("kinesisanalytics:DescribeApplication"))
                        .resources(List.of(applicationArn))
                        .build()));
        Provider provider = provider(scope, settings, onEvent, isComplete);
        CustomResource resource = CustomResource.Builder.create(scope, "Resource")
                .serviceToken(provider.getServiceToken())
                .resourceType("Custom::KdaStepScalingStartOnCreate")
                .properties(Map.of(
                        DeployTimeResources.APPLICATION_NAME, application.getRef(),
                        DeployTimeResources.RESTORE_TYPE, restore.name()))
                .build();
        return resource;
    }

    private static Provider provider(Construct scope, ResolvedProps settings, Function onEvent, Function isComplete) {
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
        return LambdaRoles.withOwnLogs(scope, id, "kda-step-scaling: aws-cdk-lib's custom-resource provider "
                + "framework", "Logs", "WriteProviderLogs", logs.getLogGroupArn(), List.of());
    }

    private static Function function(Construct scope, String id, ResolvedProps settings, String handler,
                                     String description, List<PolicyStatement> statements) {
        Construct namespace = new Construct(scope, id);
        LogGroup logGroup = ConstructLogGroups.create(namespace, "LogGroup", settings);
        Role role = LambdaRoles.withOwnLogs(namespace, "Role", description, "DeployTime", "WriteOwnLogs",
                logGroup.getLogGroupArn(), statements);
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

    /**
     * What a deploy changes the application by: everything CloudFormation sends in UpdateApplication but the
     * parallelism (a reference to the deploy-time capacity resource, the same in every synthesis).
     */
    static Object configurationOf(CfnApplication application) {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("name", application.getApplicationName());
        configuration.put("runtime", application.getRuntimeEnvironment());
        configuration.put("role", application.getServiceExecutionRole());
        configuration.put("configuration", application.getApplicationConfiguration());
        return configuration;
    }

    /**
     * The resolved configuration as text with sorted keys: the same configuration always gives the same text, and
     * any change to it (a new code key, a property, the role) a different one. Intrinsics stay as their JSON (a
     * {@code Ref} to the same resource is the same text).
     */
    static String canonical(Object value) {
        if (value instanceof Map<?, ?> map) {
            java.util.TreeMap<String, Object> sorted = new java.util.TreeMap<>();
            map.forEach((key, entry) -> sorted.put(String.valueOf(key), entry));
            StringBuilder text = new StringBuilder("{");
            sorted.forEach((key, entry) -> text.append(quote(key)).append(':').append(canonical(entry)).append(','));
            return text.append('}').toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder text = new StringBuilder("[");
            list.forEach(entry -> text.append(canonical(entry)).append(','));
            return text.append(']').toString();
        }
        if (value instanceof String string) {
            if (Token.isUnresolved(string)) {
                throw new IllegalStateException("the application's configuration did not resolve: " + string);
            }
            return quote(string);
        }
        return String.valueOf(value);
    }

    private static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
