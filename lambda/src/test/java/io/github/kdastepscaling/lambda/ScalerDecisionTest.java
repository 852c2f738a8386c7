package io.github.kdastepscaling.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kdastepscaling.contract.ScalerEnvironment;
import io.github.kdastepscaling.fakes.RecordedCall;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the scaler decides for each state of the application, through the real SDK against the fakes. */
class ScalerDecisionTest {

    private ScalerFixture fixture = new ScalerFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void patchStoresTheDesireBeforeUpdatingWithTheConditionalToken() throws Exception {
        String token = fixture.application.conditionalToken();

        ScalerFixture.Response response = fixture.patchCapacity(4);

        assertEquals("InProgress", response.scalingStatus());
        List<String> order =
                fixture.aws.calls().stream().map(RecordedCall::iamAction).toList();
        // The scalable target is read before deciding: whether its scaling is suspended decides whether the
        // application may move (PauseAndOverrideTest).
        assertEquals(
                List.of(
                        "ssm:PutParameter",
                        "application-autoscaling:DescribeScalableTargets",
                        "kinesisanalytics:DescribeApplication",
                        "ssm:GetParameter",
                        "kinesisanalytics:UpdateApplication",
                        "ssm:PutParameter",
                        "cloudwatch:DescribeAlarms",
                        "cloudwatch:PutMetricAlarm",
                        "cloudwatch:PutMetricAlarm"),
                order);
        assertEquals(
                "desired=4 from=2 version=2 count=1",
                fixture.aws.ssm().value(ScalerFixture.ATTEMPT_PARAMETER).orElseThrow(),
                "the attempt is recorded");
        assertEquals("4", fixture.aws.ssm().value(ScalerFixture.PARAMETER).orElseThrow());
        JsonNode update = ScalerFixture.read(
                fixture.aws.calls("kinesisanalytics:UpdateApplication").get(0).requestBody());
        assertEquals(token, update.get("ConditionalToken").asText());
        JsonNode parallelism = update.at("/ApplicationConfigurationUpdate/FlinkApplicationConfigurationUpdate"
                + "/ParallelismConfigurationUpdate");
        assertEquals("CUSTOM", parallelism.get("ConfigurationTypeUpdate").asText());
        assertEquals(4, parallelism.get("ParallelismUpdate").asInt());
        assertFalse(parallelism.get("AutoScalingEnabledUpdate").asBoolean());
        assertFalse(parallelism.has("ParallelismPerKPUUpdate"), "the application's own ParallelismPerKPU is kept");
        assertEquals(4, fixture.application.parallelism());
        assertEquals("UPDATING", fixture.application.status());
    }

    @Test
    void thresholdsFollowTheNewCapacityAndNothingElseChanges() {
        var before =
                fixture.aws.cloudWatch().alarm(ScalerFixture.SCALE_OUT_ALARM).orElseThrow();

        fixture.patchCapacity(4);

        assertEquals(4000, fixture.threshold(ScalerFixture.SCALE_OUT_ALARM));
        assertEquals(2250, fixture.threshold(ScalerFixture.SCALE_IN_ALARM));
        var after =
                fixture.aws.cloudWatch().alarm(ScalerFixture.SCALE_OUT_ALARM).orElseThrow();
        assertEquals(
                ScalerFixture.definition(before.toBuilder().threshold(4000.0).build()),
                ScalerFixture.definition(after));
    }

    @Test
    void whileUpdatingCallsAnswerInProgressWithoutAnotherUpdate() {
        fixture.patchCapacity(4);

        assertEquals("InProgress", fixture.get().scalingStatus());
        assertEquals("InProgress", fixture.patchCapacity(4).scalingStatus());
        assertEquals(1, fixture.updateCalls());

        fixture.aws.flink().completeTransitions();
        ScalerFixture.Response done = fixture.get();
        assertEquals("Successful", done.scalingStatus());
        assertEquals(4, done.body().get("actualCapacity").asInt());
        assertEquals(1, fixture.updateCalls());
    }

    @Test
    void aDesireRecordedWhileBusyIsAppliedByALaterCall() {
        fixture.patchCapacity(4);
        ScalerFixture.Response whileBusy = fixture.patchCapacity(6);
        assertEquals("InProgress", whileBusy.scalingStatus());
        assertEquals(6, whileBusy.body().get("desiredCapacity").asInt());
        assertEquals(1, fixture.updateCalls());

        fixture.aws.flink().completeTransitions();
        ScalerFixture.Response next = fixture.get();

        assertEquals("InProgress", next.scalingStatus());
        assertEquals(2, fixture.updateCalls());
        assertEquals(6, fixture.application.parallelism());
        assertEquals(6000, fixture.threshold(ScalerFixture.SCALE_OUT_ALARM));
    }

    @Test
    void keepsTheApplicationsOwnParallelismPerKpu() {
        fixture.application.parallelismPerKpu(4).parallelism(8).currentParallelism(8);

        ScalerFixture.Response state = fixture.patchCapacity(3);

        assertEquals(2, state.body().get("actualCapacity").asInt(), "8 tasks at 4 per KPU");
        assertEquals(12, fixture.application.parallelism());
        assertEquals(4, fixture.application.parallelismPerKpu());
    }

    @Test
    void partialKpusRoundUp() {
        fixture.application.parallelismPerKpu(2).parallelism(3).currentParallelism(3);

        assertEquals(2, fixture.get().body().get("actualCapacity").asInt());
    }

    @Test
    void refusesToRescaleWithoutSnapshots() {
        fixture.application.snapshotsEnabled(false);

        ScalerFixture.Response response = fixture.patchCapacity(4);

        assertEquals(200, response.statusCode());
        assertEquals("Failed", response.scalingStatus());
        String reason = response.body().get("failureReason").textValue();
        assertTrue(reason.contains("snapshots disabled"), reason);
        assertTrue(reason.contains("allowScalingWithoutSnapshots"), reason);
        assertTrue(reason.contains("ALLOW_SCALING_WITHOUT_SNAPSHOTS=true"), reason);
        assertEquals(0, fixture.updateCalls());
        assertEquals("4", fixture.aws.ssm().value(ScalerFixture.PARAMETER).orElseThrow(), "the desire is kept");
        assertEquals("Failed", fixture.get().scalingStatus());
        assertEquals(0, fixture.updateCalls());
    }

    @Test
    void rescalesWithoutSnapshotsWhenAllowed() {
        fixture.close();
        fixture = new ScalerFixture(env -> env.put(ScalerEnvironment.ALLOW_SCALING_WITHOUT_SNAPSHOTS, "true"));
        fixture.application.snapshotsEnabled(false);

        assertEquals("InProgress", fixture.patchCapacity(4).scalingStatus());
        assertEquals(1, fixture.updateCalls());
    }

    @Test
    void enablingSnapshotsLetsTheRecordedDesireThrough() {
        fixture.application.snapshotsEnabled(false);
        fixture.patchCapacity(4);
        fixture.application.snapshotsEnabled(true);

        assertEquals("InProgress", fixture.get().scalingStatus());
        assertEquals(1, fixture.updateCalls());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "READY",
                "STARTING",
                "STOPPING",
                "DELETING",
                "FORCE_STOPPING",
                "ROLLING_BACK",
                "MAINTENANCE",
                "ROLLED_BACK"
            })
    void aDesireWaitsWhileTheApplicationIsNotRunning(String status) {
        fixture.application.status(status);

        ScalerFixture.Response response = fixture.patchCapacity(4);

        assertEquals("Pending", response.scalingStatus());
        assertEquals(0, fixture.updateCalls());
        assertEquals("4", fixture.aws.ssm().value(ScalerFixture.PARAMETER).orElseThrow());

        fixture.application.status("RUNNING");
        assertEquals("InProgress", fixture.get().scalingStatus());
        assertEquals(1, fixture.updateCalls());
    }

    @ParameterizedTest
    @ValueSource(strings = {"UPDATING", "AUTOSCALING"})
    void aDesireWaitsWhileTheServiceIsChangingTheApplication(String status) {
        fixture.application.status(status);

        assertEquals("InProgress", fixture.patchCapacity(4).scalingStatus());
        assertEquals(0, fixture.updateCalls());
    }

    @Test
    void notRunningAtTheDesiredCapacityIsNotAFailure() {
        fixture.application.status("READY");

        ScalerFixture.Response response = fixture.get();

        assertEquals("Successful", response.scalingStatus());
        assertNull(response.body().get("failureReason"));
    }

    @Test
    void aMissingParameterMeansNoDesireWasAskedAndAPatchCreatesIt() {
        fixture.aws.ssm().delete(ScalerFixture.PARAMETER);

        ScalerFixture.Response get = fixture.get();
        assertEquals(200, get.statusCode());
        assertEquals(2, get.body().get("desiredCapacity").asInt());
        assertEquals(0, fixture.updateCalls());

        fixture.patchCapacity(3);
        assertEquals("3", fixture.aws.ssm().value(ScalerFixture.PARAMETER).orElseThrow());
        assertEquals(1, fixture.updateCalls());
    }

    @Test
    void aParameterEditedToGarbageIsAServerErrorNamingIt() {
        fixture.aws.ssm().put(ScalerFixture.PARAMETER, "lots");

        ScalerFixture.Response response = fixture.get();

        assertEquals(500, response.statusCode());
        assertEquals(
                "SSM parameter " + ScalerFixture.PARAMETER + " holds 'lots', which is not a capacity: put a "
                        + "positive integer or 'none' in it",
                response.message());
        assertEquals(0, fixture.updateCalls());
    }

    @Test
    void aRedeployThatResetTheThresholdsIsCorrectedByTheNextCall() {
        fixture.patchCapacity(4);
        fixture.aws.flink().completeTransitions();
        fixture.aws
                .cloudWatch()
                .putAlarm(fixture.aws.cloudWatch().alarm(ScalerFixture.SCALE_OUT_ALARM).orElseThrow().toBuilder()
                        .threshold(1000.0)
                        .build());

        fixture.reconcile();

        assertEquals(4000, fixture.threshold(ScalerFixture.SCALE_OUT_ALARM));
        assertEquals(1, fixture.updateCalls());
    }

    @Test
    void rightThresholdsAreNotRewritten() {
        fixture.get();
        fixture.get();

        assertEquals(0, fixture.aws.calls("cloudwatch:PutMetricAlarm").size());
    }

    @Test
    void theServicesOwnAutoscalingIsSwitchedOffOnlyWithARescale() {
        fixture.application.autoScalingEnabled(true);

        fixture.get();
        assertEquals(0, fixture.updateCalls());
        assertTrue(fixture.decisions().get(0).get("done").toString().contains("autoscaling on"));

        fixture.patchCapacity(3);
        assertFalse(fixture.application.autoScalingEnabled());
    }

    @Test
    void aStoredDesireAboveTheKpuQuotaIsClampedToIt() {
        fixture.aws.ssm().put(ScalerFixture.PARAMETER, "70");

        ScalerFixture.Response response = fixture.get();

        assertEquals(64, response.body().get("desiredCapacity").asInt(), "the KPU quota is 64");
        assertEquals(64, fixture.application.parallelism());
        assertTrue(fixture.decisions()
                .get(0)
                .get("done")
                .get(0)
                .asText()
                .startsWith("stored desired capacity 70 is outside 1..kpuQuota (1..64): using 64"));
    }

    @Test
    void anApplicationThatIsNotFlinkIsAServerErrorNamingIt() {
        fixture.application.runtimeEnvironment("SQL-1_0");

        ScalerFixture.Response response = fixture.patchCapacity(3);

        assertEquals(500, response.statusCode());
        assertEquals(
                "application " + ScalerFixture.APPLICATION + " describes no Flink parallelism configuration "
                        + "(runtime SQL-1_0): the scaler only scales Managed Service for Apache Flink applications",
                response.message());
        assertEquals(0, fixture.updateCalls());
        assertEquals(500, fixture.decisions().get(0).get("httpStatus").asInt());
    }
}
