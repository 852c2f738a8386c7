package io.github.kdastepscaling.fakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/** GetMetricData's one metric-math form the fake evaluates: the highest of a search's metrics per period. */
class FakeCloudWatchSearchTest {

    static final String BUSY = "MAX(SEARCH('Namespace=\"AWS/KinesisAnalytics\" MetricName=\"busyTimeMsPerSecond\" "
            + "Application=\"orders\"', 'Maximum', 60))";
    static FakeAws aws;
    static CloudWatchClient cw;

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

    @Test
    void answersTheHighestOfEveryFoundMetricPerMinute() {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(10, ChronoUnit.MINUTES);
        String ns = "AWS/KinesisAnalytics";
        aws.cloudWatch()
                .putDatapoint(
                        ns, "busyTimeMsPerSecond", Map.of("Application", "orders", "TaskName", "Source"), t0, 300);
        aws.cloudWatch()
                .putDatapoint(
                        ns,
                        "busyTimeMsPerSecond",
                        Map.of("Application", "orders", "TaskName", "Source"),
                        t0.plusSeconds(20),
                        450);
        aws.cloudWatch()
                .putDatapoint(
                        ns, "busyTimeMsPerSecond", Map.of("Application", "orders", "TaskName", "Window"), t0, 700);
        aws.cloudWatch()
                .putDatapoint(
                        ns,
                        "busyTimeMsPerSecond",
                        Map.of("Application", "orders", "TaskName", "Source"),
                        t0.plusSeconds(60),
                        500);
        // another application's and another metric's datapoints are not found
        aws.cloudWatch()
                .putDatapoint(
                        ns,
                        "busyTimeMsPerSecond",
                        Map.of("Application", "orders-2", "TaskName", "Source"),
                        t0.plusSeconds(60),
                        990);
        aws.cloudWatch()
                .putDatapoint(
                        ns,
                        "backPressuredTimeMsPerSecond",
                        Map.of("Application", "orders", "TaskName", "Source"),
                        t0.plusSeconds(60),
                        990);
        GetMetricDataResponse r = cw.getMetricData(q -> q.startTime(t0)
                .endTime(t0.plusSeconds(180))
                .scanBy(ScanBy.TIMESTAMP_ASCENDING)
                .metricDataQueries(
                        MetricDataQuery.builder().id("busy").expression(BUSY).build()));
        MetricDataResult busy = r.metricDataResults().get(0);
        assertEquals("busy", busy.id());
        assertEquals(StatusCode.COMPLETE, busy.statusCode());
        assertEquals(List.of(t0, t0.plusSeconds(60)), busy.timestamps());
        assertEquals(List.of(700.0, 500.0), busy.values());
    }

    @Test
    void refusesOtherExpressionsAsNotSupported() {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(10, ChronoUnit.MINUTES);
        for (String expression : List.of(
                "SEARCH('Namespace=\"AWS/KinesisAnalytics\"', 'Maximum', 60)",
                "MAX(SEARCH('MetricName=\"busyTimeMsPerSecond\"', 'Maximum', 60))",
                "MAX(SEARCH('Namespace=\"N\" MetricName=\"M\" busy', 'Maximum', 60))")) {
            CloudWatchException e = assertThrows(
                    CloudWatchException.class,
                    () -> cw.getMetricData(q -> q.startTime(t0)
                            .endTime(t0.plusSeconds(60))
                            .metricDataQueries(MetricDataQuery.builder()
                                    .id("e")
                                    .expression(expression)
                                    .build())));
            assertEquals("NotSupportedByFake", e.awsErrorDetails().errorCode(), expression);
            assertTrue(e.getMessage().contains("does not evaluate metric math"), e.getMessage());
        }
    }
}
