package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.AlarmEvaluation;
import io.github.kdastepscaling.policy.ScalingStep;
import java.util.List;

/**
 * One point of the {@link PolicySpace}: the settings the tuner searches. The rest of the policy (capacity range, KPU
 * quota, restart duration, scheduled actions) is the space's fixed part.
 *
 * @param scaleOutRecordsPerSecondPerKpu whole records per second
 * @param scaleInRecordsPerSecondPerKpu  whole records per second
 * @param lagGuard                       whether the lag guard is on; its five settings below are kept while it is off
 *                                       so that switching it back on restores them
 */
public record Candidate(double scaleOutRecordsPerSecondPerKpu, double scaleInRecordsPerSecondPerKpu, List<ScalingStep> scaleOutSteps,
                        List<ScalingStep> scaleInSteps, int scaleOutCooldownSeconds, int scaleInCooldownSeconds,
                        AlarmEvaluation scaleOutEvaluation, AlarmEvaluation scaleInEvaluation, boolean lagGuard,
                        int maxLagSeconds, AlarmEvaluation lagGuardEvaluation, List<ScalingStep> lagGuardSteps,
                        int lagGuardCooldownSeconds) {

    public Candidate {
        scaleOutSteps = List.copyOf(scaleOutSteps);
        scaleInSteps = List.copyOf(scaleInSteps);
        lagGuardSteps = List.copyOf(lagGuardSteps);
    }

    /**
     * The same point for the simulation: with the guard off its settings do not matter, so two candidates that
     * differ only there are one policy.
     */
    Candidate effective() {
        if (lagGuard) {
            return this;
        }
        return new Candidate(scaleOutRecordsPerSecondPerKpu, scaleInRecordsPerSecondPerKpu, scaleOutSteps, scaleInSteps,
                scaleOutCooldownSeconds, scaleInCooldownSeconds, scaleOutEvaluation, scaleInEvaluation, false, 0,
                new AlarmEvaluation(1, 1), List.of(), 0);
    }
}
