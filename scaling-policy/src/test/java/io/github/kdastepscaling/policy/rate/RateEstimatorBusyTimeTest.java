package io.github.kdastepscaling.policy.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The busy-time source: consumption per KPU over the busiest task's busy share, on minutes in the trusted band; it
 * raises, cuts only when lagging minutes corroborate, and stays under the ceiling a lagging measurement set.
 */
class RateEstimatorBusyTimeTest {

    static final long NOW = RateEstimatorTest.NOW;
    static final RateEstimator ESTIMATOR =
            new RateEstimator(RateLearningSettings.builder(1000, 900).build());
    static final LearnedRate SETTLED = RateEstimatorTest.SETTLED;

    /** 30 minutes at 2 KPUs keeping up at {@code perKpu}, the busiest task busy {@code busyMs} ms/s. */
    static List<MinuteMetrics> keepingUp(double perKpu, double busyMs) {
        List<MinuteMetrics> window = new ArrayList<>();
        for (MinuteMetrics m : RateEstimatorTest.steady(perKpu, 0, perKpu * 2)) {
            window.add(m.withBusyMillisPerSecond(busyMs));
        }
        return window;
    }

    static RateEstimate estimate(List<MinuteMetrics> window, LearnedRate previous) {
        return ESTIMATOR.estimate(new RateObservation(NOW, window, 2, true, RateObservation.NO_RESCALE, previous));
    }

    @Test
    void raisesToWhatBusyTimeSaysWhileTheJobKeepsUp() {
        // 900 per KPU with the busiest task busy 69.2% of the time: a KPU can do 1300
        RateEstimate e = estimate(keepingUp(900, 692.3), SETTLED);
        assertEquals(1300, e.scaleOutPerKpu(), 1);
        assertTrue(e.changed());
        assertEquals(28, e.supportingMinutes()); // the first 2 minutes of the window warm up
        assertTrue(e.reason().contains("busy time says 1300 per KPU (median): learned rate 1000 -> 1300"), e.reason());
    }

    @Test
    void needsTenMinutesInTheBand() {
        List<MinuteMetrics> window =
                RateEstimatorTest.edit(keepingUp(900, 692.3), m -> m.withBusyMillisPerSecond(290), NOW - 30, NOW - 9);
        RateEstimate e = estimate(window, SETTLED);
        assertEquals(1000, e.scaleOutPerKpu());
        assertTrue(e.reason().contains("9 of 28 minutes with busy time in the trusted band (10 needed)"), e.reason());
    }

    @Test
    void ignoresBusyTimeOutsideTheBandOrInvalid() {
        for (double busy : new double[] {200, 290, Double.NaN, -5, 1200, Double.POSITIVE_INFINITY}) {
            RateEstimate e = estimate(keepingUp(900, busy), SETTLED);
            assertEquals(1000, e.scaleOutPerKpu(), "busy " + busy);
            assertFalse(e.changed(), "busy " + busy);
        }
    }

    @Test
    void aLowerBusyTimeAloneDoesNotCut() {
        // 600 per KPU busy 85.7%: busy time says 700, but the job never lagged
        RateEstimate e = estimate(keepingUp(600, 857), SETTLED);
        assertEquals(1000, e.scaleOutPerKpu());
        assertTrue(e.reason().contains("busy time alone only raises"), e.reason());
    }

    @Test
    void aLowerBusyTimeCutsWhenLaggingMinutesCorroborateButNoLowerThanTheBestOfThem() {
        // one lagging minute at 760 per KPU (busy all the time, out of the band): too few for a measurement
        List<MinuteMetrics> window = RateEstimatorTest.edit(
                keepingUp(600, 857),
                m -> new MinuteMetrics(m.minute(), 760 * 2 * 60, 90_000, 760 * 2 * 60, Double.NaN, 1000),
                NOW - 5,
                NOW - 3);
        RateEstimate e = estimate(window, SETTLED);
        assertEquals(760, e.scaleOutPerKpu(), 1);
        assertTrue(e.reason().contains("corroborated by 1 lagging minutes (best 760)"), e.reason());
    }

    @Test
    void staysUnderTheCeilingALaggingMeasurementSet() {
        LearnedRate capped = SETTLED.withBusyCeiling(1050);
        RateEstimate e = estimate(keepingUp(900, 692.3), capped);
        assertEquals(1000, e.scaleOutPerKpu());
        assertTrue(e.reason().contains("capped at 1050 (a lagging measurement showed the job slower)"), e.reason());
        assertEquals(
                1200,
                estimate(keepingUp(900, 692.3), SETTLED.withBusyCeiling(1200)).scaleOutPerKpu(),
                1e-9);
    }

    @Test
    void aLaggingMeasurementBelowTheLearnedRateSetsTheCeilingAndWinsOverBusyTime() {
        // busy time raised the rate to 1300, but the busiest task was not the bottleneck: the job lags at 1000
        LearnedRate raised = new LearnedRate(1300, 1000, 1000, NOW - 600, NOW - 600);
        List<MinuteMetrics> window = new ArrayList<>();
        for (MinuteMetrics m : RateEstimatorTest.lagging(1000)) {
            window.add(m.withBusyMillisPerSecond(769));
        }
        RateEstimate e = estimate(window, raised);
        assertEquals(1000, e.scaleOutPerKpu(), 1);
        assertEquals(1000, e.state().busyCeiling(), 1);
        // afterwards busy time (still saying 1300) cannot raise it past the ceiling
        RateEstimate next = ESTIMATOR.estimate(new RateObservation(
                NOW + 30, shift(keepingUp(900, 692.3), 30), 2, true, RateObservation.NO_RESCALE, e.state()));
        assertEquals(e.scaleOutPerKpu(), next.scaleOutPerKpu(), 1e-9);
    }

    @Test
    void aLaggingMeasurementAboveTheCeilingLiftsIt() {
        LearnedRate capped = SETTLED.withBusyCeiling(900);
        RateEstimate e = estimate(RateEstimatorTest.lagging(1200), capped);
        assertEquals(1200, e.state().busyCeiling(), 1);
    }

    @Test
    void theCeilingIsStoredAndAnOldTextStillParses() {
        LearnedRate withCeiling = SETTLED.withBusyCeiling(1050.5);
        assertEquals(withCeiling, LearnedRate.parse(withCeiling.text()));
        assertTrue(withCeiling.text().endsWith(" busyCeiling=1050.5"), withCeiling.text());
        assertTrue(Double.isNaN(LearnedRate.parse(SETTLED.text()).busyCeiling()));
        IllegalArgumentException bad = assertThrows(
                IllegalArgumentException.class, () -> LearnedRate.parse(SETTLED.text() + " busyCeiling=0"));
        assertTrue(bad.getMessage().contains("busyCeiling (0) must be a positive number"), bad.getMessage());
    }

    @Test
    void failsForABandThatIsEmpty() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> RateLearningSettings.builder(1000, 900)
                        .busyMinFraction(0.9)
                        .busyMaxFraction(0.5)
                        .build());
        assertEquals(
                "rateLearning.busyMinFraction (0.9) must be below rateLearning.busyMaxFraction (0.5)", e.getMessage());
        IllegalArgumentException minutes = assertThrows(
                IllegalArgumentException.class,
                () -> RateLearningSettings.builder(1000, 900).minBusyMinutes(0).build());
        assertEquals("rateLearning.minBusyMinutes (0) must be between 1 and 30", minutes.getMessage());
    }

    @Test
    void alignsTheBusySeries() {
        Instant t = Instant.ofEpochSecond(NOW * 60);
        List<MinuteMetrics> window =
                MinuteMetrics.align(Map.of(t, 120.0), Map.of(t, 0.0), Map.of(t, 120.0), Map.of(), Map.of(t, 500.0));
        assertEquals(500, window.get(0).busyMillisPerSecond());
        assertTrue(Double.isNaN(MinuteMetrics.align(Map.of(t, 1.0), Map.of(), Map.of(), Map.of())
                .get(0)
                .busyMillisPerSecond()));
    }

    private static List<MinuteMetrics> shift(List<MinuteMetrics> window, long minutes) {
        List<MinuteMetrics> out = new ArrayList<>();
        for (MinuteMetrics m : window) {
            out.add(new MinuteMetrics(
                    m.minute() + minutes,
                    m.consumed(),
                    m.lagMillis(),
                    m.incoming(),
                    m.throttled(),
                    m.busyMillisPerSecond()));
        }
        return out;
    }
}
