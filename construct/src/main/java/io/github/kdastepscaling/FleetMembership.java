package io.github.kdastepscaling;

import io.github.kdastepscaling.contract.ScalerEnvironment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.ssm.ParameterTier;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

/**
 * What joining a fleet asks of an application's props, and the configuration parameter it registers with: the same
 * keys and values a single application's scaler has in its environment, as one JSON object.
 */
final class FleetMembership {

    /** A Standard parameter's value holds at most this many characters. */
    static final int MAX_CONFIGURATION_CHARACTERS = 4096;
    /** What one token of the configuration may resolve to at most: a name of 128 characters, quoted. */
    static final int MAX_TOKEN_CHARACTERS = 256;
    /** The props a fleet owns that its own props set instead, by the name they have there. */
    private static final Map<String, String> ON_THE_FLEET = Map.of(
            "reconcileInterval",
            "reconcileInterval",
            "logRetention",
            "logRetention",
            "scalerMemorySize",
            "scalerMemorySize",
            "scalerConcurrency",
            "scalerReservedConcurrency",
            "dashboardName",
            "dashboardName");

    private static final Pattern TOKEN = Pattern.compile("\\$\\{Token\\[[^\\]]+\\]\\}");

    private FleetMembership() {}

    /**
     * Props a fleet owns are refused rather than ignored: the user meant something by them, and the fleet's shared
     * scaler, endpoint, schedule, log groups and dashboard cannot follow one application's wish.
     */
    static void refuseOwnedProps(KdaStepScalingProps props, String fleetId) {
        Map<String, Object> owned = new LinkedHashMap<>();
        owned.put("reconcileInterval", props.getReconcileInterval());
        owned.put("logRetention", props.getLogRetention());
        owned.put("scalerMemorySize", props.getScalerMemorySize());
        owned.put("scalerConcurrency", props.getScalerConcurrency());
        owned.put("dashboardName", props.getDashboardName());
        owned.put("dashboard", props.getDashboard());
        owned.put("stageName", props.getStageName());
        owned.put("endpointAccess", props.getEndpointAccess());
        owned.put("logEncryptionKey", props.getLogEncryptionKey());
        owned.put("tracing", props.getTracing());
        owned.put("scalerVpc", props.getScalerVpc());
        owned.put("scalerVpcSubnets", props.getScalerVpcSubnets());
        owned.put("scalerSecurityGroups", props.getScalerSecurityGroups());
        owned.forEach((prop, value) -> {
            if (value != null) {
                String instead = ON_THE_FLEET.containsKey(prop)
                        ? " (set " + ON_THE_FLEET.get(prop) + " on " + "KdaStepScalingFleetProps instead)"
                        : "";
                throw new IllegalArgumentException(prop + " (" + value + ") is set, but the application joins fleet ("
                        + fleetId + "), which owns it: its applications share one scaler, endpoint, schedule and "
                        + "dashboard; remove " + prop + instead);
            }
        });
    }

    /**
     * The member's application name, which must be known at synthesis: it names the member's parameters, alarms and
     * scalable target, and a created application's generated name would make its own parameters depend on it.
     */
    static String applicationName(KdaStepScalingProps props, String fleetId) {
        String name = props.getExistingApplicationName() != null
                ? props.getExistingApplicationName()
                : props.getApplicationProps() != null
                        ? props.getApplicationProps().getApplicationName()
                        : null;
        String prop = props.getExistingApplicationName() != null
                ? "existingApplicationName"
                : "applicationProps.applicationName";
        if (name == null || Token.isUnresolved(name)) {
            throw new IllegalArgumentException(prop + " (" + name + ") must be given, known at synthesis, for an "
                    + "application of fleet (" + fleetId + "): it names the application's parameters and alarms");
        }
        return name;
    }

    /**
     * The member's configuration parameter, {@code <path>/applications/<name>}: Standard tier, so refused when its
     * value could exceed {@value #MAX_CONFIGURATION_CHARACTERS} characters (each token counted as
     * {@value #MAX_TOKEN_CHARACTERS}).
     */
    static StringParameter configurationParameter(
            Construct scope,
            FleetSettings fleet,
            ResolvedProps member,
            ScalerFunction.Inputs inputs,
            String scalableTargetResourceId) {
        Map<String, String> configuration = new LinkedHashMap<>(ScalerFunction.environment(member, inputs));
        configuration.put(ScalerEnvironment.SCALABLE_TARGET_RESOURCE_ID, scalableTargetResourceId);
        int length = estimatedLength(configuration);
        if (length > MAX_CONFIGURATION_CHARACTERS) {
            throw new IllegalArgumentException("the configuration of application " + inputs.applicationName()
                    + " in fleet (" + fleet.fleetId() + ") could take " + length + " characters, more than the "
                    + MAX_CONFIGURATION_CHARACTERS + " a Standard SSM parameter holds: shorten the application's "
                    + "name or its metric names");
        }
        return StringParameter.Builder.create(scope, "FleetConfiguration")
                .parameterName(fleet.configurationPath() + "/applications/" + inputs.applicationName())
                .description("kda-step-scaling fleet " + fleet.fleetId() + ": how the shared scaler scales application "
                        + inputs.applicationName() + ". Written by the stack only.")
                .tier(ParameterTier.STANDARD)
                .stringValue(Stack.of(scope).toJsonString(configuration))
                .build();
    }

    /** The JSON's length with every token at its longest. */
    static int estimatedLength(Map<String, String> configuration) {
        int length = 2;
        for (Map.Entry<String, String> entry : configuration.entrySet()) {
            String value = TOKEN.matcher(entry.getValue()).replaceAll("x".repeat(MAX_TOKEN_CHARACTERS));
            length += entry.getKey().length() + value.length() + 6;
        }
        return length;
    }
}
