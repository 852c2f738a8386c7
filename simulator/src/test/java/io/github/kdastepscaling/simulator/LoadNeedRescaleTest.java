package io.github.kdastepscaling.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulator runs the scaler's load-need rules on the stored state: after a load falls, a scale-in goes straight
 * to what the load needs at the learned scale-in rate ({@code ScaleInTarget}) rather than 3 KPUs per step with a
 * 10-minute cooldown; without learning the step policy's cuts stand.
 */
class LoadNeedRescaleTest {

    /** Two hours at 10,000 records/s, then two at 2,000: 3 KPUs at the default scale-in rate of 900 per KPU. */
    private static final Trace FALL = fall();

    private static Trace fall() {
        double[] load = new double[240];
        Arrays.fill(load, 0, 120, 10_000);
        Arrays.fill(load, 120, 240, 2_000);
        return Trace.of("fall", load);
    }

    private static List<int[]> scaleIns(LearningSettings learning) {
        int[] capacities = Simulator.run(FALL, MultiDayLearningScenarios.settings(1000, learning, 0))
                .result(Simulator.POLICY_UNDER_TEST)
                .workload()
                .capacities();
        List<int[]> scaleIns = new ArrayList<>();
        for (int m = 121; m < capacities.length; m++) {
            if (capacities[m] < capacities[m - 1]) {
                scaleIns.add(new int[] {capacities[m - 1], capacities[m]});
            }
        }
        return scaleIns;
    }

    @Test
    void withLearningTheJobComesDownInOneRestart() {
        List<int[]> scaleIns = scaleIns(LearningSettings.AS_SHIPPED);
        assertEquals(1, scaleIns.size(), "scale-ins (from, to): " + describe(scaleIns));
        assertEquals(3, scaleIns.get(0)[1], describe(scaleIns));
    }

    @Test
    void withoutLearningTheStepPolicyCutsStand() {
        List<int[]> scaleIns = scaleIns(LearningSettings.OFF);
        assertEquals(3, scaleIns.get(scaleIns.size() - 1)[1], describe(scaleIns));
        assertEquals(3, scaleIns.size(), "3 KPUs a step: " + describe(scaleIns));
    }

    private static String describe(List<int[]> scaleIns) {
        return scaleIns.stream().map(Arrays::toString).toList().toString();
    }
}
