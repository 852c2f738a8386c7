package io.github.kdastepscaling.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

class ScalingThresholdsTest {

    private final ScalingThresholds thresholds = new ScalingThresholds(1000, 750, 1);

    @Test
    void scaleOutThresholdIsCapacityTimesRate() {
        assertEquals(1000, thresholds.scaleOutThreshold(1));
        assertEquals(5000, thresholds.scaleOutThreshold(5));
    }

    @Test
    void scaleInThresholdIsTheLoadOneKpuFewerCarriesAtTheScaleInRate() {
        assertEquals(750, thresholds.scaleInThreshold(2));
        assertEquals(3000, thresholds.scaleInThreshold(5));
    }

    @Test
    void aResizeScalesInAtTheScaleOutRateAboveItsKpusAndIsKeptByTheOtherCopies() {
        ScalingThresholds resized = thresholds.withResizeTo(2);
        assertEquals(2000, resized.scaleInThreshold(3));
        assertEquals(750, resized.scaleInThreshold(2));
        assertEquals(0, resized.withMinCapacity(3).scaleInThreshold(3), "nothing to remove at the minimum");
        assertEquals(2600, resized.withLearnedScaleOut(1300).scaleInThreshold(3), 1e-9);
        assertEquals(2, resized.withMinCapacity(2).resizeTo());
        assertEquals(0, thresholds.resizeTo());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> thresholds.withResizeTo(0));
        assertEquals("resize to (0) must be >= 1 KPU", e.getMessage());
        ScalingThresholds utilization = ScalingThresholds.utilization(80, 40, 10, 1);
        e = assertThrows(IllegalArgumentException.class, () -> utilization.withResizeTo(2));
        assertEquals(true, e.getMessage().contains("no per-KPU rate to resize with"), e.getMessage());
    }

    @Test
    void scaleInThresholdIsZeroOnlyWhereNothingCanBeRemoved() {
        ScalingThresholds withMinimumTwo = new ScalingThresholds(1000, 750, 2);
        assertEquals(0, withMinimumTwo.scaleInThreshold(2));
        assertEquals(1500, withMinimumTwo.scaleInThreshold(3));
    }

    @Test
    void aSingleStepScaleInLandsBelowTheSmallerCapacitysScaleOutThreshold() {
        for (int capacity = 2; capacity <= 64; capacity++) {
            double highestLoadThatScalesIn = thresholds.scaleInThreshold(capacity);
            Assertions.assertTrue(highestLoadThatScalesIn < thresholds.scaleOutThreshold(capacity - 1));
        }
    }

    @Test
    void failsWhenScaleInRateIsNotBelowScaleOutRate() {
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> new ScalingThresholds(1000, 1000, 1));
        assertEquals(
                "scaleInRecordsPerSecondPerKpu (1000) must be below scaleOutRecordsPerSecondPerKpu (1000), "
                        + "or every scale-in would be followed by a scale-out",
                error.getMessage());
    }

    @Test
    void failsOnNonPositiveRates() {
        assertEquals(
                "scaleOutRecordsPerSecondPerKpu (0) must be a positive number",
                assertThrows(IllegalArgumentException.class, () -> new ScalingThresholds(0, -1, 1))
                        .getMessage());
        assertEquals(
                "scaleInRecordsPerSecondPerKpu (-1.5) must be a positive number",
                assertThrows(IllegalArgumentException.class, () -> new ScalingThresholds(10, -1.5, 1))
                        .getMessage());
        assertEquals(
                "scaleOutRecordsPerSecondPerKpu (NaN) must be a positive number",
                assertThrows(IllegalArgumentException.class, () -> new ScalingThresholds(Double.NaN, 1, 1))
                        .getMessage());
    }
}
