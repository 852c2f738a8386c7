package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.ScalingDefaults;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Runs the policy under test and the four baselines over one trace. Only the policy under test has scheduled actions:
 * the baselines stand for what runs without this construct.
 */
public final class Simulator {

    public static final String POLICY_UNDER_TEST = "policy";
    /** How many minutes of progress {@link #run(Trace, SimulationSettings, IntConsumer)} reports per trace minute. */
    public static final int PROGRESS_STEPS_PER_MINUTE = 3;

    private Simulator() {
    }

    public static Report run(Trace trace, SimulationSettings settings) {
        return run(trace, settings, minute -> { });
    }

    /**
     * @param progress told once per simulated minute of each modelled policy
     *                 ({@link #PROGRESS_STEPS_PER_MINUTE} x trace length in all)
     */
    public static Report run(Trace trace, SimulationSettings settings, IntConsumer progress) {
        double rate = settings.recordsPerSecondPerKpu();
        int minCapacity = settings.policy().capacityRange().minCapacity();
        StepScalingRun policyRun = StepScalingSimulation.run(trace, StepScalingSpec.of(settings.policy()),
                new InMemoryCapacityActuator(settings.initialCapacity()), progress);
        int[] policy = policyRun.capacities();
        int[] sample = StepScalingSimulation.run(trace,
                AwsSamplePolicy.spec(settings.policy().capacityRange(),
                        settings.policy().thresholds().scaleOutPerKpu()),
                new InMemoryCapacityActuator(settings.initialCapacity()), progress).capacities();
        int[] builtIn = BuiltInAutoscaling.capacities(trace, rate, settings.initialCapacity(),
                ScalingDefaults.KPU_QUOTA, progress);
        int[] oracle = OracleCapacity.oracle(trace, rate, minCapacity);
        int[] fixed = OracleCapacity.fixedAtPeak(trace, rate, minCapacity);
        return new Report(trace, settings, List.of(
                result(POLICY_UNDER_TEST, trace, policy, settings, settings.restartMinutes()),
                result(AwsSamplePolicy.NAME, trace, sample, settings, settings.restartMinutes()),
                result(BuiltInAutoscaling.NAME, trace, builtIn, settings, settings.restartMinutes()),
                result(OracleCapacity.ORACLE, trace, oracle, settings, 0),
                result(OracleCapacity.FIXED_AT_PEAK, trace, fixed, settings, settings.restartMinutes())),
                policyRun.rangeChanges());
    }

    private static PolicyResult result(String name, Trace trace, int[] capacities, SimulationSettings settings,
                                       int restartMinutes) {
        Workload workload = Workload.simulate(trace, capacities, settings.recordsPerSecondPerKpu(), restartMinutes);
        return new PolicyResult(PolicySummary.of(name, workload, settings.pricePerKpuHour()), workload);
    }
}
