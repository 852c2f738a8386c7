package io.github.kdastepscaling.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kdastepscaling.policy.ScalingDefaults;
import io.github.kdastepscaling.simulator.ReferenceScenarios.Sizing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bars of issue 9 for the construct's defaults, lag guard on (ScalingDefaults.LAG_GUARD_*), on every reference
 * trace, in the reference scenarios ({@link ReferenceScenarios}, maxCapacity 12): configured 1.43x the true rate
 * (true 700), the largest processing delay is at most 15 minutes at no more than 1.35x the KPU-hours of the oracle
 * sized on the true rate; sized right, the guard costs nothing measurable (largest delay and KPU-hours within 5% of the
 * same policy without it). See docs/tuning.md.
 */
class LagGuardMeetsTheBarsTest {

    static Iterable<String> referenceTraces() {
        return ReferenceTraces.NAMES;
    }

    private static Report run(String trace, Sizing sizing) {
        return Simulator.run(
                ReferenceTraces.load(trace), ReferenceScenarios.settings(ReferenceScenarios.defaultPolicy(), sizing));
    }

    @ParameterizedTest
    @MethodSource("referenceTraces")
    void configuredTooHighTheGuardBoundsTheDelayAtACostNearTheOracles(String name) {
        Report report = run(name, Sizing.CONFIGURED_HIGH);
        PolicySummary policy = report.result(Simulator.POLICY_UNDER_TEST).summary();
        PolicySummary unguarded = report.result(Simulator.WITHOUT_GUARD).summary();
        PolicySummary oracle = report.result(OracleCapacity.ORACLE).summary();
        String table = "\n" + ReportWriter.table(report);
        assertEquals(700, report.settings().trueRecordsPerSecondPerKpu());
        assertEquals(1000, report.settings().configuredRecordsPerSecondPerKpu());
        assertTrue(policy.maxProcessingDelaySeconds() <= 900, name + ": largest delay over 15 minutes" + table);
        assertTrue(policy.kpuHours() <= 1.35 * oracle.kpuHours(), name + ": KPU-hours over 1.35x the oracle" + table);
        assertTrue(policy.lagGuardScaleOuts() > 0, name + ": the guard acted" + table);
        assertTrue(
                unguarded.maxProcessingDelaySeconds() > 3600,
                name + ": without the guard the job falls behind for good" + table);
    }

    @ParameterizedTest
    @MethodSource("referenceTraces")
    void sizedRightTheGuardCostsNothingMeasurable(String name) {
        Report report = run(name, Sizing.SIZED_RIGHT);
        PolicySummary policy = report.result(Simulator.POLICY_UNDER_TEST).summary();
        PolicySummary unguarded = report.result(Simulator.WITHOUT_GUARD).summary();
        String table = "\n" + ReportWriter.table(report);
        assertTrue(
                Math.abs(policy.kpuHours() - unguarded.kpuHours()) <= 0.05 * unguarded.kpuHours(),
                name + ": KPU-hours differ by more than 5%" + table);
        assertTrue(
                Math.abs(policy.maxProcessingDelaySeconds() - unguarded.maxProcessingDelaySeconds())
                        <= 0.05 * unguarded.maxProcessingDelaySeconds(),
                name + ": largest delay differs by more than 5%" + table);
    }

    /**
     * Issue 23: the draining guard (the default) against issue 9's ({@code drainMinutes} 0), learning off and on,
     * sized right and configured 1.43x: restarts no worse on any reference trace, and fewer restarts in all on the
     * traces where issue 9's guard fires after a restart (docs/tuning.md). Without learning the largest delay is no
     * worse either. With learning the drain horizon also sizes a rescale of a job that is behind
     * ({@code RescaleUnderBacklog}: under the bound within the horizon), and issue 9's guard, firing at the bound, sizes
     * it to be under the bound within a minute: on the ramp at 1.43x that buys 249 s of delay against 274 s for one
     * restart more, so there the delay is held to the issue's bar instead.
     */
    @ParameterizedTest
    @MethodSource("allReferenceTraces")
    void theDrainingGuardIsNoWorseThanIssue9sOnAnyTrace(String name) {
        for (boolean learning : new boolean[] {false, true}) {
            for (Sizing sizing : new Sizing[] {Sizing.SIZED_RIGHT, Sizing.CONFIGURED_HIGH}) {
                var draining =
                        DrainingGuardFigures.run(name, ScalingDefaults.LAG_GUARD_DRAIN_MINUTES, sizing, learning);
                var issue9 = DrainingGuardFigures.run(name, 0, sizing, learning);
                String where = name + ", " + sizing.label() + ", learning " + (learning ? "on" : "off") + ": "
                        + draining + " vs " + issue9;
                assertTrue(draining.rescales() <= issue9.rescales(), where);
                assertTrue(
                        learning
                                ? draining.maxDelaySeconds() <= 600
                                : draining.maxDelaySeconds() <= issue9.maxDelaySeconds(),
                        where);
            }
        }
    }

    @Test
    void theDrainingGuardSavesRestartsWhereIssue9sFiresAfterARestart() {
        int saved = 0;
        for (String name : ReferenceTraces.allNames()) {
            for (boolean learning : new boolean[] {false, true}) {
                var draining = DrainingGuardFigures.run(
                        name, ScalingDefaults.LAG_GUARD_DRAIN_MINUTES, Sizing.CONFIGURED_HIGH, learning);
                var issue9 = DrainingGuardFigures.run(name, 0, Sizing.CONFIGURED_HIGH, learning);
                saved += issue9.rescales() - draining.rescales();
            }
        }
        // 3 since the load alarms measure the load at the learned rate (ScaledLoad): with learning on, the guard no
        // longer fires on bursts-on-boundary with either horizon (18 rescales each, 21 and 20 before).
        assertEquals(3, saved, "restarts saved over the reference traces, configured 1.43x, learning off and on");
    }

    static Iterable<String> allReferenceTraces() {
        return ReferenceTraces.allNames();
    }
}
