package io.github.kdastepscaling.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LagGuardTest {

    @Test
    void theDefaultGuardAlarmsAtFiveMinutesAndStepsInMultiplesOfTheBound() {
        LagGuard guard = LagGuard.defaults();

        assertEquals(300_000, guard.thresholdMillis());
        assertEquals(300_000, guard.stepUnitMillis());
        assertEquals(new AlarmEvaluation(3, 3), guard.evaluation());
        assertEquals(
                AlarmComparison.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                guard.alarmShape().comparison());
        assertEquals(MissingDataTreatment.NOT_BREACHING, guard.alarmShape().missingData());
        assertEquals(ScalingDefaults.LAG_GUARD_STEPS, guard.steps().steps());
        assertEquals("IF(FILL(lag, 0) >= 300000, 1000000000000000, signal)", guard.scaleInExpression());
    }

    @Test
    void theLagAlarmsMetricIsTheLagUnlessTheRunningCapacityDrainsItInTime() {
        LagGuard guard = LagGuard.defaults();

        assertEquals(3, guard.drainMinutes());
        assertEquals(
                "IF(lag >= 300000 AND (FILL(DIFF(lag), 0) > -10000 OR lag + 3 * FILL(DIFF(lag), 0) >= 300000), "
                        + "lag, 0)",
                guard.alarmExpression());
        // Issue 23's job after two restarts: 11 KPUs at 36,300 records/s against 30,000 arriving, the lag falling
        // 10.4 s a minute from 330 s: under the bound in 3 minutes.
        assertEquals(0, guard.alarmDatapoint(330_000, 340_400));
        // Falling as fast, but 400 s is not under the bound within 3 minutes: behind for too long.
        assertEquals(400_000, guard.alarmDatapoint(400_000, 410_400));
        // Falling 5 s a minute: as likely the load easing for a minute; the plain guard's rule.
        assertEquals(310_000, guard.alarmDatapoint(310_000, 315_000));
        assertEquals(310_000, guard.alarmDatapoint(310_000, 300_000), "rising");
        assertEquals(310_000, guard.alarmDatapoint(310_000, Double.NaN), "after a gap: no trend");
        assertEquals(0, guard.alarmDatapoint(250_000, 300_000), "under the bound: 0 or the lag, neither breaches");
        assertTrue(Double.isNaN(guard.alarmDatapoint(Double.NaN, 300_000)), "restarting: no datapoint");
    }

    @Test
    void withoutAHorizonTheLagAlarmWatchesTheLagItself() {
        LagGuard guard = LagGuard.builder().drainMinutes(0).build();

        assertEquals("lag", guard.alarmExpression());
        assertEquals(330_000, guard.alarmDatapoint(330_000, 340_400));
    }

    @Test
    void aDisabledGuardHasNoSettings() {
        assertFalse(LagGuard.disabled().enabled());
        assertThrows(IllegalStateException.class, () -> LagGuard.disabled().thresholdMillis());
    }

    @Test
    void badSettingsAreRefusedNamingTheSettingAndValue() {
        assertEquals(
                "lagGuard.maxLag (59 s) must be between 60 s (one alarm period) and 86400 s (one day)",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> LagGuard.builder().maxLagSeconds(59).build())
                        .getMessage());
        assertEquals(
                "lagGuard.evaluationPeriods (0) must be between 1 and 1440",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> LagGuard.builder().evaluationPeriods(0).build())
                        .getMessage());
        assertEquals(
                "lagGuard.drainMinutes (-1) must be between 0 and 1440 (one day)",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> LagGuard.builder().drainMinutes(-1).build())
                        .getMessage());
        assertEquals(
                "lagGuard.steps must have at least one step",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> LagGuard.builder().steps(List.of()).build())
                        .getMessage());
        assertEquals(
                "lagGuard.cooldown (60 s) must be at least expectedRestartDuration (120 s): a rescale restarts "
                        + "the job, and a policy that acts again before the restart is over stacks restarts on a "
                        + "capacity that has not landed yet",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> ScalingPolicy.builder()
                                        .lagGuard(LagGuard.builder()
                                                .cooldownSeconds(60)
                                                .build())
                                        .build())
                        .getMessage());
    }
}
