package io.github.kdastepscaling.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kdastepscaling.contract.ScalerEnvironment;
import io.github.kdastepscaling.fakes.Fault;
import io.github.kdastepscaling.fakes.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scaler learns over the fakes: the scheduled reconcile reads the seeded CloudWatch datapoints in one
 * GetMetricData call, stores the estimator's state and sets the thresholds from the learned rate; a failed read keeps
 * the previous estimate and the decision still happens; a GET or a PATCH never calls GetMetricData.
 */
class LearningReconcileTest {

    static final String LEARNED_RATE_PARAMETER = "/kda-step-scaling/orders-enricher/learned-rate";
    private static final Map<String, String> STREAM = Map.of("StreamName", "orders");
    private static final Instant NOW =
            Instant.now().truncatedTo(ChronoUnit.MINUTES).plusSeconds(20);

    private final SettableClock clock = new SettableClock(NOW.minus(Duration.ofMinutes(40)));
    private final ScalerFixture fixture = new ScalerFixture(
            environment -> {
                environment.put(ScalerEnvironment.LEARNING_METRICS, LearnedRateDecisionTableTest.LEARNING_METRICS);
                environment.put(ScalerEnvironment.LEARNING_WINDOW_MINUTES, "30");
                environment.put(ScalerEnvironment.LEARNED_RATE_PARAMETER_NAME, LEARNED_RATE_PARAMETER);
            },
            clock);

    LearningReconcileTest() {
        fixture.aws.ssm().put(LEARNED_RATE_PARAMETER, ScalerEnvironment.NO_DESIRED_CAPACITY);
        clock.set(NOW);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    /**
     * Seeds the stream's metrics for the 30 minutes before now: the job at {@code perKpu} per KPU on 2 KPUs, two
     * minutes behind all through, consuming {@code consumedFactor} times what arrives.
     */
    private void seedLagging(double perKpu, double consumedFactor, double lagMillis) {
        Instant minuteStart = NOW.truncatedTo(ChronoUnit.MINUTES);
        for (int i = 1; i <= 30; i++) {
            Instant t = minuteStart.minus(Duration.ofMinutes(i));
            double arrived = perKpu * 60 * 2;
            fixture.aws
                    .cloudWatch()
                    .putDatapoint("AWS/Kinesis", "GetRecords.Records", STREAM, t, arrived * consumedFactor);
            fixture.aws
                    .cloudWatch()
                    .putDatapoint("AWS/Kinesis", "GetRecords.IteratorAgeMilliseconds", STREAM, t, lagMillis);
            fixture.aws.cloudWatch().putDatapoint("AWS/Kinesis", "IncomingRecords", STREAM, t, arrived);
        }
    }

    @Test
    void theReconcileLearnsFromTheMetricsStoresTheStateAndSetsTheThresholds() {
        seedLagging(700, 1, 120_000);

        fixture.reconcile();

        String stored = fixture.aws.ssm().value(LEARNED_RATE_PARAMETER).orElseThrow();
        assertTrue(stored.startsWith("v1 rate=700 configured=1000 "), stored);
        assertEquals(1400, fixture.firesAt(ScalerFixture.SCALE_OUT_ALARM), 1e-6, "2 KPUs x 700");
        assertEquals(525, fixture.firesAt(ScalerFixture.SCALE_IN_ALARM), 1e-6, "1 KPU x 700 x 0.75");
        // The alarms measure the load at the configured rate's scale, so the step bounds are in the learned rate's
        // units too; their thresholds are those of the configured rate.
        assertEquals("load * 1000 / 700", fixture.measures(ScalerFixture.SCALE_OUT_ALARM));
        assertEquals("load * 1000 / 700", fixture.measures(ScalerFixture.SCALE_IN_ALARM));
        assertEquals(2000, fixture.threshold(ScalerFixture.SCALE_OUT_ALARM), 1e-6, "2 KPUs x the configured 1000");
        assertEquals(750, fixture.threshold(ScalerFixture.SCALE_IN_ALARM), 1e-6, "1 KPU x the configured 750");
        assertEquals(1, fixture.aws.calls("cloudwatch:GetMetricData").size(), "one read per reconcile");
        JsonNode line = fixture.lastDecision();
        assertEquals(700, line.get("learnedRate").get("scaleOutPerKpu").asDouble());
        assertEquals(
                1000, line.get("learnedRate").get("configuredScaleOutPerKpu").asDouble());
        assertEquals(700, line.get("LearnedScaleOutPerKpu").asDouble());
        assertEquals(1000, line.get("ConfiguredScaleOutPerKpu").asDouble());
        assertTrue(
                fixture.lastDone().contains("learned rate: learning starts at the configured 1000; "),
                fixture.lastDone());
        fixture.assertEveryDecisionLineIsEmbeddedMetricFormat();
    }

    @Test
    void getAndPatchUseTheStoredRateAndNeverReadTheMetrics() {
        seedLagging(700, 1, 120_000);
        fixture.aws.ssm().put(LEARNED_RATE_PARAMETER, "v1 rate=800 configured=1000 anchor=800 anchorAt=0 probeAt=0");

        fixture.get();
        assertEquals(1600, fixture.firesAt(ScalerFixture.SCALE_OUT_ALARM), 1e-6);
        fixture.patchCapacity(3);
        fixture.aws.flink().completeTransitions();
        fixture.get();

        assertEquals(2400, fixture.firesAt(ScalerFixture.SCALE_OUT_ALARM), 1e-6, "3 KPUs x the stored 800");
        assertEquals(0, fixture.aws.calls("cloudwatch:GetMetricData").size());
        assertEquals(
                "v1 rate=800 configured=1000 anchor=800 anchorAt=0 probeAt=0",
                fixture.aws.ssm().value(LEARNED_RATE_PARAMETER).orElseThrow(),
                "only the reconcile writes it");
    }

    /** A learned state whose load needs the reconcile stored a minute ago. */
    private static String storedWithNeeds(int need, int inNeed) {
        long minute = NOW.getEpochSecond() / 60 - 1;
        return "v1 rate=700 configured=1000 anchor=700 anchorAt=0 probeAt=0 need=" + need + " inNeed=" + inNeed
                + " needAt=" + minute;
    }

    @Test
    void aPatchScaleInGoesStraightToTheStoredNeedWithinTheTargetsMinimumWithoutReadingMetrics() {
        fixture.application.parallelism(8).currentParallelism(8);
        fixture.registerTarget(3, 10);
        fixture.aws.ssm().put(LEARNED_RATE_PARAMETER, storedWithNeeds(2, 2));

        fixture.patchCapacity(6);

        assertEquals(3, fixture.application.parallelism(), "lowered to the need, held at the target's minimum of 3");
        assertEquals("3", fixture.aws.ssm().value(ScalerFixture.PARAMETER).orElseThrow(), "the lowered desire");
        assertTrue(fixture.lastDone().contains("lowered the scale-in from 6 to 3 KPUs"), fixture.lastDone());
        fixture.aws.flink().completeTransitions();
        assertEquals(3, fixture.get().body().get("actualCapacity").asInt());
        assertEquals(0, fixture.aws.calls("cloudwatch:GetMetricData").size());
    }

    @Test
    void aPatchScaleOutGoesToTheStoredNeedWithinTheTargetsMaximum() {
        fixture.registerTarget(1, 6);
        fixture.aws.ssm().put(LEARNED_RATE_PARAMETER, storedWithNeeds(9, 9));

        fixture.patchCapacity(3);

        assertEquals(6, fixture.application.parallelism(), "raised to the need of 9, held at the target's maximum");
        assertEquals("6", fixture.aws.ssm().value(ScalerFixture.PARAMETER).orElseThrow());
        assertTrue(fixture.lastDone().contains("raised the scale-out from 3 to 6 KPUs"), fixture.lastDone());
    }

    @Test
    void aThrottledReadKeepsThePreviousEstimateSaysWhyAndTheDecisionStillHappens() {
        seedLagging(700, 1, 120_000);
        String before = "v1 rate=800 configured=1000 anchor=800 anchorAt=0 probeAt=0";
        fixture.aws.ssm().put(LEARNED_RATE_PARAMETER, before);
        fixture.aws.ssm().put(ScalerFixture.PARAMETER, "3");
        fixture.aws.faults().failAlways("cloudwatch:GetMetricData", Fault.throttling());

        fixture.reconcile();

        assertEquals(before, fixture.aws.ssm().value(LEARNED_RATE_PARAMETER).orElseThrow());
        assertTrue(
                fixture.lastDone().contains("learned rate kept at 800: GetMetricData was throttled"),
                fixture.lastDone());
        assertEquals(1, fixture.updateCalls(), "the stored desire is applied all the same");
        assertEquals(2400, fixture.firesAt(ScalerFixture.SCALE_OUT_ALARM), 1e-6, "3 KPUs x the kept 800");
    }

    @Test
    void aSeriesCloudWatchCannotAnswerKeepsThePreviousEstimate() {
        seedLagging(700, 1, 120_000);
        fixture.aws
                .cloudWatch()
                .failMetricReads("AWS/Kinesis", "GetRecords.Records", STREAM, "InternalError", "try again");

        fixture.reconcile();

        assertEquals(
                ScalerEnvironment.NO_DESIRED_CAPACITY,
                fixture.aws.ssm().value(LEARNED_RATE_PARAMETER).orElseThrow(),
                "nothing learned, nothing stored");
        assertTrue(
                fixture.lastDone()
                        .contains("learned rate kept at 1000: GetMetricData returned incomplete data: series "
                                + "consumed"),
                fixture.lastDone());
    }

    @Test
    void aSecondConsumerOnTheStreamIsRefusedAndLearnsNothing() {
        seedLagging(700, 2, 120_000);

        fixture.reconcile();

        assertTrue(fixture.aws.ssm().value(LEARNED_RATE_PARAMETER).orElseThrow().startsWith("v1 rate=1000 "));
        assertTrue(
                fixture.lastDone().contains("consumption is 2.00x what arrived and the backlog explain"),
                fixture.lastDone());
        assertEquals(2000, fixture.firesAt(ScalerFixture.SCALE_OUT_ALARM), 1e-6);
    }

    @Test
    void aLagNotReportedYetIsNotLearnedFrom() {
        seedLagging(700, 1, -1);

        fixture.reconcile();

        assertTrue(fixture.aws.ssm().value(LEARNED_RATE_PARAMETER).orElseThrow().startsWith("v1 rate=1000 "));
        assertTrue(fixture.lastDone().contains("learned rate kept at 1000"), fixture.lastDone());
    }

    @Test
    void aMalformedStoredStateIsSaidAndLearningStartsOver() {
        seedLagging(700, 1, 120_000);
        fixture.aws.ssm().put(LEARNED_RATE_PARAMETER, "rate=700");

        fixture.reconcile();

        assertTrue(
                fixture.lastDone()
                        .contains("learned rate: SSM parameter " + LEARNED_RATE_PARAMETER + " holds no learned "
                                + "rate the scaler can read (learned rate state (rate=700) must be text like"),
                fixture.lastDone());
        assertTrue(fixture.aws.ssm().value(LEARNED_RATE_PARAMETER).orElseThrow().startsWith("v1 rate=700 "));
    }

    @Test
    void whenSsmCannotBeReadAGetFailsAsBeforeAndReadsNoMetrics() {
        fixture.aws.ssm().put(ScalerFixture.PARAMETER, "3");
        fixture.aws.faults().failAlways("ssm:GetParameter", Fault.error(400, "AccessDeniedException", "not allowed"));

        // The desired-capacity read fails too, so this call cannot decide: it says so, as without learning.
        assertEquals(502, fixture.get().statusCode());
        assertEquals(0, fixture.aws.calls("cloudwatch:GetMetricData").size());
    }
}
