package io.github.kdastepscaling.policy.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The estimator as a table: each case is a window of minutes (what GetMetricData returns), the application's capacity
 * and status, the last rescale and the previous state; the expected learned rate and words of the reason.
 */
class RateEstimatorTest {

    static final long NOW = 29_000_000;
    /** The defaults, with probing on (off by default) so that its cases are checked too. */
    static final RateEstimator ESTIMATOR = new RateEstimator(RateLearningSettings.builder(1000, 900)
            .probeStep(RateLearningSettings.MEASURED_PROBE_STEP)
            .build());
    /** Learned 1000 an hour and more ago, last probe long ago. */
    static final LearnedRate SETTLED = new LearnedRate(1000, 1000, 1000, NOW - 600, NOW - 600);

    /** 30 minutes at 2 KPUs, each per-KPU consumption {@code perKpu} records/s, lag {@code lagSeconds}. */
    static List<MinuteMetrics> steady(double perKpu, double lagSeconds, double incomingPerSecond) {
        List<MinuteMetrics> window = new ArrayList<>();
        for (long m = NOW - 30; m < NOW; m++) {
            window.add(MinuteMetrics.of(m, perKpu * 2 * 60, lagSeconds * 1000, incomingPerSecond * 60));
        }
        return window;
    }

    static List<MinuteMetrics> lagging(double perKpu) {
        return steady(perKpu, 400, perKpu * 2 * 1.05);
    }

    static List<MinuteMetrics> edit(
            List<MinuteMetrics> window, UnaryOperator<MinuteMetrics> change, long from, long to) {
        List<MinuteMetrics> edited = new ArrayList<>();
        for (MinuteMetrics m : window) {
            edited.add(m.minute() >= from && m.minute() < to ? change.apply(m) : m);
        }
        return edited;
    }

    static RateObservation at2(List<MinuteMetrics> window) {
        return new RateObservation(NOW, window, 2, true, RateObservation.NO_RESCALE, SETTLED);
    }

    static Stream<Arguments> cases() {
        List<MinuteMetrics> slow = lagging(700);
        return Stream.of(
                Arguments.of(
                        "first estimate, no data: the configured rate",
                        new RateObservation(NOW, List.of(), 2, true, RateObservation.NO_RESCALE, null),
                        1000,
                        "learning starts at the configured 1000"),
                Arguments.of(
                        "lagging at 700 per KPU: cut to the observed rate",
                        at2(slow),
                        700,
                        "minutes lagging at 2 KPUs processed 700 per KPU (median; best 700): learned rate 1000 -> 700"),
                Arguments.of(
                        "lagging at 1300 per KPU: raised to the observed rate",
                        at2(lagging(1300)),
                        1300,
                        "learned rate 1000 -> 1300"),
                Arguments.of(
                        "lagging at 1030: within the hysteresis, kept",
                        at2(lagging(1030)),
                        1000,
                        "within 5% of the learned rate (the hysteresis): kept at 1000"),
                Arguments.of(
                        "lagging at 680: cut at once, within the move limit", at2(lagging(680)), 680, "1000 -> 680"),
                Arguments.of(
                        "lagging at 300: the move limit of 50% an hour holds the cut",
                        at2(lagging(300)), 1000 / 1.5, "is beyond the move limit of 50% an hour"),
                Arguments.of(
                        "lagging at 3000: the move limit of 50% an hour",
                        at2(lagging(3000)), 1500, "beyond the move limit of 50% an hour"),
                Arguments.of(
                        "only 1 lagging minute (its next one lags too): not enough",
                        at2(edit(
                                steady(500, 0, 1000),
                                m -> new MinuteMetrics(m.minute(), 700 * 120, 400_000, m.incoming(), 0),
                                NOW - 4,
                                NOW - 2)),
                        1000,
                        "1 lagging minutes (2 needed)"),
                Arguments.of(
                        "the lag's neighbours must lag too: one high-lag minute alone measures nothing",
                        at2(edit(
                                steady(700, 0, 1400),
                                m -> new MinuteMetrics(m.minute(), m.consumed(), 400_000, m.incoming(), 0),
                                NOW - 10,
                                NOW - 9)),
                        1000,
                        "0 lagging minutes"),
                Arguments.of(
                        "NaN consumption is ignored",
                        at2(edit(
                                slow,
                                m -> new MinuteMetrics(m.minute(), Double.NaN, m.lagMillis(), m.incoming(), 0),
                                NOW - 30,
                                NOW - 3)),
                        1000,
                        "too few to check the consumption against the incoming"),
                Arguments.of(
                        "negative consumption is ignored",
                        at2(edit(
                                slow,
                                m -> new MinuteMetrics(m.minute(), -5, m.lagMillis(), m.incoming(), 0),
                                NOW - 30,
                                NOW - 2)),
                        1000,
                        "too few to check the consumption"),
                Arguments.of(
                        "negative or infinite lag is ignored",
                        at2(edit(
                                edit(
                                        slow,
                                        m -> new MinuteMetrics(m.minute(), m.consumed(), -1, m.incoming(), 0),
                                        NOW - 30,
                                        NOW - 15),
                                m -> new MinuteMetrics(
                                        m.minute(), m.consumed(), Double.POSITIVE_INFINITY, m.incoming(), 0),
                                NOW - 15,
                                NOW)),
                        1000,
                        "too few to check the consumption"),
                Arguments.of(
                        "zero KPUs: refused with the reason",
                        new RateObservation(NOW, slow, 0, true, RateObservation.NO_RESCALE, SETTLED),
                        1000,
                        "capacity (0) is not a positive number of KPUs"),
                Arguments.of(
                        "negative KPUs: refused with the reason",
                        new RateObservation(NOW, slow, -3, true, RateObservation.NO_RESCALE, SETTLED),
                        1000,
                        "capacity (-3) is not a positive number of KPUs"),
                Arguments.of(
                        "not RUNNING: kept",
                        new RateObservation(NOW, slow, 2, false, RateObservation.NO_RESCALE, SETTLED),
                        1000,
                        "the application is not RUNNING"),
                Arguments.of(
                        "minutes before the last rescale ran at another capacity: dropped",
                        new RateObservation(NOW, slow, 2, true, NOW - 2, SETTLED),
                        1000,
                        "0 lagging minutes"),
                Arguments.of(
                        "minutes just after the rescale warm up: distrusted, the rest count",
                        new RateObservation(NOW, slow, 2, true, NOW - 8, SETTLED),
                        700,
                        "5 minutes lagging at 2 KPUs"),
                Arguments.of(
                        "within the warm-up only: nothing learned",
                        new RateObservation(NOW, slow, 2, true, NOW - 4, SETTLED),
                        1000,
                        "warming up"),
                Arguments.of(
                        "a gap (a restart the scaler did not make) distrusts the minutes after it",
                        at2(edit(
                                slow,
                                m -> new MinuteMetrics(m.minute(), Double.NaN, Double.NaN, m.incoming(), 0),
                                NOW - 6,
                                NOW - 5)),
                        700,
                        "minutes lagging at 2 KPUs processed 700 per KPU"),
                Arguments.of(
                        "throttled reads: what Kinesis allowed, not what the job can do",
                        at2(edit(
                                slow,
                                m -> new MinuteMetrics(m.minute(), m.consumed(), m.lagMillis(), m.incoming(), 12),
                                NOW - 30,
                                NOW)),
                        1000,
                        "2 warming up, 28 throttled"),
                Arguments.of(
                        "a second consumer: consumption twice the incoming load while keeping up",
                        at2(steady(1900, 0, 1900)),
                        1000,
                        "consumption is 2.00x what arrived and the backlog explain (another consumer"),
                Arguments.of(
                        "a second consumer also makes lagging minutes untrustworthy",
                        at2(edit(
                                steady(1000, 0, 1000),
                                m -> new MinuteMetrics(m.minute(), 1400 * 120, 400_000, m.incoming(), 0),
                                NOW - 8,
                                NOW)),
                        1000,
                        "consumption is 2.00x"),
                Arguments.of(
                        "kept up at 95% of the rate per KPU for 30 minutes: probe up 5%",
                        at2(steady(950, 0, 1900)), 1050, "probing up, 1000 -> 1050"),
                Arguments.of(
                        "kept up at half the rate: no probe",
                        at2(steady(500, 0, 1000)),
                        1000,
                        "0 kept up under load (10 needed)"),
                Arguments.of(
                        "probed 20 minutes ago: no probe yet",
                        new RateObservation(
                                NOW,
                                steady(950, 0, 1900),
                                2,
                                true,
                                RateObservation.NO_RESCALE,
                                new LearnedRate(1000, 1000, 1000, NOW - 600, NOW - 20)),
                        1000,
                        "learned rate kept"),
                Arguments.of(
                        "the configured rate changed: learning starts over",
                        new RateObservation(
                                NOW,
                                List.of(),
                                2,
                                true,
                                RateObservation.NO_RESCALE,
                                new LearnedRate(1300, 1200, 1300, NOW - 600, NOW - 600)),
                        1000,
                        "the configured rate changed from 1200: learning starts over"),
                Arguments.of(
                        "missing minutes everywhere: nothing learned, nothing thrown",
                        at2(List.of()),
                        1000,
                        "fewer than 10 minutes with consumption and lag in the window"),
                Arguments.of(
                        "NaN incoming and lag everywhere: nothing learned",
                        at2(edit(
                                slow,
                                m -> new MinuteMetrics(m.minute(), m.consumed(), Double.NaN, Double.NaN, Double.NaN),
                                NOW - 30,
                                NOW)),
                        1000,
                        "too few to check"),
                Arguments.of(
                        "a few minutes with NaN lag only: the rest still measures",
                        at2(edit(
                                slow,
                                m -> new MinuteMetrics(m.minute(), m.consumed(), Double.NaN, m.incoming(), Double.NaN),
                                NOW - 20,
                                NOW - 18)),
                        700,
                        "24 minutes lagging at 2 KPUs"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void estimates(String name, RateObservation observation, double expectedRate, String reasonPart) {
        RateEstimate estimate = ESTIMATOR.estimate(observation);
        assertEquals(expectedRate, estimate.scaleOutPerKpu(), 1e-9, estimate.reason());
        assertEquals(expectedRate * 0.9, estimate.scaleInPerKpu(), 1e-9, "the configured ratio 900/1000 is kept");
        assertTrue(estimate.reason().contains(reasonPart), "reason: " + estimate.reason());
        assertEquals(estimate.state(), LearnedRate.parse(estimate.state().text()), "the state round-trips");
        assertTrue(estimate.state().text().length() < 4096);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void changedSaysWhetherTheThresholdsMustBeReSet(
            String name, RateObservation observation, double expectedRate, String reasonPart) {
        RateEstimate estimate = ESTIMATOR.estimate(observation);
        double before = observation.previous() == null
                ? Double.NaN
                : observation.previous().rate();
        assertEquals(!(expectedRate == before), estimate.changed(), estimate.reason());
    }

    /** Lagging minutes at 2 KPUs, per-KPU rates as given (the rest of the window keeps up at 500). */
    static RateObservation laggingAt(double... perKpu) {
        List<MinuteMetrics> window = new ArrayList<>(steady(500, 0, 1000).subList(0, 30 - perKpu.length - 1));
        long m = NOW - perKpu.length - 1;
        for (double rate : perKpu) {
            window.add(MinuteMetrics.of(m++, rate * 120, 90_000, rate * 120));
        }
        window.add(MinuteMetrics.of(m, 700 * 120, 90_000, 700 * 120));
        return at2(window);
    }

    @Test
    void aCutGoesToTheHighestLaggingMinuteAWarmingUpOneDoesNotDragItDown() {
        RateEstimate estimate = ESTIMATOR.estimate(laggingAt(400, 700, 690));
        assertEquals(700, estimate.scaleOutPerKpu(), 1e-9, estimate.reason());
        assertTrue(
                estimate.reason().contains("processed 690 per KPU (median; best 700): learned rate 1000 -> 700"),
                estimate.reason());
    }

    @Test
    void aRaiseGoesToTheMedianANoisyHighMinuteDoesNotPushItUp() {
        RateEstimate estimate = ESTIMATOR.estimate(laggingAt(1300, 1500, 1290));
        assertEquals(1300, estimate.scaleOutPerKpu(), 1e-9, estimate.reason());
        assertTrue(
                estimate.reason().contains("processed 1300 per KPU (median; best 1500): learned rate 1000 -> 1300"),
                estimate.reason());
    }

    @Test
    void lowAndHighMinutesAroundTheLearnedRateKeepIt() {
        RateEstimate estimate = ESTIMATOR.estimate(laggingAt(800, 1100, 900));
        assertEquals(1000, estimate.scaleOutPerKpu(), 1e-9, estimate.reason());
    }

    @Test
    void theDefaultsDoNotProbe() {
        RateEstimate estimate =
                new RateEstimator(RateLearningSettings.builder(1000, 900).build()).estimate(at2(steady(950, 0, 1900)));
        assertEquals(1000, estimate.scaleOutPerKpu(), 1e-9, estimate.reason());
    }

    @Test
    void theSameWindowAgainChangesNothing() {
        RateEstimate first = ESTIMATOR.estimate(at2(lagging(700)));
        RateEstimate again = ESTIMATOR.estimate(
                new RateObservation(NOW + 1, lagging(700), 2, true, RateObservation.NO_RESCALE, first.state()));
        assertEquals(700, again.scaleOutPerKpu(), 1e-9);
        assertFalse(again.changed(), again.reason());
    }

    @Test
    void theMoveLimitHoldsForTheHourThenMovesOn() {
        RateEstimate first = ESTIMATOR.estimate(at2(lagging(3000)));
        assertEquals(1500, first.scaleOutPerKpu(), 1e-9);
        RateEstimate sameHour = ESTIMATOR.estimate(new RateObservation(
                NOW + 30, shift(lagging(3000), 30), 2, true, RateObservation.NO_RESCALE, first.state()));
        assertEquals(1500, sameHour.scaleOutPerKpu(), 1e-9, sameHour.reason());
        RateEstimate nextHour = ESTIMATOR.estimate(new RateObservation(
                NOW + 60, shift(lagging(3000), 60), 2, true, RateObservation.NO_RESCALE, sameHour.state()));
        assertEquals(2000, nextHour.scaleOutPerKpu(), 1e-9, "then the upper bound, 2x: " + nextHour.reason());
    }

    @Test
    void aProbeThatMadeTheJobLagIsCutToTheMeasurement() {
        RateEstimate probed = ESTIMATOR.estimate(at2(steady(950, 0, 1900)));
        assertEquals(1050, probed.scaleOutPerKpu(), 1e-9);
        RateEstimate cut = ESTIMATOR.estimate(new RateObservation(
                NOW + 30, shift(lagging(990), 30), 2, true, RateObservation.NO_RESCALE, probed.state()));
        assertEquals(990, cut.scaleOutPerKpu(), 1e-9, cut.reason());
        assertEquals(NOW + 30, cut.state().probeAt(), "the next probe waits an hour");
    }

    static List<MinuteMetrics> shift(List<MinuteMetrics> window, long minutes) {
        return window.stream()
                .map(m -> new MinuteMetrics(
                        m.minute() + minutes, m.consumed(), m.lagMillis(), m.incoming(), m.throttled()))
                .toList();
    }
}
