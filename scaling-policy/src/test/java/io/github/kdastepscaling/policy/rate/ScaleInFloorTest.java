package io.github.kdastepscaling.policy.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScaleInFloorTest {

    @ParameterizedTest(name = "asked {0} at {1}, loads {2}, rate {3}: {4}")
    @CsvSource(
            delimiter = '|',
            value = {
                "3|5|2500 2400 2600|1000|3",
                "3|5|2500 4100 2600|1000|5",
                "3|5|2500 3900 2600|1000|4",
                "3|5|NaN -1 2000|1000|3",
                "2|5|''|1000|2",
                "3|5|4500 4500|1300|4"
            })
    void raisesTheScaleInToTheHighestRecentNeed(int requested, int current, String loads, double rate, int expected) {
        double[] values = loads.isBlank()
                ? new double[0]
                : Arrays.stream(loads.split(" "))
                        .mapToDouble(Double::parseDouble)
                        .toArray();
        assertEquals(expected, ScaleInFloor.apply(requested, current, values, rate));
    }

    @Test
    void failsOnARateThatIsNotPositive() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ScaleInFloor.apply(1, 2, new double[] {1}, 0));
        assertEquals("ratePerKpu (0.0) must be a positive number", e.getMessage());
    }
}
