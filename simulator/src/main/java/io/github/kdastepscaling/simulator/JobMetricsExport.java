package io.github.kdastepscaling.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kdastepscaling.policy.rate.MinuteMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The job's own metrics over a past period, from the JSON of {@code aws cloudwatch get-metric-data} (one or more
 * files: pages, or one query per file), for {@code tune --job-metrics}: what the {@link
 * io.github.kdastepscaling.policy.rate.RateEstimator} reads, minute by minute, as the scaler reads it
 * (docs/signals.md, "What the scaler measures"). The queries are told apart by their {@code Id}:
 * <ul>
 *   <li>{@code consumed} (required): what the application read per minute, Sum, period 60, in the load signal's
 *       units (the stream's {@code GetRecords.Records} for a sole polling consumer, {@code GetRecords.Bytes} for a
 *       bytes signal, an enhanced fan-out consumer's {@code SubscribeToShardEvent.Records}, or the application's
 *       {@code numRecordsIn});</li>
 *   <li>{@code lag} (required): the lag guard's metric, Maximum, period 60 ({@code GetRecords.IteratorAgeMilliseconds}
 *       or {@code millisBehindLatest}), in milliseconds;</li>
 *   <li>{@code incoming} (required): the load signal, Sum, period 60 ({@code IncomingRecords} or
 *       {@code IncomingBytes});</li>
 *   <li>{@code kpus} (required): the application's {@code KPUs} metric, Maximum, any period (it is published hourly):
 *       each value holds from its timestamp to the next;</li>
 *   <li>{@code throttled} (optional): {@code ReadProvisionedThroughputExceeded}, Sum, period 60;</li>
 *   <li>{@code busy} (optional): the busiest task's {@code busyTimeMsPerSecond}, period 60, e.g. the expression
 *       {@code MAX(SEARCH('Namespace="AWS/KinesisAnalytics" MetricName="busyTimeMsPerSecond" Application="app"',
 *       'Maximum', 60))} (MetricsLevel TASK or finer), in ms per second.</li>
 * </ul>
 * Other ids are refused (a typo would silently drop a series). Every error names the file and the element.
 */
public final class JobMetricsExport {

    static final String CONSUMED = "consumed";
    static final String LAG = "lag";
    static final String INCOMING = "incoming";
    static final String KPUS = "kpus";
    static final String THROTTLED = "throttled";
    static final String BUSY = "busy";
    static final List<String> REQUIRED = List.of(CONSUMED, LAG, INCOMING, KPUS);
    static final List<String> IDS = List.of(CONSUMED, LAG, INCOMING, KPUS, THROTTLED, BUSY);

    private final List<MinuteMetrics> minutes;
    private final NavigableMap<Long, Integer> kpus;
    private final String source;

    private JobMetricsExport(List<MinuteMetrics> minutes, NavigableMap<Long, Integer> kpus, String source) {
        this.minutes = minutes;
        this.kpus = kpus;
        this.source = source;
    }

    /** Reads and merges {@code files}. */
    public static JobMetricsExport read(List<Path> files) throws IOException, TraceFormatException {
        Map<String, Map<Instant, Double>> series = new TreeMap<>();
        for (String id : IDS) {
            series.put(id, new TreeMap<>());
        }
        List<String> names = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            names.add(name);
            parse(Files.readString(file, StandardCharsets.UTF_8), name, series);
        }
        return of(series, String.join(", ", names));
    }

    /** From JSON text (tests). */
    public static JobMetricsExport parse(String json, String source) throws TraceFormatException {
        Map<String, Map<Instant, Double>> series = new TreeMap<>();
        for (String id : IDS) {
            series.put(id, new TreeMap<>());
        }
        parse(json, source, series);
        return of(series, source);
    }

    private static void parse(String json, String source, Map<String, Map<Instant, Double>> series)
            throws TraceFormatException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new TraceFormatException(source + ": not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.has("MetricDataResults")) {
            throw new TraceFormatException(source + ": expected MetricDataResults at the top level (the JSON of aws "
                    + "cloudwatch get-metric-data)");
        }
        JsonNode results = root.get("MetricDataResults");
        if (!results.isArray()) {
            throw new TraceFormatException(source + ": MetricDataResults: expected an array");
        }
        for (int r = 0; r < results.size(); r++) {
            String at = source + ": MetricDataResults[" + r + "]";
            JsonNode result = results.get(r);
            String id = result.path("Id").asText("");
            if (!IDS.contains(id)) {
                throw new TraceFormatException(at + ".Id: '" + id + "' is not one of " + String.join(", ", IDS)
                        + " (docs/simulator.md, \"The job's own metrics\")");
            }
            JsonNode timestamps = result.get("Timestamps");
            JsonNode values = result.get("Values");
            if (timestamps == null || !timestamps.isArray() || values == null || !values.isArray()) {
                throw new TraceFormatException(at + ": expected Timestamps and Values arrays");
            }
            if (timestamps.size() != values.size()) {
                throw new TraceFormatException(
                        at + ": " + timestamps.size() + " Timestamps but " + values.size() + " Values");
            }
            for (int i = 0; i < timestamps.size(); i++) {
                Instant t = instant(timestamps.get(i), at + ".Timestamps[" + i + "]");
                JsonNode v = values.get(i);
                if (!v.isNumber()) {
                    throw new TraceFormatException(at + ".Values[" + i + "]: expected a number, found " + v);
                }
                Double before = series.get(id).put(t, v.asDouble());
                if (before != null && before != v.asDouble()) {
                    throw new TraceFormatException(at + ".Timestamps[" + i + "]: " + id + " at " + t
                            + " appears twice, with " + before + " and " + v.asDouble());
                }
            }
        }
    }

    private static Instant instant(JsonNode node, String at) throws TraceFormatException {
        if (node == null || !node.isTextual()) {
            throw new TraceFormatException(at + ": expected an ISO-8601 timestamp, found " + node);
        }
        try {
            return OffsetDateTime.parse(node.asText()).toInstant();
        } catch (DateTimeParseException e) {
            throw new TraceFormatException(at + ": '" + node.asText() + "' is not an ISO-8601 timestamp with an "
                    + "offset, e.g. 2026-03-02T00:00:00+00:00");
        }
    }

    private static JobMetricsExport of(Map<String, Map<Instant, Double>> series, String source)
            throws TraceFormatException {
        for (String id : REQUIRED) {
            if (series.get(id).isEmpty()) {
                throw new TraceFormatException(source + ": no datapoints with Id '" + id + "': --job-metrics needs "
                        + "the queries " + String.join(", ", REQUIRED) + " (docs/simulator.md, \"The job's "
                        + "own metrics\")");
            }
        }
        NavigableMap<Long, Integer> kpus = new TreeMap<>();
        for (Map.Entry<Instant, Double> e : series.get(KPUS).entrySet()) {
            double value = e.getValue();
            if (!(value >= 1) || Double.isInfinite(value) || value != Math.rint(value)) {
                throw new TraceFormatException(source + ": kpus at " + e.getKey() + ": " + value
                        + " must be a whole number of KPUs >= 1 (export KPUs with Stat Maximum)");
            }
            kpus.put(MinuteMetrics.minuteOf(e.getKey()), (int) value);
        }
        // MinuteMetrics.align does the same for the scaler's 30-minute window; it scans each series per minute,
        // too slow for weeks of minutes
        Map<String, Map<Long, Double>> byMinute = new TreeMap<>();
        TreeSet<Long> all = new TreeSet<>();
        for (String id : List.of(CONSUMED, LAG, INCOMING, THROTTLED, BUSY)) {
            Map<Long, Double> values = new HashMap<>();
            series.get(id).forEach((t, v) -> values.putIfAbsent(MinuteMetrics.minuteOf(t), v));
            byMinute.put(id, values);
            all.addAll(values.keySet());
        }
        List<MinuteMetrics> minutes = new ArrayList<>();
        for (long m : all) {
            minutes.add(new MinuteMetrics(
                    m,
                    byMinute.get(CONSUMED).getOrDefault(m, Double.NaN),
                    byMinute.get(LAG).getOrDefault(m, Double.NaN),
                    byMinute.get(INCOMING).getOrDefault(m, Double.NaN),
                    byMinute.get(THROTTLED).getOrDefault(m, Double.NaN),
                    byMinute.get(BUSY).getOrDefault(m, Double.NaN)));
        }
        return new JobMetricsExport(minutes, kpus, source);
    }

    /** One {@link MinuteMetrics} per minute any per-minute series has, in time order. */
    public List<MinuteMetrics> minutes() {
        return minutes;
    }

    /** The KPUs in minute {@code minute} (since the epoch): the latest value at or before it; 0 when none. */
    public int kpusAt(long minute) {
        Map.Entry<Long, Integer> e = kpus.floorEntry(minute);
        return e == null ? 0 : e.getValue();
    }

    /** The files read, for messages. */
    public String source() {
        return source;
    }
}
