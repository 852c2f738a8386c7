package io.github.kdastepscaling.policy.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.kdastepscaling.policy.CapacityRange;
import io.github.kdastepscaling.policy.LagGuard;
import io.github.kdastepscaling.policy.rate.RescaleUnderBacklog.GuardLimits;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The default lag guard (bound 300 s, drain horizon 3 minutes, draining at 10 s a minute or more) and the default
 * restart estimate (120 s): while the job is behind, a rescale goes to a capacity at which its restart leaves the
 * guard quiet (a scale-out at least there, a scale-in waits rather than land below it).
 */
class RescaleUnderBacklogTest {

    private static final long NOW = 29_000_000;
    private static final GuardLimits DEFAULTS = GuardLimits.of(LagGuard.defaults(), 120);

    @Test
    void nothingIsNeededWhileALagPlusARestartStaysUnderTheBound() {
        assertEquals(new GuardLimits(300, 3, 120), DEFAULTS);
        assertEquals(0, RescaleUnderBacklog.need(179, 6000, 1000, DEFAULTS));
        assertEquals(0, RescaleUnderBacklog.need(0, 6000, 1000, DEFAULTS));
    }

    @Test
    void atTheBoundTheNeedLetsTheLagFallAtTheGuardsDrainingPace() {
        // 180 s + 120 s reaches 300 s: 10 s a minute needs a surplus of 1/6 of the load, 7,000 records/s, 7 KPUs
        assertEquals(7, RescaleUnderBacklog.need(180, 6000, 1000, DEFAULTS));
    }

    @Test
    void aDeeperLagMustBeUnderTheBoundWithinTheDrainHorizon() {
        // 270 s + 120 s is 90 s over: 30 s a minute for 3 minutes, a surplus of half the load
        assertEquals(9, RescaleUnderBacklog.need(270, 6000, 1000, DEFAULTS));
        // a guard without a draining exemption (drain horizon 0) fires at the bound: under it within a minute
        assertEquals(15, RescaleUnderBacklog.need(270, 6000, 1000, new GuardLimits(300, 0, 120)));
        // a longer restart estimate needs more from a shorter lag
        assertEquals(7, RescaleUnderBacklog.need(120, 6000, 1000, new GuardLimits(300, 3, 180)));
    }

    @Test
    void aWildLagOrLoadStoresANeedTheNextCallCanRead() {
        int need = RescaleUnderBacklog.need(7 * 86_400, 1e12, 1, DEFAULTS);
        assertEquals(LearnedRate.MAX_STORED_KPUS, need);
        LearnedRate stored = LearnedRate.start(1000, NOW - 100).withLoadNeed(need, need, 0, need, NOW - 2);
        assertEquals(stored, LearnedRate.parse(stored.text()));
    }

    @Test
    void aRestartAsLongAsTheBoundNeedsNothing() {
        // any restart takes the lag over the bound: no capacity keeps the guard quiet, so nothing is deferred for good
        assertEquals(0, RescaleUnderBacklog.need(0, 6000, 1000, new GuardLimits(300, 3, 300)));
        assertEquals(0, RescaleUnderBacklog.need(270, 6000, 1000, new GuardLimits(300, 3, 600)));
    }

    @Test
    void withoutAGuardALagOrALoadNothingIsNeeded() {
        assertEquals(0, RescaleUnderBacklog.need(270, 6000, 1000, GuardLimits.NONE));
        assertEquals(GuardLimits.NONE, GuardLimits.of(LagGuard.disabled(), 120));
        assertEquals(0, RescaleUnderBacklog.need(Double.NaN, 6000, 1000, DEFAULTS));
        assertEquals(0, RescaleUnderBacklog.need(-5, 6000, 1000, DEFAULTS));
        assertEquals(0, RescaleUnderBacklog.need(270, Double.NaN, 1000, DEFAULTS));
        assertEquals(0, RescaleUnderBacklog.need(270, 0, 1000, DEFAULTS));
        assertEquals(0, RescaleUnderBacklog.need(270, Double.POSITIVE_INFINITY, 1000, DEFAULTS));
    }

    @Test
    void limitsOutsideWhatTheConstructDeploysAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GuardLimits(-1, 3, 120));
        assertEquals("lagGuard.maxLag (-1 s) must be 0 (no guard) or more seconds", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GuardLimits(300, 1441, 120));
        assertEquals("lagGuard.drainMinutes (1441) must be between 0 and 1440", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GuardLimits(300, 3, -1));
        assertEquals("expectedRestartDuration (-1 s) must be 0 or more seconds", e.getMessage());
    }

    @Test
    void theReconcileStoresTheNeedAndClearsItOnceTheLagHasFallen() {
        RateEstimator estimator = new RateEstimator(
                RateLearningSettings.builder(1000, 900).guardLimits(DEFAULTS).build());
        LearnedRate settled = new LearnedRate(1000, 1000, 1000, NOW - 600, NOW - 600);

        LearnedRate behind = estimator.estimate(observation(settled, 270, 0)).state();

        assertEquals(1000, behind.rate());
        assertEquals(9, behind.backlogNeed());
        assertEquals(NOW, behind.loadNeedAt());
        assertEquals(behind, LearnedRate.parse(behind.text()));
        LearnedRate caughtUp = estimator.estimate(observation(behind, 100, 1)).state();
        assertEquals(0, caughtUp.backlogNeed(), caughtUp.text());
        assertEquals(NOW + 1, caughtUp.loadNeedAt(), "a need that ends is written at once");
    }

    @Test
    void withoutAGuardTheReconcileStoresNoNeed() {
        RateEstimator estimator =
                new RateEstimator(RateLearningSettings.builder(1000, 900).build());
        LearnedRate settled = new LearnedRate(1000, 1000, 1000, NOW - 600, NOW - 600);
        assertEquals(0, estimator.estimate(observation(settled, 270, 0)).state().backlogNeed());
    }

    @Test
    void aScaleInThatWouldLandBelowAFreshNeedWaitsAndAScaleOutGoesAtLeastThere() {
        LearnedRate needs9Behind = LearnedRate.start(1000, NOW - 100).withLoadNeed(6, 7, 0, 9, NOW - 2);
        assertEquals(
                12,
                ScaleInTarget.apply(10, 12, needs9Behind, NOW, new CapacityRange(1, 64)),
                "deferred: the running capacity");
        assertEquals(
                12,
                ScaleInTarget.apply(8, 12, needs9Behind, NOW, new CapacityRange(1, 64)),
                "the load's need (7) is under the backlog's too");
        LearnedRate needs9AtTheLoad = LearnedRate.start(1000, NOW - 100).withLoadNeed(8, 9, 0, 9, NOW - 2);
        assertEquals(
                9,
                ScaleInTarget.apply(10, 12, needs9AtTheLoad, NOW, new CapacityRange(1, 64)),
                "a landing at the need goes");
        assertEquals(
                10,
                ScaleInTarget.apply(
                        10, 12, needs9Behind, NOW - 2 + ScaleOutFloor.MAX_AGE_MINUTES + 1, new CapacityRange(1, 64)),
                "a need the reconcile no longer refreshes: the scale-in goes as asked");
        assertEquals(
                9,
                ScaleInTarget.apply(10, 12, needs9Behind, NOW, new CapacityRange(1, 11)),
                "from above a maximum a scheduled action lowered, the scale-in goes (waiting would keep 12 KPUs), no "
                        + "lower than the backlog's need");
        assertEquals(
                8,
                ScaleInTarget.apply(8, 12, needs9Behind, NOW, new CapacityRange(1, 8)),
                "the backlog's need within the maximum");
        assertEquals(9, ScaleOutFloor.apply(7, 6, needs9Behind, NOW, 32), "raised to the backlog's need");
        assertEquals(8, ScaleOutFloor.apply(7, 6, needs9Behind, NOW, 8), "within the target's maximum");
        assertEquals(10, ScaleOutFloor.apply(10, 6, needs9Behind, NOW, 32), "a larger scale-out stands");
        assertEquals(
                7,
                ScaleOutFloor.apply(7, 6, needs9Behind, NOW - 2 + ScaleOutFloor.MAX_AGE_MINUTES + 1, 32),
                "a need the reconcile no longer refreshes: the scale-out goes as asked");
    }

    @Test
    void theNeedIsKeptInTheStoredTextAndAnOlderTextStillParses() {
        LearnedRate needs9Behind = LearnedRate.start(1000, NOW - 100).withLoadNeed(6, 7, 0, 9, NOW - 2);
        assertEquals(
                "v1 rate=1000 configured=1000 anchor=1000 anchorAt=28999900 probeAt=28999900 need=6 inNeed=7 backlog=9"
                        + " needAt=28999998",
                needs9Behind.text());
        assertEquals(needs9Behind, LearnedRate.parse(needs9Behind.text()));
        assertEquals(
                0,
                LearnedRate.parse("v1 rate=1000 configured=1000 anchor=1000 anchorAt=1 probeAt=1 need=6 needAt=2")
                        .backlogNeed());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> needs9Behind.withLoadNeed(6, 7, 0, -1, NOW));
        assertEquals("backlog (-1) must be 0 (none) or more KPUs", e.getMessage());
    }

    /** 12 KPUs at 6,000 records/s, caught up but for the latest minute, {@code lagSeconds} behind. */
    private static RateObservation observation(LearnedRate previous, double lagSeconds, long shift) {
        List<MinuteMetrics> window = new ArrayList<>();
        long now = NOW + shift;
        for (long m = now - 30; m < now; m++) {
            double lagMillis = m == now - 1 ? lagSeconds * 1000 : 0;
            window.add(MinuteMetrics.of(m, 6000 * 60, lagMillis, 6000 * 60));
        }
        return new RateObservation(now, window, 12, true, NOW - 200, previous);
    }
}
