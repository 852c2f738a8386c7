package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.LagGuard;
import io.github.kdastepscaling.policy.ScalingPolicy;
import io.github.kdastepscaling.policy.ScalingStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Not a test: the sweep used to choose the lag guard's defaults (ScalingDefaults.LAG_GUARD_*, docs/tuning.md, issue
 * 9). For each candidate guard on the default policy (maxCapacity {@link ReferenceScenarios#MAX_CAPACITY}), on every
 * reference trace: configured 1.43x the true rate (true 700), the largest delay and KPU-hours over the oracle's
 * (bars: <= 900 s, <= 1.35x); sized right, the largest delay and KPU-hours over the same policy's without the guard
 * (bar: within 5%). Prints the candidates meeting every bar, or all with an argument. Run:
 * java -cp simulator/target/test-classes:simulator/target/kda-step-scaling-simulator.jar
 * io.github.kdastepscaling.simulator.LagGuardSweep
 */
public final class LagGuardSweep {

    static final Map<String, List<ScalingStep>> STEPS = new LinkedHashMap<>();

    static {
        STEPS.put("1/2/4", List.of(ScalingStep.between(0, 1, 1), ScalingStep.between(1, 3, 2), ScalingStep.from(3, 4)));
        STEPS.put("+1", List.of(ScalingStep.from(0, 1)));
        STEPS.put("1/2", List.of(ScalingStep.between(0, 1, 1), ScalingStep.from(1, 2)));
        STEPS.put("1/1/2", List.of(ScalingStep.between(0, 2, 1), ScalingStep.from(2, 2)));
        STEPS.put("1/2/3", List.of(ScalingStep.between(0, 1, 1), ScalingStep.between(1, 2, 2), ScalingStep.from(2, 3)));
    }

    /** The figures of one policy over the reference traces. */
    record Figures(String line, boolean pass, double worstRatio, double worstDelay) {}

    public static void main(String[] args) {
        int[] maxLags = {60, 120, 180, 240, 300, 450, 600};
        int[][] evals = {{1, 1}, {2, 2}, {3, 2}, {3, 3}};
        int[] cooldowns = {120, 180, 300, 600, 900};
        List<Trace> traces = new ArrayList<>();
        for (String name : ReferenceTraces.NAMES) {
            traces.add(ReferenceTraces.load(name));
        }
        for (String steps : STEPS.keySet()) {
            for (int maxLag : maxLags) {
                for (int[] eval : evals) {
                    for (int cooldown : cooldowns) {
                        LagGuard guard = LagGuard.builder()
                                .maxLagSeconds(maxLag)
                                .evaluationPeriods(eval[0])
                                .datapointsToAlarm(eval[1])
                                .steps(STEPS.get(steps))
                                .cooldownSeconds(cooldown)
                                .build();
                        Figures f = evaluate(guard, traces);
                        if (f.pass() || args.length > 0) {
                            System.out.println((f.pass() ? "PASS " : "fail ")
                                    + String.format(
                                            Locale.ROOT,
                                            "%-6s maxLag %3d %d/%d cd %3d | worst %.3fx %4.0f s |",
                                            steps,
                                            maxLag,
                                            eval[1],
                                            eval[0],
                                            cooldown,
                                            f.worstRatio(),
                                            f.worstDelay())
                                    + f.line());
                        }
                    }
                }
            }
        }
    }

    static Figures evaluate(LagGuard guard, List<Trace> traces) {
        ScalingPolicy policy = ScalingPolicy.builder()
                .maxCapacity(ReferenceScenarios.MAX_CAPACITY)
                .lagGuard(guard)
                .build();
        StringBuilder line = new StringBuilder();
        boolean pass = true;
        double worstRatio = 0;
        double worstDelay = 0;
        for (Trace trace : traces) {
            SimulationSettings high = ReferenceScenarios.settings(policy, ReferenceScenarios.Sizing.CONFIGURED_HIGH);
            PolicySummary p = run(trace, policy, high, true);
            double oracle = PolicySummary.of(
                            "oracle",
                            Workload.simulate(
                                    trace,
                                    OracleCapacity.oracle(trace, high.trueRecordsPerSecondPerKpu(), 1),
                                    high.trueRecordsPerSecondPerKpu(),
                                    0),
                            0)
                    .kpuHours();
            double ratio = p.kpuHours() / oracle;
            SimulationSettings right = ReferenceScenarios.settings(policy, ReferenceScenarios.Sizing.SIZED_RIGHT);
            PolicySummary on = run(trace, policy, right, true);
            PolicySummary off = run(trace, policy, right, false);
            boolean free = on.kpuHours() <= 1.05 * off.kpuHours()
                    && on.kpuHours() >= 0.95 * off.kpuHours()
                    && on.maxProcessingDelaySeconds() <= 1.05 * off.maxProcessingDelaySeconds()
                    && on.maxProcessingDelaySeconds() >= 0.95 * off.maxProcessingDelaySeconds();
            boolean ok = ratio <= 1.35 && p.maxProcessingDelaySeconds() <= 900 && free;
            pass &= ok;
            worstRatio = Math.max(worstRatio, ratio);
            worstDelay = Math.max(worstDelay, p.maxProcessingDelaySeconds());
            line.append(String.format(
                    Locale.ROOT,
                    " %s %.3fx %4.0fs %d%s%s |",
                    trace.name().charAt(0),
                    ratio,
                    p.maxProcessingDelaySeconds(),
                    p.rescales(),
                    free ? "" : " (costs when sized right)",
                    ok ? "" : "!"));
        }
        return new Figures(line.toString(), pass, worstRatio, worstDelay);
    }

    static PolicySummary run(Trace trace, ScalingPolicy policy, SimulationSettings settings, boolean guard) {
        StepScalingSpec spec = StepScalingSpec.of(policy);
        StepScalingRun run = StepScalingSimulation.run(
                trace,
                guard ? spec : spec.withLagGuard(null),
                settings.job(),
                new InMemoryCapacityActuator(settings.initialCapacity()),
                m -> {});
        return PolicySummary.of("policy", run.workload(), settings.pricePerKpuHour(), run.lagGuardActivities());
    }
}
