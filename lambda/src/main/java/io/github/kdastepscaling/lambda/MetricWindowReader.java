package io.github.kdastepscaling.lambda;

import io.github.kdastepscaling.contract.LearningSeries;
import io.github.kdastepscaling.contract.MetricSeries;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MessageData;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/**
 * Reads the learning metrics: every configured series, per minute, over the last {@code windowMinutes} whole
 * minutes, in one {@code GetMetricData} call (IAM: {@code cloudwatch:GetMetricData}, which takes no resource; a
 * search expression needs no more). Each series is a MetricStat query, but for the busy time
 * ({@link LearningSeries#BUSY}), which is published per task and read as the busiest task's with
 * {@link LearningSeries#busiestExpression}.
 *
 * <p>The window ends at the start of the current minute, so its last minute is the last complete one. AWS
 * services publish a minute's datapoints a minute or more after it ends, so the newest minutes of a complete read
 * may still be absent: absent means "no datapoint yet", which the estimator must not read as zero. The call
 * follows {@code NextToken} only when CloudWatch paginates (a window of N minutes and S series is N x S datapoints,
 * far below the 100,800 of one answer for the windows the construct allows, so in practice never), at most
 * {@value #MAX_PAGES} pages. A failed or partial read never throws (whatever the call throws is a failed read; only
 * a bug in reading a successful answer would escape): it comes back as an incomplete
 * {@link MetricWindow} whose {@link MetricWindow#problem()} says why (throttled, a server error, a timeout,
 * {@code PartialData}, a query CloudWatch could not answer), so the caller can keep its previous estimate and log
 * the reason.
 */
public final class MetricWindowReader {

    /** Pages followed at most; more would mean the window or the series list is far larger than the construct sets. */
    static final int MAX_PAGES = 5;

    static final int PERIOD_SECONDS = 60;

    private final CloudWatchClient client;
    private final MetricWindowSettings settings;
    private final Clock clock;
    private final List<MetricDataQuery> queries;
    private final List<String> ids;

    /**
     * Builds the queries once (in the SnapStart snapshot, not on each call).
     *
     * @param clock tells the current minute; {@code Clock.systemUTC()} in the Lambda
     */
    public MetricWindowReader(CloudWatchClient client, MetricWindowSettings settings, Clock clock) {
        this.client = client;
        this.settings = settings;
        this.clock = clock;
        List<MetricDataQuery> q = new ArrayList<>();
        List<String> i = new ArrayList<>();
        for (MetricSeries s : settings.series()) {
            q.add(query(s));
            i.add(s.id());
        }
        this.queries = List.copyOf(q);
        this.ids = List.copyOf(i);
    }

    /** @return the settings this reader reads with */
    public MetricWindowSettings settings() {
        return settings;
    }

    /** Reads the window ending at the start of the current minute; never throws for a failed read. */
    public MetricWindow read() {
        return read(clock.instant());
    }

    /**
     * Reads the window ending at the start of the minute holding {@code now}; never throws for a failed read.
     */
    public MetricWindow read(Instant now) {
        Instant end = now.truncatedTo(ChronoUnit.MINUTES);
        Instant start = end.minus(settings.windowMinutes(), ChronoUnit.MINUTES);
        Map<String, NavigableMap<Instant, Double>> values = new LinkedHashMap<>();
        ids.forEach(id -> values.put(id, new TreeMap<>()));
        Map<String, StatusCode> statuses = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        String token = null;
        int pages = 0;
        do {
            GetMetricDataResponse page;
            try {
                page = client.getMetricData(request(start, end, token));
            } catch (RuntimeException e) {
                // SdkException as a rule; but the URL-connection client has been seen to let a JDK
                // NullPointerException out when an attempt times out under load: a failed read all the same
                String why = (isThrottling(e) ? "GetMetricData was throttled" : "GetMetricData failed")
                        + (pages > 0 ? " on page " + (pages + 1) : "") + ": " + describe(e);
                return new MetricWindow(start, end, values, values.keySet(), why);
            }
            pages++;
            for (MetricDataResult result : page.metricDataResults()) {
                collect(result, start, end, values, statuses, failures);
            }
            token = page.nextToken();
        } while (token != null && pages < MAX_PAGES);
        List<String> problems = new ArrayList<>();
        Set<String> incomplete = new LinkedHashSet<>();
        for (String id : ids) {
            StatusCode status = statuses.get(id);
            if (failures.containsKey(id)) {
                problems.add("series " + id + ": " + failures.get(id));
            } else if (status == null) {
                problems.add("series " + id + " was missing from the answer");
            } else if (status != StatusCode.COMPLETE) {
                problems.add("series " + id + " is " + status
                        + (token != null ? " after " + MAX_PAGES + " pages (the answer had more)" : ""));
            } else {
                continue;
            }
            incomplete.add(id);
        }
        return new MetricWindow(
                start,
                end,
                values,
                incomplete,
                problems.isEmpty() ? null : "GetMetricData returned incomplete data: " + String.join("; ", problems));
    }

    /**
     * Reads once and ignores the outcome: run before a SnapStart checkpoint, it loads and initialises the SDK's
     * GetMetricData path (marshalling, signing, XML parsing) without changing anything.
     */
    public void prime() {
        try {
            read();
        } catch (RuntimeException e) {
            // priming only warms the code path; the real reads report their own failures
        }
    }

    GetMetricDataRequest request(Instant start, Instant end, String nextToken) {
        return GetMetricDataRequest.builder()
                .startTime(start)
                .endTime(end)
                .scanBy(ScanBy.TIMESTAMP_ASCENDING)
                .metricDataQueries(queries)
                .nextToken(nextToken)
                .build();
    }

    private static MetricDataQuery query(MetricSeries s) {
        if (s.id().equals(LearningSeries.BUSY)) {
            // published once per task: the busiest of them, found by a search in the same call
            return MetricDataQuery.builder()
                    .id(s.id())
                    .returnData(true)
                    .period(PERIOD_SECONDS)
                    .expression(LearningSeries.busiestExpression(s))
                    .build();
        }
        List<Dimension> dimensions = new ArrayList<>();
        s.dimensions()
                .forEach((n, v) ->
                        dimensions.add(Dimension.builder().name(n).value(v).build()));
        return MetricDataQuery.builder()
                .id(s.id())
                .returnData(true)
                .metricStat(ms -> ms.period(PERIOD_SECONDS)
                        .stat(s.stat())
                        .metric(m -> m.namespace(s.namespace())
                                .metricName(s.metricName())
                                .dimensions(dimensions)))
                .build();
    }

    private static void collect(
            MetricDataResult result,
            Instant start,
            Instant end,
            Map<String, NavigableMap<Instant, Double>> values,
            Map<String, StatusCode> statuses,
            Map<String, String> failures) {
        NavigableMap<Instant, Double> series = values.get(result.id());
        if (series == null) {
            return; // not a series we asked for
        }
        List<Instant> timestamps = result.timestamps();
        List<Double> data = result.values();
        if (timestamps.size() != data.size()) {
            failures.putIfAbsent(result.id(), timestamps.size() + " timestamps for " + data.size() + " values");
        }
        for (int i = 0; i < Math.min(timestamps.size(), data.size()); i++) {
            Instant t = timestamps.get(i);
            // only whole minutes of the window: anything else would be CloudWatch answering another question
            if (!t.isBefore(start) && t.isBefore(end) && t.getEpochSecond() % PERIOD_SECONDS == 0 && t.getNano() == 0) {
                series.putIfAbsent(t, data.get(i));
            }
        }
        StatusCode status = result.statusCode();
        statuses.put(result.id(), status);
        if (status != StatusCode.COMPLETE && status != StatusCode.PARTIAL_DATA) {
            failures.putIfAbsent(result.id(), result.statusCodeAsString() + messages(result.messages()));
        }
    }

    private static String messages(List<MessageData> messages) {
        if (messages.isEmpty()) {
            return "";
        }
        List<String> out = new ArrayList<>();
        for (MessageData m : messages) {
            out.add(m.code() + ": " + m.value());
        }
        return " (" + String.join("; ", out) + ")";
    }

    private static boolean isThrottling(RuntimeException e) {
        return e instanceof AwsServiceException service && service.isThrottlingException();
    }

    private static String describe(RuntimeException e) {
        return e instanceof SdkException sdk
                ? AwsFailure.describe(sdk)
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
