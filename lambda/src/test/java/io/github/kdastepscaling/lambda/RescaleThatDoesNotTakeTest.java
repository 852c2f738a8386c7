package io.github.kdastepscaling.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kdastepscaling.contract.ScalerEnvironment;
import io.github.kdastepscaling.fakes.Fault;
import io.github.kdastepscaling.fakes.RecordedCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A rescale the service cannot complete (it rolls the application back to the capacity it ran at) is not retried
 * on every call: the scaler submits it {@link RescaleGuard#MAX_ATTEMPTS} times, then answers Failed with the reason, so
 * the job is not restarted once a minute for ever.
 */
class RescaleThatDoesNotTakeTest {

    private final ScalerFixture fixture = new ScalerFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private long updates() {
        return fixture.aws.calls("kinesisanalytics:UpdateApplication").stream()
                .filter(RecordedCall::succeeded)
                .count();
    }

    /** What a minute of the scaler's life looks like: the service finishes what is in flight, then a reconcile. */
    private String minuteLater() {
        fixture.aws.flink().completeTransitions();
        return fixture.reconcile().get("scalingStatus").asText();
    }

    /** From 2 KPUs, a rescale to 6 that the service rolls back twice: the scaler answers Failed. */
    private void askForSixUntilTheScalerGivesUp() {
        fixture.application.rollsBackUpdates(true);
        fixture.patchCapacity(6);
        minuteLater();
        minuteLater();
        assertEquals("Failed", minuteLater());
    }

    @Test
    void isRetriedABoundedNumberOfTimesThenFails() {
        fixture.application.rollsBackUpdates(true);

        assertEquals("InProgress", fixture.patchCapacity(6).scalingStatus());
        assertEquals("InProgress", minuteLater(), "the first rollback: one more attempt");
        for (int minute = 0; minute < 10; minute++) {
            assertEquals("Failed", minuteLater());
        }

        assertEquals(RescaleGuard.MAX_ATTEMPTS, updates(), "two restarts, not one a minute");
        ScalerFixture.Response answer = fixture.get();
        assertEquals("Failed", answer.scalingStatus());
        assertEquals(2, answer.body().get("actualCapacity").asInt());
        assertEquals(6, answer.body().get("desiredCapacity").asInt(), "the desire is kept");
        String reason = answer.body().get("failureReason").asText();
        assertTrue(
                reason.startsWith("the rescale of application " + ScalerFixture.APPLICATION + " from 2 to 6 KPUs "
                        + "is not attempted: the last 2 rescales from 2 KPUs in that direction (the last to 6 KPUs) did not "
                        + "take, and it still runs at 2 KPUs"),
                reason);
        assertTrue(reason.contains("max parallelism below 6"), reason);
        assertTrue(reason.contains(ScalerFixture.ATTEMPT_PARAMETER), reason);
        assertEquals(2000, fixture.threshold(ScalerFixture.SCALE_OUT_ALARM), "thresholds stay with what runs");
    }

    @Test
    void desiresThatMoveWithTheLoadDoNotRestartTheJobAfresh() {
        // Application Auto Scaling adds its step to the actual capacity, so the desire follows the load: 6, 4, 6...
        fixture.application.rollsBackUpdates(true);
        for (int minute = 0; minute < 10; minute++) {
            fixture.patchCapacity(minute % 2 == 0 ? 6 : 4);
            minuteLater();
        }

        assertEquals(RescaleGuard.MAX_ATTEMPTS, updates());
        assertEquals("Failed", fixture.patchCapacity(5).scalingStatus());
    }

    @Test
    void aRetryTowardAnotherCapacityLogsTheOneThatFailed() {
        fixture.application.rollsBackUpdates(true);
        fixture.patchCapacity(6);
        fixture.aws.flink().completeTransitions();

        assertEquals("InProgress", fixture.patchCapacity(4).scalingStatus());

        String retry = fixture.decisions().get(1).get("done").toString();
        assertTrue(retry.contains("the last rescale to 6 KPUs did not take (the application runs at 2 KPUs"), retry);
        assertTrue(retry.contains("attempt 2 of 2, toward 4 KPUs"), retry);
    }

    @Test
    void theOtherDirectionIsStillAttempted() {
        askForSixUntilTheScalerGivesUp();

        fixture.application.rollsBackUpdates(false);
        assertEquals("InProgress", fixture.patchCapacity(1).scalingStatus(), "scaling in from 2 KPUs");
        assertEquals("Successful", minuteLater());
        assertEquals(1, fixture.application.currentParallelism());
    }

    @Test
    void aDesireThatReturnsToTheRunningCapacityDoesNotResetTheCount() {
        askForSixUntilTheScalerGivesUp();

        assertEquals("Successful", fixture.patchCapacity(2).scalingStatus(), "the load fell: back to what runs");
        assertEquals("Failed", fixture.patchCapacity(6).scalingStatus(), "the load rose again: still refused");
        assertEquals(RescaleGuard.MAX_ATTEMPTS, updates());
    }

    @Test
    void anOperatorClearsTheRecordToTryAgain() {
        askForSixUntilTheScalerGivesUp();

        fixture.application.rollsBackUpdates(false);
        fixture.aws.ssm().put(ScalerFixture.ATTEMPT_PARAMETER, ScalerEnvironment.NO_DESIRED_CAPACITY);
        assertEquals("InProgress", minuteLater());
        assertEquals("Successful", minuteLater());
        assertEquals(6, fixture.application.currentParallelism());
    }

    @Test
    void aRescaleThatTookIsNotCountedAgainstTheNextOne() {
        fixture.patchCapacity(6);
        assertEquals("Successful", minuteLater());
        assertEquals(
                ScalerEnvironment.NO_DESIRED_CAPACITY,
                fixture.aws.ssm().value(ScalerFixture.ATTEMPT_PARAMETER).orElseThrow(),
                "it took: record cleared");
        fixture.patchCapacity(2);
        assertEquals("Successful", minuteLater());
        fixture.patchCapacity(6);

        assertEquals(
                "desired=6 from=2 version=4 count=1",
                fixture.aws.ssm().value(ScalerFixture.ATTEMPT_PARAMETER).orElseThrow());
        assertEquals(3, updates());
    }

    @Test
    void repeatedResetsOfTheParallelismAreNotTakenForAFailingRescale() {
        // Each stack update of the application re-applies the template's parallelism (2 KPUs here) while the
        // desire stays at 6: every time, the scaler brings it back, and never gives up on a rescale that took.
        fixture.patchCapacity(6);
        assertEquals("Successful", minuteLater());
        for (int deploy = 1; deploy <= 3; deploy++) {
            fixture.application.parallelism(2).currentParallelism(2).bumpVersion();
            assertEquals("InProgress", minuteLater(), "deploy " + deploy);
            assertEquals("Successful", minuteLater(), "deploy " + deploy);
        }
        assertEquals(4, updates());
        assertEquals(6, fixture.application.currentParallelism());
    }

    @Test
    void anUnreadableRecordIsNotTrusted() {
        fixture.aws.ssm().put(ScalerFixture.ATTEMPT_PARAMETER, "edited by hand");

        assertEquals("InProgress", fixture.patchCapacity(5).scalingStatus());
        assertEquals(
                "desired=5 from=2 version=2 count=1",
                fixture.aws.ssm().value(ScalerFixture.ATTEMPT_PARAMETER).orElseThrow());
    }

    @Test
    void aRecordThatCannotBeWrittenDoesNotFailTheRescale() {
        // The desire's write succeeds; the attempt's (the second PutParameter) fails.
        fixture.aws.ssm().put(ScalerFixture.PARAMETER, "5");
        fixture.aws.faults().failAlways("ssm:PutParameter", Fault.serverError());

        assertEquals("InProgress", fixture.reconcile().get("scalingStatus").asText());
        assertEquals(1, updates());
        assertTrue(fixture.decisions().get(0).get("done").toString().contains("could not record the rescale attempt"));
    }
}
