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
