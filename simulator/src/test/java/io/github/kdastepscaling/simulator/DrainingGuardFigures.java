package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.LagGuard;
import io.github.kdastepscaling.policy.ScalingPolicy;
import io.github.kdastepscaling.simulator.ReferenceScenarios.Sizing;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Not a test: the figures of issue 23's lag guard (docs/tuning.md). On every reference trace, sized right and
 * configured 1.43x the true rate, learning off and on, the default policy (maxCapacity
 * {@link ReferenceScenarios#MAX_CAPACITY}) with the guard of issue 9 ({@code drainMinutes} 0: every lag at or above the
 * bound breaches) and with the draining guard at each horizon. A guard scale-out "after a restart" is one asked for
 * within {@link #AFTER_RESTART_MINUTES} of the previous capacity change, while the job is catching up on that restart.
 * Run: java -cp simulator/target/test-classes:simulator/target/kda-step-scaling-simulator.jar
 * io.github.kdastepscaling.simulator.DrainingGuardFigures [horizon...]
 */
public final class DrainingGuardFigures {

    /** A restart of 2 minutes, the 3 minutes the lag alarm needs, and the catch-up the restart left: 15 minutes. */
    static final int AFTER_RESTART_MINUTES = 15;

    /** The figures of one run. */
    record Figures(
            double kpuHours,
            double maxDelaySeconds,
            int rescales,
            int guardScaleOuts,
            int guardScaleOutsAfterRestart) {}

    private DrainingGuardFigures() {}

    static ScalingPolicy policy(int drainMinutes) {
        return ScalingPolicy.builder()
                .maxCapacity(ReferenceScenarios.MAX_CAPACITY)
                .lagGuard(LagGuard.builder().drainMinutes(drainMinutes).build())
                .build();
    }

    static Figures run(String trace, int drainMinutes, Sizing sizing, boolean learning) {
        SimulationSettings settings = ReferenceScenarios.settings(policy(drainMinutes), sizing)
                .withLearning(learning ? LearningSettings.ON : LearningSettings.OFF);
        StepScalingRun run = StepScalingSimulation.run(
                ReferenceTraces.load(trace),
                StepScalingSpec.of(settings.policy()),
                settings.job(),
                new InMemoryCapacityActuator(settings.initialCapacity()),
                minute -> {},
                settings.policy().thresholds(),
                settings.learning(),
                SharedStream.ALONE);
        PolicySummary summary =
                PolicySummary.of("policy", run.workload(), settings.pricePerKpuHour(), run.lagGuardActivities());
        int afterRestart = 0;
        int previousChange = Integer.MIN_VALUE / 2;
        for (ScalingActivity activity : run.activities()) {
            if (activity.lagGuard() && activity.minute() - previousChange <= AFTER_RESTART_MINUTES) {
                afterRestart++;
            }
            if (activity.to() != activity.from()) {
                previousChange = activity.minute();
            }
        }
        return new Figures(
                summary.kpuHours(),
                summary.maxProcessingDelaySeconds(),
                summary.rescales(),
                summary.lagGuardScaleOuts(),
                afterRestart);
    }

    public static void main(String[] args) {
        int[] horizons = args.length == 0
                ? new int[] {5, 10, 15, 20, 30}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        System.out.println("| learning | sizing | trace | guard | KPU-hours | max delay (s) | rescales | by the guard "
                + "| by the guard after a restart |");
        System.out.println("|---|---|---|---|---:|---:|---:|---:|---:|");
        for (boolean learning : List.of(false, true)) {
            for (Sizing sizing : List.of(Sizing.SIZED_RIGHT, Sizing.CONFIGURED_HIGH)) {
                for (String trace : ReferenceTraces.allNames()) {
                    print(learning, sizing, trace, "issue 9 (0)", run(trace, 0, sizing, learning));
                    for (int horizon : horizons) {
                        print(learning, sizing, trace, "draining " + horizon, run(trace, horizon, sizing, learning));
                    }
                }
            }
        }
    }

    private static void print(boolean learning, Sizing sizing, String trace, String guard, Figures f) {
        System.out.println(String.format(
                Locale.ROOT,
                "| %s | %s | %s | %s | %.2f | %.0f | %d | %d | %d |",
                learning ? "on" : "off",
                sizing.equals(Sizing.SIZED_RIGHT) ? "right" : "1.43x",
                trace,
                guard,
                f.kpuHours(),
                f.maxDelaySeconds(),
                f.rescales(),
                f.guardScaleOuts(),
                f.guardScaleOutsAfterRestart()));
    }
}
