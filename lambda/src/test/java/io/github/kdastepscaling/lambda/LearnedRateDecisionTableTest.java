package io.github.kdastepscaling.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kdastepscaling.contract.ScalerEnvironment;
import io.github.kdastepscaling.policy.rate.LearnedRate;
import io.github.kdastepscaling.policy.rate.MinuteMetrics;
import io.github.kdastepscaling.policy.rate.RateEstimator;
import io.github.kdastepscaling.policy.rate.RateObservation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The learned-rate rows of the decision table, without fakes: which rates the thresholds are set from, what a
 * reconcile learns and stores, and what a GET or PATCH (which never learn) do with the stored state.
 */
class LearnedRateDecisionTableTest {

    static final String LEARNING_METRICS = "consumed|AWS/Kinesis|GetRecords.Records|Sum|StreamName=orders;"
            + "lag|AWS/Kinesis|GetRecords.IteratorAgeMilliseconds|Maximum|StreamName=orders;"
            + "incoming|AWS/Kinesis|IncomingRecords|Sum|StreamName=orders";
    static final long NOW = 29_000_000;
    private static final ScalerConfiguration CONFIGURATION = configuration();
    private static final RateEstimator ESTIMATOR =
            new RateEstimator(CONFIGURATION.learning().settings());

    private static ScalerConfiguration configuration() {
        Map<String, String> environment = new HashMap<>();
        environment.put(ScalerEnvironment.APPLICATION_NAME, "orders");
        environment.put(ScalerEnvironment.DESIRED_CAPACITY_PARAMETER_NAME, "/p");
        environment.put(ScalerEnvironment.RESCALE_ATTEMPT_PARAMETER_NAME, "/a");
        environment.put(ScalerEnvironment.SCALE_OUT_ALARM_NAME, "out");
        environment.put(ScalerEnvironment.SCALE_IN_ALARM_NAME, "in");
        environment.put(ScalerEnvironment.SCALE_OUT_PER_KPU, "1000");
        environment.put(ScalerEnvironment.SCALE_IN_PER_KPU, "750");
        environment.put(ScalerEnvironment.MIN_CAPACITY, "1");
        environment.put(ScalerEnvironment.KPU_QUOTA, "10");
        environment.put(ScalerEnvironment.SCALABLE_TARGET_RESOURCE_ID, "https://x/scalableTargetDimensions/orders");
        environment.put(ScalerEnvironment.ALLOW_SCALING_WITHOUT_SNAPSHOTS, "false");
        environment.put(ScalerEnvironment.SIGNAL_KIND, "INCOMING_RECORDS");
        environment.put(ScalerEnvironment.LEARNING_METRICS, LEARNING_METRICS);
        environment.put(ScalerEnvironment.LEARNING_WINDOW_MINUTES, "30");
        environment.put(ScalerEnvironment.LEARNED_RATE_PARAMETER_NAME, "/rate");
        return ScalerConfiguration.fromEnvironment(environment);
    }

    static ApplicationState running(int capacity, Instant lastUpdated) {
        return new ApplicationState("RUNNING", capacity, 1, capacity, false, true, "token", 7, lastUpdated);
    }

    static DecisionInputsBuilder sees(ApplicationState seen, RateInputs rate) {
        return DecisionInputsBuilder.seeing(CONFIGURATION, seen)
                .withLastRescale(RescaleRecord.none())
                .withRate(rate);
    }

    static RateInputs stored(LearnedRate state) {
        return RateInputs.stored(ESTIMATOR, "/rate", new LearnedRateStore.StoredRate(state, null), NOW);
    }

    private static LearnedRate learned(double rate) {
        return new LearnedRate(rate, 1000, rate, NOW - 120, NOW - 120);
    }

    /** A job at {@code perKpu} records per KPU per second, lagging two minutes all through {@code minutes}. */
    private static List<MinuteMetrics> lagging(long from, long to, int capacity, double perKpu) {
        List<MinuteMetrics> window = new ArrayList<>();
        for (long m = from; m < to; m++) {
            double consumed = perKpu * 60 * capacity;
            window.add(MinuteMetrics.of(m, consumed, 120_000, consumed));
        }
        return window;
    }

    @Test
    void withoutLearningTheThresholdsUseTheConfiguredRates() {
        ScalingPlan plan = ScalingDecision.decide(sees(running(2, null), null).build());

        assertEquals(1000, plan.thresholdRates().scaleOutPerKpu());
        assertNull(plan.storeLearnedRate());
        assertNull(plan.rate());
    }

    @Test
    void aGetBeforeAnythingWasLearnedUsesTheConfiguredRate() {
        ScalingPlan plan =
                ScalingDecision.decide(sees(running(2, null), stored(null)).build());

        assertEquals(1000, plan.thresholdRates().scaleOutPerKpu());
        assertEquals(750, plan.thresholdRates().scaleInPerKpu());
        assertNull(plan.storeLearnedRate(), "a GET never learns");
        assertEquals(new RateReport(1000, 1000, null), plan.rate());
    }

    @Test
    void aGetUsesTheStoredLearnedRateWithTheConfiguredRatio() {
        ScalingPlan plan = ScalingDecision.decide(
                sees(running(2, null), stored(learned(700))).build());

        assertEquals(700, plan.thresholdRates().scaleOutPerKpu());
        assertEquals(525, plan.thresholdRates().scaleInPerKpu(), 1e-9);
        assertNull(plan.storeLearnedRate());
        assertEquals(List.of(), plan.notes());
    }

    @Test
    void aStoredRateOutsideTodaysBoundsIsHeldWithinThem() {
        ScalingPlan plan = ScalingDecision.decide(
                sees(running(2, null), stored(learned(3500))).build());

        assertEquals(2000, plan.thresholdRates().scaleOutPerKpu(), "2x the configured rate at most");
    }

    @Test
    void aStoredRateLearnedFromAnotherConfiguredRateGivesWayToTheConfiguredOne() {
        LearnedRate fromBefore = new LearnedRate(600, 800, 600, NOW - 60, NOW - 60);

        ScalingPlan plan = ScalingDecision.decide(
                sees(running(2, null), stored(fromBefore)).build());

        assertEquals(1000, plan.thresholdRates().scaleOutPerKpu());
        assertEquals(
                List.of("learned rate: the stored rate was learned from a configured 800, now 1000: thresholds "
                        + "use the configured rate until the next reconcile starts learning over"),
                plan.notes());
    }

    @Test
    void aMalformedStoredStateIsSaidAndLearningStartsOver() {
        RateInputs rate = RateInputs.stored(
                ESTIMATOR,
                "/rate",
                new LearnedRateStore.StoredRate(
                        null,
                        "SSM parameter /rate holds no learned rate the scaler can read (learned rate state (rate=7) must be "
                                + "text like '...')"),
                NOW);

        ScalingPlan plan = ScalingDecision.decide(sees(running(2, null), rate).build());

        assertEquals(1000, plan.thresholdRates().scaleOutPerKpu());
        assertTrue(
                plan.notes().get(0).startsWith("learned rate: SSM parameter /rate holds no learned rate"),
                plan.notes().toString());
        assertTrue(plan.notes().get(0).endsWith("; learning starts over from the configured 1000"));
    }

    @Test
    void anUnreadableStoredStateLeavesTheThresholdsAsTheyAreAndStillDecides() {
        RateInputs rate =
                RateInputs.unreadable(ESTIMATOR, "/rate", SdkClientException.create("connection refused"), NOW);

        ScalingPlan plan = ScalingDecision.decide(
                sees(running(2, null), rate).withStored(OptionalInt.of(3)).build());

        assertNull(plan.thresholdRates(), "no rate to compute thresholds from");
        assertTrue(
                plan.rate()
                        .thresholdProblem()
                        .startsWith("could not read the learned rate from SSM parameter " + "/rate ("),
                plan.rate().thresholdProblem());
        assertInstanceOf(ScalingPlan.Rescale.class, plan.action(), "the rescale does not wait for the rate");
    }

    @Test
    void aReconcileWithAFailedReadKeepsThePreviousEstimateAndSaysWhy() {
        RateInputs rate = stored(learned(800))
                .withObserved(new RateInputs.Observed(NOW, List.of(), "GetMetricData was throttled: Rate exceeded"));

        ScalingPlan plan = ScalingDecision.decide(sees(running(2, null), rate).build());

        assertEquals(800, plan.thresholdRates().scaleOutPerKpu());
        assertNull(plan.storeLearnedRate(), "the previous estimate is kept as stored");
        assertEquals(List.of("learned rate kept at 800: GetMetricData was throttled: Rate exceeded"), plan.notes());
    }

    @Test
    void aReconcileLearnsFromLaggingMinutesAndStoresTheState() {
        RateInputs rate = stored(null).withObserved(new RateInputs.Observed(NOW, lagging(NOW - 30, NOW, 2, 700), null));

        ScalingPlan plan = ScalingDecision.decide(sees(running(2, null), rate).build());

        assertNotNull(plan.storeLearnedRate());
        assertEquals(700, plan.storeLearnedRate().rate(), 1e-9);
        assertEquals(700, plan.thresholdRates().scaleOutPerKpu(), 1e-9);
        assertEquals(new RateReport(700, 1000, null), plan.rate());
        assertTrue(
                plan.notes().get(0).startsWith("learned rate: learning starts at the configured 1000; "),
                plan.notes().toString());
    }

    @Test
    void minutesBeforeTheApplicationsLastUpdateAreNotLearnedFrom() {
        // Before the update the job ran 4 KPUs (1400 per KPU if divided by today's 2); since, 2 KPUs at 700.
        long updated = NOW - 14;
        List<MinuteMetrics> window = new ArrayList<>(lagging(NOW - 30, updated, 4, 700));
        window.addAll(lagging(updated, NOW, 2, 700));
        RateInputs rate = stored(null).withObserved(new RateInputs.Observed(NOW, window, null));

        ScalingPlan plan = ScalingDecision.decide(sees(running(2, Instant.ofEpochSecond(updated * 60 + 20)), rate)
                .build());

        assertEquals(700, plan.storeLearnedRate().rate(), 1e-9);
    }

    @Test
    void aGetWithAFreshResizeNeedRaisesTheScaleInThresholdAndSaysWhy() {
        // 3 KPUs sized for the configured 1,000; the job has shown 1,300 and the recent load fits 2 KPUs at it
        LearnedRate resizing = learned(1300).withSizing(1000, NOW - 40).withLoadNeed(2, 3, 2, NOW - 2);

        ScalingPlan plan =
                ScalingDecision.decide(sees(running(3, null), stored(resizing)).build());

        assertEquals(2 * 1300, plan.thresholdRates().scaleInThreshold(3), 1e-9);
        assertEquals(3 * 1300, plan.thresholdRates().scaleOutThreshold(3), 1e-9);
        assertTrue(
                plan.notes().stream()
                        .anyMatch(note -> note.startsWith("resize: the capacity was sized for 1000 per KPU and the job"
                                + " has shown 1300; the recent load fits 2 KPUs")),
                plan.notes().toString());

        ScalingPlan resized =
                ScalingDecision.decide(sees(running(2, null), stored(resizing)).build());
        assertEquals(1300 * 0.75, resized.thresholdRates().scaleInThreshold(2), 1e-9);
        assertTrue(
                resized.notes().stream().noneMatch(note -> note.startsWith("resize:")),
                "at the need the band applies, and nothing is said: " + resized.notes());
    }

    @Test
    void aStaleResizeNeedOrOneFromAnotherConfigurationLeavesTheBand() {
        LearnedRate stale = learned(1300).withSizing(1000, NOW - 40).withLoadNeed(2, 3, 2, NOW - 11);
        ScalingPlan plan =
                ScalingDecision.decide(sees(running(3, null), stored(stale)).build());
        assertEquals(2 * 1300 * 0.75, plan.thresholdRates().scaleInThreshold(3), 1e-9);

        LearnedRate otherConfiguration = new LearnedRate(1300, 800, 1300, NOW - 120, NOW - 120)
                .withSizing(800, NOW - 40)
                .withLoadNeed(2, 3, 2, NOW - 2);
        plan = ScalingDecision.decide(
                sees(running(3, null), stored(otherConfiguration)).build());
        assertEquals(2 * 750, plan.thresholdRates().scaleInThreshold(3), 1e-9);
    }

    @Test
    void aReconcileWhoseEstimateChangesNothingStoresNothing() {
        // 1,000 records/s need 2 KPUs at 700 and at its scale-in rate 630, as stored 2 minutes ago, with the
        // capacity (no update known) sized for 700
        LearnedRate before =
                learned(700).withSizing(700, RateObservation.NO_RESCALE).withLoadNeed(2, 2, NOW - 2);
        // Nothing lags and nothing is probed: the estimator keeps the state as it was.
        List<MinuteMetrics> window = new ArrayList<>();
        for (long m = NOW - 30; m < NOW; m++) {
            window.add(MinuteMetrics.of(m, 60_000, 0, 60_000));
        }
        RateInputs rate = stored(before).withObserved(new RateInputs.Observed(NOW, window, null));

        ScalingPlan plan = ScalingDecision.decide(sees(running(2, null), rate).build());

        assertNull(plan.storeLearnedRate(), plan.notes().toString());
        assertEquals(700, plan.thresholdRates().scaleOutPerKpu());
    }

    @Test
    void aReconcileStoresANewLoadNeedOrRefreshesAnOldOne() {
        List<MinuteMetrics> window = new ArrayList<>();
        for (long m = NOW - 30; m < NOW; m++) {
            window.add(MinuteMetrics.of(m, 60_000, 0, 60_000));
        }
        for (LearnedRate before : new LearnedRate[] {
            learned(700),
            learned(700).withLoadNeed(3, 2, NOW - 2),
            learned(700).withLoadNeed(2, 2, NOW - 5),
            learned(700).withLoadNeed(2, 0, NOW - 2)
        }) {
            RateInputs rate = stored(before).withObserved(new RateInputs.Observed(NOW, window, null));
            ScalingPlan plan =
                    ScalingDecision.decide(sees(running(2, null), rate).build());
            // a state stored before sizing was kept says the capacity was sized for its learned rate
            assertEquals(
                    learned(700).withSizing(700, RateObservation.NO_RESCALE).withLoadNeed(2, 2, NOW),
                    plan.storeLearnedRate(),
                    before.text());
        }
    }

    @Test
    void anApplicationNotRunningLearnsNothingButStillAnswers() {
        ApplicationState updating = new ApplicationState("UPDATING", 3, 1, 2, false, true, "t", 8, null);
        RateInputs rate =
                stored(learned(800)).withObserved(new RateInputs.Observed(NOW, lagging(NOW - 30, NOW, 2, 600), null));

        ScalingPlan plan = ScalingDecision.decide(DecisionInputsBuilder.seeing(CONFIGURATION, updating)
                .withRate(rate)
                .build());

        assertEquals(800, plan.thresholdRates().scaleOutPerKpu());
        assertTrue(
                plan.notes().get(0).contains("the application is not RUNNING: learned rate kept at 800"),
                plan.notes().toString());
        assertInstanceOf(ScalingPlan.Answer.class, plan.action());
    }
}
