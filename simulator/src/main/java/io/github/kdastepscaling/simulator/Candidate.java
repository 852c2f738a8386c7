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
public record Candidate(
        double scaleOutRecordsPerSecondPerKpu,
        double scaleInRecordsPerSecondPerKpu,
        List<ScalingStep> scaleOutSteps,
        List<ScalingStep> scaleInSteps,
        int scaleOutCooldownSeconds,
        int scaleInCooldownSeconds,
        AlarmEvaluation scaleOutEvaluation,
        AlarmEvaluation scaleInEvaluation,
        boolean lagGuard,
        int maxLagSeconds,
        AlarmEvaluation lagGuardEvaluation,
        List<ScalingStep> lagGuardSteps,
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
        return toBuilder()
                .maxLagSeconds(0)
                .lagGuardEvaluation(new AlarmEvaluation(1, 1))
                .lagGuardSteps(List.of())
                .lagGuardCooldownSeconds(0)
                .build();
    }

    /** A builder holding this point's settings: the one way to make a point that differs in a few of them. */
    Builder toBuilder() {
        return new Builder(this);
    }

    /** Sets some of a point's thirteen settings by name, keeping the others. */
    static final class Builder {
        private double scaleOutRecordsPerSecondPerKpu;
        private double scaleInRecordsPerSecondPerKpu;
        private List<ScalingStep> scaleOutSteps;
        private List<ScalingStep> scaleInSteps;
        private int scaleOutCooldownSeconds;
        private int scaleInCooldownSeconds;
        private AlarmEvaluation scaleOutEvaluation;
        private AlarmEvaluation scaleInEvaluation;
        private boolean lagGuard;
        private int maxLagSeconds;
        private AlarmEvaluation lagGuardEvaluation;
        private List<ScalingStep> lagGuardSteps;
        private int lagGuardCooldownSeconds;

        private Builder(Candidate c) {
            scaleOutRecordsPerSecondPerKpu = c.scaleOutRecordsPerSecondPerKpu;
            scaleInRecordsPerSecondPerKpu = c.scaleInRecordsPerSecondPerKpu;
            scaleOutSteps = c.scaleOutSteps;
            scaleInSteps = c.scaleInSteps;
            scaleOutCooldownSeconds = c.scaleOutCooldownSeconds;
            scaleInCooldownSeconds = c.scaleInCooldownSeconds;
            scaleOutEvaluation = c.scaleOutEvaluation;
            scaleInEvaluation = c.scaleInEvaluation;
            lagGuard = c.lagGuard;
            maxLagSeconds = c.maxLagSeconds;
            lagGuardEvaluation = c.lagGuardEvaluation;
            lagGuardSteps = c.lagGuardSteps;
            lagGuardCooldownSeconds = c.lagGuardCooldownSeconds;
        }

        Builder scaleOutRecordsPerSecondPerKpu(double value) {
            scaleOutRecordsPerSecondPerKpu = value;
            return this;
        }

        Builder scaleInRecordsPerSecondPerKpu(double value) {
            scaleInRecordsPerSecondPerKpu = value;
            return this;
        }

        Builder scaleOutSteps(List<ScalingStep> value) {
            scaleOutSteps = value;
            return this;
        }

        Builder scaleInSteps(List<ScalingStep> value) {
            scaleInSteps = value;
            return this;
        }

        Builder scaleOutCooldownSeconds(int value) {
            scaleOutCooldownSeconds = value;
            return this;
        }

        Builder scaleInCooldownSeconds(int value) {
            scaleInCooldownSeconds = value;
            return this;
        }

        Builder scaleOutEvaluation(AlarmEvaluation value) {
            scaleOutEvaluation = value;
            return this;
        }

        Builder scaleInEvaluation(AlarmEvaluation value) {
            scaleInEvaluation = value;
            return this;
        }

        Builder lagGuard(boolean value) {
            lagGuard = value;
            return this;
        }

        Builder maxLagSeconds(int value) {
            maxLagSeconds = value;
            return this;
        }

        Builder lagGuardEvaluation(AlarmEvaluation value) {
            lagGuardEvaluation = value;
            return this;
        }

        Builder lagGuardSteps(List<ScalingStep> value) {
            lagGuardSteps = value;
            return this;
        }

        Builder lagGuardCooldownSeconds(int value) {
            lagGuardCooldownSeconds = value;
            return this;
        }

        Candidate build() {
            return new Candidate(
                    scaleOutRecordsPerSecondPerKpu,
                    scaleInRecordsPerSecondPerKpu,
                    scaleOutSteps,
                    scaleInSteps,
                    scaleOutCooldownSeconds,
                    scaleInCooldownSeconds,
                    scaleOutEvaluation,
                    scaleInEvaluation,
                    lagGuard,
                    maxLagSeconds,
                    lagGuardEvaluation,
                    lagGuardSteps,
                    lagGuardCooldownSeconds);
        }
    }
}
