package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.LagGuard;
import io.github.kdastepscaling.policy.ScalingDefaults;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Runs the policy under test, the same policy with the lag guard switched (off when it has one, the default guard
 * when it has none), and the four baselines over one trace. Only the policy under test has scheduled actions: the
 * baselines stand for what runs without this construct. Every policy's job is modelled at the true per-KPU rate. With
 * learning on ({@link SimulationSettings#learning()}) the policy under test and its guard-switched twin learn their
 * per-KPU rate; the AWS sample and the baselines do not.
 */
public final class Simulator {

    public static final String POLICY_UNDER_TEST = "policy";
    /** The policy under test without its lag guard (reported when it has one). */
    public static final String WITHOUT_GUARD = "policy-without-guard";
    /** The policy under test with the default lag guard (reported when it has none). */
    public static final String WITH_DEFAULT_GUARD = "policy-with-guard";
    /** How many minutes of progress {@link #run(Trace, SimulationSettings, IntConsumer)} reports per trace minute. */
    public static final int PROGRESS_STEPS_PER_MINUTE = 4;

    private Simulator() {}

    public static Report run(Trace trace, SimulationSettings settings) {
        return run(trace, settings, minute -> {});
    }

    /**
     * @param progress told once per simulated minute of each modelled policy
     *                 ({@link #PROGRESS_STEPS_PER_MINUTE} x trace length in all)
     */
    public static Report run(Trace trace, SimulationSettings settings, IntConsumer progress) {
        double rate = settings.trueRecordsPerSecondPerKpu();
        int minCapacity = settings.policy().capacityRange().minCapacity();
        JobSettings job = settings.job();
        StepScalingSpec spec = StepScalingSpec.of(settings.policy());
        var configured = settings.policy().thresholds();
        LearningSettings learning = settings.learning();
        // the policy under test, and the same with the lag guard switched: the same job, learning and stream
        Function<StepScalingSpec, StepScalingRun> runOf = deployed -> StepScalingSimulation.run(
                trace,
                deployed,
                job,
                new InMemoryCapacityActuator(settings.initialCapacity()),
                progress,
                configured,
                learning,
                settings.sharedStream());
        StepScalingRun policyRun = runOf.apply(spec);
        boolean guarded = spec.lagGuard() != null;
        StepScalingRun switched = runOf.apply(spec.withLagGuard(guarded ? null : LagGuardSpec.of(LagGuard.defaults())));
        StepScalingRun sampleRun = StepScalingSimulation.run(
                trace,
                AwsSamplePolicy.spec(settings.policy().capacityRange(), settings.configuredRecordsPerSecondPerKpu()),
                job,
                new InMemoryCapacityActuator(settings.initialCapacity()),
                progress);
        int[] builtIn = BuiltInAutoscaling.capacities(
                trace, rate, settings.initialCapacity(), ScalingDefaults.KPU_QUOTA, progress);
        int[] oracle = OracleCapacity.oracle(trace, rate, minCapacity);
        int[] fixed = OracleCapacity.fixedAtPeak(trace, rate, minCapacity);
        return new Report(
                trace,
                settings,
                List.of(
                        result(POLICY_UNDER_TEST, policyRun, settings),
                        result(guarded ? WITHOUT_GUARD : WITH_DEFAULT_GUARD, switched, settings),
                        result(AwsSamplePolicy.NAME, sampleRun, settings),
                        result(BuiltInAutoscaling.NAME, trace, builtIn, settings, settings.restartMinutes()),
                        result(OracleCapacity.ORACLE, trace, oracle, settings, 0),
                        result(OracleCapacity.FIXED_AT_PEAK, trace, fixed, settings, settings.restartMinutes())),
                policyRun.rangeChanges());
    }

    private static PolicyResult result(String name, StepScalingRun run, SimulationSettings settings) {
        return new PolicyResult(
                PolicySummary.of(name, run.workload(), settings.pricePerKpuHour(), run.lagGuardActivities()),
                run.workload(),
                settings.learning().enabled() ? run.learnedRate() : null);
    }

    private static PolicyResult result(
            String name, Trace trace, int[] capacities, SimulationSettings settings, int restartMinutes) {
        Workload workload = Workload.simulate(trace, capacities, settings.trueRecordsPerSecondPerKpu(), restartMinutes);
        return new PolicyResult(PolicySummary.of(name, workload, settings.pricePerKpuHour()), workload);
    }
}
