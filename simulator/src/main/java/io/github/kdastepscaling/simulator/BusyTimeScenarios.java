package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.simulator.LearningScenarios.Figures;
import io.github.kdastepscaling.simulator.ReferenceScenarios.Sizing;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Issue 19's figures with busy time: {@link LearningScenarios}' reference scenarios (the default policy, maxCapacity
 * 12, configured 1,000 records/s per KPU, true 700, 1,000 or 1,300) on every reference trace, learning as shipped
 * without busy time against learning with the busiest task's busy time published ({@link BusyTimeModel}) at each
 * given reported share, and the same policy configured with the true rate.
 *
 * <p>{@code java -cp simulator/target/kda-step-scaling-simulator.jar
 * io.github.kdastepscaling.simulator.BusyTimeScenarios [warm-up minutes] [reported busy share ...]} prints the table
 * of docs/tuning.md (issue 19, busy time); the shares default to 1 (the busiest task is the bottleneck).
 */
public final class BusyTimeScenarios {

    private BusyTimeScenarios() {}

    /** Learning as shipped, with busy time published at {@code share}. */
    public static LearningSettings withBusyTime(double share) {
        return LearningSettings.ON.withBusyTime(share == 1 ? BusyTimeModel.BOTTLENECK : new BusyTimeModel(true, share));
    }

    public static void main(String[] args) {
        int warmUp = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        List<Double> shares = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            shares.add(Double.parseDouble(args[i]));
        }
        if (shares.isEmpty()) {
            shares.add(1.0);
        }
        System.out.println("warm-up " + warmUp + " min\n");
        System.out.println("| trace | true rate | learning | max delay (s) | KPU-h vs oracle | rescales "
                + "| vs configured right | learned at the end | hours to within 10% | then within 10% |");
        System.out.println("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        for (String name : ReferenceTraces.allNames()) {
            for (Sizing sizing : Sizing.values()) {
                Figures right = LearningScenarios.runConfiguredRight(name, sizing, warmUp);
                double rate = sizing.trueRecordsPerSecondPerKpu();
                LearningScenarios.row(name, rate, "configured right", right, right, rate);
                LearningScenarios.row(
                        name,
                        rate,
                        "on, no busy time",
                        LearningScenarios.run(name, sizing, LearningSettings.ON, warmUp),
                        right,
                        rate);
                for (double share : shares) {
                    LearningScenarios.row(
                            name,
                            rate,
                            String.format(Locale.ROOT, "busy time x%.2f", share),
                            LearningScenarios.run(name, sizing, withBusyTime(share), warmUp),
                            right,
                            rate);
                }
            }
        }
    }
}
