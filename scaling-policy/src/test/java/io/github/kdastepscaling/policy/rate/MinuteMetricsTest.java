package io.github.kdastepscaling.policy.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MinuteMetricsTest {

    @Test
    void alignsTheSeriesOfOneGetMetricDataCallByMinuteWithNaNForAGap() {
        Instant t0 = Instant.parse("2026-03-02T10:00:00Z");
        Instant t1 = t0.plusSeconds(60);
        Instant t2 = t0.plusSeconds(120);
        List<MinuteMetrics> window = MinuteMetrics.align(
                Map.of(t0, 120_000.0, t2, 118_000.0),
                Map.of(t0, 90_000.0, t1, 95_000.0, t2, 70_000.0),
                Map.of(t0, 100_000.0, t1, 101_000.0, t2, 99_000.0),
                Map.of());
        long m0 = t0.getEpochSecond() / 60;
        assertEquals(3, window.size());
        assertEquals(new MinuteMetrics(m0, 120_000, 90_000, 100_000, Double.NaN), window.get(0));
        assertEquals(m0 + 1, window.get(1).minute());
        assertEquals(Double.NaN, window.get(1).consumed(), "no consumption datapoint that minute");
        assertEquals(95_000, window.get(1).lagMillis());
        assertEquals(new MinuteMetrics(m0 + 2, 118_000, 70_000, 99_000, Double.NaN), window.get(2));
    }

    @Test
    void placesATimestampInTheMinuteItFallsIn() {
        assertEquals(29_532_000, MinuteMetrics.minuteOf(Instant.ofEpochSecond(29_532_000L * 60 + 59)));
        assertEquals(-1, MinuteMetrics.minuteOf(Instant.ofEpochSecond(-1)));
    }
}
