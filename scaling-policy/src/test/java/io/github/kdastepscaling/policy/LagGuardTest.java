package io.github.kdastepscaling.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LagGuardTest {

    @Test
    void theDefaultGuardAlarmsAtFiveMinutesAndStepsInMultiplesOfTheBound() {
        LagGuard guard = LagGuard.defaults();

        assertEquals(300_000, guard.thresholdMillis());
        assertEquals(300_000, guard.stepUnitMillis());
        assertEquals(new AlarmEvaluation(3, 3), guard.evaluation());
        assertEquals(AlarmComparison.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, guard.alarmShape().comparison());
        assertEquals(MissingDataTreatment.NOT_BREACHING, guard.alarmShape().missingData());
        assertEquals(ScalingDefaults.LAG_GUARD_STEPS, guard.steps().steps());
        assertEquals("IF(FILL(lag, 0) >= 300000, 1000000000000000, signal)", guard.scaleInExpression());
    }

    @Test
    void aDisabledGuardHasNoSettings() {
        assertFalse(LagGuard.disabled().enabled());
        assertThrows(IllegalStateException.class, () -> LagGuard.disabled().thresholdMillis());
    }

    @Test
    void badSettingsAreRefusedNamingTheSettingAndValue() {
        assertEquals("lagGuard.maxLag (59 s) must be between 60 s (one alarm period) and 86400 s (one day)",
                assertThrows(IllegalArgumentException.class,
                        () -> LagGuard.builder().maxLagSeconds(59).build()).getMessage());
        assertEquals("lagGuard.evaluationPeriods (0) must be between 1 and 1440",
                assertThrows(IllegalArgumentException.class,
                        () -> LagGuard.builder().evaluationPeriods(0).build()).getMessage());
        assertEquals("lagGuard.steps must have at least one step", assertThrows(IllegalArgumentException.class,
                () -> LagGuard.builder().steps(List.of()).build()).getMessage());
        assertEquals("lagGuard.cooldown (60 s) must be at least expectedRestartDuration (120 s): a rescale restarts "
                        + "the job, and a policy that acts again before the restart is over stacks restarts on a "
                        + "capacity that has not landed yet",
                assertThrows(IllegalArgumentException.class, () -> ScalingPolicy.builder()
                        .lagGuard(LagGuard.builder().cooldownSeconds(60).build()).build()).getMessage());
    }
}
