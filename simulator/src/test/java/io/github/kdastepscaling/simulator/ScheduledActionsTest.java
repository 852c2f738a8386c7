package io.github.kdastepscaling.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kdastepscaling.policy.CapacityRange;
import io.github.kdastepscaling.policy.ScalingPolicy;
import io.github.kdastepscaling.policy.ScalingStep;
import io.github.kdastepscaling.policy.ScheduleExpression;
import io.github.kdastepscaling.policy.ScheduledCapacityAction;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scheduled actions in the model: they move the target's range at their wall-clock time, the capacity follows into
 * the new range at once, the policies clamp to the range in effect, and the thresholds follow the current minimum.
 */
class ScheduledActionsTest {

    /** Monday 2026-03-02, 07:00 UTC: 08:00 in Berlin. */
    private static final Instant START = Instant.parse("2026-03-02T07:00:00Z");

    private static ScalingPolicy.Builder policy() {
        return ScalingPolicy.builder()
                .minCapacity(1)
                .maxCapacity(4)
                .scaleOutRecordsPerSecondPerKpu(1000)
                .scaleInRecordsPerSecondPerKpu(750)
                .scaleOutEvaluation(1, 1)
                .scaleInEvaluation(2, 2)
                .scaleOutSteps(List.of(ScalingStep.between(0, 1, 1), ScalingStep.from(1, 2)))
                .scaleInSteps(List.of(ScalingStep.upTo(-1, -2), ScalingStep.between(-1, 0, -1)))
                .scaleOutCooldownSeconds(120)
                .scaleInCooldownSeconds(120)
                .expectedRestartSeconds(120);
    }

    private static ScheduledCapacityAction action(String name, String schedule, Integer min, Integer max) {
        return new ScheduledCapacityAction(
                name, ScheduleExpression.parse(schedule), ZoneId.of("Europe/Berlin"), null, null, min, max);
    }

    private static Trace flat(double load, int minutes) {
        double[] values = new double[minutes];
        Arrays.fill(values, load);
        return new Trace("flat", 0, values, START);
    }

    @Test
    void aRaisedMinimumLiftsTheCapacityAtItsTimeAndHoldsItUntilLowered() {
        ScalingPolicy withSchedule = policy().scheduledActions(List.of(
                        action("morning", "cron(10 8 ? * MON-FRI *)", 3, null),
                        action("late-morning", "cron(40 8 ? * MON-FRI *)", 1, null)))
                .build();

        StepScalingRun run = StepScalingSimulation.run(flat(100, 60), StepScalingSpec.of(withSchedule), 1);

        assertEquals(1, run.capacities()[9]);
        assertEquals(3, run.capacities()[10], "08:10 Berlin: the minimum rises to 3 and the capacity with it");
        assertEquals(3, run.capacities()[39], "no scale-in below the raised minimum: its threshold is 0 there");
        assertTrue(run.capacities()[45] < 3, "after 08:40 the minimum is 1 again and the low load scales in");
        assertEquals(
                List.of("morning", "late-morning"),
                run.rangeChanges().stream().map(RangeChange::action).toList());
        RangeChange morning = run.rangeChanges().get(0);
        assertEquals(Instant.parse("2026-03-02T07:10:00Z"), morning.time());
        assertEquals(new CapacityRange(3, 4), morning.range());
        assertEquals(1, morning.fromCapacity());
        assertEquals(3, morning.toCapacity());
        assertTrue(run.activities().stream().anyMatch(a -> a.minute() == 10 && a.to() == 3));
    }

    @Test
    void aRaisedMaximumLetsTheLoadPolicyGoAboveTheDeployedOne() {
        ScalingPolicy withSchedule = policy().scheduledActions(List.of(action("peak", "cron(20 8 ? * * *)", null, 8)))
                .build();

        int[] capacities = StepScalingSimulation.run(flat(7500, 60), StepScalingSpec.of(withSchedule), 1)
                .capacities();

        assertEquals(4, capacities[19], "held at the deployed maximum");
        assertEquals(8, capacities[59], "7500 records/s needs 8 KPUs, which the raised maximum allows");
        assertEquals(
                4,
                Arrays.stream(StepScalingSimulation.run(flat(7500, 60), StepScalingSpec.of(policy().build()), 1)
                                .capacities())
                        .max()
                        .orElseThrow(),
                "without the action the maximum holds");
    }

    @Test
    void failsWhenTheTraceHasNoWallClockTime() {
        ScalingPolicy withSchedule = policy().scheduledActions(
                        List.of(action("morning", "cron(10 8 ? * MON-FRI *)", 3, null)))
                .build();

        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> StepScalingSimulation.run(Trace.of("t", 100, 100), StepScalingSpec.of(withSchedule), 1));
        assertEquals(
                "the policy has scheduled actions (morning) but trace t has no wall-clock time: give its first "
                        + "minute with --start",
                e.getMessage());
    }
}
