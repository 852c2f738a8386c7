package io.github.kdastepscaling.fakes;

import static io.github.kdastepscaling.fakes.QueryForm.invalid;
import static io.github.kdastepscaling.fakes.QueryForm.missing;

import io.github.kdastepscaling.fakes.Alarm.Dimension;
import io.github.kdastepscaling.fakes.Alarm.MetricQuery;
import io.github.kdastepscaling.fakes.Alarm.MetricStat;
import io.github.kdastepscaling.fakes.MetricStore.MetricKey;
import io.github.kdastepscaling.fakes.MetricStore.ResultFault;
import io.github.kdastepscaling.fakes.MetricStore.Sample;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * PutMetricData and GetMetricData over the AWS Query protocol, on a {@link MetricStore}.
 *
 * <p>GetMetricData as CloudWatch answers it for metric queries: each query's datapoints are grouped in periods
 * starting at StartTime rounded down (to the minute for periods of a minute or more, else to the period), up to
 * EndTime exclusive; a period without datapoints is absent, not 0; timestamps newest first unless
 * {@code ScanBy=TimestampAscending}; only queries with {@code ReturnData} true or unset are answered. When more
 * datapoints are due than {@code MaxDatapoints} (default 100,800) or than the fake's page limit, the answer stops
 * there: the results not finished say {@code PartialData} and a {@code NextToken} continues the same request.
 * Metric math and percentile statistics are refused with the code {@code NotSupportedByFake}, never answered wrongly,
 * but for the highest of a search's metrics ({@link SearchMaximum}).
 */
final class MetricData {

    static final int MAX_QUERIES = 500;
    static final int DEFAULT_MAX_DATAPOINTS = 100_800;
    private static final Pattern QUERY_ID = Pattern.compile("[a-z][a-zA-Z0-9_]*");
    private static final Set<String> STATS = Set.of("Sum", "SampleCount", "Average", "Minimum", "Maximum");
    private static final Pattern EXTENDED_STAT = Pattern.compile("(p|tm|wm|tc|ts|TM|WM|TC|TS|PR|IQM).*");
    private static final Duration MAX_AGE = Duration.ofDays(14);
    private static final Duration MAX_FUTURE = Duration.ofHours(2);

    private MetricData() {}

    // ------------------------------------------------------------------------------------------ PutMetricData

    /** Stores the datapoints of a PutMetricData request, or none if any is invalid. */
    static void put(Map<String, String> f, MetricStore store, Clock clock) {
        String namespace = f.get("Namespace");
        if (namespace == null || namespace.isEmpty()) {
            throw missing("Namespace");
        }
        if (namespace.startsWith("AWS/")) {
            // CloudWatch keeps the AWS/ namespaces for AWS services; tests seed them with QueryForm.putDatapoint
            throw invalid("The value " + namespace + " for parameter Namespace is invalid: namespaces starting with "
                    + "AWS/ are reserved for AWS services.");
        }
        Instant now = clock.instant();
        List<Map.Entry<MetricKey, Sample>> parsed = new ArrayList<>();
        for (int i = 1; QueryForm.hasPrefix(f, "MetricData.member." + i + "."); i++) {
            String p = "MetricData.member." + i + ".";
            String name = f.get(p + "MetricName");
            if (name == null || name.isEmpty()) {
                throw missing(p + "MetricName");
            }
            Map<String, String> dims = new LinkedHashMap<>();
            for (Dimension d : QueryForm.dimensions(f, p + "Dimensions")) {
                if (d.name() == null || d.value() == null) {
                    throw missing(p + "Dimensions.member.N.Name and Value");
                }
                dims.put(d.name(), d.value());
            }
            Instant ts = f.containsKey(p + "Timestamp") ? instant(f, p + "Timestamp", "InvalidParameterValue") : now;
            if (ts.isAfter(now.plus(MAX_FUTURE)) || ts.isBefore(now.minus(MAX_AGE))) {
                throw invalid("The parameter " + p + "Timestamp must specify a time no more than two weeks in the "
                        + "past and no more than two hours in the future.");
            }
            String unit = f.get(p + "Unit");
            MetricKey key = new MetricKey(namespace, name, dims);
            boolean hasValue = f.containsKey(p + "Value");
            boolean hasSet = QueryForm.hasPrefix(f, p + "StatisticValues.");
            List<String> values = QueryForm.list(f, p + "Values");
            if ((hasValue ? 1 : 0) + (hasSet ? 1 : 0) + (values.isEmpty() ? 0 : 1) != 1) {
                throw ApiException.badRequest(
                        "InvalidParameterCombination",
                        "Exactly one of " + p + "Value, " + p + "StatisticValues and " + p + "Values must be given.");
            }
            if (hasValue) {
                parsed.add(Map.entry(key, Sample.of(ts, finite(f, p + "Value"), unit)));
            } else if (hasSet) {
                String s = p + "StatisticValues.";
                parsed.add(Map.entry(
                        key,
                        new Sample(
                                ts,
                                finite(f, s + "SampleCount"),
                                finite(f, s + "Sum"),
                                finite(f, s + "Minimum"),
                                finite(f, s + "Maximum"),
                                unit)));
            } else {
                List<String> counts = QueryForm.list(f, p + "Counts");
                if (!counts.isEmpty() && counts.size() != values.size()) {
                    throw invalid("The parameters " + p + "Values and " + p + "Counts must have the same length.");
                }
                for (int k = 0; k < values.size(); k++) {
                    double v = finite(values.get(k), p + "Values.member." + (k + 1));
                    double c = counts.isEmpty() ? 1 : finite(counts.get(k), p + "Counts.member." + (k + 1));
                    parsed.add(Map.entry(key, new Sample(ts, c, v * c, v, v, unit)));
                }
            }
        }
        if (parsed.isEmpty()) {
            throw missing("MetricData");
        }
        parsed.forEach(e -> store.add(e.getKey(), e.getValue()));
    }

    private static double finite(Map<String, String> f, String key) {
        String v = f.get(key);
        if (v == null) {
            throw missing(key);
        }
        return finite(v, key);
    }

    /** CloudWatch refuses NaN and the infinities in PutMetricData. */
    private static double finite(String text, String key) {
        double d;
        try {
            d = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw invalid("The value " + text + " for parameter " + key + " is invalid.");
        }
        if (!Double.isFinite(d)) {
            throw invalid("The value " + text + " for parameter " + key + " is invalid.");
        }
        return d;
    }

    // ------------------------------------------------------------------------------------------ GetMetricData

    /** @return the XML inside {@code <GetMetricDataResult>} */
    static String get(Map<String, String> f, MetricStore store, int pageLimit) {
        List<MetricQuery> queries = QueryForm.queries(f, "MetricDataQueries", MAX_QUERIES + 1);
        if (queries.isEmpty()) {
            throw validation("The parameter MetricDataQueries is required and must list at least one query.");
        }
        if (queries.size() > MAX_QUERIES) {
            throw validation("The collection MetricDataQueries must not have a size greater than " + MAX_QUERIES + ".");
        }
        if (!f.containsKey("StartTime") || !f.containsKey("EndTime")) {
            throw validation("The parameters StartTime and EndTime are required.");
        }
        Instant start = instant(f, "StartTime", "ValidationError");
        Instant end = instant(f, "EndTime", "ValidationError");
        validate(queries);
        if (start.equals(end)) {
            throw validation("The parameter StartTime must not equal parameter EndTime.");
        }
        if (end.isBefore(start)) {
            throw validation("The parameter StartTime must be less than the parameter EndTime.");
        }
        String scanBy = f.getOrDefault("ScanBy", "TimestampDescending");
        if (!scanBy.equals("TimestampDescending") && !scanBy.equals("TimestampAscending")) {
            throw validation("The value " + scanBy + " for parameter ScanBy is not valid; use TimestampDescending "
                    + "or TimestampAscending.");
        }
        Integer maxDatapoints = QueryForm.integer(f, "MaxDatapoints");
        if (maxDatapoints != null && maxDatapoints < 1) {
            throw validation("The value " + maxDatapoints + " for parameter MaxDatapoints must be at least 1.");
        }
        int limit = Math.min(maxDatapoints == null ? DEFAULT_MAX_DATAPOINTS : maxDatapoints, pageLimit);
        String fingerprint = fingerprint(f);
        long offset = 0;
        String token = f.get("NextToken");
        if (token != null) {
            offset = offset(token, fingerprint);
        }

        // every returned query's datapoints, in the order they are paged: query by query
        List<Result> results = new ArrayList<>();
        long total = 0;
        for (MetricQuery q : queries) {
            if (Boolean.FALSE.equals(q.returnData())) {
                continue;
            }
            boolean ascending = scanBy.equals("TimestampAscending");
            if (q.expression() != null) {
                List<double[]> points =
                        searchMaximum(store, SearchMaximum.parse(q.expression()), start, end, ascending);
                results.add(new Result(q.id(), q.label() != null ? q.label() : q.id(), points, total, null));
                total += points.size();
                continue;
            }
            MetricKey key = key(q.metricStat());
            ResultFault fault = store.resultFault(key);
            List<double[]> points =
                    fault != null ? List.of() : points(store.samples(key), q.metricStat(), start, end, ascending);
            String label =
                    q.label() != null ? q.label() : q.metricStat().metric().metricName();
            results.add(new Result(q.id(), label, points, total, fault));
            total += points.size();
        }
        if (offset > total) {
            throw ApiException.badRequest("InvalidNextToken", "The NextToken " + token + " is not valid.");
        }
        long pageEnd = Math.min(total, offset + limit);

        StringBuilder x = new StringBuilder("<MetricDataResults>");
        for (Result r : results) {
            x.append("<member>");
            Xml.element(x, "Id", r.id);
            Xml.element(x, "Label", r.label);
            int from = (int) Math.max(0, Math.min(r.points.size(), offset - r.first));
            int to = (int) Math.max(0, Math.min(r.points.size(), pageEnd - r.first));
            x.append("<Timestamps>");
            for (int i = from; i < to; i++) {
                Xml.element(x, "member", Instant.ofEpochSecond((long) r.points.get(i)[0]));
            }
            x.append("</Timestamps><Values>");
            for (int i = from; i < to; i++) {
                Xml.element(x, "member", r.points.get(i)[1]);
            }
            x.append("</Values>");
            if (r.fault != null) {
                Xml.element(x, "StatusCode", r.fault.statusCode());
                x.append("<Messages><member>");
                Xml.element(x, "Code", r.fault.messageCode());
                Xml.element(x, "Value", r.fault.message());
                x.append("</member></Messages>");
            } else {
                Xml.element(x, "StatusCode", r.first + r.points.size() <= pageEnd ? "Complete" : "PartialData");
                x.append("<Messages></Messages>");
            }
            x.append("</member>");
        }
        x.append("</MetricDataResults>");
        if (pageEnd < total) {
            Xml.element(x, "NextToken", token(pageEnd, fingerprint));
        }
        x.append("<Messages></Messages>");
        return x.toString();
    }

    private record Result(String id, String label, List<double[]> points, long first, ResultFault fault) {}

    private static void validate(List<MetricQuery> queries) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < queries.size(); i++) {
            MetricQuery q = queries.get(i);
            String p = "MetricDataQueries.member." + (i + 1) + ".";
            if (q.id() == null || q.id().isEmpty()) {
                throw validation("The parameter " + p + "Id is required.");
            }
            if (q.id().length() > 255 || !QUERY_ID.matcher(q.id()).matches()) {
                throw validation("The value " + q.id() + " for parameter " + p + "Id is not matching the expected "
                        + "pattern ^[a-z][a-zA-Z0-9_]*$.");
            }
            if (!ids.add(q.id())) {
                throw validation("The values for parameter id in MetricDataQueries are not unique: " + q.id()
                        + " is used more than once.");
            }
            if ((q.expression() == null) == (q.metricStat() == null)) {
                throw validation("The parameter " + p + " must contain exactly one of Expression and MetricStat.");
            }
            if (q.expression() != null) {
                if (SearchMaximum.parse(q.expression()) == null) {
                    throw ApiException.badRequest(
                            "NotSupportedByFake",
                            "The fake CloudWatch does not evaluate metric "
                                    + "math or Metrics Insights, but for MAX(SEARCH('Namespace=\"N\" MetricName=\"M\" "
                                    + "Dim=\"v\"', 'Stat', period)) (" + p + "Expression: " + q.expression()
                                    + "); read "
                                    + "the metrics with MetricStat queries and compute on the client.");
                }
                continue;
            }
            MetricStat ms = q.metricStat();
            if (ms.metric() == null
                    || ms.metric().namespace() == null
                    || ms.metric().metricName() == null) {
                throw validation("The parameter " + p + "MetricStat.Metric needs Namespace and MetricName.");
            }
            for (Dimension d : ms.metric().dimensions()) {
                if (d.name() == null || d.value() == null) {
                    throw validation("Every dimension of " + p + "MetricStat.Metric needs a Name and a Value.");
                }
            }
            if (ms.metric().dimensions().size() > 30) {
                throw validation("The collection " + p + "MetricStat.Metric.Dimensions must not have a size greater "
                        + "than 30.");
            }
            if (ms.period() == null) {
                throw validation("The parameter " + p + "MetricStat.Period is required.");
            }
            int period = ms.period();
            if (!(period == 1
                    || period == 5
                    || period == 10
                    || period == 20
                    || period == 30
                    || (period >= 60 && period % 60 == 0))) {
                throw validation("The value " + period + " for parameter " + p + "MetricStat.Period must be 1, 5, "
                        + "10, 20, 30 or a multiple of 60.");
            }
            if (ms.stat() == null) {
                throw validation("The parameter " + p + "MetricStat.Stat is required.");
            }
            if (!STATS.contains(ms.stat())) {
                if (EXTENDED_STAT.matcher(ms.stat()).matches()) {
                    throw ApiException.badRequest(
                            "NotSupportedByFake",
                            "The fake CloudWatch does not compute " + "percentile or trimmed statistics (" + p
                                    + "MetricStat.Stat: " + ms.stat() + ").");
                }
                throw validation("The value " + ms.stat() + " for parameter " + p + "MetricStat.Stat is not a valid "
                        + "statistic.");
            }
        }
    }

    private static MetricKey key(MetricStat ms) {
        Map<String, String> dims = new TreeMap<>();
        for (Dimension d : ms.metric().dimensions()) {
            dims.put(d.name(), d.value());
        }
        return new MetricKey(ms.metric().namespace(), ms.metric().metricName(), dims);
    }

    /** Per period that any found metric has a datapoint in, the highest of their statistics, ordered as asked. */
    private static List<double[]> searchMaximum(
            MetricStore store, SearchMaximum search, Instant start, Instant end, boolean ascending) {
        Map<Long, Double> highest = new TreeMap<>();
        for (MetricKey key : store.keys()) {
            if (search.matches(key)) {
                for (double[] p : points(store.samples(key), search.statOf(key), start, end, true)) {
                    highest.merge((long) p[0], p[1], Math::max);
                }
            }
        }
        List<double[]> out = new ArrayList<>();
        highest.forEach((t, v) -> out.add(new double[] {t, v}));
        if (!ascending) {
            Collections.reverse(out);
        }
        return out;
    }

    /** Each period that has datapoints, as {epoch second, value}, ordered as asked. */
    private static List<double[]> points(
            List<Sample> samples, MetricStat ms, Instant start, Instant end, boolean ascending) {
        long period = ms.period();
        long first = period >= 60
                ? start.truncatedTo(ChronoUnit.MINUTES).getEpochSecond()
                : Math.floorDiv(start.getEpochSecond(), period) * period;
        Map<Long, List<Sample>> byPeriod = new TreeMap<>();
        long endMillis = end.toEpochMilli();
        for (Sample s : samples) {
            long t = s.timestamp().toEpochMilli();
            if (t < first * 1000 || t >= endMillis) {
                continue;
            }
            if (ms.unit() != null && !ms.unit().equals(s.unit() == null ? "None" : s.unit())) {
                continue;
            }
            long bucket = first + Math.floorDiv(t / 1000 - first, period) * period;
            byPeriod.computeIfAbsent(bucket, b -> new ArrayList<>()).add(s);
        }
        List<double[]> out = new ArrayList<>();
        byPeriod.forEach((bucket, in) -> out.add(new double[] {bucket, MetricStore.statistic(ms.stat(), in)}));
        if (!ascending) {
            Collections.reverse(out);
        }
        return out;
    }

    /** Ties a token to its request: the same queries and times, whatever MaxDatapoints says. */
    private static String fingerprint(Map<String, String> f) {
        Map<String, String> sorted = new TreeMap<>(f);
        sorted.remove("NextToken");
        sorted.remove("MaxDatapoints");
        return Integer.toHexString(sorted.hashCode());
    }

    private static String token(long offset, String fingerprint) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((offset + ":" + fingerprint).getBytes(StandardCharsets.UTF_8));
    }

    private static long offset(String token, String fingerprint) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            if (colon > 0 && text.substring(colon + 1).equals(fingerprint)) {
                long offset = Long.parseLong(text.substring(0, colon));
                if (offset > 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw ApiException.badRequest(
                "InvalidNextToken", "The NextToken " + token + " is not valid for this " + "request.");
    }

    private static Instant instant(Map<String, String> f, String key, String code) {
        String v = f.get(key);
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException | NullPointerException e) {
            throw ApiException.badRequest(code, "The value " + v + " for parameter " + key + " is not a timestamp.");
        }
    }

    private static ApiException validation(String message) {
        return ApiException.badRequest("ValidationError", message);
    }
}
