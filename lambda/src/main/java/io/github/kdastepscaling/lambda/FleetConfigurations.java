package io.github.kdastepscaling.lambda;

import io.github.kdastepscaling.contract.ScalerEnvironment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * Fleet mode: each application's configuration is an SSM String parameter
 * {@code <FLEET_CONFIGURATION_PATH>/applications/<applicationName>} whose value is a JSON object of strings with the
 * keys and values a single application's scaler has in its environment. One function's environment (4 KB) cannot
 * hold fifteen applications' settings; Parameter Store can, and the construct writes one parameter per application.
 *
 * <p>Each configuration is read on every call rather than cached: a redeploy that changes one application's settings
 * takes effect on the next call, as an environment change does for a single application's function.
 */
final class FleetConfigurations {

    /** A Managed Flink application name; a dimension id that is not one cannot be registered. */
    private static final Pattern APPLICATION_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");
    /** An SSM parameter path: absolute, no trailing slash, the characters SSM allows in names. */
    private static final Pattern PATH = Pattern.compile("(/[a-zA-Z0-9_.-]+)+");

    private final SsmParameterClient ssm;
    private final String fleetPath;

    /** @param fleetPath {@code FLEET_CONFIGURATION_PATH}, as {@link #fleetPath(Map)} checked it */
    FleetConfigurations(SsmParameterClient ssm, String fleetPath) {
        this.ssm = ssm;
        this.fleetPath = fleetPath;
    }

    /**
     * {@code FLEET_CONFIGURATION_PATH}, checked, or null when the scaler serves one application.
     *
     * @throws ConfigurationException when it is malformed, or set together with the single-application variables
     */
    static String fleetPath(Map<String, String> environment) {
        String path = environment.get(ScalerEnvironment.FLEET_CONFIGURATION_PATH);
        if (path == null || path.isEmpty()) {
            return null;
        }
        if (!PATH.matcher(path).matches()) {
            throw new ConfigurationException("environment variable " + ScalerEnvironment.FLEET_CONFIGURATION_PATH
                    + " (" + path + ") must be an SSM parameter path: /segment[/segment...] of letters, digits, "
                    + "'_', '.' and '-', without a trailing slash");
        }
        String single = environment.get(ScalerEnvironment.APPLICATION_NAME);
        if (single != null && !single.isEmpty()) {
            throw new ConfigurationException("environment variable " + ScalerEnvironment.FLEET_CONFIGURATION_PATH
                    + " (" + path + ") is set together with " + ScalerEnvironment.APPLICATION_NAME + " (" + single
                    + "): a fleet's scaler reads each application's configuration from SSM, so the "
                    + "single-application variables must be absent");
        }
        return path;
    }

    /** The path GetParametersByPath lists: every registered application's configuration is directly under it. */
    String applicationsPath() {
        return fleetPath + "/applications";
    }

    /** The parameter holding {@code applicationName}'s configuration. */
    String parameterName(String applicationName) {
        return applicationsPath() + "/" + applicationName;
    }

    /** Whether {@code dimensionId} could name a registered application at all (a Flink application name). */
    static boolean isApplicationName(String dimensionId) {
        return dimensionId != null && APPLICATION_NAME.matcher(dimensionId).matches();
    }

    /**
     * The configuration of the application registered as {@code applicationName}, empty when none is.
     *
     * @throws ConfigurationException naming the parameter when its value is not a usable configuration
     * @throws software.amazon.awssdk.core.exception.SdkException when SSM cannot be read
     */
    Optional<ScalerConfiguration> find(String applicationName) {
        if (!isApplicationName(applicationName)) {
            return Optional.empty();
        }
        String parameter = parameterName(applicationName);
        return ssm.getParameter(parameter).map(value -> parse(parameter, applicationName, value));
    }

    /**
     * Every registered application, in the order SSM lists them, each with its configuration or the reason it has
     * none: one malformed parameter never hides the others.
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when SSM cannot be listed
     */
    List<Registered> list() {
        List<Registered> registered = new ArrayList<>();
        String prefix = applicationsPath() + "/";
        ssm.getParametersByPath(applicationsPath()).forEach((parameter, value) -> {
            String applicationName = parameter.startsWith(prefix) ? parameter.substring(prefix.length()) : parameter;
            try {
                registered.add(
                        new Registered(applicationName, parameter, parse(parameter, applicationName, value), null));
            } catch (ConfigurationException e) {
                registered.add(new Registered(applicationName, parameter, null, e.getMessage()));
            }
        });
        return registered;
    }

    /**
     * One registered application.
     *
     * @param configuration its configuration, or null when {@code problem} says why it is unusable
     */
    record Registered(
            String applicationName, String parameterName, ScalerConfiguration configuration, String problem) {}

    /**
     * Reads one application's configuration as {@link ScalerConfiguration#fromEnvironment} reads an environment,
     * with every problem naming the parameter.
     *
     * @throws ConfigurationException when the value is not a JSON object of strings, a key is missing or malformed,
     *                                or it configures another application than the one it is registered as
     */
    static ScalerConfiguration parse(String parameterName, String applicationName, String value) {
        String where = "fleet configuration parameter " + parameterName;
        JsonNode json;
        try {
            json = JsonNode.parser().parse(value);
        } catch (RuntimeException e) {
            throw new ConfigurationException(where + " is not JSON: " + e.getMessage());
        }
        if (!json.isObject()) {
            throw new ConfigurationException(where + " must be a JSON object of strings");
        }
        Map<String, String> settings = new HashMap<>();
        for (Map.Entry<String, JsonNode> member : json.asObject().entrySet()) {
            if (!member.getValue().isString()) {
                throw new ConfigurationException(
                        where + ": key " + member.getKey() + " must be a string, found " + member.getValue());
            }
            settings.put(member.getKey(), member.getValue().asString());
        }
        ScalerConfiguration configuration;
        try {
            configuration = ScalerConfiguration.fromEnvironment(settings);
        } catch (ConfigurationException e) {
            throw new ConfigurationException(where + ": " + e.getMessage().replace("environment variable ", "key "));
        }
        if (!configuration.applicationName().equals(applicationName)) {
            throw new ConfigurationException(where + ": key " + ScalerEnvironment.APPLICATION_NAME + " ("
                    + configuration.applicationName() + ") must be the application the parameter is named after ("
                    + applicationName + ")");
        }
        return configuration;
    }
}
