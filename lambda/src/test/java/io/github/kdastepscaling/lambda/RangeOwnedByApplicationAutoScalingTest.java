package io.github.kdastepscaling.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kdastepscaling.contract.ScalerEnvironment;
import io.github.kdastepscaling.fakes.Fault;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Application Auto Scaling owns the scalable target's range and moves it at run time (scheduled actions,
 * register-scalable-target): the scaler accepts any capacity up to the KPU quota, and sets the thresholds at the
 * minimum for the target's current minimum. The fixture's construct range is 1..10 with a scale-in rate of 750.
 */
class RangeOwnedByApplicationAutoScalingTest {

    private ScalerFixture fixture = new ScalerFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aPatchAboveTheConstructsMaximumIsAppliedOnceAScheduledActionRaisedIt() {
        fixture.registerTarget(null, 16);

        ScalerFixture.Response response = fixture.patchCapacity(12);

        assertEquals(200, response.statusCode());
        assertEquals("InProgress", response.scalingStatus());
        assertEquals(1, fixture.updateCalls());
        assertEquals(12, fixture.application.parallelism());
        assertEquals(12_000, fixture.threshold(ScalerFixture.SCALE_OUT_ALARM));
    }

    @Test
    void aPatchAboveTheKpuQuotaIsRefusedWithTheReasonAndChangesNothing() {
        ScalerFixture.Response response = fixture.patchCapacity(65);

        assertEquals(400, response.statusCode());
        assertEquals(
                "desiredCapacity (65) must be between 1 and 64 (the application's KPU quota, kpuQuota)",
                response.message());
        assertEquals(List.of(), fixture.aws.calls());
    }

    @Test
    void atAMinimumAScheduledActionRaisedTheScaleInThresholdIsZero() {
        fixture.application.parallelism(4);
        fixture.registerTarget(4, null);

        fixture.get();

        assertEquals(0, fixture.threshold(ScalerFixture.SCALE_IN_ALARM), "nothing can be removed at the minimum");
        JsonNode decision = fixture.decisions().get(0);
        assertEquals(4, decision.path("thresholds").path("minCapacity").asInt());
        assertTrue(
                decision.path("done").toString().contains("the scalable target's minimum capacity is 4"),
                decision.toString());
    }

    @Test
    void atTheConstructsMinimumAfterAScheduledActionLoweredItScaleInCanFire() {
        fixture.close();
        fixture = new ScalerFixture(environment -> environment.put(ScalerEnvironment.MIN_CAPACITY, "2"));
        fixture.registerTarget(1, null);

        fixture.get();

        assertEquals(
                750,
                fixture.threshold(ScalerFixture.SCALE_IN_ALARM),
                "at 2 KPUs with the target's minimum at 1, one KPU can go: (2 - 1) x 750");
    }

    @Test
    void withTheTargetsOwnMinimumTheThresholdsAreTheConstructs() {
        fixture.application.parallelism(4);

        fixture.get();

        assertEquals(2250, fixture.threshold(ScalerFixture.SCALE_IN_ALARM), "(4 - 1) x 750");
        assertEquals(
                1,
                fixture.decisions()
                        .get(0)
                        .path("thresholds")
                        .path("minCapacity")
                        .asInt());
    }

    @Test
    void whileTheRangeCannotBeReadTheConstructsMinimumIsUsedAndTheProblemReported() {
        fixture.aws.faults().failAlways("application-autoscaling:DescribeScalableTargets", Fault.serverError());

        ScalerFixture.Response response = fixture.get();

        assertEquals(200, response.statusCode(), "the capacity answer does not depend on the range");
        assertEquals(750, fixture.threshold(ScalerFixture.SCALE_IN_ALARM), "(2 - 1) x 750 with minCapacity 1");
        JsonNode thresholds = fixture.decisions().get(0).path("thresholds");
        assertEquals(false, thresholds.path("aligned").asBoolean());
        assertTrue(
                thresholds
                        .path("problems")
                        .get(0)
                        .asText()
                        .startsWith("could not read the scalable target's current range"),
                thresholds.toString());
    }

    @Test
    void beforeTheTargetIsRegisteredTheConstructsMinimumIsUsed() {
        fixture.aws
                .applicationAutoScaling()
                .deregister("custom-resource", ScalerFixture.RESOURCE_ID, "custom-resource:ResourceType:Property");

        assertEquals(200, fixture.get().statusCode());

        assertTrue(fixture.decisions()
                .get(0)
                .path("done")
                .toString()
                .contains("the scalable target is not registered (yet)"));
        assertTrue(fixture.decisions().get(0).path("thresholds").path("aligned").asBoolean());
    }

    @Test
    void theDecisionLogNamesTheCaller() {
        fixture.patchCapacity(3);
        fixture.patchCapacity(0);

        List<JsonNode> decisions = fixture.decisions();
        String serviceLinkedRole = "arn:aws:sts::123456789012:assumed-role/"
                + "AWSServiceRoleForApplicationAutoScaling_CustomResource/ApplicationAutoScaling";
        assertEquals(serviceLinkedRole, decisions.get(0).path("caller").asText());
        assertEquals(serviceLinkedRole, decisions.get(1).path("caller").asText(), "a refused request names it too");
    }
}
