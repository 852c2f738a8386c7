package io.github.kdastepscaling.fakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.InternalServiceException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidNextTokenException;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/** GetMetricData and PutMetricData as CloudWatch answers them, through the real SDK client. */
class FakeCloudWatchMetricDataTest {

    static final Map<String, String> STREAM = Map.of("StreamName", "orders");
    static FakeAws aws;
    static CloudWatchClient cw;
    /** A whole minute some minutes ago, so PutMetricData accepts every timestamp the tests use. */
    Instant t0;

    @BeforeAll
    static void start() {
        aws = FakeAws.start();
        cw = Clients.cloudWatch(aws);
    }

    @AfterAll
    static void stop() {
        cw.close();
        aws.close();
    }

    @BeforeEach
    void reset() {
        aws.cloudWatch().clearMetrics();
        aws.cloudWatch().pageLimit(MetricData.DEFAULT_MAX_DATAPOINTS);
        aws.faults().clear();
        t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(30, ChronoUnit.MINUTES);
    }

    static MetricDataQuery query(String id, String namespace, String metric, Map<String, String> dims, String stat) {
        List<Dimension> dimensions = new ArrayList<>();
        dims.forEach(
                (n, v) -> dimensions.add(Dimension.builder().name(n).value(v).build()));
        return MetricDataQuery.builder()
                .id(id)
                .metricStat(ms -> ms.period(60)
                        .stat(stat)
                        .metric(m -> m.namespace(namespace).metricName(metric).dimensions(dimensions)))
                .build();
    }

    GetMetricDataResponse get(Instant start, Instant end, MetricDataQuery... queries) {
        return cw.getMetricData(r -> r.startTime(start).endTime(end).metricDataQueries(queries));
    }

    void put(String metric, Instant at, double value) {
        cw.putMetricData(r -> r.namespace("Test/Job")
                .metricData(MetricDatum.builder()
                        .metricName(metric)
                        .timestamp(at)
                        .value(value)
                        .dimensions(Dimension.builder()
                                .name("StreamName")
                                .value("orders")
                                .build())
                        .build()));
    }

    static MetricDataResult only(GetMetricDataResponse r) {
        assertEquals(1, r.metricDataResults().size());
        return r.metricDataResults().get(0);
    }

    @Test
    void publishedDatapointsAreAggregatedPerMinuteNewestFirstAndAMinuteWithoutDataIsAbsent() {
        put("Records", t0.plusSeconds(5), 10);
        put("Records", t0.plusSeconds(50), 30);
        put("Records", t0.plusSeconds(120), 7); // minute t0+2; t0+1 has nothing
        for (String stat : List.of("Sum", "Maximum", "Minimum", "Average", "SampleCount")) {
            MetricDataResult r = only(get(t0, t0.plusSeconds(180), query("m", "Test/Job", "Records", STREAM, stat)));
            assertEquals(List.of(t0.plusSeconds(120), t0), r.timestamps(), stat);
            double first = switch (stat) {
                case "Sum" -> 40;
                case "Maximum" -> 30;
                case "Minimum" -> 10;
                case "Average" -> 20;
                default -> 2;
            };
            assertEquals(List.of(stat.equals("SampleCount") ? 1.0 : 7.0, first), r.values(), stat);
            assertEquals(StatusCode.COMPLETE, r.statusCode());
            assertEquals("Records", r.label());
        }
        MetricDataResult ascending = only(cw.getMetricData(r -> r.startTime(t0)
                .endTime(t0.plusSeconds(180))
                .scanBy(ScanBy.TIMESTAMP_ASCENDING)
                .metricDataQueries(query("m", "Test/Job", "Records", STREAM, "Sum"))));
        assertEquals(List.of(t0, t0.plusSeconds(120)), ascending.timestamps());
        assertEquals(List.of(40.0, 7.0), ascending.values());
    }

    @Test
    void startIsInclusiveAndRoundedDownToTheMinuteAndEndIsExclusive() {
        put("Records", t0, 1);
        put("Records", t0.plusSeconds(60), 2);
        put("Records", t0.plusSeconds(120), 4);
        MetricDataResult r =
                only(get(t0.plusSeconds(59), t0.plusSeconds(120), query("m", "Test/Job", "Records", STREAM, "Sum")));
        // start 59 s rounds down to t0 (inclusive); the datapoint at end (t0+120) is excluded
        assertEquals(List.of(t0.plusSeconds(60), t0), r.timestamps());
        assertEquals(List.of(2.0, 1.0), r.values());
    }

    @Test
    void dimensionsMustMatchExactlyInAnyOrder() {
        Map<String, String> both = Map.of("StreamName", "orders", "ConsumerName", "flink");
        aws.cloudWatch().putDatapoint("AWS/Kinesis", "SubscribeToShardEvent.Records", both, t0, 5);
        MetricDataQuery exact = MetricDataQuery.builder()
                .id("exact")
                .metricStat(ms -> ms.period(60)
                        .stat("Sum")
                        .metric(m -> m.namespace("AWS/Kinesis")
                                .metricName("SubscribeToShardEvent.Records")
                                .dimensions(
                                        Dimension.builder()
                                                .name("StreamName")
                                                .value("orders")
                                                .build(),
                                        Dimension.builder()
                                                .name("ConsumerName")
                                                .value("flink")
                                                .build())))
                .build();
        GetMetricDataResponse r = get(
                t0,
                t0.plusSeconds(60),
                exact,
                query("fewer", "AWS/Kinesis", "SubscribeToShardEvent.Records", STREAM, "Sum"),
                query("none", "AWS/Kinesis", "SubscribeToShardEvent.Records", Map.of(), "Sum"));
        assertEquals(List.of(5.0), r.metricDataResults().get(0).values());
        assertEquals(List.of(), r.metricDataResults().get(1).values());
        assertEquals(List.of(), r.metricDataResults().get(2).values());
        assertEquals(StatusCode.COMPLETE, r.metricDataResults().get(2).statusCode());
    }

    @Test
    void onlyQueriesThatReturnDataAreAnsweredWithTheirLabel() {
        put("Records", t0, 1);
        MetricDataQuery hidden = query("hidden", "Test/Job", "Records", STREAM, "Sum").toBuilder()
                .returnData(false)
                .build();
        MetricDataQuery labelled = query("shown", "Test/Job", "Records", STREAM, "Sum").toBuilder()
                .label("records read")
                .build();
        MetricDataResult r = only(get(t0, t0.plusSeconds(60), hidden, labelled));
        assertEquals("shown", r.id());
        assertEquals("records read", r.label());
    }

    @Test
    void aResponseAboveMaxDatapointsIsPartialDataWithANextTokenThatContinuesTheSameRequest() {
        for (int i = 0; i < 5; i++) {
            put("Records", t0.plusSeconds(60L * i), i);
            put("Lag", t0.plusSeconds(60L * i), 100 + i);
        }
        GetMetricDataRequest request = GetMetricDataRequest.builder()
                .startTime(t0)
                .endTime(t0.plusSeconds(300))
                .maxDatapoints(3)
                .scanBy(ScanBy.TIMESTAMP_ASCENDING)
                .metricDataQueries(
                        query("records", "Test/Job", "Records", STREAM, "Sum"),
                        query("lag", "Test/Job", "Lag", STREAM, "Maximum"))
                .build();
        GetMetricDataResponse page1 = cw.getMetricData(request);
        assertEquals(StatusCode.PARTIAL_DATA, page1.metricDataResults().get(0).statusCode());
        assertEquals(List.of(0.0, 1.0, 2.0), page1.metricDataResults().get(0).values());
        assertEquals(StatusCode.PARTIAL_DATA, page1.metricDataResults().get(1).statusCode());
        assertEquals(List.of(), page1.metricDataResults().get(1).values());
        assertNotNull(page1.nextToken());

        GetMetricDataResponse page2 = cw.getMetricData(
                request.toBuilder().nextToken(page1.nextToken()).build());
        assertEquals(List.of(3.0, 4.0), page2.metricDataResults().get(0).values());
        assertEquals(StatusCode.COMPLETE, page2.metricDataResults().get(0).statusCode());
        assertEquals(List.of(100.0), page2.metricDataResults().get(1).values());
        GetMetricDataResponse page3 = cw.getMetricData(
                request.toBuilder().nextToken(page2.nextToken()).build());
        assertEquals(
                List.of(101.0, 102.0, 103.0), page3.metricDataResults().get(1).values());
        GetMetricDataResponse page4 = cw.getMetricData(
                request.toBuilder().nextToken(page3.nextToken()).build());
        assertEquals(List.of(104.0), page4.metricDataResults().get(1).values());
        assertEquals(StatusCode.COMPLETE, page4.metricDataResults().get(1).statusCode());
        assertNull(page4.nextToken());

        // a token belongs to its request
        InvalidNextTokenException other = assertThrows(
                InvalidNextTokenException.class,
                () -> cw.getMetricData(request.toBuilder()
                        .endTime(t0.plusSeconds(240))
                        .nextToken(page1.nextToken())
                        .build()));
        assertEquals("InvalidNextToken", other.awsErrorDetails().errorCode());
        assertThrows(
                InvalidNextTokenException.class,
                () -> cw.getMetricData(request.toBuilder().nextToken("garbage").build()));
    }

    @Test
    void thePageLimitMakesTheServicePaginateWithoutMaxDatapoints() {
        for (int i = 0; i < 4; i++) {
            put("Records", t0.plusSeconds(60L * i), i);
        }
        aws.cloudWatch().pageLimit(2);
        GetMetricDataResponse page1 = get(t0, t0.plusSeconds(240), query("m", "Test/Job", "Records", STREAM, "Sum"));
        assertEquals(List.of(3.0, 2.0), only(page1).values());
        assertEquals(StatusCode.PARTIAL_DATA, only(page1).statusCode());
        assertNotNull(page1.nextToken());
    }

    @Test
    void seededValuesAreReturnedAsPublishedNaNAndNegativeIncluded() {
        Map<String, String> lagDims = Map.of("Application", "job", "Flow", "Input", "Id", "orders");
        aws.cloudWatch().putDatapoint("AWS/KinesisAnalytics", "millisBehindLatest", lagDims, t0, -1);
        aws.cloudWatch()
                .putDatapoint("AWS/KinesisAnalytics", "millisBehindLatest", lagDims, t0.plusSeconds(60), Double.NaN);
        MetricDataResult r = only(cw.getMetricData(r2 -> r2.startTime(t0)
                .endTime(t0.plusSeconds(120))
                .scanBy(ScanBy.TIMESTAMP_ASCENDING)
                .metricDataQueries(query("lag", "AWS/KinesisAnalytics", "millisBehindLatest", lagDims, "Maximum"))));
        assertEquals(-1.0, r.values().get(0));
        assertTrue(Double.isNaN(r.values().get(1)));
    }

    @Test
    void aQueryTheServiceCannotAnswerSaysSoInItsResult() {
        aws.cloudWatch().putDatapoint("AWS/Kinesis", "IncomingRecords", STREAM, t0, 5);
        aws.cloudWatch().failMetricReads("AWS/Kinesis", "IncomingRecords", STREAM, "Forbidden", "not allowed");
        MetricDataResult r =
                only(get(t0, t0.plusSeconds(60), query("in", "AWS/Kinesis", "IncomingRecords", STREAM, "Sum")));
        assertEquals(StatusCode.FORBIDDEN, r.statusCode());
        assertEquals(List.of(), r.values());
        assertEquals("not allowed", r.messages().get(0).value());
        aws.cloudWatch().failMetricReads("AWS/Kinesis", "IncomingRecords", STREAM, null, null);
        assertEquals(
                List.of(5.0),
                only(get(t0, t0.plusSeconds(60), query("in", "AWS/Kinesis", "IncomingRecords", STREAM, "Sum")))
                        .values());
    }

    static CloudWatchException refused(Runnable call) {
        return assertThrows(CloudWatchException.class, call::run);
    }

    static void assertRefused(String code, String messagePart, Runnable call) {
        CloudWatchException e = refused(call);
        assertEquals(400, e.statusCode());
        assertEquals(code, e.awsErrorDetails().errorCode());
        assertTrue(
                e.awsErrorDetails().errorMessage().contains(messagePart),
                e.awsErrorDetails().errorMessage());
    }

    @Test
    void failsOnRequestsCloudWatchRefuses() {
        MetricDataQuery ok = query("m", "Test/Job", "Records", STREAM, "Sum");
        MetricDataQuery[] tooMany = new MetricDataQuery[501];
        for (int i = 0; i < tooMany.length; i++) {
            tooMany[i] = query("q" + i, "Test/Job", "Records", STREAM, "Sum");
        }
        assertRefused(
                "ValidationError", "must not have a size greater than 500", () -> get(t0, t0.plusSeconds(60), tooMany));
        assertRefused("ValidationError", "are not unique", () -> get(t0, t0.plusSeconds(60), ok, ok));
        assertRefused(
                "ValidationError",
                "for parameter MetricDataQueries.member.1.Id is not matching the expected "
                        + "pattern ^[a-z][a-zA-Z0-9_]*$",
                () -> get(t0, t0.plusSeconds(60), query("Records", "Test/Job", "Records", STREAM, "Sum")));
        assertRefused(
                "ValidationError",
                "The value 90 for parameter MetricDataQueries.member.1.MetricStat.Period",
                () -> get(
                        t0,
                        t0.plusSeconds(60),
                        ok.toBuilder()
                                .metricStat(
                                        ok.metricStat().toBuilder().period(90).build())
                                .build()));
        assertRefused(
                "ValidationError",
                "StartTime must be less than the parameter EndTime",
                () -> get(t0.plusSeconds(60), t0, ok));
        assertRefused("ValidationError", "StartTime must not equal parameter EndTime", () -> get(t0, t0, ok));
        assertRefused(
                "ValidationError",
                "exactly one of Expression and MetricStat",
                () -> get(
                        t0,
                        t0.plusSeconds(60),
                        ok.toBuilder().expression("m * 2").build()));
        assertRefused(
                "ValidationError",
                "is not a valid statistic",
                () -> get(
                        t0,
                        t0.plusSeconds(60),
                        ok.toBuilder()
                                .metricStat(ok.metricStat().toBuilder()
                                        .stat("Median")
                                        .build())
                                .build()));
        assertRefused(
                "ValidationError",
                "ScanBy",
                () -> cw.getMetricData(r -> r.startTime(t0)
                        .endTime(t0.plusSeconds(60))
                        .scanBy("Sideways")
                        .metricDataQueries(ok)));
        assertRefused(
                "ValidationError",
                "MaxDatapoints",
                () -> cw.getMetricData(r -> r.startTime(t0)
                        .endTime(t0.plusSeconds(60))
                        .maxDatapoints(0)
                        .metricDataQueries(ok)));
    }

    @Test
    void failsClearlyOnMetricMathAndPercentilesWhichTheFakeDoesNotCompute() {
        MetricDataQuery ok = query("m", "Test/Job", "Records", STREAM, "Sum");
        assertRefused(
                "NotSupportedByFake",
                "does not evaluate metric math",
                () -> get(
                        t0,
                        t0.plusSeconds(60),
                        ok,
                        MetricDataQuery.builder().id("e").expression("m / 60").build()));
        assertRefused(
                "NotSupportedByFake",
                "percentile",
                () -> get(
                        t0,
                        t0.plusSeconds(60),
                        ok.toBuilder()
                                .metricStat(
                                        ok.metricStat().toBuilder().stat("p99").build())
                                .build()));
    }

    @Test
    void failsOnPutMetricDataCloudWatchRefusesAndStoresNothing() {
        assertRefused(
                "InvalidParameterValue",
                "AWS/Kinesis",
                () -> cw.putMetricData(r -> r.namespace("AWS/Kinesis")
                        .metricData(MetricDatum.builder()
                                .metricName("IncomingRecords")
                                .value(1.0)
                                .build())));
        assertRefused(
                "InvalidParameterValue",
                "NaN",
                () -> cw.putMetricData(r -> r.namespace("Test/Job")
                        .metricData(
                                MetricDatum.builder()
                                        .metricName("Records")
                                        .value(1.0)
                                        .build(),
                                MetricDatum.builder()
                                        .metricName("Records")
                                        .value(Double.NaN)
                                        .build())));
        assertRefused(
                "InvalidParameterValue",
                "two hours in the future",
                () -> cw.putMetricData(r -> r.namespace("Test/Job")
                        .metricData(MetricDatum.builder()
                                .metricName("Records")
                                .value(1.0)
                                .timestamp(Instant.now().plus(3, ChronoUnit.HOURS))
                                .build())));
        assertEquals(0, aws.cloudWatch().metricCount());
    }

    @Test
    void aFaultAnswersGetMetricDataLikeTheService() {
        MetricDataQuery ok = query("m", "Test/Job", "Records", STREAM, "Sum");
        aws.faults().fail("cloudwatch:GetMetricData", Fault.throttling(), 1);
        CloudWatchException throttled = refused(() -> get(t0, t0.plusSeconds(60), ok));
        assertEquals("Throttling", throttled.awsErrorDetails().errorCode());
        assertTrue(throttled.isThrottlingException());
        aws.faults().fail("cloudwatch:GetMetricData", Fault.serverError(), 1);
        InternalServiceException internal =
                assertThrows(InternalServiceException.class, () -> get(t0, t0.plusSeconds(60), ok));
        assertEquals(500, internal.statusCode());
        assertEquals(List.of(), only(get(t0, t0.plusSeconds(60), ok)).values());
    }

    @Test
    void aLargePutMetricDataThatTheSdkCompressesIsStoredWhole() {
        List<MetricDatum> data = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            data.add(MetricDatum.builder()
                    .metricName("Records")
                    .dimensions(Dimension.builder()
                            .name("StreamName")
                            .value("orders")
                            .build())
                    .timestamp(t0.plusSeconds(i % 3 * 60L))
                    .value((double) i)
                    .build());
        }
        aws.clearCalls();
        cw.putMetricData(r -> r.namespace("Test/Job").metricData(data));
        String body = aws.calls("cloudwatch:PutMetricData").get(0).requestBody();
        assertTrue(body.length() > 10_240, "big enough for the SDK's request compression: " + body.length());
        MetricDataResult r = only(cw.getMetricData(q -> q.startTime(t0)
                .endTime(t0.plusSeconds(180))
                .scanBy(ScanBy.TIMESTAMP_ASCENDING)
                .metricDataQueries(query("m", "Test/Job", "Records", STREAM, "SampleCount"))));
        assertEquals(List.of(200.0, 200.0, 200.0), r.values());
    }

    @Test
    void metricDataCallsAreRecordedOnTheResourceStarTheirOnlyIamResource() {
        aws.clearCalls();
        get(t0, t0.plusSeconds(60), query("m", "Test/Job", "Records", STREAM, "Sum"));
        put("Records", t0, 1);
        assertEquals(List.of("*"), aws.calls("cloudwatch:GetMetricData").get(0).resourceArns());
        assertEquals(List.of("*"), aws.calls("cloudwatch:PutMetricData").get(0).resourceArns());
    }
}
