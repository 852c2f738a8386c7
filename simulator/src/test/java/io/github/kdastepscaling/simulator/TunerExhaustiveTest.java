package io.github.kdastepscaling.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kdastepscaling.policy.AlarmEvaluation;
import io.github.kdastepscaling.policy.ScalingDirection;
import io.github.kdastepscaling.policy.ScalingPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 23's "a tuner whose recommendation no policy in its search space beats", with the robust selection of issue
 * 20: on a small space (three settings searched, the rest fixed: 168 policies), every policy is simulated here,
 * independently of the tuner, on the same stressed variants, and none is within the bounds with fewer KPU-hours than
 * the recommendation, on every reference trace.
 */
class TunerExhaustiveTest {

    private static final double TARGET = 300;
    private static final Set<String> SEARCHED = Set.of(
            "scaleInRecordsPerSecondPerKpu",
            "scaleInEvaluationPeriods",
            "scaleInDatapointsToAlarm",
            "scaleOutEvaluationPeriods",
            "scaleOutDatapointsToAlarm");

    static Iterable<String> referenceTraces() {
        return ReferenceTraces.NAMES;
    }

    /** A policy's figures, computed here with the simulator alone. */
    private record Judged(Candidate candidate, double kpuHours, double[] delays) {}

    @ParameterizedTest
    @MethodSource("referenceTraces")
    void noPolicyOfTheSpaceBeatsTheRecommendation(String name) {
        Trace trace = ReferenceTraces.load(name);
        SimulationSettings settings =
                SimulationSettings.defaults(ScalingPolicy.builder().build());
        Set<String> fixed = new HashSet<>(PolicySpace.fixableFields());
        fixed.removeAll(SEARCHED);
        PolicySpace space =
                PolicySpace.of(settings.policy(), settings.trueRecordsPerSecondPerKpu(), trace.peak(), fixed);
        List<StressVariants.Variant> variants = StressVariants.of(trace);
        Tuner.Result result = new Tuner(
                        space, variants, settings.job(), settings.initialCapacity(), TARGET, (done, total) -> {})
                .tune();
        assertTrue(result.exhaustive(), "the small space is searched exhaustively");

        Candidate start = space.start();
        List<Judged> all = new ArrayList<>();
        for (double ratio : PolicySpace.SCALE_IN_RATIOS) {
            for (AlarmEvaluation in : PolicySpace.SCALE_IN_EVALUATIONS) {
                for (AlarmEvaluation out : PolicySpace.SCALE_OUT_EVALUATIONS) {
                    Candidate c = start.with(
                                    ScalingDirection.SCALE_OUT, start.scaleOut().withEvaluation(out))
                            .with(
                                    ScalingDirection.SCALE_IN,
                                    start.scaleIn()
                                            .withBound(Math.round(
                                                    ratio * start.scaleOut().bound()))
                                            .withEvaluation(in));
                    judge(c, space, variants, settings).ifPresent(all::add);
                }
            }
        }
        assertEquals(168, all.size() + result.invalid(), "every policy of the space judged or refused");
        Judged defaults = judge(space.defaults(), space, variants, settings).orElseThrow();
        double[] bounds = new double[variants.size()];
        for (int v = 0; v < bounds.length; v++) {
            bounds[v] = v == 0 ? Math.min(TARGET, defaults.delays()[0]) : defaults.delays()[v];
            assertEquals(
                    bounds[v],
                    result.boundSeconds().get(v),
                    1e-9,
                    variants.get(v).name());
        }
        Tuner.Evaluation best = result.best();
        assertTrue(best.withinBound(), name + ": the defaults are in the space, so something is within the bounds");
        for (Judged j : all) {
            boolean within = true;
            for (int v = 0; v < bounds.length; v++) {
                within &= j.delays()[v] <= bounds[v];
            }
            assertTrue(
                    !within || j.kpuHours() >= best.kpuHours() - 1e-6,
                    name + ": " + j.candidate()
                            + " is within the bounds at " + j.kpuHours() + " KPU-hours, the recommendation "
                            + best.kpuHours());
        }
    }

    private static Optional<Judged> judge(
            Candidate c, PolicySpace space, List<StressVariants.Variant> variants, SimulationSettings settings) {
        ScalingPolicy policy;
        try {
            policy = space.policy(c);
        } catch (IllegalArgumentException refused) {
            return Optional.empty();
        }
        double[] delays = new double[variants.size()];
        double kpuHours = 0;
        for (int v = 0; v < delays.length; v++) {
            PolicySummary s = PolicySummary.of(
                    "p",
                    StepScalingSimulation.run(
                                    variants.get(v).trace(),
                                    StepScalingSpec.of(policy),
                                    settings.job(),
                                    new InMemoryCapacityActuator(
                                            policy.capacityRange().clamp(settings.initialCapacity())),
                                    m -> {})
                            .workload(),
                    0);
            delays[v] = s.maxProcessingDelaySeconds();
            if (v == 0) {
                kpuHours = s.kpuHours();
            }
        }
        return Optional.of(new Judged(c, kpuHours, delays));
    }
}
