package io.github.kdastepscaling.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kdastepscaling.contract.ScalerEnvironment;
import io.github.kdastepscaling.fakes.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;

/**
 * The scaler learns a rate guessed too low from Flink's busy time, over the fakes: the job keeps up (no lag, so the
 * lagging source has nothing), its busiest task busy 69% of the time at 900 records/s per KPU; the one GetMetricData
 * call reads the busy time as the highest of the application's per-task series, and the learned rate rises to 1300.
 */
class BusyTimeReconcileTest {

    static final String LEARNED_RATE_PARAMETER = LearningReconcileTest.LEARNED_RATE_PARAMETER;
    static final String BUSY =
            "busy|AWS/KinesisAnalytics|busyTimeMsPerSecond|Maximum|Application=" + ScalerFixture.APPLICATION;
    private static final Map<String, String> STREAM = Map.of("StreamName", "orders");
    private static final Instant NOW =
            Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(20);

    private final SettableClock clock = new SettableClock(NOW.minus(Duration.ofMinutes(40)));
    private final ScalerFixture fixture = new ScalerFixture(
            environment -> {
                environment.put(
                        ScalerEnvironment.LEARNING_METRICS, LearnedRateDecisionTableTest.LEARNING_METRICS + ";" + BUSY);
                environment.put(ScalerEnvironment.LEARNING_WINDOW_MINUTES, "30");
                environment.put(ScalerEnvironment.LEARNED_RATE_PARAMETER_NAME, LEARNED_RATE_PARAMETER);
            },
            clock);

    BusyTimeReconcileTest() {
        fixture.aws.ssm().put(LEARNED_RATE_PARAMETER, ScalerEnvironment.NO_DESIRED_CAPACITY);
        clock.set(NOW);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    /** 30 minutes on 2 KPUs keeping up at 900 per KPU; the busiest of two tasks busy {@code busiestMs} ms/s. */
    private void seedKeepingUp(double busiestMs) {
        Instant minuteStart = NOW.truncatedTo(ChronoUnit.MINUTES);
        for (int i = 1; i <= 30; i++) {
            Instant t = minuteStart.minus(Duration.ofMinutes(i));
            double arrived = 900 * 60 * 2;
            fixture.aws.cloudWatch().putDatapoint("AWS/Kinesis", "GetRecords.Records", STREAM, t, arrived);
            fixture.aws.cloudWatch().putDatapoint("AWS/Kinesis", "GetRecords.IteratorAgeMilliseconds", STREAM, t, 0);
            fixture.aws.cloudWatch().putDatapoint("AWS/Kinesis", "IncomingRecords", STREAM, t, arrived);
            fixture.aws
                    .cloudWatch()
                    .putDatapoint(
                            "AWS/KinesisAnalytics",
                            "busyTimeMsPerSecond",
                            Map.of("Application", ScalerFixture.APPLICATION, "TaskName", "Source: orders -> Enrich"),
                            t,
                            busiestMs);
            fixture.aws
                    .cloudWatch()
                    .putDatapoint(
                            "AWS/KinesisAnalytics",
                            "busyTimeMsPerSecond",
                            Map.of("Application", ScalerFixture.APPLICATION, "TaskName", "Sink: enriched"),
                            t,
                            busiestMs / 3);
        }
    }

    @Test
    void theReconcileLearnsAHigherRateFromTheBusiestTasksBusyTime() {
        seedKeepingUp(692.3);

        fixture.reconcile();

        String stored = fixture.aws.ssm().value(LEARNED_RATE_PARAMETER).orElseThrow();
        assertTrue(stored.startsWith("v1 rate=1300"), stored);
        assertEquals(2600, fixture.firesAt(ScalerFixture.SCALE_OUT_ALARM), 1, "2 KPUs x 1300");
        assertTrue(
                fixture.lastDone().contains("busy time says 1300 per KPU (median): learned rate 1000 -> 1300"),
                fixture.lastDone());
        assertEquals(1, fixture.aws.calls("cloudwatch:GetMetricData").size(), "one read per reconcile");
    }

    @Test
    void withoutBusyTimeDatapointsNothingIsLearned() {
        seedKeepingUp(Double.NaN);

        fixture.reconcile();

        String stored = fixture.aws.ssm().value(LEARNED_RATE_PARAMETER).orElseThrow();
        assertTrue(stored.startsWith("v1 rate=1000 "), stored);
        assertTrue(fixture.lastDone().contains("learned rate kept at 1000"), fixture.lastDone());
        assertEquals(2000, fixture.firesAt(ScalerFixture.SCALE_OUT_ALARM), 1, "2 KPUs x the configured 1000");
    }

    @Test
    void theBusySeriesIsReadAsTheHighestOfASearch() {
        MetricWindowReader reader = new MetricWindowReader(
                null,
                MetricWindowSettings.fromEnvironment(Map.of(
                                ScalerEnvironment.LEARNING_METRICS,
                                BUSY,
                                ScalerEnvironment.LEARNING_WINDOW_MINUTES,
                                "30"))
                        .orElseThrow(),
                clock);
        GetMetricDataRequest request = reader.request(NOW.minusSeconds(1800), NOW, null);
        assertEquals(
                "MAX(SEARCH('Namespace=\"AWS/KinesisAnalytics\" MetricName=\"busyTimeMsPerSecond\" "
                        + "Application=\"orders-enricher\"', 'Maximum', 60))",
                request.metricDataQueries().get(0).expression());
        assertEquals(60, request.metricDataQueries().get(0).period());
    }
}
