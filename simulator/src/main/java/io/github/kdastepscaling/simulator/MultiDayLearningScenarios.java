package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.ScalingPolicy;
import io.github.kdastepscaling.simulator.LearningScenarios.Figures;
import java.util.List;

/**
 * Issue 19's bars on traces shaped like the issue's own (a 3-day trace and a 12-hour one, the construct's default
 * policy with maxCapacity 32), which this repository does not have: each {@link MultiDayTraces} pattern over 3 days
 * at twice its level (peaks of 11,000 to 16,000 records/s, 16 to 23 KPUs at 700 records/s per KPU), and its first
 * 12 hours. Per true rate (700, 1,000, 1,300 against the configured 1,000): the policy configured with the true rate
 * (the "same policy sized right"), learning as shipped (busy time published by the bottleneck), learning
 * without busy time (a source that reports none), and no learning.
 *
 * <p>{@code java -cp simulator/target/kda-step-scaling-simulator.jar
 * io.github.kdastepscaling.simulator.MultiDayLearningScenarios [warm-up minutes]} prints the table of docs/tuning.md
 * (issue 19, "Traces like the issue's").
 */
public final class MultiDayLearningScenarios {

    /** The capacity range. */
    public static final int MAX_CAPACITY = 32;
    /** The multi-day patterns' level times this: peaks the 32 KPUs can serve at 700 records/s per KPU. */
    public static final double LEVEL = 2;

    private static final int DAYS = 3;
    private static final int HALF_DAY = 720;
    private static final double[] TRUE_RATES = {1000, 700, 1300};

    private MultiDayLearningScenarios() {}

    /** Each pattern's 3-day trace and its first 12 hours, at {@link #LEVEL}. */
    public static List<Trace> traces() {
        return MultiDayTraces.PATTERNS.stream()
                .flatMap(pattern -> {
                    Trace generated = MultiDayTraces.generate(pattern, DAYS);
                    Trace days = copy(generated, generated.name(), LEVEL);
                    return List.of(days, copy(days.slice(0, HALF_DAY), pattern + "-12h", 1)).stream();
                })
                .toList();
    }

    /** The default policy with {@link #MAX_CAPACITY}, the job's true rate as given, learning as given. */
    public static SimulationSettings settings(double trueRate, LearningSettings learning, int warmUpMinutes) {
        return SimulationSettings.defaults(
                        ScalingPolicy.builder().maxCapacity(MAX_CAPACITY).build())
                .withTrueRecordsPerSecondPerKpu(trueRate)
                .withWarmUpMinutes(warmUpMinutes)
                .withLearning(learning);
    }

    /** The same policy configured with the true rate (scale-in at the default 90 % of it), learning off. */
    public static SimulationSettings configuredRight(double trueRate, int warmUpMinutes) {
        return LearningScenarios.configuredRight(trueRate, MAX_CAPACITY, warmUpMinutes);
    }

    public static void main(String[] args) {
        int warmUp = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        System.out.println("warm-up " + warmUp + " min, maxCapacity " + MAX_CAPACITY + "\n");
        System.out.println("| trace | true rate | learning | max delay (s) | KPU-h vs oracle | rescales "
                + "| vs configured right | learned at the end | hours to within 10% | then within 10% |");
        System.out.println("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        for (Trace trace : traces()) {
            for (double rate : TRUE_RATES) {
                Figures right = LearningScenarios.figures(Simulator.run(trace, configuredRight(rate, warmUp)));
                LearningScenarios.row(trace.name(), rate, "configured right", right, right, rate);
                row(trace, rate, "as shipped", LearningSettings.AS_SHIPPED, warmUp, right);
                row(trace, rate, "no busy time", LearningSettings.ON, warmUp, right);
                row(trace, rate, "off", LearningSettings.OFF, warmUp, right);
            }
        }
    }

    private static void row(
            Trace trace, double rate, String label, LearningSettings learning, int warmUp, Figures right) {
        Figures figures = LearningScenarios.figures(Simulator.run(trace, settings(rate, learning, warmUp)));
        LearningScenarios.row(trace.name(), rate, label, figures, right, rate);
    }

    /** {@code trace}'s datapoints times {@code factor}, named {@code name} (missing minutes stay missing). */
    private static Trace copy(Trace trace, String name, double factor) {
        double[] values = new double[trace.length()];
        for (int m = 0; m < values.length; m++) {
            values[m] = trace.datapoint(m).orElse(Double.NaN) * factor;
        }
        return Trace.of(name, values);
    }
}
