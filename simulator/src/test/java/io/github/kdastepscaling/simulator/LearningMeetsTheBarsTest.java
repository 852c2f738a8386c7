package io.github.kdastepscaling.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kdastepscaling.simulator.LearningScenarios.Figures;
import io.github.kdastepscaling.simulator.ReferenceScenarios.Sizing;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 19's bars for the scaler learning its per-KPU rate (the estimator's defaults), on every reference trace, in
 * the reference scenarios ({@link LearningScenarios}), with no warm-up after restarts (the job model of the figures
 * before issue 19) and with a 1-minute warm-up. What holds is checked here; what does not (configured 30% low, the
 * KPU-hours within 1.20x the oracle; rescales within 1.25x those of the policy configured with the true rate on some
 * traces) is in docs/tuning.md with its figures.
 */
class LearningMeetsTheBarsTest {

    static Iterable<String> referenceTraces() {
        return ReferenceTraces.NAMES;
    }

    /** Every reference trace with no warm-up (the job model of the figures before issue 19) and with 1 minute. */
    static Stream<Arguments> tracesAndWarmUps() {
        return ReferenceTraces.NAMES.stream().flatMap(t -> Stream.of(Arguments.of(t, 0), Arguments.of(t, 1)));
    }

    /** Sized right, up to 2 minutes of warm-up: learning must cost nothing however long the restarts' tail. */
    static Stream<Arguments> tracesAndLongerWarmUps() {
        return ReferenceTraces.NAMES.stream().flatMap(t -> Stream.of(0, 1, 2).map(w -> Arguments.of(t, w)));
    }

    private static Figures on(String trace, Sizing sizing, int warmUp) {
        return LearningScenarios.run(trace, sizing, LearningSettings.ON, warmUp);
    }

    private static Figures off(String trace, Sizing sizing, int warmUp) {
        return LearningScenarios.run(trace, sizing, LearningSettings.OFF, warmUp);
    }

    private static String describe(String trace, Sizing sizing, Figures f) {
        return String.format(
                Locale.ROOT,
                "%s at %.0f: max delay %.0f s, %.3fx the oracle, %d rescales",
                trace,
                sizing.trueRecordsPerSecondPerKpu(),
                f.policy().maxProcessingDelaySeconds(),
                f.kpuHoursVsOracle(),
                f.policy().rescales());
    }

    @ParameterizedTest(name = "{0}, warm-up {1} min")
    @MethodSource("tracesAndWarmUps")
    void configuredTooHighItLearnsWithinTheHourAndBoundsDelayAndCost(String trace, int warmUp) {
        Figures learning = on(trace, Sizing.CONFIGURED_HIGH, warmUp);
        Figures today = off(trace, Sizing.CONFIGURED_HIGH, warmUp);
        String text = describe(trace, Sizing.CONFIGURED_HIGH, learning) + " (without learning: "
                + describe(trace, Sizing.CONFIGURED_HIGH, today) + ")";
        assertTrue(learning.policy().maxProcessingDelaySeconds() <= 600, "delay over 600 s: " + text);
        assertTrue(learning.kpuHoursVsOracle() <= 1.20, "KPU-hours over 1.20x the oracle: " + text);
        assertTrue(learning.policy().rescales() <= today.policy().rescales(), "more rescales than today: " + text);
        assertTrue(learning.hoursToWithinTenPercent(700) <= 1, "not within 10% of 700 within the hour: " + text);
        double end = learning.learnedRate()[learning.learnedRate().length - 1];
        assertTrue(Math.abs(end - 700) <= 70, "learned " + end + " at the end: " + text);
    }

    @ParameterizedTest(name = "{0}, warm-up {1} min")
    @MethodSource("tracesAndWarmUps")
    void configuredTooLowItBoundsTheDelayAndCostsNoMoreThanToday(String trace, int warmUp) {
        Figures learning = on(trace, Sizing.CONFIGURED_LOW, warmUp);
        Figures today = off(trace, Sizing.CONFIGURED_LOW, warmUp);
        String text = describe(trace, Sizing.CONFIGURED_LOW, learning) + " (without learning: "
                + describe(trace, Sizing.CONFIGURED_LOW, today) + ")";
        assertTrue(learning.policy().maxProcessingDelaySeconds() <= 600, "delay over 600 s: " + text);
        assertTrue(learning.policy().kpuHours() <= today.policy().kpuHours(), "more KPU-hours than today: " + text);
        assertTrue(
                learning.policy().rescales() <= 1.25 * today.policy().rescales(),
                "over 1.25x today's rescales: " + text);
        double max = 0;
        for (double rate : learning.learnedRate()) {
            max = Math.max(max, rate);
        }
        // a probe needs the job to keep up at 90% of the learned rate, so probing stops by true / 0.9 (+ noise)
        assertTrue(max <= 1.15 * 1300, "learned " + max + ", over 15% above the true rate: " + text);
    }

    @ParameterizedTest(name = "{0}, warm-up {1} min")
    @MethodSource("tracesAndLongerWarmUps")
    void sizedRightLearningCostsNothingMeasurable(String trace, int warmUp) {
        Figures learning = on(trace, Sizing.SIZED_RIGHT, warmUp);
        Figures today = off(trace, Sizing.SIZED_RIGHT, warmUp);
        String text = describe(trace, Sizing.SIZED_RIGHT, learning) + " (without learning: "
                + describe(trace, Sizing.SIZED_RIGHT, today) + ")";
        assertTrue(
                learning.policy().maxProcessingDelaySeconds()
                        <= 1.05 * today.policy().maxProcessingDelaySeconds(),
                "largest delay over 5% above today's: " + text);
        assertTrue(
                Math.abs(learning.policy().kpuHours() - today.policy().kpuHours())
                        <= 0.05 * today.policy().kpuHours(),
                "KPU-hours differ by more than 5%: " + text);
    }

    @ParameterizedTest
    @MethodSource("referenceTraces")
    void aSecondConsumerOnTheStreamIsRefusedAndChangesNothing(String trace) {
        Figures second = LearningScenarios.run(
                trace,
                Sizing.CONFIGURED_HIGH,
                LearningSettings.ON.withSecondConsumer(true),
                LearningScenarios.WARM_UP_MINUTES);
        // learning that cannot move the rate: the load needs still steer the rescales (ScaleOutFloor, ScaleInTarget)
        Figures pinned = LearningScenarios.run(
                trace,
                Sizing.CONFIGURED_HIGH,
                LearningSettings.ON
                        .withSecondConsumer(true)
                        .withEstimator(b -> b.minRate(1000).maxRate(1000)),
                LearningScenarios.WARM_UP_MINUTES);
        for (double rate : second.learnedRate()) {
            assertEquals(1000, rate, "the doubled consumption series was used");
        }
        assertEquals(pinned.policy().kpuHours(), second.policy().kpuHours(), 1e-9);
        assertEquals(pinned.policy().rescales(), second.policy().rescales());
    }
}
