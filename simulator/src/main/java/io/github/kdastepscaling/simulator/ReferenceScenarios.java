package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.ScalingDefaults;
import io.github.kdastepscaling.policy.ScalingPolicy;
import java.util.List;
import java.util.Locale;

/**
 * The sizing scenarios of issue 9 on the reference traces: the policy configured for the default 1,000 records/s per
 * KPU while a KPU really processes 1,000 (sized right), 700 (configured 1.43x the true rate: thresholds too high, the
 * load alarms fire too late or never) or 1,300 (configured 30% low: capacity to spare).
 *
 * <p>The capacity range is {@link #MAX_CAPACITY} KPUs: at 700 records/s per KPU the reference traces' peaks (up to
 * 7,400 records/s) need 11 KPUs, more than the default maximum of 8, and no policy can keep up beyond its maximum.
 *
 * <p>{@code java -cp simulator/target/kda-step-scaling-simulator.jar
 * io.github.kdastepscaling.simulator.ReferenceScenarios} prints the tables of docs/tuning.md (issue 9).
 */
public final class ReferenceScenarios {

    /** Enough for every reference trace's peak at 700 records/s per KPU. */
    public static final int MAX_CAPACITY = 12;

    /**
     * How a KPU's true rate relates to the configured 1,000 records/s: a label for the tables and the rate the job
     * really processes.
     */
    public record Sizing(String label, double trueRecordsPerSecondPerKpu) {
        public static final Sizing SIZED_RIGHT = new Sizing("sized right", 1000);
        public static final Sizing CONFIGURED_HIGH = new Sizing("configured 1.43x the true rate", 700);
        public static final Sizing CONFIGURED_LOW = new Sizing("configured 30% low", 1300);

        /** The three sizings, in the order the tables list them. */
        public static List<Sizing> values() {
            return List.of(SIZED_RIGHT, CONFIGURED_HIGH, CONFIGURED_LOW);
        }
    }

    private ReferenceScenarios() {}

    /** The construct's defaults (lag guard on), with {@link #MAX_CAPACITY}. */
    public static ScalingPolicy defaultPolicy() {
        return ScalingPolicy.builder().maxCapacity(MAX_CAPACITY).build();
    }

    /** {@code policy} in the scenario; its configured rate must be the default 1,000 records/s per KPU. */
    public static SimulationSettings settings(ScalingPolicy policy, Sizing sizing) {
        if (policy.thresholds().scaleOutPerKpu() != ScalingDefaults.SCALE_OUT_RECORDS_PER_SECOND_PER_KPU) {
            throw new IllegalArgumentException("the scenarios assume the default scaleOutRecordsPerSecondPerKpu");
        }
        return SimulationSettings.defaults(policy).withTrueRecordsPerSecondPerKpu(sizing.trueRecordsPerSecondPerKpu());
    }

    /** Prints, per scenario, the policy with and without its guard (and the AWS sample) on every trace. */
    public static void main(String[] args) {
        ScalingPolicy policy = defaultPolicy();
        for (Sizing sizing : Sizing.values()) {
            System.out.println("### " + sizing.label() + " (a KPU really processes "
                    + (int) sizing.trueRecordsPerSecondPerKpu() + " records/s; configured 1,000)\n");
            System.out.println("| trace | policy | KPU-hours | vs oracle | minutes with backlog | max delay (s) "
                    + "| max lag (s) | rescales (by the guard) |");
            System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
            for (String name : ReferenceTraces.allNames()) {
                Report report = Simulator.run(ReferenceTraces.load(name), settings(policy, sizing));
                double oracle = report.result(OracleCapacity.ORACLE).summary().kpuHours();
                for (String row : List.of(
                        Simulator.POLICY_UNDER_TEST,
                        Simulator.WITHOUT_GUARD,
                        AwsSamplePolicy.NAME,
                        OracleCapacity.ORACLE)) {
                    PolicySummary p = report.result(row).summary();
                    System.out.println(String.format(
                            Locale.ROOT,
                            "| %s | %s | %.2f | %.3fx | %d | %.0f | %.0f | %d (%d) |",
                            name,
                            row,
                            p.kpuHours(),
                            p.kpuHours() / oracle,
                            p.minutesWithBacklog(),
                            p.maxProcessingDelaySeconds(),
                            p.maxLagSeconds(),
                            p.rescales(),
                            p.lagGuardScaleOuts()));
                }
            }
            System.out.println();
        }
    }
}
