package io.github.kdastepscaling.policy;

import static io.github.kdastepscaling.policy.ScalingDirection.SCALE_IN;
import static io.github.kdastepscaling.policy.ScalingDirection.SCALE_OUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScalingStepsTest {

    private static String failure(ScalingDirection direction, List<ScalingStep> steps) {
        return assertThrows(IllegalArgumentException.class, () -> ScalingSteps.of(direction, steps, "steps"))
                .getMessage();
    }

    @Test
    void scaleOutBoundsAreLowerInclusiveUpperExclusive() {
        ScalingSteps steps = ScalingSteps.of(SCALE_OUT, ScalingDefaults.SCALE_OUT_STEPS, "scaleOutSteps");
        assertEquals(Optional.of(1), steps.adjustmentFor(0));
        assertEquals(Optional.of(1), steps.adjustmentFor(0.99));
        assertEquals(Optional.of(2), steps.adjustmentFor(1));
        assertEquals(Optional.of(6), steps.adjustmentFor(1000));
        assertEquals(Optional.empty(), steps.adjustmentFor(-0.5));
    }

    @Test
    void scaleInBoundsAreLowerExclusiveUpperInclusive() {
        ScalingSteps steps = ScalingSteps.of(SCALE_IN, ScalingDefaults.SCALE_IN_STEPS, "scaleInSteps");
        assertEquals(Optional.of(-1), steps.adjustmentFor(0));
        assertEquals(Optional.of(-1), steps.adjustmentFor(-0.5));
        assertEquals(Optional.of(-2), steps.adjustmentFor(-1));
        assertEquals(Optional.of(-3), steps.adjustmentFor(-2));
        assertEquals(Optional.of(-3), steps.adjustmentFor(-100));
        assertEquals(Optional.empty(), steps.adjustmentFor(0.1));
    }

    @Test
    void stepsAreSortedWhateverTheOrderGiven() {
        ScalingSteps steps = ScalingSteps.of(
                SCALE_OUT, List.of(ScalingStep.from(1, 3), ScalingStep.between(0, 1, 1)), "scaleOutSteps");
        assertEquals(1, steps.steps().get(0).adjustmentKpus());
    }

    @Test
    void failsOnOverlap() {
        assertEquals(
                "steps: steps [0, 2) -> +1 and [1, +inf) -> +3 overlap",
                failure(SCALE_OUT, List.of(ScalingStep.between(0, 2, 1), ScalingStep.from(1, 3))));
    }

    @Test
    void failsOnGap() {
        assertEquals(
                "steps: steps [0, 1) -> +1 and [2, +inf) -> +3 leave a gap from 1 to 2 KPUs of load",
                failure(SCALE_OUT, List.of(ScalingStep.between(0, 1, 1), ScalingStep.from(2, 3))));
    }

    @Test
    void failsOnWrongSign() {
        assertEquals(
                "steps[0] [0, +inf) -> -1 is a scale-out step: its adjustment must be positive",
                failure(SCALE_OUT, List.of(ScalingStep.from(0, -1))));
        assertEquals(
                "steps[0] (-1, 0] -> +1 is a scale-in step: its adjustment must be negative",
                failure(SCALE_IN, List.of(ScalingStep.between(-1, 0, 1))));
        assertEquals(
                "steps[0] [-1, +inf) -> +1 is a scale-out step: its bounds must be at or above the threshold (>= 0)",
                failure(SCALE_OUT, List.of(ScalingStep.from(-1, 1))));
        assertEquals(
                "steps[0] (-inf, 1] -> -1 is a scale-in step: its bounds must be at or below the threshold (<= 0)",
                failure(SCALE_IN, List.of(ScalingStep.upTo(1, -1))));
    }

    @Test
    void failsOnStepsThatLeaveLoadsUnanswered() {
        assertTrue(failure(SCALE_OUT, List.of(ScalingStep.from(1, 1)))
                .startsWith("steps: the first step [1, +inf) -> +1 must start at the threshold"));
        assertTrue(
                failure(SCALE_OUT, List.of(ScalingStep.between(0, 3, 1)))
                        .contains(
                                "loads more than 3 KPUs above the threshold match no step and maxCapacity may never be reached"));
        assertTrue(failure(SCALE_IN, List.of(ScalingStep.upTo(-1, -1)))
                .startsWith("steps: the last step (-inf, -1] -> -1 must end at the threshold"));
    }

    @Test
    void failsOnEmptyOrDegenerateSteps() {
        assertEquals("steps must have at least one step", failure(SCALE_OUT, List.of()));
        assertEquals(
                "steps[0] [-inf, +inf) -> +1 must have a lower or an upper bound",
                failure(SCALE_OUT, List.of(new ScalingStep(null, null, 1))));
        assertEquals(
                "steps[0] [2, 1) -> +1 must have its lower bound below its upper bound",
                failure(SCALE_OUT, List.of(ScalingStep.between(2, 1, 1))));
    }
}
