package io.github.kdastepscaling.lambda;

import io.github.kdastepscaling.contract.LearningSeries;
import io.github.kdastepscaling.contract.MetricSeries;
import io.github.kdastepscaling.contract.ScalerEnvironment;
import io.github.kdastepscaling.policy.AlarmEvaluation;
import io.github.kdastepscaling.policy.CapacityRange;
import io.github.kdastepscaling.policy.LagGuard;
import io.github.kdastepscaling.policy.ScalingThresholds;
import io.github.kdastepscaling.policy.SignalKind;
import io.github.kdastepscaling.policy.SnapshotRetention;
import io.github.kdastepscaling.policy.rate.RateLearningSettings;
import io.github.kdastepscaling.policy.rate.RescaleUnderBacklog;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

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
 * @param snapshotRetention the snapshot retention, or null when it is off ({@code RESCALE_HISTORY_PARAMETER_NAME} unset)
 * @param learning the per-KPU rate learning, or null when it is off ({@code LEARNING_METRICS} unset)
 * @param lagAlarmName the lag guard's alarm, which the scheduled reconcile checks with the two scaling alarms, or null
 *                     when the guard is off ({@code LAG_ALARM_NAME} unset)
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
        boolean allowScalingWithoutSnapshots,
        SnapshotRetentionConfiguration snapshotRetention,
        LearningConfiguration learning,
        String lagAlarmName) {

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
        CapacityRange accepted = reader.validated(ScalerEnvironment.KPU_QUOTA, () -> new CapacityRange(1, kpuQuota));
        if (minCapacity > kpuQuota) {
            throw new ConfigurationException("environment variable " + ScalerEnvironment.MIN_CAPACITY + " ("
                    + minCapacity + ") must be <= " + ScalerEnvironment.KPU_QUOTA + " (" + kpuQuota + ")");
        }
        ScalingThresholds thresholds = null;
        if (kind.followsCapacity()) {
            double scaleOutRate = reader.positiveNumber(ScalerEnvironment.SCALE_OUT_PER_KPU);
            double scaleInRate = reader.positiveNumber(ScalerEnvironment.SCALE_IN_PER_KPU);
            thresholds = reader.validated(
                    ScalerEnvironment.SCALE_IN_PER_KPU,
                    () -> ScalingThresholds.load(kind, scaleOutRate, scaleInRate, minCapacity));
        }
        return new ScalerConfiguration(
                applicationName,
                parameterName,
                attemptParameterName,
                scaleOutAlarm,
                scaleInAlarm,
                resourceId,
                kind,
                thresholds,
                minCapacity,
                accepted,
                allowWithoutSnapshots,
                snapshotRetention(reader),
                learning(reader, environment, kind, thresholds),
                reader.isSet(ScalerEnvironment.LAG_ALARM_NAME)
                        ? reader.required(ScalerEnvironment.LAG_ALARM_NAME)
                        : null);
    }

    /** The retention when {@code RESCALE_HISTORY_PARAMETER_NAME} is set; its two settings are refused without it. */
    private static SnapshotRetentionConfiguration snapshotRetention(EnvironmentReader reader) {
        if (!reader.isSet(ScalerEnvironment.RESCALE_HISTORY_PARAMETER_NAME)) {
            reader.requireUnset(
                    ScalerEnvironment.SNAPSHOT_RETENTION_KEEP_COUNT, ScalerEnvironment.RESCALE_HISTORY_PARAMETER_NAME);
            reader.requireUnset(
                    ScalerEnvironment.SNAPSHOT_RETENTION_MAX_AGE_SECONDS,
                    ScalerEnvironment.RESCALE_HISTORY_PARAMETER_NAME);
            return null;
        }
        String history = reader.required(ScalerEnvironment.RESCALE_HISTORY_PARAMETER_NAME);
        SnapshotRetention.Builder retention = SnapshotRetention.builder();
        if (reader.isSet(ScalerEnvironment.SNAPSHOT_RETENTION_KEEP_COUNT)) {
            int keep = reader.positiveInteger(ScalerEnvironment.SNAPSHOT_RETENTION_KEEP_COUNT);
            reader.validated(
                    ScalerEnvironment.SNAPSHOT_RETENTION_KEEP_COUNT,
                    () -> SnapshotRetention.builder().keepCount(keep).build());
            retention.keepCount(keep);
        }
        if (reader.isSet(ScalerEnvironment.SNAPSHOT_RETENTION_MAX_AGE_SECONDS)) {
            Duration maxAge =
                    Duration.ofSeconds(reader.positiveInteger(ScalerEnvironment.SNAPSHOT_RETENTION_MAX_AGE_SECONDS));
            reader.validated(
                    ScalerEnvironment.SNAPSHOT_RETENTION_MAX_AGE_SECONDS,
                    () -> SnapshotRetention.builder().maxAge(maxAge).build());
            retention.maxAge(maxAge);
        }
        return new SnapshotRetentionConfiguration(history, retention.build());
    }

    /**
     * The learning when {@code LEARNING_METRICS} is set: its series must include the estimator's inputs
     * ({@link LearningSeries#REQUIRED}), the signal must be a load signal, and the learned-rate parameter is
     * required; its optional settings are refused without it.
     */
    private static LearningConfiguration learning(
            EnvironmentReader reader, Map<String, String> environment, SignalKind kind, ScalingThresholds thresholds) {
        Optional<MetricWindowSettings> metrics = MetricWindowSettings.fromEnvironment(environment);
        if (metrics.isEmpty()) {
            for (String name : LEARNING_SETTINGS) {
                reader.requireUnset(name, ScalerEnvironment.LEARNING_METRICS);
            }
            reader.requireUnset(ScalerEnvironment.LEARNED_RATE_PARAMETER_NAME, ScalerEnvironment.LEARNING_METRICS);
            return null;
        }
        if (!kind.followsCapacity()) {
            throw new ConfigurationException("environment variable " + ScalerEnvironment.LEARNING_METRICS
                    + " is set, but " + ScalerEnvironment.SIGNAL_KIND + " (" + kind + ") has no per-KPU rate to learn");
        }
        List<String> ids = metrics.get().series().stream().map(MetricSeries::id).toList();
        for (String required : LearningSeries.REQUIRED) {
            if (!ids.contains(required)) {
                throw new ConfigurationException("environment variable " + ScalerEnvironment.LEARNING_METRICS
                        + " has no series with id " + required + " (it has " + ids + "); the rate estimator reads "
                        + LearningSeries.REQUIRED + ", and optionally " + LearningSeries.THROTTLED + " and "
                        + LearningSeries.BUSY);
            }
        }
        for (MetricSeries series : metrics.get().series()) {
            if (series.id().equals(LearningSeries.BUSY)) {
                try {
                    LearningSeries.busiestExpression(series); // read with a search: refused here, not at the read
                } catch (IllegalArgumentException e) {
                    throw new ConfigurationException(
                            "environment variable " + ScalerEnvironment.LEARNING_METRICS + ": " + e.getMessage());
                }
            }
        }
        String parameter = reader.required(ScalerEnvironment.LEARNED_RATE_PARAMETER_NAME);
        RateLearningSettings.Builder settings = RateLearningSettings.builder(thresholds)
                .windowMinutes(metrics.get().windowMinutes());
        if (reader.isSet(ScalerEnvironment.LEARNING_MIN_RATE_PER_KPU)) {
            settings.minRate(reader.positiveNumber(ScalerEnvironment.LEARNING_MIN_RATE_PER_KPU));
        }
        if (reader.isSet(ScalerEnvironment.LEARNING_MAX_RATE_PER_KPU)) {
            settings.maxRate(reader.positiveNumber(ScalerEnvironment.LEARNING_MAX_RATE_PER_KPU));
        }
        if (reader.isSet(ScalerEnvironment.LEARNING_MAX_MOVE_PER_HOUR)) {
            settings.maxMovePerHour(reader.number(ScalerEnvironment.LEARNING_MAX_MOVE_PER_HOUR));
        }
        if (reader.isSet(ScalerEnvironment.LEARNING_WARM_UP_MINUTES)) {
            settings.warmUpMinutes(reader.integer(ScalerEnvironment.LEARNING_WARM_UP_MINUTES));
        }
        if (reader.isSet(ScalerEnvironment.LEARNING_PROBE_STEP)) {
            settings.probeStep(reader.number(ScalerEnvironment.LEARNING_PROBE_STEP));
        }
        settings.guardLimits(guardLimits(reader));
        try {
            return new LearningConfiguration(metrics.get(), parameter, settings.build());
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(inVariables(e.getMessage()));
        }
    }

    /**
     * The lag guard and restart estimate a rescale of a job that is behind is sized by, from
     * {@link ScalerEnvironment#LAG_GUARD_MAX_LAG_SECONDS} and the two variables set with it (each required with it,
     * refused without it); none when it is absent.
     */
    private static RescaleUnderBacklog.GuardLimits guardLimits(EnvironmentReader reader) {
        if (!reader.isSet(ScalerEnvironment.LAG_GUARD_MAX_LAG_SECONDS)) {
            reader.requireUnset(ScalerEnvironment.LAG_GUARD_DRAIN_MINUTES, ScalerEnvironment.LAG_GUARD_MAX_LAG_SECONDS);
            reader.requireUnset(
                    ScalerEnvironment.EXPECTED_RESTART_SECONDS, ScalerEnvironment.LAG_GUARD_MAX_LAG_SECONDS);
            return RescaleUnderBacklog.GuardLimits.NONE;
        }
        int maxLag = reader.positiveInteger(ScalerEnvironment.LAG_GUARD_MAX_LAG_SECONDS);
        if (maxLag < AlarmEvaluation.PERIOD_SECONDS || maxLag > LagGuard.MAX_LAG_SECONDS_LIMIT) {
            throw new ConfigurationException("environment variable " + ScalerEnvironment.LAG_GUARD_MAX_LAG_SECONDS
                    + " (" + maxLag + ") must be between " + AlarmEvaluation.PERIOD_SECONDS + " and "
                    + LagGuard.MAX_LAG_SECONDS_LIMIT + " seconds, as the lag guard's maxLag");
        }
        int drainMinutes = reader.integer(ScalerEnvironment.LAG_GUARD_DRAIN_MINUTES);
        if (drainMinutes < 0 || drainMinutes > LagGuard.MAX_DRAIN_MINUTES) {
            throw new ConfigurationException("environment variable " + ScalerEnvironment.LAG_GUARD_DRAIN_MINUTES + " ("
                    + drainMinutes + ") must be between 0 and " + LagGuard.MAX_DRAIN_MINUTES + " (a day)");
        }
        int restartSeconds = reader.integer(ScalerEnvironment.EXPECTED_RESTART_SECONDS);
        if (restartSeconds < 0) {
            throw new ConfigurationException("environment variable " + ScalerEnvironment.EXPECTED_RESTART_SECONDS + " ("
                    + restartSeconds + ") must be 0 or more seconds");
        }
        return new RescaleUnderBacklog.GuardLimits(maxLag, drainMinutes, restartSeconds);
    }

    /** The optional learning settings, each refused when learning is off. */
    private static final List<String> LEARNING_SETTINGS = List.of(
            ScalerEnvironment.LEARNING_MIN_RATE_PER_KPU,
            ScalerEnvironment.LEARNING_MAX_RATE_PER_KPU,
            ScalerEnvironment.LEARNING_MAX_MOVE_PER_HOUR,
            ScalerEnvironment.LEARNING_WARM_UP_MINUTES,
            ScalerEnvironment.LEARNING_PROBE_STEP,
            ScalerEnvironment.LAG_GUARD_MAX_LAG_SECONDS,
            ScalerEnvironment.LAG_GUARD_DRAIN_MINUTES,
            ScalerEnvironment.EXPECTED_RESTART_SECONDS);

    /**
     * The estimator's message with its settings named as the variables that carry them: {@code rateLearning.minRate}
     * is {@code LEARNING_MIN_RATE_PER_KPU}, and so on.
     */
    private static String inVariables(String message) {
        String named = message.replace(
                        "rateLearning.minRate", "environment variable " + ScalerEnvironment.LEARNING_MIN_RATE_PER_KPU)
                .replace("rateLearning.maxRate", "environment variable " + ScalerEnvironment.LEARNING_MAX_RATE_PER_KPU)
                .replace(
                        "rateLearning.maxMovePerHour",
                        "environment variable " + ScalerEnvironment.LEARNING_MAX_MOVE_PER_HOUR)
                .replace(
                        "rateLearning.warmUpMinutes",
                        "environment variable " + ScalerEnvironment.LEARNING_WARM_UP_MINUTES)
                .replace("rateLearning.probeStep", "environment variable " + ScalerEnvironment.LEARNING_PROBE_STEP)
                .replace(
                        "rateLearning.windowMinutes",
                        "environment variable " + ScalerEnvironment.LEARNING_WINDOW_MINUTES)
                .replace("scaleOutRecordsPerSecondPerKpu", ScalerEnvironment.SCALE_OUT_PER_KPU);
        return named.equals(message) ? "learning settings: " + message : named;
    }

    /** Reads single variables, each failure naming the variable and the value found. */
    private static final class EnvironmentReader {
        private final Map<String, String> environment;

        EnvironmentReader(Map<String, String> environment) {
            this.environment = environment;
        }

        boolean isSet(String name) {
            String value = environment.get(name);
            return value != null && !value.isEmpty();
        }

        /** Refuses a setting that means nothing without {@code needed}: it is a mistake in the environment. */
        void requireUnset(String name, String needed) {
            if (isSet(name)) {
                throw new ConfigurationException("environment variable " + name + " (" + environment.get(name)
                        + ") is set, but " + needed + " is not: it has no effect without it");
            }
        }

        double number(String name) {
            return parsed(name, ScalerEnvironment::decodeNumber, Double::isFinite, "a number");
        }

        int integer(String name) {
            return parsed(name, Integer::parseInt, number -> true, "a whole number");
        }

        String required(String name) {
            String value = environment.get(name);
            if (value == null || value.isBlank()) {
                throw new ConfigurationException("environment variable " + name + " is missing or empty");
            }
            return value.trim();
        }

        double positiveNumber(String name) {
            return parsed(
                    name,
                    ScalerEnvironment::decodeNumber,
                    number -> number > 0 && !Double.isInfinite(number),
                    "a positive number");
        }

        int positiveInteger(String name) {
            return parsed(name, Integer::parseInt, number -> number >= 1, "a positive integer");
        }

        SignalKind signalKind(String name) {
            return parsed(name, SignalKind::valueOf, kind -> true, "one of " + Arrays.toString(SignalKind.values()));
        }

        /** @throws ConfigurationException naming the variable and its value, which {@code must} be */
        private <T> T parsed(String name, Function<String, T> parse, Predicate<T> accept, String must) {
            String value = required(name);
            return TextValue.parse(value, parse, accept)
                    .orElseThrow(() -> new ConfigurationException(
                            "environment variable " + name + " (" + value + ") must be " + must));
        }

        boolean flag(String name) {
            String value = required(name);
            if ("true".equalsIgnoreCase(value) || "false".equalsIgnoreCase(value)) {
                return Boolean.parseBoolean(value);
            }
            throw new ConfigurationException("environment variable " + name + " (" + value + ") must be true or false");
        }

        <T> T validated(String name, Supplier<T> factory) {
            try {
                return factory.get();
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException("environment variable " + name + ": " + e.getMessage());
            }
        }
    }
}
