package io.github.kdastepscaling.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kdastepscaling.contract.ScalerEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading one application's fleet configuration, and the fleet path, without any AWS. */
class FleetConfigurationsTest {

    private static final String PARAMETER = FleetFixture.configurationParameter("orders");

    private static String json(Map<String, String> settings) throws Exception {
        return new ObjectMapper().writeValueAsString(settings);
    }

    @Test
    void readsTheSameKeysAsASingleScalersEnvironment() throws Exception {
        ScalerConfiguration configuration =
                FleetConfigurations.parse(PARAMETER, "orders", json(FleetFixture.configuration("orders")));

        assertEquals("orders", configuration.applicationName());
        assertEquals(
                FleetFixture.stateParameter("orders", "DesiredCapacity"), configuration.desiredCapacityParameterName());
        assertEquals(FleetFixture.alarmName("orders", "ScaleOut"), configuration.scaleOutAlarmName());
    }

    @Test
    void failsAValueThatIsNotAJsonObjectOfStrings() {
        assertEquals(
                "fleet configuration parameter " + PARAMETER + " must be a JSON object of strings",
                assertThrows(ConfigurationException.class, () -> FleetConfigurations.parse(PARAMETER, "orders", "[1]"))
                        .getMessage());
        assertEquals(
                "fleet configuration parameter " + PARAMETER + ": key MIN_CAPACITY must be a string, found 1",
                assertThrows(
                                ConfigurationException.class,
                                () -> FleetConfigurations.parse(PARAMETER, "orders", "{\"MIN_CAPACITY\": 1}"))
                        .getMessage());
    }

    @Test
    void failsAMissingOrMalformedKeyNamingTheParameterAndTheKey() throws Exception {
        Map<String, String> settings = FleetFixture.configuration("orders");
        settings.remove(ScalerEnvironment.KPU_QUOTA);
        assertEquals(
                "fleet configuration parameter " + PARAMETER + ": key KPU_QUOTA is missing or empty",
                assertThrows(
                                ConfigurationException.class,
                                () -> FleetConfigurations.parse(PARAMETER, "orders", json(settings)))
                        .getMessage());
    }

    @Test
    void failsAConfigurationOfAnotherApplication() throws Exception {
        assertEquals(
                "fleet configuration parameter " + PARAMETER + ": key APPLICATION_NAME (clicks) must be the "
                        + "application the parameter is named after (orders)",
                assertThrows(
                                ConfigurationException.class,
                                () -> FleetConfigurations.parse(
                                        PARAMETER, "orders", json(FleetFixture.configuration("clicks"))))
                        .getMessage());
    }

    @Test
    void theFleetPathIsOptionalAndChecked() {
        assertNull(FleetConfigurations.fleetPath(Map.of()));
        assertEquals(
                "/kda-step-scaling/fleets/f1",
                FleetConfigurations.fleetPath(
                        Map.of(ScalerEnvironment.FLEET_CONFIGURATION_PATH, "/kda-step-scaling/fleets/f1")));
        assertEquals(
                "environment variable FLEET_CONFIGURATION_PATH (/kda-step-scaling/fleets/f1/) must be an SSM "
                        + "parameter path: /segment[/segment...] of letters, digits, '_', '.' and '-', without a "
                        + "trailing slash",
                assertThrows(
                                ConfigurationException.class,
                                () -> FleetConfigurations.fleetPath(Map.of(
                                        ScalerEnvironment.FLEET_CONFIGURATION_PATH, "/kda-step-scaling/fleets/f1/")))
                        .getMessage());
        assertEquals(
                "environment variable FLEET_CONFIGURATION_PATH (/f) is set together with APPLICATION_NAME "
                        + "(orders): a fleet's scaler reads each application's configuration from SSM, so the "
                        + "single-application variables must be absent",
                assertThrows(
                                ConfigurationException.class,
                                () -> FleetConfigurations.fleetPath(Map.of(
                                        ScalerEnvironment.FLEET_CONFIGURATION_PATH, "/f",
                                        ScalerEnvironment.APPLICATION_NAME, "orders")))
                        .getMessage());
    }

    @Test
    void aMisconfiguredFleetScalerAnswersEveryRequestWith500NamingTheVariable() {
        ScalerHandler handler = new ScalerHandler(
                Map.of(ScalerEnvironment.FLEET_CONFIGURATION_PATH, "fleets/f1", "AWS_REGION", "us-east-1"),
                null,
                new PrintStream(new ByteArrayOutputStream()));
        ScalerFixture.Response answer = ScalerFixture.Response.of(ScalerFixture.read(handler.handle(
                ScalerFixture.event("get-scalable-target.json", "orders", null).toString())));

        assertEquals(500, answer.statusCode());
        assertEquals(
                "the scaler is misconfigured: environment variable FLEET_CONFIGURATION_PATH (fleets/f1) must "
                        + "be an SSM parameter path: /segment[/segment...] of letters, digits, '_', '.' and '-', without "
                        + "a trailing slash",
                answer.message());
    }
}
