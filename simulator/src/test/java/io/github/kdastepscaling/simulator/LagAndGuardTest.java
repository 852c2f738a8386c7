package io.github.kdastepscaling.simulator;

import static io.github.kdastepscaling.policy.ScalingDirection.SCALE_IN;
import static io.github.kdastepscaling.policy.ScalingDirection.SCALE_OUT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kdastepscaling.policy.CapacityRange;
import io.github.kdastepscaling.policy.LagGuard;
import io.github.kdastepscaling.policy.ScalingPolicy;
import io.github.kdastepscaling.policy.ScalingStep;
import io.github.kdastepscaling.policy.SignalKind;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class LagAndGuardTest {

    @Test
    void theLagIsTheAgeOfTheOldestUnprocessedRecordAndMissingWhileRestarting() {
        // 1 KPU at 1000 records/s; 1500 records/s arrive: 30,000 records wait after minute 0, the oldest of them
        // arrived 40 s into the minute (60,000 of 90,000 processed), so at its end it is 20 s old
        Trace trace = Trace.of("t", 1500, 1500, 0, 0, 0);
        Workload w = Workload.simulate(trace, new int[] {1, 1, 2, 2, 2}, 1000, 1);
        assertEquals(20_000, w.lagMillis()[0], 1e-6);
        // minute 1: 60,000 of 120,000 waiting processed: the oldest left arrived 20 s into minute 1, 40 s old
        assertEquals(40_000, w.lagMillis()[1], 1e-6);
        assertTrue(Double.isNaN(w.lagMillis()[2]), "restarting: no datapoint");
        assertEquals(0, w.lagMillis()[3], "all caught up");
        assertEquals(40, w.maxLagSeconds(), 1e-9);
    }

    private static ScalingPolicy guarded(LagGuard guard) {
        return ScalingPolicy.builder().maxCapacity(12).lagGuard(guard).build();
    }

    @Test
    void configuredTooHighOnlyTheGuardScalesOut() {
        // 2,500 records/s; the policy believes a KPU does 1,000 (3 KPUs suffice), a KPU really does 700 (4 needed)
        double[] load = new double[240];
        Arrays.fill(load, 2500);
        Trace trace = Trace.of("t", load);
        ScalingPolicy policy = guarded(LagGuard.defaults());
        StepScalingRun run = StepScalingSimulation.run(
                trace, StepScalingSpec.of(policy), JobSettings.of(700), new InMemoryCapacityActuator(3), m -> {});
        assertTrue(run.lagGuardActivities() > 0);
        ScalingActivity first = run.activities().get(0);
        assertEquals(SCALE_OUT, first.direction());
        assertTrue(first.lagGuard(), "the load alarms never fire at 2,500 < 3,000");
        // the guard acts on the third minute in a row whose lag is at or above 300 s (3 of 3), not before
        int lagMinute = first.minute() - 1;
        for (int m = lagMinute - 2; m <= lagMinute; m++) {
            assertTrue(run.workload().lagMillis()[m] >= 300_000, "minute " + m);
        }
        assertTrue(run.workload().lagMillis()[lagMinute - 3] < 300_000);
        StepScalingRun off = StepScalingSimulation.run(
                trace,
                StepScalingSpec.of(policy).withLagGuard(null),
                JobSettings.of(700),
                new InMemoryCapacityActuator(3),
                m -> {});
        assertTrue(off.activities().isEmpty());
        assertTrue(off.workload().maxLagSeconds() > 2000, "400 records/s short for 4 hours");
    }

    @Test
    void theScaleInAlarmCannotFireWhileTheLagIsAtOrAboveTheBound() {
        LagGuardSpec guard = LagGuardSpec.of(LagGuard.defaults());
        assertEquals(1200, guard.scaleInDatapoint(1200, 299_999));
        assertEquals(1e15, guard.scaleInDatapoint(1200, 300_000));
        assertEquals(1200, guard.scaleInDatapoint(1200, Double.NaN), "no lag datapoint counts as 0");
        assertEquals(null, LagGuardSpec.of(LagGuard.disabled()));
    }

    @Test
    void theLagPolicyHasItsOwnCooldownAndEndsTheScaleInCooldown() {
        LagGuard lag = LagGuard.builder()
                .steps(List.of(ScalingStep.between(0, 1, 1), ScalingStep.from(1, 3)))
                .cooldownSeconds(600)
                .build();
        StepScalingPolicies policies = new StepScalingPolicies(StepScalingSpec.of(guarded(lag)));
        CapacityRange range = new CapacityRange(1, 12);
        assertEquals(OptionalInt.of(4), policies.invoke(SCALE_OUT, 3500, 2000, 2, 0), "load scale-out +2");
        assertEquals(
                OptionalInt.of(5),
                policies.invokeLagGuard(400_000, 4, 60, range),
                "the load policy's cooldown does not hold the lag policy back");
        assertEquals(OptionalInt.empty(), policies.invokeLagGuard(400_000, 5, 120, range), "its own cooldown does");
        assertEquals(
                OptionalInt.of(7),
                policies.invokeLagGuard(700_000, 5, 180, range),
                "a higher step tops up during the cooldown: base 4 + 3");
        assertTrue(policies.lagGuardInCooldown(659));
        assertEquals(OptionalInt.empty(), policies.invokeLagGuard(100_000, 7, 700, range), "below the bound");

        StepScalingPolicies fresh = new StepScalingPolicies(StepScalingSpec.of(guarded(lag)));
        assertEquals(OptionalInt.of(6), fresh.invoke(SCALE_IN, 5000, 5400, 7, 0));
        assertEquals(OptionalInt.empty(), fresh.invoke(SCALE_IN, 4000, 4500, 6, 60), "scale-in cooldown");
        assertEquals(OptionalInt.of(7), fresh.invokeLagGuard(400_000, 6, 120, range));
        assertEquals(
                OptionalInt.of(6),
                fresh.invoke(SCALE_IN, 5000, 5400, 7, 180),
                "the lag policy's scale-out ended the scale-in cooldown");
    }

    @Test
    void aUtilizationSignalSeesTheBacklogAndHasNoDatapointWhileRestarting() {
        Trace trace = Trace.of("t", 500, 1500, 500, 500);
        JobModel job = new JobModel(trace, 1000, 1);
        JobSettings settings = JobSettings.of(1000);
        job.step(1);
        assertEquals(50, LoadSignal.datapoint(SignalKind.UTILIZATION, trace, job, settings, 1, 0), 1e-9);
        job.step(1);
        assertEquals(100, LoadSignal.datapoint(SignalKind.UTILIZATION, trace, job, settings, 1, 1), 1e-9);
        job.step(1);
        assertEquals(
                100,
                LoadSignal.datapoint(SignalKind.UTILIZATION, trace, job, settings, 1, 2),
                1e-9,
                "500 arriving + 500/s of backlog = all of one KPU");
        job.step(2);
        assertTrue(Double.isNaN(LoadSignal.datapoint(SignalKind.UTILIZATION, trace, job, settings, 2, 3)));
        assertEquals(500 * 1000, LoadSignal.datapoint(SignalKind.INCOMING_BYTES, trace, job, settings, 2, 3));
        assertEquals(500, LoadSignal.datapoint(SignalKind.LOAD, trace, job, settings, 2, 3));
    }

    @Test
    void aBytesSignalScalesLikeTheRecordsSignalForTheSameRecordSize() {
        Trace trace = ReferenceTraces.load("step");
        ScalingPolicy records = ScalingPolicy.builder().build();
        ScalingPolicy bytes = ScalingPolicy.builder()
                .signal(SignalKind.INCOMING_BYTES, 1000 * 2000, 900 * 2000)
                .build();
        JobSettings job = new JobSettings(1000, 2, 2000);
        assertArrayEquals(
                StepScalingSimulation.run(
                                trace, StepScalingSpec.of(records), job, new InMemoryCapacityActuator(1), m -> {})
                        .capacities(),
                StepScalingSimulation.run(
                                trace, StepScalingSpec.of(bytes), job, new InMemoryCapacityActuator(1), m -> {})
                        .capacities());
    }

    @Test
    void aUtilizationPolicyScalesOutOnAFullJobAndInOnAnIdleOne() {
        // Without restarts: with them, the shared scale-in alarm shape (missing data breaching) counts every restart
        // minute, which has no utilization datapoint, as idle, and the policy flaps (docs/simulator.md)
        ScalingPolicy policy = ScalingPolicy.builder()
                .signal(SignalKind.UTILIZATION, 80, 40)
                .utilizationStepWidth(10)
                .build();
        Report report = Simulator.run(
                ReferenceTraces.load("step"),
                SimulationSettings.defaults(policy).withRestartMinutes(0));
        int[] capacities = report.result(Simulator.POLICY_UNDER_TEST).workload().capacities();
        assertTrue(capacities[150] >= 6, "5,600 records/s need 6 KPUs");
        assertTrue(capacities[359] <= 3, "and back in after the step");
    }
}
