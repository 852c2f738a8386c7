package io.github.kdastepscaling.policy.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.kdastepscaling.policy.ScalingDirection;
import io.github.kdastepscaling.policy.ScalingThresholds;
import io.github.kdastepscaling.policy.SignalKind;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RateLearningSettingsTest {

    @Test
    void defaultsBoundTheRateAtHalfAndTwiceTheConfiguredOne() {
        RateLearningSettings settings = RateLearningSettings.builder(1000, 900).build();
        assertEquals(500, settings.minRate());
        assertEquals(2000, settings.maxRate());
        assertEquals(0.9, settings.scaleInRatio(), 1e-12);
    }

    static Stream<Arguments> bad() {
        return Stream.of(
                Arguments.of(
                        (UnaryOperator<RateLearningSettings.Builder>) b -> b.minRate(1200),
                        "rateLearning.minRate (1200) and rateLearning.maxRate (2000) must include the configured "
                                + "scaleOutRecordsPerSecondPerKpu (1000)"),
                Arguments.of(
                        (UnaryOperator<RateLearningSettings.Builder>) b -> b.maxRate(-1),
                        "rateLearning.maxRate (-1) must be a positive number"),
                Arguments.of(
                        (UnaryOperator<RateLearningSettings.Builder>) b -> b.windowMinutes(2),
                        "rateLearning.windowMinutes (2) must be between 5 and 1440"),
                Arguments.of(
                        (UnaryOperator<RateLearningSettings.Builder>) b -> b.maxMovePerHour(0),
                        "rateLearning.maxMovePerHour (0) must be above 0 up to 1"),
                Arguments.of(
                        (UnaryOperator<RateLearningSettings.Builder>) b -> b.probeStep(-0.1),
                        "rateLearning.probeStep (-0.1) must be from 0 up to 1"),
                Arguments.of(
                        (UnaryOperator<RateLearningSettings.Builder>) b -> b.minLaggingMinutes(31),
                        "rateLearning.minLaggingMinutes (31) must be between 1 and 30"));
    }

    @ParameterizedTest
    @MethodSource("bad")
    void failsOnABadSetting(UnaryOperator<RateLearningSettings.Builder> change, String message) {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> change.apply(RateLearningSettings.builder(1000, 900)).build());
        assertEquals(message, e.getMessage());
    }

    @Test
    void theLowerBoundHoldsOverHours() {
        RateEstimator estimator =
                new RateEstimator(RateLearningSettings.builder(1000, 900).build());
        LearnedRate state = RateEstimatorTest.SETTLED;
        for (int hour = 0; hour < 3; hour++) {
            long now = RateEstimatorTest.NOW + hour * 60L;
            state = estimator
                    .estimate(new RateObservation(
                            now,
                            RateEstimatorTest.shift(RateEstimatorTest.lagging(300), hour * 60L),
                            2,
                            true,
                            RateObservation.NO_RESCALE,
                            state))
                    .state();
        }
        assertEquals(500, state.rate(), 1e-9, "0.5x the configured rate, whatever the measurement");
    }

    @Test
    void failsWhenScaleInIsNotBelowScaleOut() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> RateLearningSettings.builder(1000, 1000).build());
        assertEquals(
                "scaleInRecordsPerSecondPerKpu (1000) must be below scaleOutRecordsPerSecondPerKpu (1000)",
                e.getMessage());
    }

    @Test
    void failsForAUtilizationSignal() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> RateLearningSettings.builder(ScalingThresholds.utilization(75, 30, 10, 1)));
        assertEquals("a UTILIZATION signal has no per-KPU rate to learn", e.getMessage());
    }

    @Test
    void learnedThresholdsKeepTheConfiguredRatio() {
        ScalingThresholds configured = new ScalingThresholds(1000, 900, 1);
        ScalingThresholds learned = configured.withLearnedScaleOut(700);
        assertEquals(2100, learned.scaleOutThreshold(3), 1e-9);
        assertEquals(2 * 630, learned.scaleInThreshold(3), 1e-9);
        assertEquals(0, learned.scaleInThreshold(1), "nothing to remove at the minimum");
        assertEquals(700, learned.stepUnit(ScalingDirection.SCALE_OUT), 1e-9);
        ScalingThresholds bytes = ScalingThresholds.load(SignalKind.INCOMING_BYTES, 1_000_000, 800_000, 1);
        assertEquals(1_040_000, bytes.withLearnedScaleOut(1_300_000).scaleInPerKpu(), 1e-6);
    }

    @Test
    void failsOnALearnedRateThatIsNotPositive() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new ScalingThresholds(1000, 900, 1).withLearnedScaleOut(Double.NaN));
        assertEquals("learned scaleOutRecordsPerSecondPerKpu (NaN) must be a positive number", e.getMessage());
    }
}
