package io.github.kdastepscaling.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CapacityTest {

    @Test
    void kpusRoundUpPartialKpus() {
        assertEquals(1, Capacity.kpusFor(1, 1));
        assertEquals(2, Capacity.kpusFor(3, 2));
        assertEquals(3, Capacity.kpusFor(24, 8));
        assertEquals(4, Capacity.kpusFor(25, 8));
    }

    @Test
    void parallelismFillsTheKpus() {
        assertEquals(12, Capacity.parallelismFor(3, 4));
        assertEquals(3, Capacity.kpusFor(Capacity.parallelismFor(3, 4), 4));
    }

    @Test
    void failsOnParallelismPerKpuOutsideTheServiceRange() {
        assertEquals(
                "parallelismPerKpu (9) must be between 1 and 8",
                assertThrows(IllegalArgumentException.class, () -> Capacity.kpusFor(4, 9))
                        .getMessage());
        assertEquals(
                "parallelismPerKpu (0) must be between 1 and 8",
                assertThrows(IllegalArgumentException.class, () -> Capacity.parallelismFor(4, 0))
                        .getMessage());
    }

    @Test
    void failsOnCapacityBelowOne() {
        assertEquals(
                "capacity (0) must be >= 1 KPU",
                assertThrows(IllegalArgumentException.class, () -> Capacity.parallelismFor(0, 1))
                        .getMessage());
    }

    @Test
    void rangeClampsLikeApplicationAutoScaling() {
        CapacityRange range = new CapacityRange(2, 10);
        assertEquals(2, range.clamp(-3));
        assertEquals(10, range.clamp(11));
        assertEquals(5, range.clamp(5));
        assertEquals(
                "maxCapacity (3) must be >= minCapacity (5)",
                assertThrows(IllegalArgumentException.class, () -> new CapacityRange(5, 3))
                        .getMessage());
        assertEquals(
                "minCapacity (0) must be >= 1",
                assertThrows(IllegalArgumentException.class, () -> new CapacityRange(0, 3))
                        .getMessage());
    }
}
