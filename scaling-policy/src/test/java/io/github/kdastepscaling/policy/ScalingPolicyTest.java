package io.github.kdastepscaling.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScalingPolicyTest {

    private static String failure(ScalingPolicy.Builder builder) {
        return assertThrows(IllegalArgumentException.class, builder::build).getMessage();
    }

    @Test
    void defaultsAreValidUpToTheQuota() {
        ScalingPolicy policy =
                ScalingPolicy.builder().maxCapacity(ScalingDefaults.KPU_QUOTA).build();
        assertEquals(64, policy.capacityRange().maxCapacity());
        assertEquals(300, policy.cooldownSeconds(ScalingDirection.SCALE_OUT));
    }

    @Test
    void failsAboveTheKpuQuotaUnlessRaised() {
        assertTrue(failure(ScalingPolicy.builder().maxCapacity(65))
                .startsWith("maxCapacity (65) must be <= kpuQuota (64)"));
        assertEquals(
                100,
                ScalingPolicy.builder()
                        .kpuQuota(100)
                        .maxCapacity(100)
                        .build()
                        .capacityRange()
                        .maxCapacity());
    }

    @Test
    void failsWhenAScaleInStepLandsAboveTheScaleOutThreshold() {
        // At 3 KPUs the scale-in threshold is 2 x 900 = 1800 records/s; a -1 step lands at 2 KPUs whose
        // scale-out threshold is 2000: fine. A -2 step for loads just below the threshold lands at 1 KPU (1000).
        String message = failure(ScalingPolicy.builder()
                .scaleInRecordsPerSecondPerKpu(900)
                .scaleInSteps(List.of(ScalingStep.upTo(0, -2))));
        assertEquals(
                "scaleInSteps: the step (-inf, 0] -> -2 at capacity 3 scales in to 1 KPUs while the load can be "
                        + "1800 records/s, at or above the scale-out threshold of 1 KPUs (1000 records/s): the policy would "
                        + "flap; lower scaleInRecordsPerSecondPerKpu (900) or make the step smaller",
                message);
    }

    @Test
    void failsWhenAScaleOutStepOvershootsBelowTheScaleInThreshold() {
        // At 1 KPU a load of 1000 records/s adds 2 KPUs; at 3 KPUs the scale-in threshold is 2 x 900 = 1800.
        String message = failure(ScalingPolicy.builder()
                .scaleInRecordsPerSecondPerKpu(900)
                .scaleOutSteps(List.of(ScalingStep.between(0, 1, 2), ScalingStep.from(1, 3))));
        assertEquals(
                "scaleOutSteps: the step [0, 1) -> +2 at capacity 1 scales out to 3 KPUs for a load of 1000 "
                        + "records/s, below the scale-in threshold of 3 KPUs (1800 records/s): the policy would flap; make "
                        + "the step smaller or lower scaleInRecordsPerSecondPerKpu (900)",
                message);
    }

    @Test
    void failsWhenTheLowestScaleInStepCannotReachASilentStream() {
        String message =
                failure(ScalingPolicy.builder().maxCapacity(10).scaleInSteps(List.of(ScalingStep.between(-3, 0, -1))));
        assertTrue(message.startsWith("scaleInSteps: the lowest step (-3, 0] -> -1 must have no lower bound"), message);
    }

    @Test
    void failsOnCooldownShorterThanARestart() {
        assertTrue(failure(ScalingPolicy.builder().scaleOutCooldownSeconds(60))
                .startsWith("scaleOutCooldown (60 s) must be at least expectedRestartDuration (120 s)"));
        assertEquals(
                "scaleInCooldown (-1 s) must not be negative",
                failure(ScalingPolicy.builder().scaleInCooldownSeconds(-1)));
    }

    @Test
    void failsOnDatapointsOutsideTheEvaluationWindow() {
        assertEquals(
                "scaleOutDatapointsToAlarm (3) must be between 1 and scaleOutEvaluationPeriods (2)",
                failure(ScalingPolicy.builder().scaleOutEvaluation(2, 3)));
        assertEquals(
                "scaleOutEvaluationPeriods (1441) must be between 1 and 1440: CloudWatch evaluates at most one "
                        + "day of one-minute periods",
                failure(ScalingPolicy.builder().scaleOutEvaluation(1441, 1)));
        assertEquals(
                "scaleInEvaluationPeriods (0) must be between 1 and 1440: CloudWatch evaluates at most one day "
                        + "of one-minute periods",
                failure(ScalingPolicy.builder().scaleInEvaluation(0, 0)));
    }

    @Test
    void failsWhenAScheduledMaximumReachesCapacitiesTheScaleInStepsCannotLeave() {
        ScheduledCapacityAction peak = new ScheduledCapacityAction(
                "peak", ScheduleExpression.parse("rate(1 day)"), null, null, null, null, 30);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ScalingPolicy.builder()
                        .maxCapacity(8)
                        .scaleInSteps(List.of(ScalingStep.between(-10, -1, -2), ScalingStep.between(-1, 0, -1)))
                        .scheduledActions(List.of(peak))
                        .build());
        assertTrue(
                e.getMessage().contains("a load near zero at a scheduled maxCapacity (30) matches no step"),
                e.getMessage());
    }
}
