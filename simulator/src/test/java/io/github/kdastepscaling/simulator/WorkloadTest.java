package io.github.kdastepscaling.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WorkloadTest {

    @Test
    void backlogGrowsWhenTheLoadExceedsTheCapacityAndDrainsAfter() {
        // 1 KPU at 1000 records/s = 60,000 records a minute
        Trace trace = Trace.of("t", 1500, 1500, 500, 500);
        Workload w = Workload.simulate(trace, new int[] {1, 1, 1, 1}, 1000, 2);
        // +30,000 a minute, then arrivals of 30,000 leave room to drain 30,000
        assertArrayEquals(new double[] {30_000, 60_000, 30_000, 0}, w.backlog());
        assertArrayEquals(new double[] {1000, 1000, 1000, 1000}, w.processed());
        assertArrayEquals(new double[] {30, 60, 30, 0}, w.delaySeconds(), "backlog / (1 KPU x 1000 records/s)");
        PolicySummary s = PolicySummary.of("p", w, 0.11);
        assertEquals(3, s.minutesWithBacklog());
        assertEquals(60_000, s.maxBacklogRecords());
        assertEquals(60, s.maxProcessingDelaySeconds());
        assertEquals(4 / 60.0, s.kpuHours(), 1e-12);
        assertEquals(4 / 60.0 * 0.11, s.cost(), 1e-12);
        assertEquals(0, s.rescales());
    }

    @Test
    void aRescaleProcessesNothingForTheRestartAndBillsTheNewCapacity() {
        Trace trace = Trace.of("t", 1000, 1000, 1000, 1000, 1000);
        Workload w = Workload.simulate(trace, new int[] {1, 2, 2, 2, 2}, 1000, 2);
        // minutes 1 and 2 restart: 60,000 arrive each; minute 3 processes 120,000 of 180,000; minute 4 the rest
        assertArrayEquals(new double[] {0, 60_000, 120_000, 60_000, 0}, w.backlog());
        assertArrayEquals(new double[] {1000, 0, 0, 2000, 2000}, w.processingRate());
        assertArrayEquals(new boolean[] {false, true, true, false, false}, w.restarting());
        assertArrayEquals(new double[] {0, 30, 60, 30, 0}, w.delaySeconds(), "backlog / (2 KPUs x 1000 records/s)");
        PolicySummary s = PolicySummary.of("p", w, 1);
        assertEquals(1, s.rescales());
        assertEquals(2, s.restartDowntimeMinutes());
        assertEquals(3, s.minutesWithBacklog());
        assertEquals(9 / 60.0, s.kpuHours(), 1e-12);
    }

    @Test
    void aChangeDuringARestartStartsItOver() {
        Trace trace = Trace.of("t", 0, 0, 0, 0, 0, 0);
        Workload w = Workload.simulate(trace, new int[] {1, 2, 3, 3, 3, 3}, 1000, 2);
        assertArrayEquals(new boolean[] {false, true, true, true, false, false}, w.restarting());
    }

    @Test
    void noRestartCostWhenRestartMinutesIsZero() {
        Workload w = Workload.simulate(Trace.of("t", 1500, 1500), new int[] {1, 2}, 1000, 0);
        assertArrayEquals(new double[] {30_000, 0}, w.backlog());
    }

    @Test
    void failsWhenTheCapacitiesDoNotCoverTheTrace() {
        assertEquals(
                "capacities (1 minutes) must cover the trace (2 minutes)",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> Workload.simulate(Trace.of("t", 1, 1), new int[] {1}, 1000, 2))
                        .getMessage());
    }
}
