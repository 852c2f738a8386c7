package io.github.kdastepscaling.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Thresholds per signal kind: load signals follow capacity, a utilization signal's are fixed. */
class SignalKindThresholdsTest {

    @Test
    void bytesThresholdsFollowCapacityInBytes() {
        ScalingThresholds thresholds = ScalingThresholds.load(SignalKind.INCOMING_BYTES, 1_000_000, 900_000, 1);

        assertEquals(4_000_000, thresholds.scaleOutThreshold(4));
        assertEquals(2_700_000, thresholds.scaleInThreshold(4));
        assertEquals(0, thresholds.scaleInThreshold(1));
        assertEquals(1_000_000, thresholds.stepUnit(ScalingDirection.SCALE_OUT));
    }

    @Test
    void utilizationThresholdsAreFixedAndStepsAreInPointsOfTheMetric() {
        ScalingThresholds thresholds = ScalingThresholds.utilization(75, 40, 5, 1);

        assertEquals(75, thresholds.scaleOutThreshold(1));
        assertEquals(75, thresholds.scaleOutThreshold(12));
        assertEquals(40, thresholds.scaleInThreshold(12));
        assertEquals(5, thresholds.stepUnit(ScalingDirection.SCALE_IN));
    }

    @Test
    void aUtilizationPolicyDefaultsItsStepWidthToATenthOfTheScaleOutThreshold() {
        ScalingPolicy policy =
                ScalingPolicy.builder().signal(SignalKind.UTILIZATION, 80, 50).build();

        assertEquals(8, policy.thresholds().stepUnit(ScalingDirection.SCALE_OUT));
        assertEquals(
                MissingDataTreatment.NOT_BREACHING,
                policy.alarmShape(ScalingDirection.SCALE_IN).missingData());
    }

    @Test
    void errorsNameTheKindsSettings() {
        assertEquals(
                "scaleOutBytesPerSecondPerKpu (-1) must be a positive number",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> ScalingPolicy.builder()
                                        .signal(SignalKind.INCOMING_BYTES, -1, 5)
                                        .build())
                        .getMessage());
        assertEquals(
                "scaleInBelow (90) must be below scaleOutAbove (80), or every scale-in would be followed by a "
                        + "scale-out",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> ScalingPolicy.builder()
                                        .signal(SignalKind.UTILIZATION, 80, 90)
                                        .build())
                        .getMessage());
        assertEquals(
                "utilizationStepWidth (0) must be a positive number",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> ScalingPolicy.builder()
                                        .signal(SignalKind.UTILIZATION, 80, 40)
                                        .utilizationStepWidth(0)
                                        .build())
                        .getMessage());
    }
}
