package io.github.kdastepscaling.lambda;

import io.github.kdastepscaling.contract.ScalerEnvironment;
import io.github.kdastepscaling.policy.CapacityRange;
import io.github.kdastepscaling.policy.ScalingThresholds;
import io.github.kdastepscaling.policy.SignalKind;
import java.util.Map;

/**
 * The scaler's settings, read from the environment variables the construct sets.
 *
 * @param applicationName the Flink application, also the only {@code scalableTargetDimensionId} answered
 * @param desiredCapacityParameterName the SSM parameter that stores the desired capacity
 * @param rescaleAttemptParameterName the SSM parameter that records the last rescale submitted
 * @param scaleOutAlarmName the alarm of the scale-out policy
 * @param scaleInAlarmName the alarm of the scale-in policy
 * @param scalableTargetResourceId the scalable target's {@code ResourceId}, whose current range the scaler reads
 * @param signalKind what the load alarms measure; only a signal whose thresholds follow capacity has thresholds to
 *                   re-set
 * @param thresholds the per-KPU thresholds, with the construct's {@code minCapacity} as the minimum until the
 *                   target's current one is read; {@code null} for a utilization signal (fixed thresholds)
 * @param minCapacity the construct's {@code minCapacity}, assumed until the target's current one is read
 * @param acceptedCapacities the capacities a PATCH may ask for: 1 to the KPU quota, since Application Auto Scaling
 *                           owns the range and scheduled actions move it at run time
 * @param allowScalingWithoutSnapshots whether an application without snapshots may be rescaled (losing its state)
 */
public record ScalerConfiguration(
        String applicationName,
        String desiredCapacityParameterName,
        String rescaleAttemptParameterName,
        String scaleOutAlarmName,
        String scaleInAlarmName,
        String scalableTargetResourceId,
        SignalKind signalKind,
        ScalingThresholds thresholds,
        int minCapacity,
        CapacityRange acceptedCapacities,
        boolean allowScalingWithoutSnapshots) {

    /**
     * Reads and checks every variable.
     *
     * @throws ConfigurationException naming the first missing or malformed variable and its value
     */
    public static ScalerConfiguration fromEnvironment(Map<String, String> environment) {
        EnvironmentReader reader = new EnvironmentReader(environment);
        String applicationName = reader.required(ScalerEnvironment.APPLICATION_NAME);
        String parameterName = reader.required(ScalerEnvironment.DESIRED_CAPACITY_PARAMETER_NAME);
        String attemptParameterName = reader.required(ScalerEnvironment.RESCALE_ATTEMPT_PARAMETER_NAME);
        String scaleOutAlarm = reader.required(ScalerEnvironment.SCALE_OUT_ALARM_NAME);
        String scaleInAlarm = reader.required(ScalerEnvironment.SCALE_IN_ALARM_NAME);
        SignalKind kind = reader.signalKind(ScalerEnvironment.SIGNAL_KIND);
        int minCapacity = reader.positiveInteger(ScalerEnvironment.MIN_CAPACITY);
        int kpuQuota = reader.positiveInteger(ScalerEnvironment.KPU_QUOTA);
        String resourceId = reader.required(ScalerEnvironment.SCALABLE_TARGET_RESOURCE_ID);
        boolean allowWithoutSnapshots = reader.flag(ScalerEnvironment.ALLOW_SCALING_WITHOUT_SNAPSHOTS);
        CapacityRange accepted = reader.validated(ScalerEnvironment.KPU_QUOTA,
                () -> new CapacityRange(1, kpuQuota));
        if (minCapacity > kpuQuota) {
            throw new ConfigurationException("environment variable " + ScalerEnvironment.MIN_CAPACITY + " ("
                    + minCapacity + ") must be <= " + ScalerEnvironment.KPU_QUOTA + " (" + kpuQuota + ")");
        }
        ScalingThresholds thresholds = null;
        if (kind.followsCapacity()) {
            double scaleOutRate = reader.positiveNumber(ScalerEnvironment.SCALE_OUT_PER_KPU);
            double scaleInRate = reader.positiveNumber(ScalerEnvironment.SCALE_IN_PER_KPU);
            thresholds = reader.validated(ScalerEnvironment.SCALE_IN_PER_KPU,
                    () -> ScalingThresholds.load(kind, scaleOutRate, scaleInRate, minCapacity));
        }
        return new ScalerConfiguration(applicationName, parameterName, attemptParameterName, scaleOutAlarm,
                scaleInAlarm, resourceId, kind, thresholds, minCapacity, accepted, allowWithoutSnapshots);
    }

    /** Reads single variables, each failure naming the variable and the value found. */
    private static final class EnvironmentReader {
        private final Map<String, String> environment;

        EnvironmentReader(Map<String, String> environment) {
            this.environment = environment;
        }

        String required(String name) {
            String value = environment.get(name);
            if (value == null || value.isBlank()) {
                throw new ConfigurationException("environment variable " + name + " is missing or empty");
            }
            return value.trim();
        }

        double positiveNumber(String name) {
            String value = required(name);
            try {
                double number = ScalerEnvironment.decodeNumber(value);
                if (number > 0 && !Double.isInfinite(number)) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below with the variable's name
            }
            throw new ConfigurationException(
                    "environment variable " + name + " (" + value + ") must be a positive number");
        }

        int positiveInteger(String name) {
            String value = required(name);
            try {
                int number = Integer.parseInt(value);
                if (number >= 1) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // reported below with the variable's name
            }
            throw new ConfigurationException(
                    "environment variable " + name + " (" + value + ") must be a positive integer");
        }

        SignalKind signalKind(String name) {
            String value = required(name);
            try {
                return SignalKind.valueOf(value);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("environment variable " + name + " (" + value + ") must be one of "
                        + java.util.Arrays.toString(SignalKind.values()));
            }
        }

        boolean flag(String name) {
            String value = required(name);
            if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)) {
                return Boolean.parseBoolean(value);
            }
            throw new ConfigurationException(
                    "environment variable " + name + " (" + value + ") must be true or false");
        }

        <T> T validated(String name, java.util.function.Supplier<T> factory) {
            try {
                return factory.get();
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("environment variable " + name + ": " + e.getMessage());
            }
        }
    }
}
