package io.github.kdastepscaling.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartRendererTest {

    @Test
    void aThirtyMinuteBurstStaysVisibleOnAWeek() {
        int week = 7 * 24 * 60;
        double[] load = new double[week];
        Arrays.fill(load, 1000);
        Arrays.fill(load, 5000, 5030, 6000);
        double[] rate = new double[week];
        Arrays.fill(rate, 2000);
        rate[7000] = 0; // one restart minute
        var axis = new ChartRenderer.TimeAxis(
                week, (week + ChartRenderer.MAX_POINTS - 1) / ChartRenderer.MAX_POINTS, null);

        List<Double> loadPoints = axis.aggregate(load, Math::max);
        List<Double> ratePoints = axis.aggregate(rate, Math::min);

        assertTrue(loadPoints.size() <= ChartRenderer.MAX_POINTS);
        assertTrue(loadPoints.stream().filter(v -> v == 6000).count() >= 30 / axis.bucket(), "the burst's columns");
        assertEquals(1, ratePoints.stream().filter(v -> v == 0).count(), "the restart's column");
    }

    @Test
    void theAxisIsWallClockWhenTheTraceHasItAndTicksFitTheLength() {
        Instant monday = Instant.parse("2026-03-02T00:00:00Z");
        var day = new ChartRenderer.TimeAxis(24 * 60, 2, monday);
        assertEquals(new Date(monday.toEpochMilli()), day.xs().get(0));
        assertEquals("HH:mm", day.datePattern());
        assertEquals("EEE HH:mm", new ChartRenderer.TimeAxis(3 * 24 * 60, 4, monday).datePattern());
        assertEquals("EEE d MMM", new ChartRenderer.TimeAxis(14 * 24 * 60, 17, monday).datePattern());
        var hours = new ChartRenderer.TimeAxis(120, 1, null);
        assertEquals(1.0, hours.xs().get(60));
        assertEquals("hours since the start of the trace", hours.title());
    }

    @Test
    void tickLabelsAreCompact() {
        assertEquals("7400", ChartRenderer.tickLabel(7400));
        assertEquals("25k", ChartRenderer.tickLabel(25_000));
        assertEquals("2.5M", ChartRenderer.tickLabel(2_500_000));
        assertEquals("0.4", ChartRenderer.tickLabel(0.4));
    }

    @Test
    void rendersEveryReferenceTraceOnWallClockTime(@TempDir Path dir) throws Exception {
        ChartGallery.main(new String[] {dir.toString()});
        for (String name : ReferenceTraces.allNames()) {
            assertTrue(Files.size(dir.resolve("chart-" + name + ".png")) > 10_000, name);
        }
        assertTrue(Files.size(dir.resolve("chart-diurnal-week.png")) > 10_000);
    }
}
