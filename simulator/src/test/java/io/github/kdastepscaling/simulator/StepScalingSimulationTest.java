package io.github.kdastepscaling.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kdastepscaling.policy.CapacityRange;
import io.github.kdastepscaling.policy.ScalingPolicy;
import io.github.kdastepscaling.policy.ScalingStep;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepScalingSimulationTest {

    private static final ScalingPolicy POLICY = ScalingPolicy.builder()
            .scaleOutRecordsPerSecondPerKpu(1000)
            .scaleInRecordsPerSecondPerKpu(750)
            .scaleOutEvaluation(1, 1)
            .scaleInEvaluation(2, 2)
            .scaleOutSteps(List.of(
                    ScalingStep.between(0, 1, 1),
                    ScalingStep.between(1, 2, 2),
                    ScalingStep.between(2, 4, 4),
                    ScalingStep.from(4, 6)))
            .scaleInSteps(
                    List.of(ScalingStep.upTo(-2, -3), ScalingStep.between(-2, -1, -2), ScalingStep.between(-1, 0, -1)))
            .scaleOutCooldownSeconds(300)
            .scaleInCooldownSeconds(600)
            .build();

    @Test
    void scalesOutOnTheStepForTheLoadAndBackInWithThresholdsReSetForEachCapacity() {
        // 1 KPU; 3500 records/s is 2.5 KPUs of load above 1000: +4 -> 5 KPUs (scale-in threshold 3000).
        // Then 1400 records/s: 2 of 2 below 3000, 2.13 KPUs of load below: -3 -> 2 KPUs; 1400 < 2000 and > 750: stays.
        Trace trace = Trace.of("t", 3500, 3500, 3500, 1400, 1400, 1400, 1400, 1400);
        StepScalingRun run = StepScalingSimulation.run(trace, StepScalingSpec.of(POLICY), 1);
        assertArrayEquals(new int[] {1, 5, 5, 5, 5, 2, 2, 2}, run.capacities());
    }

    /** Applies each request two minutes late, as a slow real target might, and records the calls. */
    private static final class LaggingActuator implements CapacityActuator {
        private final InMemoryCapacityActuator inner;
        final List<String> calls = new ArrayList<>();

        LaggingActuator(int initial) {
            inner = new InMemoryCapacityActuator(initial);
        }

        @Override
        public void requestCapacity(int desiredKpus, int minute) {
            calls.add(desiredKpus + "@" + minute);
            inner.requestCapacity(desiredKpus, minute + 2);
        }

        @Override
        public int capacity(int minute) {
            return inner.capacity(minute);
        }
    }

    @Test
    void changesCapacityOnlyThroughTheActuatorAndRecordsWhatItReports() {
        Trace trace = Trace.of("t", 1500, 1500, 1500, 1500, 1500, 1500);
        LaggingActuator actuator = new LaggingActuator(1);
        StepScalingRun run = StepScalingSimulation.run(trace, StepScalingSpec.of(POLICY), actuator, m -> {});
        // asked at the end of minute 0 for minute 1; the actuator applies it at minute 3; until then the alarm stays in
        // ALARM and, within the cooldown, the same capacity is asked for again (requests must be idempotent)
        assertEquals(List.of("2@1", "2@2", "2@3"), actuator.calls);
        assertArrayEquals(new int[] {1, 1, 1, 2, 2, 2}, run.capacities());
    }

    @Test
    void theAwsSampleNeverScalesInBeforeItsFirstRescale() {
        StepScalingSpec sample = AwsSamplePolicy.spec(new CapacityRange(1, 8), 1000);
        double[] quiet = new double[30];
        Arrays.fill(quiet, 500);
        assertArrayEquals(
                new int[30],
                subtract(
                        StepScalingSimulation.run(Trace.of("t", quiet), sample, 4)
                                .capacities(),
                        4),
                "the deployed scale-in threshold is 0");
        // after a scale-out the Lambda sets it to (capacity - 1) x rate, LessThanOrEqualToThreshold on 2 of 2:
        // 500 is 3.5 KPUs of load below 4000: -4
        Trace trace = Trace.of("t", 4500, 4500, 500, 500, 500, 500);
        assertArrayEquals(
                new int[] {4, 5, 5, 5, 1, 1},
                StepScalingSimulation.run(trace, sample, 4).capacities());
    }

    private static int[] subtract(int[] values, int amount) {
        int[] result = values.clone();
        for (int i = 0; i < result.length; i++) {
            result[i] -= amount;
        }
        return result;
    }
}
