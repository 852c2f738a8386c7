package io.github.kdastepscaling.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kdastepscaling.policy.ScalingPolicy;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BaselinesTest {

    private static double[] constant(int minutes, double value) {
        double[] values = new double[minutes];
        Arrays.fill(values, value);
        return values;
    }

    @Test
    void theOracleHasExactlyTheKpusEachMinuteNeedsAndAtLeastTheMinimum() {
        Trace trace = Trace.of("t", 0, 999, 1000, 1001, 4200);
        assertArrayEquals(new int[] {1, 1, 1, 2, 5}, OracleCapacity.oracle(trace, 1000, 1));
        assertArrayEquals(new int[] {2, 2, 2, 2, 5}, OracleCapacity.oracle(trace, 1000, 2));
    }

    @Test
    void theFixedCapacityIsSizedForThePeak() {
        assertArrayEquals(new int[] {5, 5, 5}, OracleCapacity.fixedAtPeak(Trace.of("t", 10, 4200, 10), 1000, 1));
    }

    @Test
    void builtInAutoscalingDoublesAfter15MinutesAtOrAbove75Percent() {
        double[] load = constant(20, 750);
        load[10] = 749; // one minute below 75% restarts the count
        int[] capacities = BuiltInAutoscaling.capacities(Trace.of("t", load), 1000, 1, 64, m -> {});
        assertEquals(1, capacities[19], "only 9 consecutive minutes since minute 10");
        int[] steady = BuiltInAutoscaling.capacities(Trace.of("t", constant(20, 750)), 1000, 1, 64, m -> {});
        assertEquals(1, steady[14]);
        assertEquals(2, steady[15], "after minutes 0..14");
        assertEquals(2, steady[19], "750 is 37.5% of 2 KPUs");
    }

    @Test
    void builtInAutoscalingHalvesAfterSixHoursBelow10PercentButNeverBelowTheInitialCapacity() {
        double[] load = new double[15 + 360 + 400];
        Arrays.fill(load, 0, 15, 1600); // 80% of 2 KPUs: 4 KPUs from minute 15
        Arrays.fill(load, 15, load.length, 100); // 2.5% of 4 KPUs, 5% of 2
        int[] capacities = BuiltInAutoscaling.capacities(Trace.of("t", load), 1000, 2, 64, m -> {});
        assertEquals(4, capacities[15]);
        assertEquals(4, capacities[374]);
        assertEquals(2, capacities[375], "360 minutes below 10%: minutes 15..374");
        assertEquals(2, capacities[load.length - 1], "never below the initial 2");
    }

    @Test
    void builtInAutoscalingStopsAtItsMaximum() {
        int[] capacities = BuiltInAutoscaling.capacities(Trace.of("t", constant(40, 10_000)), 1000, 4, 8, m -> {});
        assertEquals(8, capacities[39]);
    }

    @Test
    void theSimulatorRunsTheFiveBaselinesInOrderWithoutRestartCostForTheOracle() {
        Trace trace = Trace.of("t", 500, 2500, 2500, 2500, 500, 500);
        Report report = Simulator.run(
                trace, SimulationSettings.defaults(ScalingPolicy.builder().build()));
        assertEquals(
                List.of("policy", "policy-without-guard", "aws-sample", "built-in", "oracle", "fixed-at-peak"),
                report.results().stream().map(PolicyResult::name).collect(Collectors.toList()));
        PolicySummary oracle = report.result("oracle").summary();
        assertEquals(0, oracle.minutesWithBacklog());
        assertEquals(2, oracle.rescales());
        assertEquals(0, oracle.restartDowntimeMinutes());
        assertEquals(3 * 6 / 60.0, report.result("fixed-at-peak").summary().kpuHours(), 1e-12);
        assertEquals(0, report.result("fixed-at-peak").summary().rescales());
    }
}
