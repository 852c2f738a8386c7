package io.github.kdastepscaling.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kdastepscaling.contract.ScalerEnvironment;
import io.github.kdastepscaling.contract.ScalerMetrics;
import io.github.kdastepscaling.fakes.Fault;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * State the construct created and the scaler relies on, deleted or disabled behind its back, over the fakes: the
 * scheduled reconcile finds each, says so on its decision line, publishes a metric for it, and repairs what it safely
 * can, without ever moving the application for it; a GET or PATCH makes no call of its own for it. The operator's
 * changes go through the SDK's generated clients, as the AWS CLI sends them.
 */
class SilentFailuresTest {

    private static final String LAG_ALARM = "orders-enricher-lag";

    private final ScalerFixture fixture =
            new ScalerFixture(environment -> environment.put(ScalerEnvironment.LAG_ALARM_NAME, LAG_ALARM));
    private final CloudWatchClient operator = ScalerFixture.generatedClient(CloudWatchClient.builder(), fixture.aws);

    @AfterEach
    void close() {
        fixture.assertEveryDecisionLineIsEmbeddedMetricFormat();
        operator.close();
        fixture.close();
    }

    private void runAtThreeKpus() {
        fixture.aws
                .cloudWatch()
                .putAlarm(fixture.alarm(LAG_ALARM, "GreaterThanOrEqualToThreshold", 60000, "notBreaching", "lag"));
        fixture.patchCapacity(3);
        fixture.aws.flink().completeTransitions();
        fixture.reconcile();
        assertEquals(3, fixture.application.parallelism());
    }

    private int scalerCalls(String action) {
        return (int) fixture.aws.calls(action).stream()
                .filter(call -> call.accessKeyId().equals(ScalerFixture.ACCESS_KEY))
                .count();
    }

    @Test
    void aDeletedDesiredCapacityParameterIsWrittenBackWithTheApplicationsCapacityWithoutARescale() {
        runAtThreeKpus();
        int updates = fixture.updateCalls();
        fixture.aws.ssm().delete(ScalerFixture.PARAMETER);

        assertEquals(3, fixture.get().body().path("desiredCapacity").asInt(), "read as no desire: the actual one");
        assertEquals(Optional.empty(), fixture.aws.ssm().value(ScalerFixture.PARAMETER), "a GET writes nothing");
        assertTrue(
                fixture.lastDecision().get("done").toString().contains("does not exist"),
                fixture.lastDecision().toString());
        assertTrue(
                fixture.lastDecision()
                        .path(ScalerMetrics.DESIRED_CAPACITY_PARAMETER_MISSING)
                        .isMissingNode(),
                "only the schedule's decisions publish the detections");

        fixture.reconcile();

        JsonNode found = fixture.lastDecision();
        assertEquals(
                Optional.of("3"),
                fixture.aws.ssm().value(ScalerFixture.PARAMETER),
                "the configured capacity, which a deploy leaves as it is (not none: initialCapacity, a restart)");
        assertTrue(found.path("desiredCapacityParameterMissing").asBoolean(), found.toString());
        assertEquals(
                1, found.path(ScalerMetrics.DESIRED_CAPACITY_PARAMETER_MISSING).asInt());
        assertTrue(found.get("done").toString().contains("wrote 3 KPUs"), found.toString());
        assertEquals(updates, fixture.updateCalls(), "the application was not moved");

        fixture.reconcile();
        assertEquals(
                0,
                fixture.lastDecision()
                        .path(ScalerMetrics.DESIRED_CAPACITY_PARAMETER_MISSING)
                        .asInt());
        assertTrue(
                fixture.lastDecision().path("desiredCapacityParameterMissing").isMissingNode());
    }

    @Test
    void theWriteBackNeverOverwritesADesireStoredSinceTheRead() {
        fixture.aws.ssm().delete(ScalerFixture.PARAMETER);
        try (ScalerClients clients = ScalerFixture.clientsFor(fixture.aws)) {
            DesiredCapacityStore store = new DesiredCapacityStore(clients.ssm().parameter(ScalerFixture.PARAMETER));
            DesiredCapacityStore.Reading reading = store.readOrMissing();
            assertTrue(reading.missing());
            assertTrue(reading.capacity().isEmpty());
            fixture.aws.ssm().put(ScalerFixture.PARAMETER, "5"); // a PATCH in between

            assertFalse(store.recreate(2));
            assertEquals(Optional.of("5"), fixture.aws.ssm().value(ScalerFixture.PARAMETER));
            assertFalse(store.readOrMissing().missing());
        }
    }

    @Test
    void aDeregisteredScalableTargetIsReportedAndTheReconcileDoesNotMoveTheApplication() {
        runAtThreeKpus();
        int updates = fixture.updateCalls();
        fixture.aws
                .applicationAutoScaling()
                .deregister("custom-resource", ScalerFixture.RESOURCE_ID, "custom-resource:ResourceType:Property");
        fixture.aws.ssm().put(ScalerFixture.PARAMETER, "5"); // a desire stored before, not yet applied

        fixture.reconcile();

        JsonNode found = fixture.lastDecision();
        assertTrue(found.path("scalableTargetMissing").asBoolean(), found.toString());
        assertEquals(1, found.path(ScalerMetrics.SCALABLE_TARGET_MISSING).asInt());
        assertTrue(found.get("done").toString().contains("the scalable target is not registered"), found.toString());
        assertEquals(updates, fixture.updateCalls(), "held where it is");
        assertEquals(3, fixture.application.parallelism());
        assertEquals(Optional.of("5"), fixture.aws.ssm().value(ScalerFixture.PARAMETER), "the desire is kept");

        fixture.registerTarget(1, 10); // a redeploy registers it again
        fixture.reconcile();
        assertEquals(
                0,
                fixture.lastDecision()
                        .path(ScalerMetrics.SCALABLE_TARGET_MISSING)
                        .asInt());
        assertEquals(updates + 1, fixture.updateCalls(), "the stored desire is pursued again");
    }

    @Test
    void aDeletedAndADisabledAlarmAreNamedAndCountedByOneDescribeAlarmsOfTheReconcile() {
        runAtThreeKpus();
        fixture.reconcile();
        assertEquals(
                0,
                fixture.lastDecision()
                        .path(ScalerMetrics.ALARMS_MISSING_OR_DISABLED)
                        .asInt(),
                fixture.lastDecision().toString());
        operator.deleteAlarms(r -> r.alarmNames(LAG_ALARM));
        operator.disableAlarmActions(r -> r.alarmNames(ScalerFixture.SCALE_IN_ALARM));

        int describesBefore = scalerCalls("cloudwatch:DescribeAlarms");
        fixture.get();
        assertEquals(
                describesBefore + 1,
                scalerCalls("cloudwatch:DescribeAlarms"),
                "a GET reads the alarms for their thresholds only, as before");
        assertTrue(fixture.lastDecision()
                .path(ScalerMetrics.ALARMS_MISSING_OR_DISABLED)
                .isMissingNode());
        fixture.reconcile();

        assertEquals(
                describesBefore + 3,
                scalerCalls("cloudwatch:DescribeAlarms"),
                "the reconcile adds one call for the three alarms");
        JsonNode found = fixture.lastDecision();
        assertEquals(2, found.path(ScalerMetrics.ALARMS_MISSING_OR_DISABLED).asInt(), found.toString());
        assertEquals(
                List.of(ScalerFixture.SCALE_IN_ALARM + ": actions disabled", LAG_ALARM + ": deleted"),
                List.of(
                        found.at("/alarmsMissingOrDisabled/0").asText(),
                        found.at("/alarmsMissingOrDisabled/1").asText()));
        assertTrue(found.get("done").toString().contains("enable-alarm-actions"), found.toString());
        assertFalse(
                operator.describeAlarms(r -> r.alarmNames(ScalerFixture.SCALE_IN_ALARM))
                        .metricAlarms()
                        .get(0)
                        .actionsEnabled(),
                "the scaler reports, it does not re-enable: muting may be deliberate");

        operator.enableAlarmActions(r -> r.alarmNames(ScalerFixture.SCALE_IN_ALARM));
        fixture.reconcile();
        assertEquals(
                1,
                fixture.lastDecision()
                        .path(ScalerMetrics.ALARMS_MISSING_OR_DISABLED)
                        .asInt());
    }

    @Test
    void aFailedCheckIsLoggedAndTheReconcileStillAnswers() {
        runAtThreeKpus();
        fixture.aws.ssm().delete(ScalerFixture.PARAMETER);
        fixture.aws.faults().failAlways("cloudwatch:DescribeAlarms", Fault.serverError());
        fixture.aws.faults().failAlways("ssm:PutParameter", Fault.serverError());

        JsonNode answer = fixture.reconcile();

        assertEquals("Successful", answer.path("scalingStatus").asText(), answer.toString());
        JsonNode found = fixture.lastDecision();
        String done = found.get("done").toString();
        assertTrue(done.contains("could not check the scaling alarms"), done);
        assertTrue(done.contains("could not write the deleted SSM parameter"), done);
        assertTrue(found.path(ScalerMetrics.ALARMS_MISSING_OR_DISABLED).isMissingNode(), "not checked: no metric");
        assertEquals(
                1, found.path(ScalerMetrics.DESIRED_CAPACITY_PARAMETER_MISSING).asInt());
        assertTrue(found.path("failure").isMissingNode(), found.toString());

        fixture.aws.faults().clear();
        fixture.reconcile();
        assertEquals(Optional.of("3"), fixture.aws.ssm().value(ScalerFixture.PARAMETER), "the next one repairs it");
    }
}
