package io.github.kdastepscaling.simulator;

import java.util.Locale;

/**
 * Issue 24's figures: the construct's default policy (lag guard on, learning on as the construct ships, sized right)
 * on every reference trace, with the job alone on its stream and with {@link #LAGGING} another consumer that lags,
 * for each {@link StreamLagMetric}: what reading the stream's iterator age instead of the application's own lag
 * costs when the stream is shared.
 *
 * <p>{@code java -cp simulator/target/kda-step-scaling-simulator.jar
 * io.github.kdastepscaling.simulator.SharedStreamScenarios [OTHER-CONSUMER-SPEC]} prints the table of docs/tuning.md
 * (issue 24); each row is also {@code java -jar ... --trace traces/NAME.csv [--other-consumer-lag SPEC]
 * --lag-metric METRIC --out DIR} (the table adds the hours at maximum capacity, which report.json's
 * {@code capacityByMinute} gives).
 */
public final class SharedStreamScenarios {

    /** Ten minutes behind for two hours a day, from 01:00 (the traces' minute 60 on). */
    public static final OtherConsumer LAGGING = OtherConsumer.behindDuring(600, 60, 120);

    private SharedStreamScenarios() {}

    /** The construct's defaults, learning on, on {@code stream}. */
    public static SimulationSettings settings(SharedStream stream) {
        return SimulationSettings.defaults().withLearning(LearningSettings.ON).withSharedStream(stream);
    }

    /** The policy under test's run, its figures and the oracle's. */
    public record Figures(PolicyResult policy, PolicySummary oracle, int maxCapacity) {

        public double kpuHoursVsOracle() {
            return policy.summary().kpuHours() / oracle.kpuHours();
        }

        /** Hours the policy under test spent at its maximum capacity. */
        public double hoursAtMaxCapacity() {
            int minutes = 0;
            for (int capacity : policy.workload().capacities()) {
                minutes += capacity == maxCapacity ? 1 : 0;
            }
            return minutes / 60.0;
        }
    }

    public static Figures run(String trace, SharedStream stream) {
        SimulationSettings settings = settings(stream);
        Report report = Simulator.run(ReferenceTraces.load(trace), settings);
        return new Figures(
                report.result(Simulator.POLICY_UNDER_TEST),
                report.result(OracleCapacity.ORACLE).summary(),
                settings.policy().capacityRange().maxCapacity());
    }

    public static void main(String[] args) {
        OtherConsumer lagging = args.length > 0 ? OtherConsumer.parse(args[0]) : LAGGING;
        System.out.println("| trace | other consumer | lag metric | max delay (s) | KPU-h vs oracle | rescales "
                + "(by the guard) | hours at max capacity |");
        System.out.println("|---|---|---|---:|---:|---:|---:|");
        for (String name : ReferenceTraces.allNames()) {
            for (OtherConsumer other : new OtherConsumer[] {null, lagging}) {
                for (StreamLagMetric metric : StreamLagMetric.values()) {
                    Figures f = run(name, new SharedStream(other, metric));
                    PolicySummary p = f.policy().summary();
                    System.out.println(String.format(
                            Locale.ROOT,
                            "| %s | %s | %s | %.0f | %.3fx | %d (%d) | %.1f |",
                            name,
                            other == null ? "none" : other.spec(),
                            metric.fileName(),
                            p.maxProcessingDelaySeconds(),
                            f.kpuHoursVsOracle(),
                            p.rescales(),
                            p.lagGuardScaleOuts(),
                            f.hoursAtMaxCapacity()));
                }
            }
        }
    }
}
