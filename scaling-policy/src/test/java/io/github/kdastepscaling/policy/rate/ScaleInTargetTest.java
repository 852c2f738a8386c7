package io.github.kdastepscaling.policy.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.kdastepscaling.policy.CapacityRange;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleInTargetTest {

    private static final long NOW = 29_000_000;
    /** The recent load needs 8 KPUs at the scale-out rate and 9 at the scale-in rate, seen 2 minutes ago. */
    private static final LearnedRate NEEDS_9_TO_HOLD =
            LearnedRate.start(700, NOW - 100).withLoadNeed(8, 9, NOW - 2);

    @Test
    void aScaleInGoesStraightToWhatTheLoadNeeds() {
        assertEquals(9, ScaleInTarget.apply(15, 18, NEEDS_9_TO_HOLD, NOW, new CapacityRange(1, 64)));
        assertEquals(9, ScaleInTarget.apply(10, 11, NEEDS_9_TO_HOLD, NOW, new CapacityRange(1, 64)));
    }

    @Test
    void neverRaisesACutNorGoesBelowTheMinimum() {
        assertEquals(6, ScaleInTarget.apply(6, 18, NEEDS_9_TO_HOLD, NOW, new CapacityRange(1, 64)));
        assertEquals(12, ScaleInTarget.apply(15, 18, NEEDS_9_TO_HOLD, NOW, new CapacityRange(12, 64)));
    }

    @Test
    void onlyAScaleIn() {
        assertEquals(20, ScaleInTarget.apply(20, 18, NEEDS_9_TO_HOLD, NOW, new CapacityRange(1, 64)));
        assertEquals(18, ScaleInTarget.apply(18, 18, NEEDS_9_TO_HOLD, NOW, new CapacityRange(1, 64)));
    }

    @Test
    void aResizeLandsNoLowerThanItsNeed() {
        // Sized for 1,000, learned 1,300: AAS's step from the raised threshold asks for 1 of 3 KPUs; the load needs 2
        LearnedRate resizing = new LearnedRate(1300, 1000, 1000, NOW - 60, NOW - 60)
                .withSizing(1000, NOW - 40)
                .withLoadNeed(2, 3, 2, NOW - 2);
        assertEquals(2, ScaleInTarget.apply(1, 3, resizing, NOW, new CapacityRange(1, 64)));
        assertEquals(2, ScaleInTarget.apply(2, 3, resizing, NOW, new CapacityRange(1, 64)));
        assertEquals(
                1,
                ScaleInTarget.apply(1, 2, resizing, NOW, new CapacityRange(1, 64)),
                "a need at the capacity is no resize");
        assertEquals(
                1,
                ScaleInTarget.apply(
                        1, 3, resizing, NOW - 2 + ScaleOutFloor.MAX_AGE_MINUTES + 1, new CapacityRange(1, 64)));
    }

    @Test
    void anOldOrUnknownNeedIsNotTrusted() {
        assertEquals(
                15,
                ScaleInTarget.apply(
                        15,
                        18,
                        NEEDS_9_TO_HOLD,
                        NOW - 2 + ScaleOutFloor.MAX_AGE_MINUTES + 1,
                        new CapacityRange(1, 64)));
        assertEquals(
                9,
                ScaleInTarget.apply(
                        15, 18, NEEDS_9_TO_HOLD, NOW - 2 + ScaleOutFloor.MAX_AGE_MINUTES, new CapacityRange(1, 64)));
        assertEquals(
                15,
                ScaleInTarget.apply(15, 18, NEEDS_9_TO_HOLD, NOW - 5, new CapacityRange(1, 64)),
                "a need from the future");
        assertEquals(15, ScaleInTarget.apply(15, 18, null, NOW, new CapacityRange(1, 64)));
        assertEquals(15, ScaleInTarget.apply(15, 18, LearnedRate.start(700, NOW), NOW, new CapacityRange(1, 64)));
        LearnedRate withoutScaleInNeed = LearnedRate.start(700, NOW - 100).withLoadNeed(8, 0, NOW - 2);
        assertEquals(
                15,
                ScaleInTarget.apply(15, 18, withoutScaleInNeed, NOW, new CapacityRange(1, 64)),
                "a state written before it");
    }

    @Test
    void theScaleInNeedIsStoredAndATextWithoutItStillParses() {
        assertEquals(
                "v1 rate=700 configured=700 anchor=700 anchorAt=28999900 probeAt=28999900 need=8 inNeed=9"
                        + " needAt=28999998",
                NEEDS_9_TO_HOLD.text());
        assertEquals(NEEDS_9_TO_HOLD, LearnedRate.parse(NEEDS_9_TO_HOLD.text()));
        LearnedRate older = LearnedRate.parse(
                "v1 rate=700 configured=700 anchor=700 anchorAt=28999900 probeAt=28999900 need=8 needAt=28999998");
        assertEquals(0, older.scaleInNeed());
        assertEquals(8, older.loadNeed());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> NEEDS_9_TO_HOLD.withLoadNeed(8, -1, NOW));
        assertEquals("inNeed (-1) must be 0 (unknown) or more KPUs", e.getMessage());
    }

    @Test
    void theEstimatorHoldsTheHighestLoadOfTheLastFiveMinutesAtTheScaleInRate() {
        // 2 KPUs keeping up at 1,000 records/s; six minutes ago a peak of 2,500 (outside the window), then 1,900
        List<MinuteMetrics> window = new ArrayList<>();
        for (long m = NOW - 30; m < NOW; m++) {
            double incoming = m == NOW - 6 ? 2500 : m == NOW - 3 ? 1900 : 1000;
            window.add(MinuteMetrics.of(m, incoming * 60, 0, incoming * 60));
        }
        RateEstimate estimate = RateEstimatorTest.ESTIMATOR.estimate(RateEstimatorTest.at2(window));
        assertEquals(1000, estimate.scaleOutPerKpu(), 1e-9);
        assertEquals(1, estimate.state().loadNeed(), "the latest minute, 1,000 records/s at 1,000 per KPU");
        assertEquals(3, estimate.state().scaleInNeed(), "1,900 at the scale-in rate of 900 per KPU");
        assertEquals(NOW, estimate.state().loadNeedAt());
    }
}
