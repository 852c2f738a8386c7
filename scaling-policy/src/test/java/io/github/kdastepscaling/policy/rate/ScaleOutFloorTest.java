package io.github.kdastepscaling.policy.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ScaleOutFloorTest {

    private static final long NOW = 29_000_000;
    private static final LearnedRate NEEDS_14 =
            LearnedRate.start(1000, NOW - 100).withLoadNeed(14, 0, NOW - 2);

    @Test
    void aScaleOutGoesToWhatTheLoadNeeds() {
        assertEquals(14, ScaleOutFloor.apply(6, 4, NEEDS_14, NOW, 32));
    }

    @Test
    void neverAboveTheMaximumNorBelowTheRequest() {
        assertEquals(12, ScaleOutFloor.apply(6, 4, NEEDS_14, NOW, 12));
        assertEquals(16, ScaleOutFloor.apply(16, 4, NEEDS_14, NOW, 32));
        assertEquals(6, ScaleOutFloor.apply(6, 4, NEEDS_14, NOW, 5));
    }

    @Test
    void onlyAScaleOut() {
        assertEquals(3, ScaleOutFloor.apply(3, 4, NEEDS_14, NOW, 32));
        assertEquals(4, ScaleOutFloor.apply(4, 4, NEEDS_14, NOW, 32));
    }

    @Test
    void anOldOrUnknownNeedIsNotTrusted() {
        assertEquals(6, ScaleOutFloor.apply(6, 4, NEEDS_14, NOW + ScaleOutFloor.MAX_AGE_MINUTES - 1, 32));
        assertEquals(6, ScaleOutFloor.apply(6, 4, LearnedRate.start(1000, NOW), NOW, 32));
        assertEquals(6, ScaleOutFloor.apply(6, 4, null, NOW, 32));
        assertEquals(6, ScaleOutFloor.apply(6, 4, NEEDS_14, NOW - 5, 32), "a need from the future");
        assertEquals(14, ScaleOutFloor.apply(6, 4, NEEDS_14, NOW - 2 + ScaleOutFloor.MAX_AGE_MINUTES, 32));
    }

    @Test
    void theNeedIsStoredWithTheRateAndOldTextsStillParse() {
        assertEquals(
                "v1 rate=1000 configured=1000 anchor=1000 anchorAt=28999900 probeAt=28999900 need=14 needAt=28999998",
                NEEDS_14.text());
        assertEquals(NEEDS_14, LearnedRate.parse(NEEDS_14.text()));
        assertEquals(0, LearnedRate.parse(LearnedRate.start(1000, NOW).text()).loadNeed());
        LearnedRate withCeiling = NEEDS_14.withBusyCeiling(1200);
        assertEquals(withCeiling, LearnedRate.parse(withCeiling.text()));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> NEEDS_14.withLoadNeed(-1, 0, NOW));
        assertEquals("need (-1) must be 0 (unknown) or more KPUs", e.getMessage());
    }

    @Test
    void theEstimatorSeesTheLatestMinutesNeed() {
        // the latest minute: 1,400 records/s arrived, 2 KPUs at the learned 1,305
        RateEstimate first = RateEstimatorTest.ESTIMATOR.estimate(RateEstimatorTest.laggingAt(1300, 1310));
        assertEquals(1305, first.scaleOutPerKpu(), 1e-9);
        assertEquals(2, first.state().loadNeed(), first.state().text());
        assertEquals(RateEstimatorTest.NOW, first.state().loadNeedAt());
    }
}
