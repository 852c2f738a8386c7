package io.github.kdastepscaling.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The command line's {@code --busy-time}: the construct's default (the bottleneck's busy time), a share, or none. */
class BusyTimeOptionTest {

    @Test
    void readsNoneAShareOrTheBottleneck() {
        assertEquals(BusyTimeModel.NONE, BusyTimeModel.parse("none"));
        assertEquals(BusyTimeModel.BOTTLENECK, BusyTimeModel.parse("1"));
        assertEquals(new BusyTimeModel(true, 0.8), BusyTimeModel.parse("0.8"));
    }

    @Test
    void refusesAnythingElseNamingTheOptionAndTheValue() {
        assertEquals(
                "--busy-time (often) must be none or the busiest task's busy share, e.g. 1",
                assertThrows(IllegalArgumentException.class, () -> BusyTimeModel.parse("often"))
                        .getMessage());
        assertEquals(
                "--busy-time (0) must be above 0 and at most 10, or none",
                assertThrows(IllegalArgumentException.class, () -> BusyTimeModel.parse("0"))
                        .getMessage());
    }

    @Test
    void learningAsShippedPublishesTheBottlenecksBusyTime() {
        assertEquals(BusyTimeModel.BOTTLENECK, LearningSettings.AS_SHIPPED.busyTime());
    }
}
