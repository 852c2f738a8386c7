package io.github.kdastepscaling.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kdastepscaling.contract.ScalerEnvironment;
import io.github.kdastepscaling.fakes.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Over the fakes, with the lag guard the construct deploys by default (bound 300 s, drain horizon 3 minutes, restarts
 * of 120 s): the scheduled reconcile stores what a rescale must reach while the job is behind; a PATCH scale-in under
 * it leaves the application as it is (once the lag has fallen the next reconcile clears it and the scale-in goes), and
 * a PATCH scale-out goes at least there.
 */
class RescaleUnderBacklogReconcileTest {

    private static final String LEARNED_RATE_PARAMETER = LearningReconcileTest.LEARNED_RATE_PARAMETER;
    private static final Map<String, String> STREAM = Map.of("StreamName", "orders");
    private static final Instant NOW =
            Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(20);

    private final SettableClock clock = new SettableClock(NOW);
    private final ScalerFixture fixture = new ScalerFixture(
            environment -> {
                environment.put(ScalerEnvironment.LEARNING_METRICS, LearnedRateDecisionTableTest.LEARNING_METRICS);
                environment.put(ScalerEnvironment.LEARNING_WINDOW_MINUTES, "30");
                environment.put(ScalerEnvironment.LEARNED_RATE_PARAMETER_NAME, LEARNED_RATE_PARAMETER);
                environment.put(ScalerEnvironment.LAG_GUARD_MAX_LAG_SECONDS, "300");
                environment.put(ScalerEnvironment.LAG_GUARD_DRAIN_MINUTES, "3");
                environment.put(ScalerEnvironment.EXPECTED_RESTART_SECONDS, "120");
            },
            clock);

    RescaleUnderBacklogReconcileTest() {
        fixture.aws.ssm().put(LEARNED_RATE_PARAMETER, ScalerEnvironment.NO_DESIRED_CAPACITY);
        fixture.registerTarget(1, 32);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    /**
     * The 30 minutes before {@code end}: 6,000 records/s arriving and consumed, the job caught up but for the latest
     * minute, {@code latestLagSeconds} behind.
     */
    private void seed(Instant end, double latestLagSeconds) {
        Instant minuteStart = end.truncatedTo(ChronoUnit.MINUTES);
        for (int i = 1; i <= 30; i++) {
            Instant t = minuteStart.minus(Duration.ofMinutes(i));
            double records = 6000.0 * 60;
            double lagMillis = i == 1 ? latestLagSeconds * 1000 : 0;
            fixture.aws.cloudWatch().putDatapoint("AWS/Kinesis", "GetRecords.Records", STREAM, t, records);
            fixture.aws
                    .cloudWatch()
                    .putDatapoint("AWS/Kinesis", "GetRecords.IteratorAgeMilliseconds", STREAM, t, lagMillis);
            fixture.aws.cloudWatch().putDatapoint("AWS/Kinesis", "IncomingRecords", STREAM, t, records);
        }
    }

    @Test
    void aScaleInWaitsWhileItsRestartWouldWakeTheLagGuardAndGoesOnceTheLagHasFallen() {
        fixture.application.parallelism(10).currentParallelism(10);
        seed(NOW, 270);
        fixture.reconcile();
        String stored = fixture.aws.ssm().value(LEARNED_RATE_PARAMETER).orElseThrow();
        // 270 s + a 120 s restart is 90 s over the bound: under it in 3 minutes needs 6,000 x 1.5 / 1,000 = 9 KPUs
        assertTrue(stored.contains(" backlog=9 "), stored);
        int updatesBefore =
                fixture.aws.calls("kinesisanalytics:UpdateApplication").size();

        fixture.patchCapacity(7);

        assertEquals(10, fixture.application.parallelism(), "the application is left as it runs");
        assertEquals(
                updatesBefore,
                fixture.aws.calls("kinesisanalytics:UpdateApplication").size(),
                "no restart");
        assertEquals("10", fixture.aws.ssm().value(ScalerFixture.PARAMETER).orElseThrow(), "the running capacity");
        assertTrue(fixture.lastDone().contains("deferred the scale-in to 7 KPUs"), fixture.lastDone());

        Instant later = NOW.plus(Duration.ofMinutes(2));
        clock.set(later);
        seed(later, 40);
        fixture.reconcile();
        String cleared = fixture.aws.ssm().value(LEARNED_RATE_PARAMETER).orElseThrow();
        assertFalse(cleared.contains("backlog="), cleared);

        fixture.patchCapacity(7);

        assertEquals(7, fixture.application.parallelism(), "the lag has fallen: the scale-in goes");
    }

    @Test
    void aScaleOutOfAJobThatIsBehindGoesToWhatDrainsItsBacklog() {
        fixture.application.parallelism(6).currentParallelism(6);
        seed(NOW, 270);
        fixture.reconcile();

        fixture.patchCapacity(7);

        assertEquals(9, fixture.application.parallelism(), "6,000 records/s need 6 KPUs; the backlog 9");
        assertEquals("9", fixture.aws.ssm().value(ScalerFixture.PARAMETER).orElseThrow());
        assertTrue(
                fixture.lastDone().contains("raised the scale-out from 7 to 9 KPUs: at minute "), fixture.lastDone());
    }
}
