package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.ScalingPolicy;
import io.github.kdastepscaling.policy.ScalingStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Not a test: the sweep used to choose ScalingDefaults (docs/tuning.md). Prints every candidate that meets the bars
 * on every reference trace. Run: java -cp simulator/target/test-classes:simulator/target/kda-step-scaling-simulator.jar
 * io.github.kdastepscaling.simulator.TuningSweep
 */
public final class TuningSweep {

    static final Map<String, List<ScalingStep>> OUT_STEPS = Map.of(
            "before",
                    List.of(
                            ScalingStep.between(0, 1, 1),
                            ScalingStep.between(1, 2, 2),
                            ScalingStep.between(2, 4, 4),
                            ScalingStep.from(4, 6)),
            "proportional",
                    List.of(
                            ScalingStep.between(0, 1, 1),
                            ScalingStep.between(1, 2, 2),
                            ScalingStep.between(2, 3, 3),
                            ScalingStep.between(3, 4, 4),
                            ScalingStep.between(4, 5, 5),
                            ScalingStep.from(5, 6)),
            "headroom",
                    List.of(
                            ScalingStep.between(0, 1, 1),
                            ScalingStep.between(1, 2, 2),
                            ScalingStep.between(2, 3, 4),
                            ScalingStep.between(3, 4, 5),
                            ScalingStep.from(4, 6)));

    public static void main(String[] args) {
        List<Trace> traces = new ArrayList<>();
        for (String name : ReferenceTraces.NAMES) {
            traces.add(ReferenceTraces.load(name));
        }
        int[][] outEvals = {{1, 1}, {2, 2}, {3, 2}};
        int[][] inEvals = {{3, 3}, {5, 5}, {10, 10}, {15, 15}, {10, 8}};
        double[] inRates = {750, 800, 850, 900, 950};
        int[] inCooldowns = {300, 600, 900};
        for (String steps : OUT_STEPS.keySet()) {
            for (int[] oe : outEvals) {
                for (int[] ie : inEvals) {
                    for (double inRate : inRates) {
                        for (int inCooldown : inCooldowns) {
                            ScalingPolicy policy;
                            try {
                                policy = ScalingPolicy.builder()
                                        .scaleOutSteps(OUT_STEPS.get(steps))
                                        .scaleOutEvaluation(oe[0], oe[1])
                                        .scaleInEvaluation(ie[0], ie[1])
                                        .scaleInRecordsPerSecondPerKpu(inRate)
                                        .scaleInCooldownSeconds(inCooldown)
                                        .build();
                            } catch (IllegalArgumentException e) {
                                continue;
                            }
                            StringBuilder line = new StringBuilder(String.format(
                                    Locale.ROOT,
                                    "%-12s out %d/%d in %2d/%2d inRate %.0f inCd %d |",
                                    steps,
                                    oe[1],
                                    oe[0],
                                    ie[1],
                                    ie[0],
                                    inRate,
                                    inCooldown));
                            boolean pass = true;
                            double worst = 0;
                            for (Trace trace : traces) {
                                Report report = Simulator.run(trace, SimulationSettings.defaults(policy));
                                PolicySummary p = report.result(Simulator.POLICY_UNDER_TEST)
                                        .summary();
                                PolicySummary o =
                                        report.result(OracleCapacity.ORACLE).summary();
                                PolicySummary s =
                                        report.result(AwsSamplePolicy.NAME).summary();
                                PolicySummary b =
                                        report.result(BuiltInAutoscaling.NAME).summary();
                                double ratio = p.kpuHours() / o.kpuHours();
                                worst = Math.max(worst, ratio);
                                boolean ok = ratio <= 1.15
                                        && p.minutesWithBacklog() < s.minutesWithBacklog()
                                        && (!trace.name().startsWith("diurnal") || p.kpuHours() < b.kpuHours());
                                pass &= ok;
                                line.append(String.format(
                                        Locale.ROOT,
                                        " %s %.3f %d/%d%s |",
                                        trace.name().charAt(0),
                                        ratio,
                                        p.minutesWithBacklog(),
                                        s.minutesWithBacklog(),
                                        ok ? "" : "!"));
                            }
                            if (pass || args.length > 0) {
                                System.out.println((pass ? "PASS " : "fail ") + line);
                            }
                        }
                    }
                }
            }
        }
    }
}
