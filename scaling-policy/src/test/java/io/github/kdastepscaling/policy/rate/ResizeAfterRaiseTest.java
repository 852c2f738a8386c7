package io.github.kdastepscaling.policy.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.kdastepscaling.policy.ScalingThresholds;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A capacity sized for the configured 1,000 records/s per KPU (3 KPUs for 2,400 records/s) when the job does 1,300:
 * the policy configured with 1,300 runs 2 there, and 1,300's scale-in band (1,170 per KPU) would keep 3.
 */
class ResizeAfterRaiseTest {

    private static final long NOW = 29_000_000;
    private static final RateLearningSettings SETTINGS =
            RateLearningSettings.builder(1000, 900).build();
    /** Learned 1,300 with the running capacity sized for 1,000 (first seen at NOW - 40). */
    private static final LearnedRate RAISED =
            new LearnedRate(1300, 1000, 1000, NOW - 60, NOW - 60).withSizing(1000, NOW - 40);

    @Test
    void aCapacitySizedForALowerRateIsResizedToWhatTheWindowsLoadNeeds() {
        assertEquals(2, need(RAISED, window(2400, 0), 3));
        assertEquals(2, need(RAISED, window(2400, 0), 5), "however high the capacity was sized");
    }

    @Test
    void theLoadMustFitWithinTheEstimatorsHysteresis() {
        // 2,500 x 1.05 = 2,625 is over two KPUs at 1,300 (2,600): one noisy minute would scale it back out
        assertEquals(0, need(RAISED, window(2500, 0), 3));
        List<MinuteMetrics> oneHighMinute = window(2400, 0);
        oneHighMinute.set(3, MinuteMetrics.of(NOW - 27, 2600 * 60, 0, 2500 * 60));
        assertEquals(0, need(RAISED, oneHighMinute, 3), "the window's highest minute counts");
    }

    @Test
    void onlyAfterARaiseAndWhileTheJobIsCaughtUp() {
        assertEquals(0, need(RAISED.withSizing(1300, NOW - 40), window(2400, 0), 3), "sized for the learned rate");
        assertEquals(0, need(RAISED.withSizing(1500, NOW - 40), window(2400, 0), 3), "a cut never resizes");
        assertEquals(0, need(RAISED.withSizing(Double.NaN, NOW - 40), window(2400, 0), 3), "sizing unknown");
        List<MinuteMetrics> laggedNineMinutesAgo = window(2400, 0);
        laggedNineMinutesAgo.set(21, MinuteMetrics.of(NOW - 9, 2400 * 60, 60_000, 2400 * 60));
        assertEquals(0, need(RAISED, laggedNineMinutesAgo, 3), "a minute of lag among the last ten");
        List<MinuteMetrics> laggedElevenMinutesAgo = window(2400, 0);
        laggedElevenMinutesAgo.set(19, MinuteMetrics.of(NOW - 11, 2400 * 60, 60_000, 2400 * 60));
        assertEquals(2, need(RAISED, laggedElevenMinutesAgo, 3), "lag before the last ten minutes");
        List<MinuteMetrics> lagMissing = window(2400, 0);
        lagMissing.set(29, MinuteMetrics.of(NOW - 1, 2400 * 60, Double.NaN, 2400 * 60));
        assertEquals(0, need(RAISED, lagMissing, 3), "a missing lag minute is not caught up");
        RateObservation stopped = new RateObservation(NOW, window(2400, 0), 3, false, NOW - 40, RAISED);
        assertEquals(0, ResizeAfterRaise.need(RAISED, stopped, 1300, SETTINGS), "not running");
    }

    @Test
    void neverAtOrAboveTheCapacityNorFromTooFewMinutes() {
        assertEquals(0, need(RAISED, window(2400, 0), 2));
        assertEquals(0, need(RAISED, window(2400, 0), 1));
        assertEquals(0, need(RAISED, window(2400, 0).subList(21, 30), 3), "9 minutes of load");
        assertEquals(2, need(RAISED, window(2400, 0).subList(20, 30), 3), "10 minutes of load");
    }

    @Test
    void theSizingIsTrackedFromTheFirstMinuteAtEachCapacity() {
        LearnedRate learned = new LearnedRate(1300, 1000, 1000, NOW - 60, NOW - 60);
        assertEquals(1000, track(learned, null, NOW - 40).sizedFor(), "before the first estimate: the deploy's");
        assertEquals(1000, track(learned, RAISED, NOW - 40).sizedFor(), "the same capacity: carried over");
        assertEquals(NOW - 40, track(learned, RAISED, NOW - 40).sizedAt());
        LearnedRate rescaled = track(learned, RAISED, NOW - 3);
        assertEquals(1300, rescaled.sizedFor(), "rescaled since: sized for the rate stored then");
        assertEquals(NOW - 3, rescaled.sizedAt());
        LearnedRate older = new LearnedRate(1300, 1000, 1000, NOW - 60, NOW - 60);
        assertEquals(1300, track(learned, older, NOW - 40).sizedFor(), "a state from before sizing was kept");
        LearnedRate otherConfiguration = new LearnedRate(1300, 800, 800, NOW - 60, NOW - 60).withSizing(800, NOW - 40);
        assertEquals(1000, track(learned, otherConfiguration, NOW - 40).sizedFor(), "learning started over");
    }

    @Test
    void theEstimatorStoresTheNeedAfterARaise() {
        RateEstimator estimator = new RateEstimator(SETTINGS);
        RateObservation observation = new RateObservation(NOW, window(2400, 0), 3, true, NOW - 40, RAISED);

        LearnedRate stored = estimator.estimate(observation).state();

        assertEquals(1300, stored.rate());
        assertEquals(2, stored.resizeNeed());
        assertEquals(1000, stored.sizedFor());
        assertEquals(stored, LearnedRate.parse(stored.text()));
        LearnedRate afterTheResize = estimator
                .estimate(new RateObservation(NOW + 1, window(2400, 1), 2, true, NOW, stored))
                .state();
        assertEquals(1300, afterTheResize.sizedFor());
        assertEquals(0, afterTheResize.resizeNeed(), afterTheResize.text());
    }

    @Test
    void aFreshNeedRaisesTheScaleInThresholdOfTheCapacitiesAboveIt() {
        ScalingThresholds learned = new ScalingThresholds(1000, 900, 1).withLearnedScaleOut(1300);
        LearnedRate withNeed = RAISED.withLoadNeed(2, 3, 2, NOW - 2);

        ScalingThresholds resized = ResizeAfterRaise.thresholds(learned, withNeed, NOW);

        assertEquals(2 * 1300, resized.scaleInThreshold(3), 1e-9);
        assertEquals(3 * 1300, resized.scaleInThreshold(4), 1e-9);
        assertEquals(1170, resized.scaleInThreshold(2), 1e-9, "at the need the band applies");
        assertEquals(3 * 1300, resized.scaleOutThreshold(3), 1e-9);
        assertSame(learned, ResizeAfterRaise.thresholds(learned, null, NOW));
        assertSame(learned, ResizeAfterRaise.thresholds(learned, RAISED.withLoadNeed(2, 3, 0, NOW - 2), NOW));
        assertSame(
                learned,
                ResizeAfterRaise.thresholds(learned, withNeed, NOW - 2 + ScaleOutFloor.MAX_AGE_MINUTES + 1),
                "a need the reconcile no longer refreshes");
    }

    @Test
    void theNeedIsKeptInTheStoredTextAndAnOlderTextStillParses() {
        LearnedRate withNeed = RAISED.withLoadNeed(2, 3, 2, NOW - 2);
        assertEquals(
                "v1 rate=1300 configured=1000 anchor=1000 anchorAt=28999940 probeAt=28999940 sizedFor=1000"
                        + " sizedAt=28999960 need=2 inNeed=3 resizeTo=2 needAt=28999998",
                withNeed.text());
        assertEquals(withNeed, LearnedRate.parse(withNeed.text()));
        LearnedRate older = LearnedRate.parse(
                "v1 rate=1300 configured=1000 anchor=1000 anchorAt=28999940 probeAt=28999940 need=2 inNeed=3"
                        + " needAt=28999998");
        assertEquals(Double.NaN, older.sizedFor());
        assertEquals(RateObservation.NO_RESCALE, older.sizedAt());
        assertEquals(0, older.resizeNeed());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> RAISED.withLoadNeed(2, 3, -1, NOW));
        assertEquals("resizeTo (-1) must be 0 (none) or more KPUs", e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> LearnedRate.parse(
                        "v1 rate=1300 configured=1000 anchor=1000 anchorAt=1 probeAt=1 sizedFor=0 sizedAt=1"));
        assertEquals(true, e.getMessage().contains("sizedFor (0) must be a positive number"), e.getMessage());
    }

    private static int need(LearnedRate state, List<MinuteMetrics> window, int capacity) {
        return ResizeAfterRaise.need(
                state, new RateObservation(NOW, window, capacity, true, NOW - 40, state), 1300, SETTINGS);
    }

    private static LearnedRate track(LearnedRate state, LearnedRate previous, long firstMinute) {
        return ResizeAfterRaise.track(state, new RateObservation(NOW, List.of(), 3, true, firstMinute, previous), 1000);
    }

    /** The 30 minutes before {@code NOW + shift}: the load and consumption at {@code perSecond}, no lag. */
    private static List<MinuteMetrics> window(double perSecond, long shift) {
        List<MinuteMetrics> window = new ArrayList<>();
        for (long m = NOW + shift - 30; m < NOW + shift; m++) {
            window.add(MinuteMetrics.of(m, perSecond * 60, 0, perSecond * 60));
        }
        return window;
    }
}
