package io.github.kdastepscaling.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kdastepscaling.simulator.LearningScenarios.Figures;
import io.github.kdastepscaling.simulator.ReferenceScenarios.Sizing;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 19 with busy time ({@link BusyTimeScenarios}): on every reference trace, with no warm-up and with 1 minute,
 * busy time changes nothing for a job sized right, learns a rate guessed 30% low within half an hour, and a busiest
 * task that is not the bottleneck (busy 80% of the bottleneck's time) keeps every delay within issue 19's 600 s.
 */
class BusyTimeLearningTest {

    static Stream<Arguments> tracesAndWarmUps() {
        return ReferenceTraces.NAMES.stream().flatMap(t -> Stream.of(Arguments.of(t, 0), Arguments.of(t, 1)));
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
    void sizedRightBusyTimeChangesNothing(String trace, int warmUp) {
        Figures busy = LearningScenarios.run(trace, Sizing.SIZED_RIGHT, BusyTimeScenarios.withBusyTime(1), warmUp);
        Figures without = LearningScenarios.run(trace, Sizing.SIZED_RIGHT, LearningSettings.ON, warmUp);
        String text = describe(trace, Sizing.SIZED_RIGHT, busy) + " (without busy time: "
                + describe(trace, Sizing.SIZED_RIGHT, without) + ")";
        assertEquals(without.policy().maxProcessingDelaySeconds(), busy.policy().maxProcessingDelaySeconds(), text);
        assertEquals(without.kpuHoursVsOracle(), busy.kpuHoursVsOracle(), 1e-9, text);
        assertEquals(without.policy().rescales(), busy.policy().rescales(), text);
    }

    @ParameterizedTest(name = "{0}, warm-up {1} min")
    @MethodSource("tracesAndWarmUps")
    void configuredTooLowItLearnsWithinHalfAnHourAndCostsNoMore(String trace, int warmUp) {
        Figures busy = LearningScenarios.run(trace, Sizing.CONFIGURED_LOW, BusyTimeScenarios.withBusyTime(1), warmUp);
        Figures without = LearningScenarios.run(trace, Sizing.CONFIGURED_LOW, LearningSettings.ON, warmUp);
        String text = describe(trace, Sizing.CONFIGURED_LOW, busy) + " (without busy time: "
                + describe(trace, Sizing.CONFIGURED_LOW, without) + ")";
        assertTrue(busy.hoursToWithinTenPercent(1300) <= 0.5, "not within 10% of 1300 in half an hour: " + text);
        assertTrue(busy.shareWithinTenPercentAfter(1300) == 1, "left 10% of 1300: " + text);
        assertTrue(busy.policy().maxProcessingDelaySeconds() <= 600, "delay over 600 s: " + text);
        assertTrue(busy.kpuHoursVsOracle() <= without.kpuHoursVsOracle() + 1e-9, "more KPU-hours: " + text);
    }

    /**
     * Issue 19's rescale bar, learning as shipped (busy time on), guessed 1.43x high and 30 % low: at most 1.25x the
     * restarts of the policy configured with the true rate, on every reference trace but the step at 1,300, whose base
     * (1,200 records/s) is over one KPU at the configured 1,000 from its first minute: the scale-out on the guess and
     * the resize that puts it back come before and after anything can be measured, 4 restarts against 2
     * (docs/tuning.md, "Where issue 19's bars stand"). It holds on the bursts at 1,300 since the load alarms measure
     * the load at the learned rate's scale (20 restarts against 15 before).
     */
    @ParameterizedTest(name = "{0}, warm-up {1} min")
    @MethodSource("tracesAndWarmUps")
    void restartsAreAtMostAQuarterMoreThanThePolicyConfiguredRight(String trace, int warmUp) {
        for (Sizing sizing : new Sizing[] {Sizing.CONFIGURED_HIGH, Sizing.CONFIGURED_LOW}) {
            if (trace.equals("step") && sizing == Sizing.CONFIGURED_LOW) {
                continue;
            }
            Figures learning = LearningScenarios.run(trace, sizing, BusyTimeScenarios.withBusyTime(1), warmUp);
            Figures right = LearningScenarios.runConfiguredRight(trace, sizing, warmUp);
            assertTrue(
                    learning.policy().rescales() <= 1.25 * right.policy().rescales(),
                    describe(trace, sizing, learning) + " against configured right: " + describe(trace, sizing, right));
        }
    }

    @ParameterizedTest(name = "{0}, warm-up {1} min")
    @MethodSource("tracesAndWarmUps")
    void aBusiestTaskThatIsNotTheBottleneckKeepsTheDelayBar(String trace, int warmUp) {
        for (Sizing sizing : Sizing.values()) {
            Figures f = LearningScenarios.run(trace, sizing, BusyTimeScenarios.withBusyTime(0.8), warmUp);
            assertTrue(
                    f.policy().maxProcessingDelaySeconds() <= 600, "delay over 600 s: " + describe(trace, sizing, f));
        }
    }

    @Test
    void publishesTheBusyShareOfTheBottleneckTimesTheReportedShare() {
        BusyTimeModel half = new BusyTimeModel(true, 0.5);
        assertEquals(350, half.datapoint(700, 1000, 0.03, 0), 1e-9);
        assertEquals(1000, BusyTimeModel.BOTTLENECK.datapoint(1000, 1000, 0.03, 2), 1e-9); // at most 1000 ms/s
        assertEquals(Double.NaN, BusyTimeModel.BOTTLENECK.datapoint(0, 0, 0.03, 0)); // restarting: no datapoint
        assertEquals(Double.NaN, BusyTimeModel.NONE.datapoint(700, 1000, 0.03, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BusyTimeModel(true, 0));
        assertEquals("reportedBusyShare (0.0) must be above 0 and at most 10", e.getMessage());
    }
}
