package io.github.kdastepscaling.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kdastepscaling.contract.ScalerEnvironment;
import io.github.kdastepscaling.fakes.Fault;
import io.github.kdastepscaling.fakes.RecordedCall;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Fleet mode over the fakes: the API finds each application by its dimension id, the reconcile decides every
 * registered application, and one application's unknown id, bad configuration or slowness touches no other.
 */
class FleetModeTest {

    private static final Duration SHORT = Duration.ofMillis(500);

    @Test
    void aPatchChangesOnlyTheApplicationItNames() {
        try (FleetFixture fleet = new FleetFixture(SHORT, "orders", "clicks", "payments")) {
            ScalerFixture.Response answer = fleet.patch("clicks", 4);

            assertEquals(200, answer.statusCode(), answer.body().toString());
            assertEquals(4, answer.body().path("desiredCapacity").asInt());
            assertEquals(
                    Optional.of("4"), fleet.aws.ssm().value(FleetFixture.stateParameter("clicks", "DesiredCapacity")));
            assertEquals(
                    List.of(fleet.aws
                            .flink()
                            .application("clicks")
                            .orElseThrow()
                            .arn()),
                    fleet.aws.calls("kinesisanalytics:UpdateApplication").stream()
                            .flatMap(call -> call.resourceArns().stream())
                            .toList());
            for (String other : List.of("orders", "payments")) {
                assertEquals(
                        Optional.of(ScalerEnvironment.NO_DESIRED_CAPACITY),
                        fleet.aws.ssm().value(FleetFixture.stateParameter(other, "DesiredCapacity")),
                        other);
            }
            assertEquals(
                    List.of(fleet.aws.ssm().arn(FleetFixture.configurationParameter("clicks"))),
                    fleet.aws.calls("ssm:GetParameter").stream()
                            .flatMap(call -> call.resourceArns().stream())
                            .filter(arn -> arn.contains("/applications/"))
                            .toList(),
                    "the request's own configuration, read once");
            JsonNode line = fleet.decisionOf("clicks", "PATCH");
            assertEquals("clicks", line.path("Application").asText(), "the metrics' dimension");
        }
    }

    @Test
    void failsAnUnknownDimensionIdWith404AndChangesNothing() {
        try (FleetFixture fleet = new FleetFixture(SHORT, "orders")) {
            ScalerFixture.Response unknown = fleet.patch("billing", 3);
            ScalerFixture.Response notAName = fleet.get("..%2Forders");

            assertEquals(404, unknown.statusCode());
            assertEquals(
                    "scalable target dimension billing does not exist: no application of this fleet is "
                            + "registered under it (no parameter " + FleetFixture.configurationParameter("billing")
                            + ")",
                    unknown.message());
            assertEquals(404, notAName.statusCode());
            assertTrue(notAName.message().contains("it is not a Flink application name"), notAName.message());
            assertEquals(
                    Set.of("ssm:GetParameter"),
                    fleet.aws.calls().stream().map(RecordedCall::iamAction).collect(Collectors.toSet()),
                    "one read of the registration, nothing else");
            assertEquals(1, fleet.aws.calls().size(), "an id that is no application name is not even looked up");
            assertTrue(
                    fleet.decisions().stream().noneMatch(line -> line.has("_aws")),
                    "no metrics under an application nobody registered");
        }
    }

    @Test
    void failsAMalformedConfigurationWith500NamingTheParameterAndTouchesNothing() {
        try (FleetFixture fleet = new FleetFixture(SHORT, "orders")) {
            fleet.aws.ssm().put(FleetFixture.configurationParameter("orders"), "{\"APPLICATION_NAME\": \"orders\"");
            fleet.aws.clearCalls();

            ScalerFixture.Response answer = fleet.patch("orders", 3);

            assertEquals(500, answer.statusCode());
            assertTrue(
                    answer.message()
                            .startsWith("fleet configuration parameter " + FleetFixture.configurationParameter("orders")
                                    + " is not JSON"),
                    answer.message());
            assertEquals(1, fleet.aws.calls().size(), "only the configuration was read: " + fleet.aws.calls());
            assertEquals(
                    Optional.of(ScalerEnvironment.NO_DESIRED_CAPACITY),
                    fleet.aws.ssm().value(FleetFixture.stateParameter("orders", "DesiredCapacity")));
        }
    }

    @Test
    void theReconcileDecidesEveryApplicationAndIsolatesABadConfiguration() {
        try (FleetFixture fleet = new FleetFixture(SHORT, "orders", "clicks", "payments")) {
            fleet.patch("orders", 3);
            fleet.patch("payments", 5);
            fleet.aws.flink().completeTransitions();
            fleet.aws.ssm().put(FleetFixture.configurationParameter("clicks"), "{\"APPLICATION_NAME\": \"clicks\"}");

            JsonNode summary = fleet.reconcile(Duration.ofSeconds(20));

            assertEquals(3, summary.path("applications").size(), summary.toString());
            assertEquals(3, fleet.capacityOf("orders"));
            assertEquals(5, fleet.capacityOf("payments"));
            assertEquals(2, fleet.capacityOf("clicks"), "untouched");
            for (String healthy : List.of("orders", "payments")) {
                JsonNode line = fleet.decisionOf(healthy, "schedule");
                assertTrue(line.path("thresholds").path("aligned").asBoolean(), line.toString());
                assertEquals(0, line.path("Errors").asInt());
            }
            JsonNode bad = fleet.decisionOf("clicks", "schedule");
            assertEquals("UNUSABLE_STATE", bad.path("failure").asText());
            assertTrue(
                    bad.path("error")
                            .asText()
                            .startsWith("fleet configuration parameter " + FleetFixture.configurationParameter("clicks")
                                    + ": key "),
                    bad.path("error").asText());
            assertEquals(1, bad.path("Errors").asInt(), "counted against that application");
            assertEquals("clicks", bad.path("Application").asText());
        }
    }

    @Test
    void aSlowApplicationTimesOutAloneAtTheDeadline() {
        try (FleetFixture fleet = new FleetFixture(Duration.ofSeconds(30), "orders", "clicks", "payments")) {
            fleet.aws
                    .faults()
                    .failAlwaysOn(
                            "kinesisanalytics:DescribeApplication",
                            fleet.aws
                                    .flink()
                                    .application("clicks")
                                    .orElseThrow()
                                    .arn(),
                            Fault.delay(Duration.ofSeconds(20)));

            JsonNode summary = fleet.reconcile(Duration.ofSeconds(4));

            assertEquals(3, summary.path("applications").size());
            for (String healthy : List.of("orders", "payments")) {
                JsonNode line = fleet.decisionOf(healthy, "schedule");
                assertEquals("Successful", line.path("scalingStatus").asText(), line.toString());
                assertFalse(line.has("failure"));
            }
            JsonNode slow = fleet.decisionOf("clicks", "schedule");
            assertEquals("AWS_TIMED_OUT", slow.path("failure").asText());
            assertTrue(
                    slow.path("error").asText().contains("did not finish within the reconcile's 4000 ms"),
                    slow.toString());
        }
    }

    @Test
    void theReconcilePagesThroughEveryRegisteredApplication() {
        String[] applications = new String[12];
        for (int i = 0; i < applications.length; i++) {
            applications[i] = "job-" + (char) ('a' + i);
        }
        try (FleetFixture fleet = new FleetFixture(SHORT, applications)) {
            fleet.aws.ssm().put(FleetFixture.stateParameter("job-a", "DesiredCapacity"), "3");

            JsonNode summary = fleet.reconcile(Duration.ofSeconds(20));

            assertEquals(12, summary.path("applications").size());
            assertEquals(2, fleet.aws.calls("ssm:GetParametersByPath").size(), "two pages of at most ten");
            assertEquals(12, fleet.decisions().size());
            fleet.aws.flink().completeTransitions();
            assertEquals(3, fleet.capacityOf("job-a"), "a stored desire applied by the reconcile");
        }
    }

    @Test
    void aReconcileThatCannotListTheFleetFailsTheInvocation() {
        try (FleetFixture fleet = new FleetFixture(SHORT, "orders")) {
            fleet.aws
                    .faults()
                    .failAlways("ssm:GetParametersByPath", Fault.error(400, "AccessDeniedException", "not authorized"));

            IllegalStateException e =
                    assertThrows(IllegalStateException.class, () -> fleet.reconcile(Duration.ofSeconds(20)));

            assertTrue(
                    e.getMessage()
                            .contains("nothing was reconciled: the fleet's configurations under "
                                    + FleetFixture.FLEET_PATH + "/applications could not be listed"),
                    e.getMessage());
            assertEquals(1, fleet.decisions().size());
        }
    }
}
