package io.github.kdastepscaling.policy.rate;

import static io.github.kdastepscaling.policy.rate.RateEstimatorTest.ESTIMATOR;
import static io.github.kdastepscaling.policy.rate.RateEstimatorTest.laggingAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A measurement moves the learned rate only when the noise of its few minutes cannot explain the difference: the
 * scaler reads hundreds of samples a week, and a move made by noise costs restarts.
 */
class RateEstimatorNoiseTest {

    @Test
    void twoMinutesSevenPercentHighAreNoise() {
        // 3% noise per minute: two minutes have a standard error of 2.1%, so 7% is 3.3 of them, under 3.5
        RateEstimate estimate = ESTIMATOR.estimate(laggingAt(1065, 1075));
        assertEquals(1000, estimate.scaleOutPerKpu(), estimate.reason());
        assertFalse(estimate.changed());
        assertTrue(
                estimate.reason()
                        .contains("within 7% of the learned rate (what the noise of so few minutes "
                                + "explains): kept at 1000"),
                estimate.reason());
    }

    @Test
    void eightMinutesSevenPercentHighMoveIt() {
        RateEstimate estimate = ESTIMATOR.estimate(laggingAt(1065, 1075, 1070, 1072, 1068, 1071, 1069, 1070));
        assertEquals(1070, estimate.scaleOutPerKpu(), 1e-9, estimate.reason());
        assertTrue(estimate.changed());
    }

    @Test
    void aGuessThirtyPercentOffIsCorrectedByTwoMinutes() {
        assertEquals(700, ESTIMATOR.estimate(laggingAt(700, 690)).scaleOutPerKpu(), 1e-9);
        assertEquals(1305, ESTIMATOR.estimate(laggingAt(1300, 1310)).scaleOutPerKpu(), 1e-9); // the median
    }

    @Test
    void aSpreadSampleNeedsALargerDifference() {
        // 1,060 +- 10%: the sample's own spread (robust: median absolute deviation) says 6% is noise
        RateEstimate estimate = ESTIMATOR.estimate(laggingAt(960, 1060, 1160, 1060, 960, 1160));
        assertEquals(1000, estimate.scaleOutPerKpu(), estimate.reason());
    }

    @Test
    void oneMinuteWarmingUpDoesNotMakeACutLookLikeNoise() {
        RateEstimate estimate = ESTIMATOR.estimate(laggingAt(400, 700, 690));
        assertEquals(700, estimate.scaleOutPerKpu(), 1e-9, estimate.reason());
    }

    @Test
    void aBusyTimeRaiseNeverCutsBelowTheLearnedRate() {
        // a lagging measurement too small to move the rate left a ceiling of 950; busy time says 1,300
        LearnedRate capped = RateEstimatorTest.SETTLED.withBusyCeiling(950);
        RateEstimate e = RateEstimatorBusyTimeTest.estimate(RateEstimatorBusyTimeTest.keepingUp(900, 692.3), capped);
        assertEquals(1000, e.scaleOutPerKpu(), e.reason());
        assertFalse(e.changed());
        assertTrue(e.reason().contains("capped at 1000"), e.reason());
    }

    @Test
    void busyTimeNearTheTopCounts() {
        // a job that keeps up near its limit: its minutes 96..99% busy say what a KPU does, and do not only keep
        // those measured low (a band ending at 95% overstated the rate)
        List<MinuteMetrics> window = new ArrayList<>();
        for (MinuteMetrics m : RateEstimatorBusyTimeTest.keepingUp(1280, 980)) {
            window.add(m);
        }
        RateEstimate e = RateEstimatorBusyTimeTest.estimate(window, RateEstimatorTest.SETTLED);
        assertEquals(1280 / 0.98, e.scaleOutPerKpu(), 1e-6, e.reason());
    }

    @Test
    void theRequiredMoveIsTheHysteresisOrTheNoiseOfTheSample() {
        RateLearningSettings settings = RateLearningSettings.builder(1000, 900).build();
        assertEquals(0.05, settings.requiredMove(10, 0), 1e-12);
        assertEquals(3.5 * 0.03 / Math.sqrt(2), settings.requiredMove(2, 0), 1e-12);
        assertEquals(3.5 * 0.1 / Math.sqrt(9), settings.requiredMove(9, 0.1), 1e-12);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> RateLearningSettings.builder(1000, 900).minuteNoise(1.5).build());
        assertEquals("rateLearning.minuteNoise (1.5) must be from 0 up to 1", e.getMessage());
    }
}
