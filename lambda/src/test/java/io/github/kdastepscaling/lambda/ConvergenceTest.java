package io.github.kdastepscaling.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kdastepscaling.fakes.Fault;
import io.github.kdastepscaling.fakes.RecordedCall;
import io.github.kdastepscaling.policy.ScalingThresholds;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scaler survives its own failures and the operators': after each disturbance, the following calls bring
 * capacity, stored desire and thresholds back into agreement, and no desired change is dropped.
 */
class ConvergenceTest {

    private final ScalerFixture fixture = new ScalerFixture();
    private final ScalingThresholds thresholds = new ScalingThresholds(1000, 750, 1);

    @AfterEach
    void close() {
        fixture.close();
    }

    /** RUNNING at the stored desire, with both thresholds for that capacity. */
    private void assertConsistentAt(int capacity) {
        assertEquals("RUNNING", fixture.application.status());
        assertEquals(capacity, fixture.application.currentParallelism());
        assertEquals(
                String.valueOf(capacity),
                fixture.aws.ssm().value(ScalerFixture.PARAMETER).orElseThrow());
        assertEquals(thresholds.scaleOutThreshold(capacity), fixture.threshold(ScalerFixture.SCALE_OUT_ALARM));
        assertEquals(thresholds.scaleInThreshold(capacity), fixture.threshold(ScalerFixture.SCALE_IN_ALARM));
        assertEquals("Successful", fixture.get().scalingStatus());
    }

    private long successfulUpdates() {
        return fixture.aws.calls("kinesisanalytics:UpdateApplication").stream()
                .filter(RecordedCall::succeeded)
                .count();
    }

    @Test
    void scaleOutRequestedWhileThePreviousRescaleIsStillRunning() {
        fixture.patchCapacity(4);
        fixture.patchCapacity(7);
        assertEquals(1, successfulUpdates(), "the second desire waits for the first rescale");

        fixture.aws.flink().completeTransitions();
        fixture.reconcile();
        fixture.aws.flink().completeTransitions();

        assertConsistentAt(7);
        assertEquals(2, successfulUpdates());
    }

    @Test
    void aCallCutShortAfterUpdateApplicationBeforeTheThresholdsAreSetIsRepairedByTheNextCalls() {
        // The state a function timing out at that point leaves (the update is in, the thresholds are not): here the
        // alarms cannot be reached until the call gives up on them.
        fixture.aws.faults().failAlways("cloudwatch:DescribeAlarms", Fault.delay(Duration.ofSeconds(1)));
        fixture.patchCapacity(5);
        fixture.aws.faults().clear();
        assertEquals(2000, fixture.threshold(ScalerFixture.SCALE_OUT_ALARM), "thresholds still for 2 KPUs");

        // Application Auto Scaling, having had no answer, asks again; then the rescale lands.
        fixture.patchCapacity(5);
        fixture.aws.flink().completeTransitions();
        fixture.reconcile();

        assertConsistentAt(5);
        assertEquals(1, successfulUpdates(), "the repeated PATCH did not restart the job again");
    }

    @Test
    void ssmUnavailableLosesNoDesire() {
        fixture.aws.faults().failAlways("ssm:PutParameter", Fault.unavailable());
        assertEquals(502, fixture.patchCapacity(3).statusCode());
        assertEquals(0, successfulUpdates(), "nothing acted on a desire that was not stored");

        fixture.aws.faults().clear();
        fixture.patchCapacity(3);
        fixture.aws.flink().completeTransitions();
        fixture.reconcile();

        assertConsistentAt(3);
    }

    @Test
    void anAlarmDeletedByHandIsAlignedOnceTheStackRecreatesIt() {
        var deleted =
                fixture.aws.cloudWatch().alarm(ScalerFixture.SCALE_OUT_ALARM).orElseThrow();
        fixture.aws.cloudWatch().deleteAlarm(ScalerFixture.SCALE_OUT_ALARM);
        fixture.patchCapacity(4);
        fixture.aws.flink().completeTransitions();
        assertEquals("Successful", fixture.get().scalingStatus(), "scaling goes on without the alarm");

        // A redeploy recreates it with the template's threshold, the one for the initial capacity.
        fixture.aws.cloudWatch().putAlarm(deleted);
        fixture.reconcile();

        assertConsistentAt(4);
    }

    @Test
    void anApplicationStoppedByAnOperatorIsRescaledWhenItRunsAgain() {
        fixture.application.status("READY");
        assertEquals("Pending", fixture.patchCapacity(6).scalingStatus());
        assertEquals(0, successfulUpdates());

        fixture.application.status("STARTING");
        assertEquals("Pending", fixture.reconcile().get("scalingStatus").asText());
        fixture.aws.flink().completeTransitions();
        fixture.reconcile();
        fixture.aws.flink().completeTransitions();

        assertConsistentAt(6);
        assertEquals(1, successfulUpdates());
    }

    @Test
    void aRedeployThatResetsTheThresholdsIsUndoneByTheNextReconcile() {
        fixture.patchCapacity(8);
        fixture.aws.flink().completeTransitions();
        fixture.get();
        fixture.aws
                .cloudWatch()
                .putAlarm(fixture.aws.cloudWatch().alarm(ScalerFixture.SCALE_OUT_ALARM).orElseThrow().toBuilder()
                        .threshold(2000.0)
                        .build());
        fixture.aws
                .cloudWatch()
                .putAlarm(fixture.aws.cloudWatch().alarm(ScalerFixture.SCALE_IN_ALARM).orElseThrow().toBuilder()
                        .threshold(750.0)
                        .build());

        fixture.reconcile();

        assertConsistentAt(8);
    }

    @Test
    void snapshotsSwitchedOffMidwayNeverCauseAStatelessRestart() {
        fixture.patchCapacity(4);
        fixture.aws.flink().completeTransitions();
        fixture.application.snapshotsEnabled(false);

        assertEquals("Failed", fixture.patchCapacity(2).scalingStatus());
        assertEquals("Failed", fixture.reconcile().get("scalingStatus").asText());
        assertEquals(1, successfulUpdates(), "no update while snapshots are off");
        assertEquals(4000, fixture.threshold(ScalerFixture.SCALE_OUT_ALARM), "thresholds stay with what runs");

        fixture.application.snapshotsEnabled(true);
        fixture.reconcile();
        fixture.aws.flink().completeTransitions();

        assertConsistentAt(2);
        assertTrue(
                fixture.aws.calls("kinesisanalytics:UpdateApplication").stream().allMatch(RecordedCall::succeeded));
    }
}
