package io.github.kdastepscaling.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kdastepscaling.contract.MetricSeries;
import io.github.kdastepscaling.contract.ScalerEnvironment;
import io.github.kdastepscaling.fakes.FakeAws;
import io.github.kdastepscaling.fakes.Fault;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/** The learning-metrics read over the CloudWatch fake, through the client the Lambda builds. */
class MetricWindowReaderTest {

    static final Map<String, String> STREAM = Map.of("StreamName", "orders");
    static final Map<String, String> LAG = Map.of("Application", "job", "Flow", "Input", "Id", "orders");
    static final List<MetricSeries> SERIES = List.of(
            new MetricSeries("consumed", "AWS/Kinesis", "GetRecords.Records", STREAM, "Sum"),
            new MetricSeries("lag", "AWS/KinesisAnalytics", "millisBehindLatest", LAG, "Maximum"),
            new MetricSeries("incoming", "AWS/Kinesis", "IncomingRecords", STREAM, "Sum"));
    /** 25 s into a minute: the window is the 30 minutes before 12:00. */
    static final Instant NOW = Instant.parse("2026-12-04T12:00:25Z");

    static final Instant END = Instant.parse("2026-12-04T12:00:00Z");
    static final Instant START = Instant.parse("2026-12-04T11:30:00Z");

    final FakeAws aws = FakeAws.start();
    /**
     * As the Lambda builds them, with attempt timeouts long enough that a loaded build machine never retries an
     * attempt (a retry would take the next injected fault and change what a test sees).
     */
    final ScalerClients clients = ScalerClients.builder(
                    Region.US_EAST_1,
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
            .endpointOverride(aws.endpoint())
            .timeouts(Duration.ofSeconds(10), Duration.ofSeconds(30))
            .fixedRetryBackoff(Duration.ofMillis(5))
            .build();

    final MetricWindowReader reader = new MetricWindowReader(
            clients.cloudWatch(), new MetricWindowSettings(SERIES, 30), Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void close() {
        clients.close();
        aws.close();
    }

    /** Publishes each series every minute from 11:29 to 12:00 (one minute either side of the window). */
    void publishEveryMinute() {
        for (Instant t = START.minusSeconds(60); !t.isAfter(END); t = t.plusSeconds(60)) {
            long minute = (t.getEpochSecond() - START.getEpochSecond()) / 60;
            // two datapoints a minute: the statistic, not the last value, must come back
            aws.cloudWatch().putDatapoint("AWS/Kinesis", "GetRecords.Records", STREAM, t.plusSeconds(10), 500);
            aws.cloudWatch().putDatapoint("AWS/Kinesis", "GetRecords.Records", STREAM, t.plusSeconds(40), 500 + minute);
            aws.cloudWatch().putDatapoint("AWS/KinesisAnalytics", "millisBehindLatest", LAG, t.plusSeconds(15), 10);
            aws.cloudWatch()
                    .putDatapoint("AWS/KinesisAnalytics", "millisBehindLatest", LAG, t.plusSeconds(45), 1000 * minute);
            aws.cloudWatch().putDatapoint("AWS/Kinesis", "IncomingRecords", STREAM, t, 2000);
        }
    }

    int getMetricDataCalls() {
        return aws.calls("cloudwatch:GetMetricData").size();
    }

    @Test
    void aCompleteReadHasEveryMinuteOfTheWindowEndingAtTheLastCompleteMinuteInOneCall() {
        publishEveryMinute();

        MetricWindow window = reader.read();

        assertTrue(window.isComplete(), window.toString());
        assertEquals(Optional.empty(), window.problem());
        assertEquals(START, window.start());
        assertEquals(END, window.end());
        assertEquals(30, window.minutes());
        assertEquals(30, window.minuteStarts().size());
        assertEquals(Set.of("consumed", "lag", "incoming"), window.seriesIds());
        for (String id : window.seriesIds()) {
            assertEquals(window.minuteStarts(), List.copyOf(window.series(id).keySet()), id);
        }
        assertEquals(1000.0, window.value("consumed", START).getAsDouble());
        assertEquals(1029.0, window.value("consumed", END.minusSeconds(60)).getAsDouble());
        assertEquals(29_000.0, window.value("lag", END.minusSeconds(60)).getAsDouble());
        assertEquals(2000.0, window.value("incoming", START.plusSeconds(600)).getAsDouble());
        assertEquals(Set.of(), window.incompleteSeries());
        assertEquals(1, getMetricDataCalls());
    }

    @Test
    void aMinuteWithoutDatapointsIsAbsentNotZero() {
        aws.cloudWatch().putDatapoint("AWS/Kinesis", "IncomingRecords", STREAM, START, 5);
        aws.cloudWatch().putDatapoint("AWS/Kinesis", "IncomingRecords", STREAM, START.plusSeconds(120), 7);

        MetricWindow window = reader.read();

        assertTrue(window.isComplete());
        assertEquals(Map.of(START, 5.0, START.plusSeconds(120), 7.0), window.series("incoming"));
        assertTrue(window.value("incoming", START.plusSeconds(60)).isEmpty());
        assertTrue(window.series("consumed").isEmpty());
    }

    @Test
    void anEmptyWindowIsCompleteWithEverySeriesEmpty() {
        MetricWindow window = reader.read();

        assertTrue(window.isComplete());
        for (String id : window.seriesIds()) {
            assertTrue(window.series(id).isEmpty(), id);
        }
        assertEquals(1, getMetricDataCalls());
    }

    @Test
    void valuesComeBackAsPublishedNaNAndNegativeIncluded() {
        aws.cloudWatch().putDatapoint("AWS/KinesisAnalytics", "millisBehindLatest", LAG, START, -1);
        aws.cloudWatch()
                .putDatapoint("AWS/KinesisAnalytics", "millisBehindLatest", LAG, START.plusSeconds(60), Double.NaN);
        aws.cloudWatch().putDatapoint("AWS/Kinesis", "GetRecords.Records", STREAM, START, -5);

        MetricWindow window = reader.read();

        assertTrue(window.isComplete());
        assertEquals(-1.0, window.value("lag", START).getAsDouble());
        assertTrue(Double.isNaN(window.value("lag", START.plusSeconds(60)).getAsDouble()));
        assertEquals(-5.0, window.value("consumed", START).getAsDouble());
    }

    @Test
    void whenCloudWatchPaginatesTheReadFollowsNextTokenAndIsComplete() {
        publishEveryMinute();
        aws.cloudWatch().pageLimit(40); // 90 datapoints: three pages

        MetricWindow window = reader.read();

        assertTrue(window.isComplete(), window.toString());
        assertEquals(3, getMetricDataCalls());
        for (String id : window.seriesIds()) {
            assertEquals(30, window.series(id).size(), id);
        }
    }

    @Test
    void anAnswerStillPartialAfterTheLastPageFollowedIsIncompleteAndSaysSo() {
        publishEveryMinute();
        aws.cloudWatch().pageLimit(10); // nine pages; the reader follows five

        MetricWindow window = reader.read();

        assertFalse(window.isComplete());
        assertEquals(MetricWindowReader.MAX_PAGES, getMetricDataCalls());
        assertEquals(30, window.series("consumed").size(), "what was read is kept");
        assertEquals(20, window.series("lag").size());
        assertEquals(Set.of("lag", "incoming"), window.incompleteSeries());
        assertEquals(
                "GetMetricData returned incomplete data: series lag is PartialData after 5 pages (the answer "
                        + "had more); series incoming is PartialData after 5 pages (the answer had more)",
                window.problem().orElseThrow());
    }

    @Test
    void aThrottledReadIsIncompleteAndSaysSoWithoutThrowing() {
        publishEveryMinute();
        aws.faults().failAlways("cloudwatch:GetMetricData", Fault.throttling());

        MetricWindow window = reader.read();

        assertFalse(window.isComplete());
        assertTrue(
                window.problem()
                        .orElseThrow()
                        .startsWith(
                                "GetMetricData was throttled: CloudWatch Throttling " + "(HTTP 400): Rate exceeded"),
                window.problem().orElseThrow());
        assertEquals(Set.of("consumed", "lag", "incoming"), window.incompleteSeries());
        assertTrue(window.series("consumed").isEmpty());
        assertEquals(3, getMetricDataCalls(), "the SDK's retries, then the report");
    }

    @Test
    void aServerErrorIsIncompleteAndSaysSoWithoutThrowing() {
        aws.faults().failAlways("cloudwatch:GetMetricData", Fault.serverError());

        MetricWindow window = reader.read();

        assertFalse(window.isComplete());
        assertTrue(
                window.problem()
                        .orElseThrow()
                        .startsWith("GetMetricData failed: CloudWatch InternalServiceError " + "(HTTP 500)"),
                window.problem().orElseThrow());
    }

    @Test
    void aFailureOnALaterPageKeepsWhatWasReadAndSaysWhichPage() {
        publishEveryMinute();
        aws.cloudWatch().pageLimit(40);
        // the first page answers; every later call fails with a modeled, non-retried error
        aws.faults()
                .fail("cloudwatch:GetMetricData", Fault.delay(Duration.ZERO), 1)
                .fail("cloudwatch:GetMetricData", Fault.error(400, "InvalidNextToken", "token expired"), 1);

        MetricWindow window = reader.read();

        assertFalse(window.isComplete());
        assertEquals(
                "GetMetricData failed on page 2: CloudWatch InvalidNextToken (HTTP 400): token expired",
                window.problem().orElseThrow());
        assertEquals(30, window.series("consumed").size());
        assertEquals(Set.of("consumed", "lag", "incoming"), window.incompleteSeries());
    }

    @Test
    void whateverTheCallThrowsIsAFailedReadNotAnEscapingException() {
        // the URL-connection client has let a JDK NullPointerException out of a timed-out attempt under load
        ExecutionInterceptor broken = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                throw new NullPointerException("Cannot invoke \"sun.net.www.http.HttpClient.getProxyHostUsed()\"");
            }
        };
        try (CloudWatchClient client = CloudWatchClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(aws.endpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "s")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(
                        o -> o.addExecutionInterceptor(broken).retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build()) {
            MetricWindow window = new MetricWindowReader(
                            client, new MetricWindowSettings(SERIES, 30), Clock.fixed(NOW, ZoneOffset.UTC))
                    .read();

            assertFalse(window.isComplete());
            assertTrue(
                    window.problem().orElseThrow().startsWith("GetMetricData failed: "),
                    window.problem().orElseThrow());
            assertTrue(
                    window.problem().orElseThrow().contains("getProxyHostUsed"),
                    window.problem().orElseThrow());
        }
    }

    @Test
    void aSeriesCloudWatchCouldNotAnswerIsIncompleteAloneAndNamed() {
        publishEveryMinute();
        aws.cloudWatch()
                .failMetricReads("AWS/KinesisAnalytics", "millisBehindLatest", LAG, "InternalError", "try again");

        MetricWindow window = reader.read();

        assertFalse(window.isComplete());
        assertEquals(Set.of("lag"), window.incompleteSeries());
        assertEquals(
                "GetMetricData returned incomplete data: series lag: InternalError (InternalError: try again)",
                window.problem().orElseThrow());
        assertEquals(30, window.series("consumed").size());
    }

    @Test
    void primingReadsOnceAndNeverThrows() {
        reader.prime();
        assertEquals(1, getMetricDataCalls());

        aws.faults().failAlways("cloudwatch:GetMetricData", Fault.serverError());
        reader.prime();
    }

    @Test
    void anUnknownSeriesIdIsRefusedNamingTheKnownOnes() {
        MetricWindow window = reader.read();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> window.series("lagg"));
        assertEquals("series lagg was not read; the series are [consumed, lag, incoming]", e.getMessage());
    }

    @Test
    void settingsComeFromTheEnvironmentOrAreAbsentWhenLearningIsOff() {
        assertEquals(Optional.empty(), MetricWindowSettings.fromEnvironment(Map.of()));
        MetricWindowSettings settings = MetricWindowSettings.fromEnvironment(Map.of(
                        ScalerEnvironment.LEARNING_METRICS,
                        "consumed|AWS/Kinesis|GetRecords.Records|Sum|StreamName=orders",
                        ScalerEnvironment.LEARNING_WINDOW_MINUTES,
                        "30"))
                .orElseThrow();
        assertEquals(List.of(SERIES.get(0)), settings.series());
        assertEquals(30, settings.windowMinutes());
    }

    @Test
    void failsOnMalformedLearningVariablesNamingThem() {
        ConfigurationException noWindow = assertThrows(
                ConfigurationException.class,
                () -> MetricWindowSettings.fromEnvironment(Map.of(
                        ScalerEnvironment.LEARNING_METRICS,
                        "consumed|AWS/Kinesis|GetRecords.Records|Sum|StreamName=orders")));
        assertEquals("environment variable LEARNING_WINDOW_MINUTES is missing or empty", noWindow.getMessage());
        ConfigurationException badSeries = assertThrows(
                ConfigurationException.class,
                () -> MetricWindowSettings.fromEnvironment(Map.of(
                        ScalerEnvironment.LEARNING_METRICS,
                        "consumed|AWS/Kinesis|GetRecords.Records|p99|StreamName=orders",
                        ScalerEnvironment.LEARNING_WINDOW_MINUTES,
                        "30")));
        assertEquals(
                "environment variable LEARNING_METRICS: series 1 "
                        + "(consumed|AWS/Kinesis|GetRecords.Records|p99|StreamName=orders): stat (p99) must be one of Sum, "
                        + "Maximum, Minimum, Average, SampleCount",
                badSeries.getMessage());
    }
}
