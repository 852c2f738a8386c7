package io.github.kdastepscaling;

import io.github.kdastepscaling.contract.DeployTimeResources;
import io.github.kdastepscaling.policy.NumberText;
import io.github.kdastepscaling.policy.ScaledLoad;
import io.github.kdastepscaling.policy.ScalingThresholds;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import software.amazon.awscdk.CustomResource;
import software.amazon.awscdk.Lazy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.customresources.Provider;
import software.amazon.awscdk.services.applicationautoscaling.CfnScalableTarget;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.CfnAlarm;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kinesisanalyticsv2.CfnApplication;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.ssm.IStringParameter;
import software.constructs.Construct;

/**
 * What a deploy writes from the stored desired capacity rather than from {@code initialCapacity}: one function from
 * the scaler's jar, through aws-cdk-lib's provider framework, serves two custom resources (so a deploy never scales
 * the job):
 * <ul>
 *   <li><b>capacity</b> ({@code Resource}, a created application only): the parallelism the application is deployed
 *       with. Its properties carry a hash of the application's configuration, so it runs again exactly when a deploy
 *       updates the application; the application takes the parallelism from its attribute. No cycle: the resource
 *       needs the parameter, the application needs the resource;</li>
 *   <li><b>thresholds</b> ({@code Thresholds}, a load signal only): the load alarms' thresholds, by the shared
 *       formula at the scalable target's current minimum. Its properties carry the alarms' own configuration (all but
 *       the threshold, as CloudFormation resolves it), so it runs again in every deploy that updates an alarm, and
 *       the alarm is written with the thresholds of the capacity the job runs at. It depends on the scalable target,
 *       so it reads the target's minimum as the deploy leaves it. A separate resource, so that a deploy that touches
 *       only an alarm does not re-read the parallelism, which could restart an application whose stored desire it
 *       does not run (a refused rescale).</li>
 * </ul>
 */
final class DeployTimeCapacity extends Construct {

    private final ResolvedProps settings;
    private final IStringParameter desiredCapacity;
    private final Provider provider;
    /** The learned-rate parameter the thresholds follow, or null when the scaler does not learn. */
    private final IStringParameter learnedRate;

    /**
     * The thresholds the load alarms are deployed with, as tokens for {@code Threshold}.
     *
     * @param learnedRate with learning, the learned scale-out rate per KPU the alarms' scaled load divides by
     *                    ({@link ScaledLoad}), as a token; the thresholds are then the configured rate's. Null
     *                    without learning.
     */
    record Thresholds(Number scaleOut, Number scaleIn, String learnedRate) {

        /** A utilization signal's thresholds: the same at every capacity, so nothing to read at deploy time. */
        static Thresholds atInitialCapacity(ResolvedProps settings) {
            return new Thresholds(
                    settings.policy.thresholds().scaleOutThreshold(settings.initialCapacity),
                    settings.policy.thresholds().scaleInThreshold(settings.initialCapacity),
                    null);
        }
    }

    /**
     * @param servesThresholds whether the {@code Thresholds} resource is created (its function then may read the
     *                         scalable target's range)
     * @param shared a fleet's provider, whose function reads every member's state, or null for one of its own
     */
    DeployTimeCapacity(
            Construct scope,
            String id,
            ResolvedProps settings,
            IStringParameter desiredCapacity,
            IStringParameter learnedRate,
            boolean servesThresholds,
            Provider shared) {
        super(scope, id);
        this.settings = settings;
        this.desiredCapacity = desiredCapacity;
        // The thresholds follow the learned rate when the scaler learns: a deploy writes the ones the scaler set.
        this.learnedRate = servesThresholds ? learnedRate : null;
        this.provider = shared != null ? shared : ownProvider(settings, servesThresholds);
    }

    /** The function and provider of a single application: it reads that application's parameters only. */
    private Provider ownProvider(ResolvedProps settings, boolean servesThresholds) {
        List<String> readable = new ArrayList<>(List.of(desiredCapacity.getParameterArn()));
        if (this.learnedRate != null) {
            readable.add(this.learnedRate.getParameterArn());
        }
        List<PolicyStatement> statements = new ArrayList<>(List.of(PolicyStatement.Builder.create()
                .sid("ReadDesiredCapacity")
                .actions(List.of("ssm:GetParameter"))
                .resources(readable)
                .build()));
        if (servesThresholds) {
            statements.add(PolicyStatement.Builder.create()
                    .sid("ReadScalableTargetMinimum")
                    // No resource-level permissions for Application Auto Scaling's Describe actions: "*" is the only
                    // resource a statement can name. It reads the target's range and changes nothing.
                    .actions(List.of("application-autoscaling:DescribeScalableTargets"))
                    .resources(List.of("*"))
                    .build());
        }
        Function function = DeployTimeCustomResources.function(
                this,
                "Function",
                settings,
                DeployTimeResources.CAPACITY_HANDLER,
                "kda-step-scaling: the parallelism and alarm thresholds a "
                        + "deploy gives the application (those of the stored desired capacity)",
                statements);
        if (servesThresholds) {
            NagSuppressionMetadata.deployTimeScalableTargetRead(function.getRole());
        }
        return DeployTimeCustomResources.provider(this, settings, function, null);
    }

    /**
     * The parallelism to give the application, as a token for {@code ParallelismConfiguration.Parallelism}.
     *
     * @param configuration the application's configuration, resolved lazily into the hash that re-runs the resource
     */
    Number parallelism(Supplier<Object> configuration) {
        Stack stack = Stack.of(this);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(DeployTimeResources.PARAMETER_NAME, desiredCapacity.getParameterName());
        properties.put(DeployTimeResources.PARALLELISM_PER_KPU, Integer.toString(settings.parallelismPerKpu));
        properties.put(DeployTimeResources.INITIAL_CAPACITY, Integer.toString(settings.initialCapacity));
        properties.put(DeployTimeResources.KPU_QUOTA, Integer.toString(settings.policy.kpuQuota()));
        properties.put(
                DeployTimeResources.CONFIGURATION_HASH,
                Lazy.string(() -> sha256(canonical(stack.resolve(configuration.get())))));
        CustomResource resource = CustomResource.Builder.create(this, "Resource")
                .serviceToken(provider.getServiceToken())
                .resourceType(DeployTimeResources.CAPACITY_TYPE)
                .properties(properties)
                .build();
        return Token.asNumber(resource.getAttString(DeployTimeResources.PARALLELISM_ATTRIBUTE));
    }

    /**
     * The load alarms' thresholds as deployed.
     *
     * @param alarms the load alarms by name ({@code ScaleOut}, {@code ScaleIn}), known once they are built: their
     *               configuration is read at synthesis
     */
    Thresholds thresholds(
            String scalableTargetResourceId, CfnScalableTarget target, Supplier<Map<String, Alarm>> alarms) {
        ScalingThresholds thresholds = settings.policy.thresholds();
        Stack stack = Stack.of(this);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(DeployTimeResources.PARAMETER_NAME, desiredCapacity.getParameterName());
        properties.put(DeployTimeResources.INITIAL_CAPACITY, Integer.toString(settings.initialCapacity));
        properties.put(DeployTimeResources.KPU_QUOTA, Integer.toString(settings.policy.kpuQuota()));
        properties.put(DeployTimeResources.SIGNAL_KIND, thresholds.kind().name());
        properties.put(DeployTimeResources.SCALE_OUT_PER_KPU, NumberText.of(thresholds.scaleOutPerKpu()));
        properties.put(DeployTimeResources.SCALE_IN_PER_KPU, NumberText.of(thresholds.scaleInPerKpu()));
        properties.put(DeployTimeResources.MIN_CAPACITY, Integer.toString(thresholds.minCapacity()));
        properties.put(DeployTimeResources.SCALABLE_TARGET_RESOURCE_ID, scalableTargetResourceId);
        if (learnedRate != null) {
            properties.put(DeployTimeResources.LEARNED_RATE_PARAMETER_NAME, learnedRate.getParameterName());
            properties.put(
                    DeployTimeResources.LEARNING_MIN_RATE_PER_KPU, NumberText.of(settings.rateLearning.minRate()));
            properties.put(
                    DeployTimeResources.LEARNING_MAX_RATE_PER_KPU, NumberText.of(settings.rateLearning.maxRate()));
        }
        AtomicReference<String> learnedRateAttribute = new AtomicReference<>();
        // The alarms' metrics hold the learned rate this resource answers with: in its own properties that reference
        // would be a cycle, so it stands there as a fixed word (the expression around it is what tells a change).
        properties.put(
                DeployTimeResources.ALARMS,
                Lazy.any(() -> sorted(withoutOwnAttribute(
                        stack.resolve(withoutThresholds(alarms.get())),
                        learnedRateAttribute.get() == null ? null : stack.resolve(learnedRateAttribute.get())))));
        CustomResource resource = CustomResource.Builder.create(this, "Thresholds")
                .serviceToken(provider.getServiceToken())
                .resourceType(DeployTimeResources.THRESHOLDS_TYPE)
                .properties(properties)
                .build();
        resource.getNode().addDependency(target);
        if (learnedRate != null) {
            learnedRateAttribute.set(resource.getAttString(DeployTimeResources.LEARNED_RATE_ATTRIBUTE));
        }
        return new Thresholds(
                Token.asNumber(resource.getAttString(DeployTimeResources.SCALE_OUT_THRESHOLD_ATTRIBUTE)),
                Token.asNumber(resource.getAttString(DeployTimeResources.SCALE_IN_THRESHOLD_ATTRIBUTE)),
                learnedRateAttribute.get());
    }

    /** {@code value} with every occurrence of {@code attribute} (resolved) replaced by the word {@code learned}. */
    private static Object withoutOwnAttribute(Object value, Object attribute) {
        if (attribute == null) {
            return value;
        }
        if (value.equals(attribute)) {
            return "learned";
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, entry) -> copy.put(key, withoutOwnAttribute(entry, attribute)));
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream()
                    .map(entry -> withoutOwnAttribute(entry, attribute))
                    .toList();
        }
        return value;
    }

    /**
     * Every property of each alarm's L1 but its threshold (which comes from the resource itself), read through the
     * L1's public getters, so a property aws-cdk-lib adds is included without a change here.
     */
    private static Map<String, Object> withoutThresholds(Map<String, Alarm> alarms) {
        Map<String, Object> configuration = new TreeMap<>();
        alarms.forEach((name, alarm) -> {
            CfnAlarm cfn = (CfnAlarm) alarm.getNode().getDefaultChild();
            Map<String, Object> properties = new TreeMap<>();
            for (Method getter : CfnAlarm.class.getDeclaredMethods()) {
                String property =
                        getter.getName().startsWith("get") ? getter.getName().substring(3) : "";
                Class<?> type = getter.getReturnType();
                boolean data =
                        type == String.class || type == Number.class || type == Object.class || type == List.class;
                if (Modifier.isPublic(getter.getModifiers())
                        && !Modifier.isStatic(getter.getModifiers())
                        && getter.getParameterCount() == 0
                        && data
                        && !property.isEmpty()
                        && !property.startsWith("Attr")
                        && !property.equals("Threshold")) {
                    properties.put(property, invoke(getter, cfn));
                }
            }
            configuration.put(name, properties);
        });
        return configuration;
    }

    /** {@code value} with every object's keys sorted: the same configuration is always the same text. */
    private static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((key, entry) -> sorted.put(String.valueOf(key), sorted(entry)));
            return sorted;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(DeployTimeCapacity::sorted).toList();
        }
        return value;
    }

    private static Object invoke(Method getter, CfnAlarm alarm) {
        try {
            return getter.invoke(alarm);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(
                    "could not read " + getter.getName() + " of "
                            + alarm.getNode().getPath(),
                    e);
        }
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
            TreeMap<String, Object> sorted = new TreeMap<>();
            map.forEach((key, entry) -> sorted.put(String.valueOf(key), entry));
            StringBuilder text = new StringBuilder("{");
            sorted.forEach((key, entry) ->
                    text.append(quote(key)).append(':').append(canonical(entry)).append(','));
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
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
