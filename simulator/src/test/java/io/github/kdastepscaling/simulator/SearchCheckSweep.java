package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.ScalingPolicy;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Not a test: issue 23's "the recommendation is beaten by a policy inside its own search space", measured on the full
 * space (docs/tuning.md). On every reference trace, {@code tune}'s search (the rate grid, three descents) and
 * {@code tune --thorough}'s (the same, then the pass over every pair of settings) against a slower one (twelve
 * descents and the pair pass), with the stressed variants, the lag guard kept as
 * {@code tune} keeps it; prints whether the slower search found a policy that beats the recommendation in the tuner's
 * own order.
 * Run: java -cp simulator/target/test-classes:simulator/target/kda-step-scaling-simulator.jar
 * io.github.kdastepscaling.simulator.SearchCheckSweep [NAME|PATTERN@DAYS ...] (default: the reference traces;
 * e.g. diurnal@7 for a week of MultiDayTraces)
 */
public final class SearchCheckSweep {

    static final int SLOW_SEEDS = 12;

    private SearchCheckSweep() {}

    public static void main(String[] args) {
        System.out.println(
                "| trace | search | KPU-hours | rescales | worst delay (s) | policies | runs | s | beaten by "
                        + "the slower search |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---|");
        for (String name : args.length > 0 ? List.of(args) : ReferenceTraces.NAMES) {
            // NAME: a reference trace; PATTERN@DAYS: a multi-day trace (MultiDayTraces)
            Trace trace = name.contains("@")
                    ? MultiDayTraces.generate(name.split("@")[0], Integer.parseInt(name.split("@")[1]))
                    : ReferenceTraces.load(name);
            SimulationSettings settings =
                    SimulationSettings.defaults(ScalingPolicy.builder().build());
            PolicySpace space = PolicySpace.of(
                            settings.policy(), settings.trueRecordsPerSecondPerKpu(), trace.peak(), Set.of())
                    .keepingTheLagGuard();
            var variants = StressVariants.of(trace);
            Tuner slowTuner = tuner(space, variants, settings).withSearch(SLOW_SEEDS, true);
            Run slow = run(slowTuner);
            Run before = run(tuner(space, variants, settings).withSearch(Tuner.SEEDS, false));
            Run now = run(tuner(space, variants, settings).withSearch(Tuner.SEEDS, true));
            print(name, "tune (3 descents)", before, slowTuner, slow);
            print(name, "tune --thorough (3 descents + pairs)", now, slowTuner, slow);
            print(name, "slower (12 descents + pairs)", slow, slowTuner);
        }
    }

    private record Run(Tuner.Result result, double seconds) {}

    private static Tuner tuner(PolicySpace space, List<StressVariants.Variant> variants, SimulationSettings settings) {
        return new Tuner(space, variants, settings.job(), settings.initialCapacity(), 300, (d, t) -> {});
    }

    private static Run run(Tuner tuner) {
        long began = System.nanoTime();
        Tuner.Result result = tuner.tune();
        return new Run(result, (System.nanoTime() - began) / 1e9);
    }

    private static void print(String name, String search, Run run, Tuner order, Run... slower) {
        Tuner.Evaluation best = run.result().best();
        String beaten = slower.length == 0
                ? ""
                : order.order().compare(slower[0].result().best(), best) < 0 ? "**yes**" : "no";
        System.out.println(String.format(
                Locale.ROOT,
                "| %s | %s | %.3f | %d | %.0f | %d | %d | %.1f | %s |",
                name,
                search,
                best.kpuHours(),
                best.rescales(),
                best.worstDelaySeconds(),
                run.result().evaluated().size(),
                run.result().simulations(),
                run.seconds(),
                beaten));
    }
}
