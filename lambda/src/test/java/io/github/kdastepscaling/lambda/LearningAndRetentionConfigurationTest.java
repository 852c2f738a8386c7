package io.github.kdastepscaling.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.kdastepscaling.contract.ScalerEnvironment;
import io.github.kdastepscaling.policy.rate.RescaleUnderBacklog;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The learning and snapshot-retention variables: read when set, refused with the variable and value when wrong. */
class LearningAndRetentionConfigurationTest {

    private static Map<String, String> base() {
        Map<String, String> environment = new HashMap<>();
        environment.put(ScalerEnvironment.APPLICATION_NAME, "orders");
        environment.put(ScalerEnvironment.DESIRED_CAPACITY_PARAMETER_NAME, "/p");
        environment.put(ScalerEnvironment.RESCALE_ATTEMPT_PARAMETER_NAME, "/a");
        environment.put(ScalerEnvironment.SCALE_OUT_ALARM_NAME, "out");
        environment.put(ScalerEnvironment.SCALE_IN_ALARM_NAME, "in");
        environment.put(ScalerEnvironment.SCALE_OUT_PER_KPU, "1000");
        environment.put(ScalerEnvironment.SCALE_IN_PER_KPU, "750");
        environment.put(ScalerEnvironment.MIN_CAPACITY, "1");
        environment.put(ScalerEnvironment.KPU_QUOTA, "10");
        environment.put(ScalerEnvironment.SCALABLE_TARGET_RESOURCE_ID, "https://x/scalableTargetDimensions/orders");
        environment.put(ScalerEnvironment.ALLOW_SCALING_WITHOUT_SNAPSHOTS, "false");
        environment.put(ScalerEnvironment.SIGNAL_KIND, "INCOMING_RECORDS");
        return environment;
    }

    private static Map<String, String> full() {
        Map<String, String> environment = base();
        environment.put(ScalerEnvironment.LEARNING_METRICS, LearnedRateDecisionTableTest.LEARNING_METRICS);
        environment.put(ScalerEnvironment.LEARNING_WINDOW_MINUTES, "30");
        environment.put(ScalerEnvironment.LEARNED_RATE_PARAMETER_NAME, "/rate");
        environment.put(ScalerEnvironment.RESCALE_HISTORY_PARAMETER_NAME, "/history");
        return environment;
    }

    @Test
    void bothAreOffWithoutTheirVariables() {
        ScalerConfiguration configuration = ScalerConfiguration.fromEnvironment(base());

        assertNull(configuration.learning());
        assertNull(configuration.snapshotRetention());
    }

    @Test
    void readsTheLearningAndRetentionVariables() {
        Map<String, String> environment = full();
        environment.put(ScalerEnvironment.LEARNING_MIN_RATE_PER_KPU, "600");
        environment.put(ScalerEnvironment.LEARNING_MAX_RATE_PER_KPU, "1500");
        environment.put(ScalerEnvironment.LEARNING_MAX_MOVE_PER_HOUR, "0.25");
        environment.put(ScalerEnvironment.LEARNING_WARM_UP_MINUTES, "3");
        environment.put(ScalerEnvironment.LEARNING_PROBE_STEP, "0.05");
        environment.put(ScalerEnvironment.SNAPSHOT_RETENTION_KEEP_COUNT, "5");
        environment.put(ScalerEnvironment.SNAPSHOT_RETENTION_MAX_AGE_SECONDS, "86400");

        ScalerConfiguration configuration = ScalerConfiguration.fromEnvironment(environment);

        LearningConfiguration learning = configuration.learning();
        assertEquals("/rate", learning.learnedRateParameterName());
        assertEquals(600, learning.settings().minRate());
        assertEquals(1500, learning.settings().maxRate());
        assertEquals(0.25, learning.settings().maxMovePerHour());
        assertEquals(3, learning.settings().warmUpMinutes());
        assertEquals(0.05, learning.settings().probeStep());
        assertEquals(30, learning.settings().windowMinutes(), "the estimator's window is the one read");
        assertEquals(1000, learning.settings().configuredScaleOutPerKpu());
        assertEquals("/history", configuration.snapshotRetention().historyParameterName());
        assertEquals(5, configuration.snapshotRetention().retention().keepCount());
        assertEquals(
                Optional.of(Duration.ofDays(1)),
                configuration.snapshotRetention().retention().maxAge());
    }

    @Test
    void readsTheLagGuardAScaleInWaitsBy() {
        Map<String, String> environment = withGuard();

        RescaleUnderBacklog.GuardLimits guard = ScalerConfiguration.fromEnvironment(environment)
                .learning()
                .settings()
                .guardLimits();

        assertEquals(new RescaleUnderBacklog.GuardLimits(300, 3, 120), guard);
        assertEquals(
                RescaleUnderBacklog.GuardLimits.NONE,
                ScalerConfiguration.fromEnvironment(full())
                        .learning()
                        .settings()
                        .guardLimits(),
                "without a lag guard nothing waits");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "LAG_GUARD_MAX_LAG_SECONDS | 0 | environment variable LAG_GUARD_MAX_LAG_SECONDS (0) must be a positive integer",
                "LAG_GUARD_MAX_LAG_SECONDS | 30 | environment variable LAG_GUARD_MAX_LAG_SECONDS (30) must be between 60 and 86400 seconds, as the lag guard's maxLag",
                "LAG_GUARD_DRAIN_MINUTES | 1441 | environment variable LAG_GUARD_DRAIN_MINUTES (1441) must be between 0 and 1440 (a day)",
                "LAG_GUARD_DRAIN_MINUTES | '' | environment variable LAG_GUARD_DRAIN_MINUTES is missing or empty",
                "EXPECTED_RESTART_SECONDS | -1 | environment variable EXPECTED_RESTART_SECONDS (-1) must be 0 or more seconds",
                "EXPECTED_RESTART_SECONDS | 2m | environment variable EXPECTED_RESTART_SECONDS (2m) must be a whole number"
            })
    void failsOnAMalformedLagGuardVariable(String name, String value, String message) {
        Map<String, String> environment = withGuard();
        environment.put(name, value);

        assertEquals(
                message,
                assertThrows(ConfigurationException.class, () -> ScalerConfiguration.fromEnvironment(environment))
                        .getMessage());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"LAG_GUARD_DRAIN_MINUTES", "EXPECTED_RESTART_SECONDS"})
    void failsOnALagGuardSettingWithoutTheBound(String name) {
        Map<String, String> environment = full();
        environment.put(name, "5");

        assertEquals(
                "environment variable " + name + " (5) is set, but LAG_GUARD_MAX_LAG_SECONDS is not: it has no effect"
                        + " without it",
                assertThrows(ConfigurationException.class, () -> ScalerConfiguration.fromEnvironment(environment))
                        .getMessage());
    }

    private static Map<String, String> withGuard() {
        Map<String, String> environment = full();
        environment.put(ScalerEnvironment.LAG_GUARD_MAX_LAG_SECONDS, "300");
        environment.put(ScalerEnvironment.LAG_GUARD_DRAIN_MINUTES, "3");
        environment.put(ScalerEnvironment.EXPECTED_RESTART_SECONDS, "120");
        return environment;
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "LEARNED_RATE_PARAMETER_NAME | '' | environment variable LEARNED_RATE_PARAMETER_NAME is missing or empty",
                "LEARNING_WINDOW_MINUTES | 2 | environment variable LEARNING_WINDOW_MINUTES (2) must be between 5 and 1440",
                "LEARNING_MIN_RATE_PER_KPU | 1200 | environment variable LEARNING_MIN_RATE_PER_KPU (1200) and environment variable LEARNING_MAX_RATE_PER_KPU (2000) must include the configured SCALE_OUT_PER_KPU (1000)",
                "LEARNING_MAX_RATE_PER_KPU | fast | environment variable LEARNING_MAX_RATE_PER_KPU (fast) must be a positive number",
                "LEARNING_MAX_MOVE_PER_HOUR | 0 | environment variable LEARNING_MAX_MOVE_PER_HOUR (0) must be above 0 up to 1",
                "LEARNING_MAX_MOVE_PER_HOUR | NaN | environment variable LEARNING_MAX_MOVE_PER_HOUR (NaN) must be a number",
                "LEARNING_WARM_UP_MINUTES | 61 | environment variable LEARNING_WARM_UP_MINUTES (61) must be between 0 and 60",
                "LEARNING_WARM_UP_MINUTES | 1.5 | environment variable LEARNING_WARM_UP_MINUTES (1.5) must be a whole number",
                "LEARNING_PROBE_STEP | -0.1 | environment variable LEARNING_PROBE_STEP (-0.1) must be from 0 up to 1",
                "SNAPSHOT_RETENTION_KEEP_COUNT | 60 | environment variable SNAPSHOT_RETENTION_KEEP_COUNT: snapshotRetention.keepCount (60) must be between 1 and 50",
                "SNAPSHOT_RETENTION_KEEP_COUNT | ten | environment variable SNAPSHOT_RETENTION_KEEP_COUNT (ten) must be a positive integer",
                "SNAPSHOT_RETENTION_MAX_AGE_SECONDS | 60 | environment variable SNAPSHOT_RETENTION_MAX_AGE_SECONDS: snapshotRetention.maxAge (60 s) must be between 3600 s (one hour) and 31536000 s (365 days)"
            })
    void failsOnAMalformedVariable(String name, String value, String message) {
        Map<String, String> environment = full();
        environment.put(name, value);

        assertEquals(
                message,
                assertThrows(ConfigurationException.class, () -> ScalerConfiguration.fromEnvironment(environment))
                        .getMessage());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "LEARNING_PROBE_STEP | LEARNING_METRICS",
                "LAG_GUARD_MAX_LAG_SECONDS | LEARNING_METRICS",
                "LEARNED_RATE_PARAMETER_NAME | LEARNING_METRICS",
                "SNAPSHOT_RETENTION_KEEP_COUNT | RESCALE_HISTORY_PARAMETER_NAME",
                "SNAPSHOT_RETENTION_MAX_AGE_SECONDS | RESCALE_HISTORY_PARAMETER_NAME"
            })
    void failsOnASettingWithoutWhatItBelongsTo(String name, String needed) {
        Map<String, String> environment = base();
        environment.put(name, "5");

        assertEquals(
                "environment variable " + name + " (5) is set, but " + needed + " is not: it has no effect "
                        + "without it",
                assertThrows(ConfigurationException.class, () -> ScalerConfiguration.fromEnvironment(environment))
                        .getMessage());
    }

    @Test
    void failsOnABusySeriesASearchCannotCarry() {
        Map<String, String> environment = full();
        environment.put(
                ScalerEnvironment.LEARNING_METRICS,
                LearnedRateDecisionTableTest.LEARNING_METRICS
                        + ";busy|AWS/KinesisAnalytics|busyTimeMsPerSecond|Maximum|Application=it's");

        assertEquals(
                "environment variable LEARNING_METRICS: series busy: Application (it's) must not hold quotes (or, "
                        + "in a name, spaces): it is read with a search expression",
                assertThrows(ConfigurationException.class, () -> ScalerConfiguration.fromEnvironment(environment))
                        .getMessage());
    }

    @Test
    void failsOnLearningMetricsWithoutAnInputTheEstimatorReads() {
        Map<String, String> environment = full();
        environment.put(ScalerEnvironment.LEARNING_METRICS, "consumed|AWS/Kinesis|GetRecords.Records|Sum|StreamName=o");

        assertEquals(
                "environment variable LEARNING_METRICS has no series with id lag (it has [consumed]); the rate "
                        + "estimator reads [consumed, lag, incoming], and optionally throttled and busy",
                assertThrows(ConfigurationException.class, () -> ScalerConfiguration.fromEnvironment(environment))
                        .getMessage());
    }

    @Test
    void failsOnLearningForAUtilizationSignal() {
        Map<String, String> environment = full();
        environment.put(ScalerEnvironment.SIGNAL_KIND, "UTILIZATION");
        environment.remove(ScalerEnvironment.SCALE_OUT_PER_KPU);
        environment.remove(ScalerEnvironment.SCALE_IN_PER_KPU);

        assertEquals(
                "environment variable LEARNING_METRICS is set, but SIGNAL_KIND (UTILIZATION) has no per-KPU "
                        + "rate to learn",
                assertThrows(ConfigurationException.class, () -> ScalerConfiguration.fromEnvironment(environment))
                        .getMessage());
    }
}
