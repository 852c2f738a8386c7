package io.github.kdastepscaling.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The CloudWatch names derived from the constants are CloudWatch's own, and read back to the same constant. */
class CloudWatchNameTest {

    @Test
    void comparisonOperatorsAreCloudWatchs() {
        assertEquals(
                List.of(
                        "GreaterThanOrEqualToThreshold",
                        "GreaterThanThreshold",
                        "LessThanThreshold",
                        "LessThanOrEqualToThreshold"),
                Arrays.stream(AlarmComparison.values())
                        .map(AlarmComparison::cloudWatchName)
                        .toList());
        for (AlarmComparison comparison : AlarmComparison.values()) {
            assertEquals(comparison, AlarmComparison.fromCloudWatchName(comparison.cloudWatchName()));
        }
        assertThrows(IllegalArgumentException.class, () -> AlarmComparison.fromCloudWatchName("greaterThanThreshold"));
    }

    @Test
    void missingDataTreatmentsAreCloudWatchs() {
        assertEquals(
                List.of("breaching", "notBreaching", "missing", "ignore"),
                Arrays.stream(MissingDataTreatment.values())
                        .map(MissingDataTreatment::cloudWatchName)
                        .toList());
        for (MissingDataTreatment treatment : MissingDataTreatment.values()) {
            assertEquals(treatment, MissingDataTreatment.fromCloudWatchName(treatment.cloudWatchName()));
        }
        assertEquals(MissingDataTreatment.MISSING, MissingDataTreatment.fromCloudWatchName(null));
        assertThrows(IllegalArgumentException.class, () -> MissingDataTreatment.fromCloudWatchName("NotBreaching"));
    }
}
