package io.github.kdastepscaling.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The busy series is read as the busiest of a search: the expression, and the values it cannot carry. */
class LearningSeriesTest {

    @Test
    void theBusySeriesIsTheHighestOfAnExactMatchSearch() {
        MetricSeries busy = new MetricSeries(
                LearningSeries.BUSY,
                "AWS/KinesisAnalytics",
                "busyTimeMsPerSecond",
                Map.of("Application", "orders-enricher"),
                "Maximum");
        assertEquals(
                "MAX(SEARCH('Namespace=\"AWS/KinesisAnalytics\" MetricName=\"busyTimeMsPerSecond\" "
                        + "Application=\"orders-enricher\"', 'Maximum', 60))",
                LearningSeries.busiestExpression(busy));
    }

    @Test
    void failsOnAValueWithAQuote() {
        MetricSeries quoted = new MetricSeries(
                LearningSeries.BUSY,
                "AWS/KinesisAnalytics",
                "busyTimeMsPerSecond",
                Map.of("Application", "it's"),
                "Maximum");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> LearningSeries.busiestExpression(quoted));
        assertEquals(
                "series busy: Application (it's) must not hold quotes (or, in a name, spaces): it is read with "
                        + "a search expression",
                e.getMessage());
    }
}
