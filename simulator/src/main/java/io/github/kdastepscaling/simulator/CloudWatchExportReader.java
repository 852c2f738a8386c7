package io.github.kdastepscaling.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a trace from the JSON the AWS CLI prints for the stream's {@code IncomingRecords} Sum per minute:
 * <ul>
 *   <li>{@code aws cloudwatch get-metric-data}: {@code {"MetricDataResults": [{"Id", "Timestamps", "Values", ...}]}},
 *       timestamps in any order (the CLI gives newest first). Several entries are accepted only with the same
 *       {@code Id}: pages of one query (the CLI's own pagination concatenates them so), merged;</li>
 *   <li>{@code aws cloudwatch get-metric-statistics}: {@code {"Label", "Datapoints": [{"Timestamp", "Sum", ...}]}},
 *       datapoints in any order.</li>
 * </ul>
 * Each value is the minute's Sum of records; the trace's value is that divided by 60. The trace runs from the
 * earliest to the latest timestamp; a minute between them without a datapoint is a minute without writes (Kinesis
 * publishes none), exactly as an empty CSV value. The earliest timestamp is the trace's wall-clock start. Every error
 * names the file and the element, e.g. {@code export.json: Datapoints[3].Sum: missing}.
 */
public final class CloudWatchExportReader {

    /** Exports longer than this (four weeks of minutes) are refused: a wrong period or a typo in a timestamp. */
    static final int MAX_MINUTES = 28 * 24 * 60;

    private CloudWatchExportReader() {}

    /** @param source the file name, used in errors and as the trace's name */
    public static Trace read(String json, String source) throws TraceFormatException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new TraceFormatException(source + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new TraceFormatException(source + ": expected a JSON object");
        }
        Map<Instant, Double> sums = new TreeMap<>();
        if (root.has("MetricDataResults")) {
            readMetricData(root.get("MetricDataResults"), source, sums);
        } else if (root.has("Datapoints")) {
            readStatistics(root.get("Datapoints"), source, sums);
        } else {
            throw new TraceFormatException(source + ": expected MetricDataResults (aws cloudwatch get-metric-data) or "
                    + "Datapoints (aws cloudwatch get-metric-statistics) at the top level");
        }
        if (sums.isEmpty()) {
            throw new TraceFormatException(source + ": no datapoints: check the stream name, the time range and that "
                    + "the stream had writes");
        }
        return trace(sums, source);
    }

    private static void readMetricData(JsonNode results, String source, Map<Instant, Double> sums)
            throws TraceFormatException {
        if (!results.isArray() || results.isEmpty()) {
            throw new TraceFormatException(source + ": MetricDataResults: expected a non-empty array");
        }
        String id = null;
        for (int r = 0; r < results.size(); r++) {
            String at = source + ": MetricDataResults[" + r + "]";
            JsonNode result = results.get(r);
            if (!result.isObject()) {
                throw new TraceFormatException(at + ": expected an object");
            }
            String thisId = result.path("Id").asText(null);
            if (id != null && thisId != null && !thisId.equals(id)) {
                throw new TraceFormatException(at + ".Id: '" + thisId + "' differs from MetricDataResults[0]'s '" + id
                        + "': export one query (IncomingRecords, Sum, period 60) per file");
            }
            id = id == null ? thisId : id;
            JsonNode timestamps = result.get("Timestamps");
            JsonNode values = result.get("Values");
            if (timestamps == null || !timestamps.isArray()) {
                throw new TraceFormatException(at + ".Timestamps: expected an array");
            }
            if (values == null || !values.isArray()) {
                throw new TraceFormatException(at + ".Values: expected an array");
            }
            if (timestamps.size() != values.size()) {
                throw new TraceFormatException(
                        at + ": " + timestamps.size() + " Timestamps but " + values.size() + " Values");
            }
            for (int i = 0; i < timestamps.size(); i++) {
                Instant minute = minute(timestamps.get(i), at + ".Timestamps[" + i + "]");
                put(sums, minute, sum(values.get(i), at + ".Values[" + i + "]"), at + ".Timestamps[" + i + "]");
            }
        }
    }

    private static void readStatistics(JsonNode datapoints, String source, Map<Instant, Double> sums)
            throws TraceFormatException {
        if (!datapoints.isArray()) {
            throw new TraceFormatException(source + ": Datapoints: expected an array");
        }
        for (int i = 0; i < datapoints.size(); i++) {
            String at = source + ": Datapoints[" + i + "]";
            JsonNode datapoint = datapoints.get(i);
            if (!datapoint.isObject()) {
                throw new TraceFormatException(at + ": expected an object");
            }
            if (!datapoint.has("Sum")) {
                throw new TraceFormatException(at + ".Sum: missing (export with --statistics Sum)");
            }
            Instant minute = minute(datapoint.get("Timestamp"), at + ".Timestamp");
            put(sums, minute, sum(datapoint.get("Sum"), at + ".Sum"), at + ".Timestamp");
        }
    }

    private static Instant minute(JsonNode node, String at) throws TraceFormatException {
        if (node == null || !node.isTextual()) {
            throw new TraceFormatException(
                    at + ": expected an ISO-8601 timestamp, found " + (node == null ? "nothing" : node.toString()));
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(node.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw new TraceFormatException(at + ": '" + node.asText() + "' is not an ISO-8601 timestamp with an "
                    + "offset, e.g. 2026-03-02T00:00:00+00:00");
        }
        if (instant.getEpochSecond() % 60 != 0 || instant.getNano() != 0) {
            throw new TraceFormatException(
                    at + ": '" + node.asText() + "' is not a whole minute (export with " + "--period 60)");
        }
        return instant;
    }

    private static double sum(JsonNode node, String at) throws TraceFormatException {
        if (node == null || !node.isNumber()) {
            throw new TraceFormatException(at + ": expected a number, found " + (node == null ? "nothing" : node));
        }
        double value = node.asDouble();
        if (value < 0 || Double.isInfinite(value)) {
            throw new TraceFormatException(at + ": " + node + " must be a finite number >= 0");
        }
        return value;
    }

    private static void put(Map<Instant, Double> sums, Instant minute, double sum, String at)
            throws TraceFormatException {
        Double before = sums.put(minute, sum);
        if (before != null && before != sum) {
            throw new TraceFormatException(at + ": minute " + minute + " appears twice, with " + before + " and " + sum
                    + " (overlapping pages, or another statistic than Sum?)");
        }
    }

    private static Trace trace(Map<Instant, Double> sums, String source) throws TraceFormatException {
        Instant first = sums.keySet().iterator().next();
        Instant last = ((TreeMap<Instant, Double>) sums).lastKey();
        long span = (last.getEpochSecond() - first.getEpochSecond()) / 60 + 1;
        if (span > MAX_MINUTES) {
            throw new TraceFormatException(source + ": the datapoints span " + span + " minutes (" + first + " to "
                    + last + "), more than " + MAX_MINUTES + " (four weeks)");
        }
        long step = 0;
        for (Instant t : sums.keySet()) {
            step = gcd(step, (t.getEpochSecond() - first.getEpochSecond()) / 60);
        }
        if (step > 1 && sums.size() > 2) {
            throw new TraceFormatException(source + ": every datapoint is a multiple of " + step + " minutes apart: "
                    + "the export's period must be 60 seconds (--period 60)");
        }
        double[] values = new double[(int) span];
        Arrays.fill(values, Double.NaN);
        for (Map.Entry<Instant, Double> entry : sums.entrySet()) {
            int minute = (int) ((entry.getKey().getEpochSecond() - first.getEpochSecond()) / 60);
            values[minute] = entry.getValue() / 60;
        }
        return new Trace(source, 0, values, first);
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
