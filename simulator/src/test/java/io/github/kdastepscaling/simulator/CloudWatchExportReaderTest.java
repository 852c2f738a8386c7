package io.github.kdastepscaling.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudWatchExportReaderTest {

    @TempDir
    Path dir;

    private static final String METRIC_DATA = """
            {
                "MetricDataResults": [
                    {
                        "Id": "incoming",
                        "Label": "IncomingRecords",
                        "Timestamps": ["2026-03-02T00:04:00+00:00", "2026-03-02T00:02:00+00:00",
                                       "2026-03-02T00:01:00+00:00", "2026-03-02T00:00:00+00:00"],
                        "Values": [240.0, 120.0, 6000.0, 60000.0],
                        "StatusCode": "Complete"
                    }
                ],
                "Messages": []
            }
            """;

    private static final String STATISTICS = """
            {
                "Label": "IncomingRecords",
                "Datapoints": [
                    {"Timestamp": "2026-03-02T01:02:00Z", "Sum": 120.0, "Unit": "Count"},
                    {"Timestamp": "2026-03-02T01:00:00Z", "Sum": 600.0, "Unit": "Count"},
                    {"Timestamp": "2026-03-02T01:05:00Z", "Sum": 60.0, "Unit": "Count"}
                ]
            }
            """;

    private Path file(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void readsGetMetricDataNewestFirstWithAGapAsAMinuteWithoutWrites() throws Exception {
        Trace trace = TraceReader.read(file("export.json", METRIC_DATA));
        assertEquals("export.json", trace.name());
        assertEquals(5, trace.length());
        assertEquals(Instant.parse("2026-03-02T00:00:00Z"), trace.start().orElseThrow());
        assertEquals(1000, trace.load(0));
        assertEquals(100, trace.load(1));
        assertEquals(2, trace.load(2));
        assertTrue(trace.datapoint(3).isEmpty(), "minute 3 has no datapoint");
        assertEquals(0, trace.load(3));
        assertEquals(4, trace.load(4));
        assertEquals(Instant.parse("2026-03-02T00:04:00Z"), trace.timeOf(4).orElseThrow());
    }

    @Test
    void mergesPagesOfOneQuery() throws Exception {
        String pages = """
                {"MetricDataResults": [
                    {"Id": "m", "Timestamps": ["2026-03-02T00:01:00Z"], "Values": [60]},
                    {"Id": "m", "Timestamps": ["2026-03-02T00:00:00Z"], "Values": [120]}]}
                """;
        Trace trace = TraceReader.read(file("pages.json", pages));
        assertEquals(2, trace.length());
        assertEquals(2, trace.load(0));
        assertEquals(1, trace.load(1));
    }

    @Test
    void readsGetMetricStatisticsUnordered() throws Exception {
        Trace trace = TraceReader.read(file("stats.json", STATISTICS));
        assertEquals(6, trace.length());
        assertEquals(Instant.parse("2026-03-02T01:00:00Z"), trace.start().orElseThrow());
        assertEquals(10, trace.load(0));
        assertTrue(trace.datapoint(1).isEmpty());
        assertEquals(2, trace.load(2));
        assertTrue(trace.datapoint(3).isEmpty());
        assertTrue(trace.datapoint(4).isEmpty());
        assertEquals(1, trace.load(5));
    }

    private String failure(String name, String json) throws Exception {
        Path file = file(name, json);
        return assertThrows(TraceFormatException.class, () -> TraceReader.read(file))
                .getMessage();
    }

    @Test
    void failsOnAMissingSumNamingTheFileAndTheDatapoint() throws Exception {
        assertEquals(
                "stats.json: Datapoints[1].Sum: missing (export with --statistics Sum)",
                failure(
                        "stats.json",
                        "{\"Datapoints\": [{\"Timestamp\": \"2026-03-02T01:00:00Z\", \"Sum\": 1},"
                                + " {\"Timestamp\": \"2026-03-02T01:01:00Z\", \"Average\": 1}]}"));
    }

    @Test
    void failsOnABadTimestampNamingTheElement() throws Exception {
        assertEquals(
                "export.json: MetricDataResults[0].Timestamps[1]: 'yesterday' is not an ISO-8601 timestamp "
                        + "with an offset, e.g. 2026-03-02T00:00:00+00:00",
                failure(
                        "export.json",
                        "{\"MetricDataResults\": [{\"Id\": \"m\", \"Timestamps\": [\"2026-03-02T00:00:00Z\", \"yesterday\"],"
                                + " \"Values\": [1, 2]}]}"));
    }

    @Test
    void failsOnANegativeOrTextValue() throws Exception {
        assertEquals(
                "export.json: MetricDataResults[0].Values[0]: expected a number, found \"12\"",
                failure(
                        "export.json",
                        "{\"MetricDataResults\": [{\"Timestamps\": [\"2026-03-02T00:00:00Z\"],"
                                + " \"Values\": [\"12\"]}]}"));
        assertEquals(
                "export.json: MetricDataResults[0].Values[0]: -5 must be a finite number >= 0",
                failure(
                        "export.json",
                        "{\"MetricDataResults\": [{\"Timestamps\": [\"2026-03-02T00:00:00Z\"],"
                                + " \"Values\": [-5]}]}"));
    }

    @Test
    void failsOnMismatchedArraysAndOnTwoQueries() throws Exception {
        assertEquals(
                "export.json: MetricDataResults[0]: 2 Timestamps but 1 Values",
                failure(
                        "export.json",
                        "{\"MetricDataResults\": [{\"Timestamps\": [\"2026-03-02T00:00:00Z\", \"2026-03-02T00:01:00Z\"],"
                                + " \"Values\": [1]}]}"));
        assertTrue(failure(
                        "export.json",
                        "{\"MetricDataResults\": ["
                                + "{\"Id\": \"a\", \"Timestamps\": [\"2026-03-02T00:00:00Z\"], \"Values\": [1]},"
                                + "{\"Id\": \"b\", \"Timestamps\": [\"2026-03-02T00:01:00Z\"], \"Values\": [1]}]}")
                .startsWith("export.json: MetricDataResults[1].Id: 'b' differs from MetricDataResults[0]'s 'a'"));
    }

    @Test
    void failsOnAPeriodOtherThanAMinuteAndOnConflictingDuplicates() throws Exception {
        assertTrue(failure(
                        "five.json",
                        "{\"Datapoints\": ["
                                + "{\"Timestamp\": \"2026-03-02T00:00:00Z\", \"Sum\": 1},"
                                + "{\"Timestamp\": \"2026-03-02T00:05:00Z\", \"Sum\": 1},"
                                + "{\"Timestamp\": \"2026-03-02T00:15:00Z\", \"Sum\": 1}]}")
                .startsWith("five.json: every datapoint is a multiple of 5 minutes apart"));
        assertTrue(failure(
                        "twice.json",
                        "{\"Datapoints\": ["
                                + "{\"Timestamp\": \"2026-03-02T00:00:00Z\", \"Sum\": 1},"
                                + "{\"Timestamp\": \"2026-03-02T00:00:00+00:00\", \"Sum\": 2}]}")
                .startsWith("twice.json: Datapoints[1].Timestamp: minute 2026-03-02T00:00:00Z appears twice"));
        assertEquals(
                "sec.json: Datapoints[0].Timestamp: '2026-03-02T00:00:30Z' is not a whole minute (export with "
                        + "--period 60)",
                failure("sec.json", "{\"Datapoints\": [{\"Timestamp\": \"2026-03-02T00:00:30Z\", \"Sum\": 1}]}"));
    }

    @Test
    void failsOnAnotherShapeOrNoDatapoints() throws Exception {
        assertTrue(failure("other.json", "{\"Metrics\": []}").startsWith("other.json: expected MetricDataResults"));
        assertTrue(failure("empty.json", "{\"Datapoints\": []}").startsWith("empty.json: no datapoints"));
        assertTrue(failure("broken.json", "{\"Datapoints\": [").startsWith("broken.json: not valid JSON"));
    }
}
