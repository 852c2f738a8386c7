package io.github.kdastepscaling.simulator;

import static io.github.kdastepscaling.policy.ScalingDirection.SCALE_IN;
import static io.github.kdastepscaling.policy.ScalingDirection.SCALE_OUT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kdastepscaling.policy.LagGuard;
import io.github.kdastepscaling.policy.ScalingPolicy;
import io.github.kdastepscaling.policy.ScalingStep;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** One test per Application Auto Scaling rule of aws-facts.md, "Step scaling". */
class CooldownRulesTest {

    /** Out: [0,1) +1, [1,2) +2, [2,+inf) +3, 300 s; in: 750 records/s per KPU, (-inf,-2] -3, (-2,-1] -2, (-1,0] -1, 600 s. */
    private static StepScalingPolicies policies() {
        return new StepScalingPolicies(StepScalingSpec.of(ScalingPolicy.builder()
                .maxCapacity(10)
                .scaleOutRecordsPerSecondPerKpu(1000)
                .scaleInRecordsPerSecondPerKpu(750)
                .scaleOutSteps(
                        List.of(ScalingStep.between(0, 1, 1), ScalingStep.between(1, 2, 2), ScalingStep.from(2, 3)))
                .scaleInSteps(List.of(
                        ScalingStep.upTo(-2, -3), ScalingStep.between(-2, -1, -2), ScalingStep.between(-1, 0, -1)))
                .scaleOutCooldownSeconds(300)
                .scaleInCooldownSeconds(600)
                .build()));
    }

    @Test
    void theAdjustmentIsTheStepForTheDistanceInKpusOfLoadClampedToTheRange() {
        StepScalingPolicies policies = policies();
        // capacity 2, threshold 2000: 3500 is 1.5 KPUs of load above: +2
        assertEquals(OptionalInt.of(4), policies.invoke(SCALE_OUT, 3500, 2000, 2, 0));
        StepScalingPolicies atMax = policies();
        assertEquals(OptionalInt.of(10), atMax.invoke(SCALE_OUT, 99_000, 9000, 9, 0), "+3 clamped to maxCapacity");
        assertEquals(OptionalInt.empty(), atMax.invoke(SCALE_OUT, 99_000, 10_000, 10, 600), "nothing above the max");
    }

    @Test
    void duringAScaleOutCooldownAFurtherAlarmOnlyAddsCapacityBeyondWhatWasAlreadyAdded() {
        StepScalingPolicies policies = policies();
        assertEquals(OptionalInt.of(4), policies.invoke(SCALE_OUT, 3500, 2000, 2, 0), "+2 from 2");
        // 60 s later, at 4 KPUs (threshold 4000), 2.5 KPUs of load above: +3, counted from the 2 KPUs before the +2
        assertEquals(OptionalInt.of(5), policies.invoke(SCALE_OUT, 6500, 4000, 4, 60), "a +3 after a +2 adds 1");
        assertEquals(
                OptionalInt.empty(),
                policies.invoke(SCALE_OUT, 5500, 5000, 5, 120),
                "+1 from 2 is below what was already added");
        assertTrue(policies.inCooldown(SCALE_OUT, 299), "the top-up does not restart the cooldown");
        assertEquals(
                OptionalInt.of(6), policies.invoke(SCALE_OUT, 5500, 5000, 5, 300), "after the cooldown: +1 from 5");
    }

    @Test
    void scaleInIsBlockedDuringItsCooldown() {
        StepScalingPolicies policies = policies();
        // capacity 5, scale-in threshold 4 x 750 = 3000; 2500 is 0.67 KPU of load below: -1
        assertEquals(OptionalInt.of(4), policies.invoke(SCALE_IN, 2500, 3000, 5, 0));
        assertEquals(OptionalInt.empty(), policies.invoke(SCALE_IN, 100, 2250, 4, 599));
        assertEquals(OptionalInt.of(1), policies.invoke(SCALE_IN, 100, 2250, 4, 600), "-3 once the cooldown is over");
    }

    @Test
    void aScaleOutDuringAScaleInCooldownProceedsAtOnceAndEndsTheScaleInCooldown() {
        StepScalingPolicies policies = policies();
        assertEquals(OptionalInt.of(4), policies.invoke(SCALE_IN, 2500, 3000, 5, 0));
        assertEquals(OptionalInt.of(5), policies.invoke(SCALE_OUT, 4200, 4000, 4, 60));
        assertEquals(
                OptionalInt.of(4),
                policies.invoke(SCALE_IN, 2500, 3000, 5, 120),
                "the scale-in cooldown ended with the scale-out");
    }

    @Test
    void noChangeNoActivityAndNoCooldown() {
        StepScalingPolicies policies = policies();
        assertEquals(OptionalInt.empty(), policies.invoke(SCALE_IN, 0, 0, 1, 0), "nothing below minCapacity");
        assertEquals(OptionalInt.of(1), policies.invoke(SCALE_IN, 100, 750, 2, 60), "no cooldown was started");
    }

    @Test
    void thePolicyFiresAgainOnLaterEvaluationsWhileTheAlarmStaysInAlarm() {
        // one open step: +1 for any load above the threshold; scale-out on 1 of 1, 300 s cooldown; no lag guard (the
        // job falls far behind here, and the guard would add KPUs of its own)
        ScalingPolicy policy = ScalingPolicy.builder()
                .scaleOutRecordsPerSecondPerKpu(1000)
                .scaleInRecordsPerSecondPerKpu(750)
                .scaleOutSteps(List.of(ScalingStep.from(0, 1)))
                .scaleOutEvaluation(1, 1)
                .scaleOutCooldownSeconds(300)
                .lagGuard(LagGuard.disabled())
                .build();
        double[] load = new double[14];
        Arrays.fill(load, 3500);
        StepScalingRun run = StepScalingSimulation.run(Trace.of("t", load), StepScalingSpec.of(policy), 1);
        // minute 0 alarms at 1 KPU; the alarm stays in ALARM at 2 and 3 KPUs (thresholds re-set to 2000, 3000) and the
        // policy acts again as each cooldown ends; at 4 KPUs (threshold 4000) the alarm is OK and capacity stays
        assertArrayEquals(new int[] {1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 4}, run.capacities());
        assertEquals(
                List.of(
                        new ScalingActivity(1, SCALE_OUT, 1, 2),
                        new ScalingActivity(6, SCALE_OUT, 2, 3),
                        new ScalingActivity(11, SCALE_OUT, 3, 4)),
                run.activities());
        assertEquals(AlarmState.ALARM, run.scaleOutAlarm()[10]);
        assertEquals(AlarmState.OK, run.scaleOutAlarm()[11]);
    }
}
