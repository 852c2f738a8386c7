package io.github.kdastepscaling.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kdastepscaling.contract.ScalerEnvironment;
import io.github.kdastepscaling.policy.SignalKind;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A missing or malformed environment variable fails every call with a message that names it. */
class ScalerConfigurationTest {

    private ScalerFixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static Map<String, String> valid() {
        Map<String, String> environment = new HashMap<>();
        environment.put(ScalerEnvironment.APPLICATION_NAME, "app");
        environment.put(ScalerEnvironment.DESIRED_CAPACITY_PARAMETER_NAME, "/p");
        environment.put(ScalerEnvironment.RESCALE_ATTEMPT_PARAMETER_NAME, "/a");
        environment.put(ScalerEnvironment.SCALE_OUT_ALARM_NAME, "out");
        environment.put(ScalerEnvironment.SCALE_IN_ALARM_NAME, "in");
        environment.put(ScalerEnvironment.SCALE_OUT_PER_KPU, "1000");
        environment.put(ScalerEnvironment.SCALE_IN_PER_KPU, "750.5");
        environment.put(ScalerEnvironment.MIN_CAPACITY, "2");
        environment.put(ScalerEnvironment.KPU_QUOTA, "64");
        environment.put(
                ScalerEnvironment.SCALABLE_TARGET_RESOURCE_ID,
                "https://a1b2c3.execute-api.us-east-1.amazonaws.com/scaling/scalableTargetDimensions/app");
        environment.put(ScalerEnvironment.ALLOW_SCALING_WITHOUT_SNAPSHOTS, "FALSE");
        environment.put(ScalerEnvironment.SIGNAL_KIND, "INCOMING_RECORDS");
        return environment;
    }

    @Test
    void readsEveryVariable() {
        ScalerConfiguration configuration = ScalerConfiguration.fromEnvironment(valid());

        assertEquals("app", configuration.applicationName());
        assertEquals("/p", configuration.desiredCapacityParameterName());
        assertEquals("out", configuration.scaleOutAlarmName());
        assertEquals("in", configuration.scaleInAlarmName());
        assertEquals(12000, configuration.thresholds().scaleOutThreshold(12));
        assertEquals(750.5, configuration.thresholds().scaleInThreshold(3) / 2);
        assertEquals(2, configuration.thresholds().minCapacity());
        assertEquals(1, configuration.acceptedCapacities().minCapacity());
        assertEquals(64, configuration.acceptedCapacities().maxCapacity());
        assertTrue(configuration.scalableTargetResourceId().endsWith("/scalableTargetDimensions/app"));
        assertEquals(false, configuration.allowScalingWithoutSnapshots());
        assertEquals(null, configuration.lagAlarmName(), "the lag guard off: two alarms to check");
    }

    @Test
    void theLagAlarmsNameIsReadWhenTheGuardIsOn() {
        Map<String, String> environment = valid();
        environment.put(ScalerEnvironment.LAG_ALARM_NAME, "lag");

        assertEquals("lag", ScalerConfiguration.fromEnvironment(environment).lagAlarmName());
    }

    @Test
    void aUtilizationSignalNeedsNoPerKpuValuesAndHasNoThresholdsToReSet() {
        Map<String, String> environment = valid();
        environment.put(ScalerEnvironment.SIGNAL_KIND, "UTILIZATION");
        environment.remove(ScalerEnvironment.SCALE_OUT_PER_KPU);
        environment.remove(ScalerEnvironment.SCALE_IN_PER_KPU);

        ScalerConfiguration configuration = ScalerConfiguration.fromEnvironment(environment);

        assertEquals(SignalKind.UTILIZATION, configuration.signalKind());
        assertEquals(null, configuration.thresholds());
        assertEquals(2, configuration.minCapacity());
    }

    @Test
    void aBytesSignalNamesItsOwnSettingsInErrors() {
        Map<String, String> environment = valid();
        environment.put(ScalerEnvironment.SIGNAL_KIND, "INCOMING_BYTES");
        environment.put(ScalerEnvironment.SCALE_IN_PER_KPU, "1000");

        assertEquals(
                "environment variable SCALE_IN_PER_KPU: scaleInBytesPerSecondPerKpu (1000) must be below "
                        + "scaleOutBytesPerSecondPerKpu (1000), or every scale-in would be followed by a scale-out",
                assertThrows(ConfigurationException.class, () -> ScalerConfiguration.fromEnvironment(environment))
                        .getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                ScalerEnvironment.APPLICATION_NAME,
                ScalerEnvironment.DESIRED_CAPACITY_PARAMETER_NAME,
                ScalerEnvironment.RESCALE_ATTEMPT_PARAMETER_NAME,
                ScalerEnvironment.SCALE_OUT_ALARM_NAME,
                ScalerEnvironment.SCALE_IN_ALARM_NAME,
                ScalerEnvironment.SCALE_OUT_PER_KPU,
                ScalerEnvironment.SCALE_IN_PER_KPU,
                ScalerEnvironment.MIN_CAPACITY,
                ScalerEnvironment.KPU_QUOTA,
                ScalerEnvironment.SCALABLE_TARGET_RESOURCE_ID,
                ScalerEnvironment.ALLOW_SCALING_WITHOUT_SNAPSHOTS,
                ScalerEnvironment.SIGNAL_KIND
            })
    void failsOnAMissingVariable(String name) {
        Map<String, String> environment = valid();
        environment.remove(name);

        assertEquals(
                "environment variable " + name + " is missing or empty",
                assertThrows(ConfigurationException.class, () -> ScalerConfiguration.fromEnvironment(environment))
                        .getMessage());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "SCALE_OUT_PER_KPU | lots | environment variable SCALE_OUT_PER_KPU (lots) must be a positive number",
                "SCALE_IN_PER_KPU | -5 | environment variable SCALE_IN_PER_KPU (-5) must be a positive number",
                "SCALE_IN_PER_KPU | 1000 | environment variable SCALE_IN_PER_KPU: scaleInRecordsPerSecondPerKpu (1000) must be below scaleOutRecordsPerSecondPerKpu (1000), or every scale-in would be followed by a scale-out",
                "MIN_CAPACITY | 1.5 | environment variable MIN_CAPACITY (1.5) must be a positive integer",
                "KPU_QUOTA | 0 | environment variable KPU_QUOTA (0) must be a positive integer",
                "KPU_QUOTA | 1 | environment variable MIN_CAPACITY (2) must be <= KPU_QUOTA (1)",
                "SIGNAL_KIND | CPU | environment variable SIGNAL_KIND (CPU) must be one of [INCOMING_RECORDS, INCOMING_BYTES, LOAD, UTILIZATION]",
                "ALLOW_SCALING_WITHOUT_SNAPSHOTS | yes | environment variable ALLOW_SCALING_WITHOUT_SNAPSHOTS (yes) must be true or false"
            })
    void failsOnAMalformedVariable(String name, String value, String message) {
        Map<String, String> environment = valid();
        environment.put(name, value);

        assertEquals(
                message,
                assertThrows(ConfigurationException.class, () -> ScalerConfiguration.fromEnvironment(environment))
                        .getMessage());
    }

    @Test
    void aMisconfiguredFunctionAnswersEveryCallWithTheVariablesName() {
        fixture = new ScalerFixture(environment -> environment.put(ScalerEnvironment.KPU_QUOTA, "many"));

        ScalerFixture.Response response = fixture.get();

        assertEquals(500, response.statusCode());
        assertEquals(
                "the scaler is misconfigured: environment variable KPU_QUOTA (many) must be a positive " + "integer",
                response.message());
        assertEquals(500, fixture.patchCapacity(2).statusCode());
        IllegalStateException scheduled = assertThrows(IllegalStateException.class, fixture::reconcile);
        assertTrue(scheduled.getMessage().contains("KPU_QUOTA (many)"));
        assertEquals(0, fixture.aws.calls().size());
        assertEquals(500, fixture.decisions().get(0).path("httpStatus").asInt(), "the refusal is logged");
        assertTrue(fixture.decisions().get(0).path("caller").asText().contains("CustomResource"), "with its caller");
    }

    @Test
    void failsWithoutARegionWhenBuildingClientsForLambda() {
        ScalerHandler handler = new ScalerHandler(valid(), null, System.out);

        IllegalStateException error = assertThrows(
                IllegalStateException.class, () -> handler.handle(ScalerFixture.resource("scheduled-reconcile.json")));
        assertEquals(
                "the scaler is misconfigured: environment variable AWS_REGION is missing or empty", error.getMessage());
    }
}
