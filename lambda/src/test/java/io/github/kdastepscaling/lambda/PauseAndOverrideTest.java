package io.github.kdastepscaling.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kdastepscaling.fakes.FakeApplicationAutoScaling.Suspended;
import io.github.kdastepscaling.fakes.Fault;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ConfigurationType;

/**
 * Pausing scaling with the scalable target's SuspendedState and forcing a capacity by hand, over the fakes: the
 * operator's calls go through the SDK's generated clients, as {@code aws application-autoscaling
 * register-scalable-target --suspended-state} and {@code aws kinesisanalyticsv2 update-application} send them.
 */
class PauseAndOverrideTest {

    private final ScalerFixture fixture = new ScalerFixture();
    private final KinesisAnalyticsV2Client operator =
            ScalerFixture.generatedClient(KinesisAnalyticsV2Client.builder(), fixture.aws);

    @BeforeEach
    void runAtThreeKpus() {
        fixture.patchCapacity(3);
        fixture.aws.flink().completeTransitions();
        assertEquals("Successful", fixture.get().scalingStatus());
    }

    @AfterEach
    void close() {
        fixture.assertEveryDecisionLineIsEmbeddedMetricFormat();
        operator.close();
        fixture.close();
    }

    private void suspend(Suspended state) {
        fixture.aws
                .applicationAutoScaling()
                .suspend("custom-resource", ScalerFixture.RESOURCE_ID, "custom-resource:ResourceType:Property", state);
    }

    /** What the README's {@code aws kinesisanalyticsv2 update-application} command does. */
    private void setParallelismByHand(int parallelism) {
        long version = operator.describeApplication(r -> r.applicationName(ScalerFixture.APPLICATION))
                .applicationDetail()
                .applicationVersionId();
        operator.updateApplication(r -> r.applicationName(ScalerFixture.APPLICATION)
                .currentApplicationVersionId(version)
                .applicationConfigurationUpdate(c -> c.flinkApplicationConfigurationUpdate(
                        f -> f.parallelismConfigurationUpdate(p -> p.configurationTypeUpdate(ConfigurationType.CUSTOM)
                                .parallelismUpdate(parallelism)
                                .autoScalingEnabledUpdate(false)))));
    }

    private int scalerUpdates() {
        // The operator's own UpdateApplication is signed with another key.
        return (int) fixture.aws.calls("kinesisanalytics:UpdateApplication").stream()
                .filter(call -> call.accessKeyId().equals(ScalerFixture.ACCESS_KEY))
                .count();
    }

    private String lastDone() {
        List<JsonNode> decisions = fixture.decisions();
        return decisions.get(decisions.size() - 1).get("done").toString();
    }

    @Test
    void withoutAPauseTheReconcileRevertsAHandSetCapacity() {
        setParallelismByHand(6);
        fixture.aws.flink().completeTransitions();

        fixture.reconcile();

        assertEquals(3, fixture.application.parallelism(), "the stored desire wins: why a pause is needed");
    }

    @Test
    void whileSuspendedAHandSetCapacitySurvivesTheScheduledReconcile() {
        suspend(Suspended.ALL);
        int updatesBefore = scalerUpdates();

        setParallelismByHand(6);
        JsonNode whileUpdating = fixture.reconcile();
        fixture.aws.flink().completeTransitions();
        JsonNode landed = fixture.reconcile();
        fixture.reconcile();

        assertEquals(6, fixture.application.parallelism());
        assertEquals(updatesBefore, scalerUpdates(), "the scaler made no update");
        assertEquals(6, whileUpdating.get("desiredCapacity").asInt(), "the hand-set capacity is the desire");
        assertEquals("InProgress", whileUpdating.get("scalingStatus").asText());
        assertEquals("Successful", landed.get("scalingStatus").asText());
        assertEquals("6", fixture.aws.ssm().value(ScalerFixture.PARAMETER).orElseThrow(), "adopted as the desire");
        assertEquals(6000, fixture.threshold(ScalerFixture.SCALE_OUT_ALARM), "thresholds follow the capacity it has");
        assertTrue(
                lastDone()
                        .contains("scaling is paused: the scalable target has DynamicScalingInSuspended, "
                                + "DynamicScalingOutSuspended, ScheduledScalingSuspended, so the scaler does not move the "
                                + "application until it is resumed"),
                lastDone());
        List<JsonNode> decisions = fixture.decisions();
        assertEquals(
                "DynamicScalingInSuspended, DynamicScalingOutSuspended, ScheduledScalingSuspended",
                decisions.get(decisions.size() - 1).path("suspended").asText(),
                "a field Logs Insights can filter on");
        assertTrue(decisions.get(0).path("suspended").isMissingNode(), "absent while nothing is suspended");
    }

    @Test
    void afterResumeTheScalerAdoptsTheHandSetCapacityAndScalesFromIt() {
        suspend(Suspended.ALL);
        setParallelismByHand(6);
        fixture.reconcile();
        fixture.aws.flink().completeTransitions();
        fixture.reconcile();
        int updatesWhilePaused = scalerUpdates();

        suspend(Suspended.NONE);
        JsonNode resumed = fixture.reconcile();

        assertEquals(6, fixture.application.parallelism(), "no jump back to the desire stored before the pause");
        assertEquals(updatesWhilePaused, scalerUpdates());
        assertEquals("Successful", resumed.get("scalingStatus").asText());
        assertTrue(!lastDone().contains("paused"), lastDone());

        assertEquals("InProgress", fixture.patchCapacity(7).scalingStatus(), "scaling resumes from there");
        assertEquals(7, fixture.application.parallelism());
    }

    @Test
    void aGetWhilePausedAnswersTruthfullyAndSaysWhyInTheLog() {
        suspend(Suspended.ALL);
        setParallelismByHand(6);

        ScalerFixture.Response response = fixture.get();

        assertEquals(200, response.statusCode());
        assertEquals(3, response.body().get("actualCapacity").asInt(), "3 KPUs run until the update lands");
        assertEquals(6, response.body().get("desiredCapacity").asInt());
        assertEquals("InProgress", response.scalingStatus());
        assertTrue(lastDone().contains("held the application at 6 KPUs rather than moving it to 3 KPUs"), lastDone());
        assertTrue(
                lastDone()
                        .contains("adopted 6 KPUs as the desired capacity in " + ScalerFixture.PARAMETER
                                + ", so resuming scaling does not move the application"),
                lastDone());
    }

    @Test
    void aPatchInASuspendedDirectionIsAnsweredButNotApplied() {
        suspend(Suspended.ALL);
        int updatesBefore = scalerUpdates();

        ScalerFixture.Response response = fixture.patchCapacity(5);

        assertEquals(200, response.statusCode());
        assertEquals("Successful", response.scalingStatus());
        assertEquals(3, response.body().get("desiredCapacity").asInt(), "the desire the scaler holds");
        assertEquals(3, fixture.application.parallelism());
        assertEquals(updatesBefore, scalerUpdates());
        assertEquals("3", fixture.aws.ssm().value(ScalerFixture.PARAMETER).orElseThrow());
        assertTrue(lastDone().contains("held the application at 3 KPUs rather than moving it to 5 KPUs"), lastDone());
    }

    @Test
    void withOnlyScaleInSuspendedAHigherHandSetCapacityStaysAndScaleOutGoesOn() {
        suspend(new Suspended(true, false, false));

        setParallelismByHand(6);
        fixture.aws.flink().completeTransitions();
        fixture.reconcile();
        assertEquals(6, fixture.application.parallelism(), "no scale-in back to 3");
        assertEquals("6", fixture.aws.ssm().value(ScalerFixture.PARAMETER).orElseThrow());

        assertEquals("InProgress", fixture.patchCapacity(8).scalingStatus(), "scale-out is not suspended");
        assertEquals(8, fixture.application.parallelism());
        fixture.aws.flink().completeTransitions();

        ScalerFixture.Response scaleIn = fixture.patchCapacity(4);
        assertEquals("Successful", scaleIn.scalingStatus());
        assertEquals(8, fixture.application.parallelism(), "scale-in is");
        assertTrue(lastDone().contains("so the scaler removes no capacity until it is resumed"), lastDone());
    }

    @Test
    void withOnlyScaleInSuspendedALowerHandSetCapacityIsScaledBackOut() {
        suspend(new Suspended(true, false, false));

        setParallelismByHand(2);
        fixture.aws.flink().completeTransitions();
        fixture.reconcile();

        assertEquals(
                3,
                fixture.application.parallelism(),
                "adding capacity is not suspended: to force a capacity, " + "suspend both directions");
    }

    @Test
    void scheduledScalingSuspendedAloneChangesNothingForTheScaler() {
        suspend(new Suspended(false, false, true));

        assertEquals("InProgress", fixture.patchCapacity(5).scalingStatus());

        assertEquals(5, fixture.application.parallelism());
        assertTrue(!lastDone().contains("paused"), lastDone());
    }

    @Test
    void aSuspensionThatCannotBeReadIsTakenAsNoneAndSaid() {
        suspend(Suspended.ALL);
        fixture.aws.faults().failAlways("application-autoscaling:DescribeScalableTargets", Fault.unavailable());

        assertEquals("InProgress", fixture.patchCapacity(5).scalingStatus());

        assertEquals(5, fixture.application.parallelism());
        assertTrue(
                lastDone().contains("could not read whether the scalable target's scaling is suspended ("), lastDone());
        assertTrue(lastDone().contains("): deciding as if it is not"), lastDone());
    }

    @Test
    void aPauseAlreadySeenIsNotUndoneByAFailedRead() {
        suspend(Suspended.ALL);
        setParallelismByHand(6);
        fixture.aws.flink().completeTransitions();
        fixture.reconcile();
        fixture.aws.faults().failAlways("application-autoscaling:DescribeScalableTargets", Fault.unavailable());

        fixture.reconcile();

        assertEquals(6, fixture.application.parallelism(), "the adopted desire is the hand-set capacity");
    }
}
