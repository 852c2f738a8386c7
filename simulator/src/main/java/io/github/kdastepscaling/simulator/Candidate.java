package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.AlarmEvaluation;
import io.github.kdastepscaling.policy.ScalingDirection;
import io.github.kdastepscaling.policy.ScalingStep;
import java.util.List;

/**
 * One point of the {@link PolicySpace}: the settings the tuner searches, as the three step-scaling rules the
 * construct deploys (scale out, scale in, the lag guard). The rest of the policy (capacity range, KPU quota, restart
 * duration, scheduled actions) is the space's fixed part.
 *
 * @param lagGuard whether the lag guard is on; its rule is kept while it is off so that switching it back on restores
 *                 it
 */
public record Candidate(StepRule scaleOut, StepRule scaleIn, boolean lagGuard, StepRule guard) {

    /** The guard's rule while it is off: with the guard off its settings do not matter. */
    private static final StepRule NO_GUARD = new StepRule(0, new AlarmEvaluation(1, 1), List.of(), 0);

    /**
     * One step-scaling rule: an alarm (its bound and how it evaluates) and the policy it triggers (steps, cooldown).
     *
     * @param bound the setting the alarm's threshold comes from: whole records per second per KPU for the load
     *              rules (the threshold is that times the capacity), seconds of lag for the lag guard
     */
    public record StepRule(double bound, AlarmEvaluation evaluation, List<ScalingStep> steps, int cooldownSeconds) {

        public StepRule {
            steps = List.copyOf(steps);
        }

        StepRule withBound(double value) {
            return new StepRule(value, evaluation, steps, cooldownSeconds);
        }

        StepRule withEvaluation(AlarmEvaluation value) {
            return new StepRule(bound, value, steps, cooldownSeconds);
        }

        StepRule withSteps(List<ScalingStep> value) {
            return new StepRule(bound, evaluation, value, cooldownSeconds);
        }

        StepRule withCooldownSeconds(int value) {
            return new StepRule(bound, evaluation, steps, value);
        }
    }

    /** The load rule that moves capacity in {@code direction}. */
    public StepRule rule(ScalingDirection direction) {
        return direction == ScalingDirection.SCALE_OUT ? scaleOut : scaleIn;
    }

    /** This point with {@code direction}'s load rule replaced. */
    Candidate with(ScalingDirection direction, StepRule rule) {
        return direction == ScalingDirection.SCALE_OUT
                ? new Candidate(rule, scaleIn, lagGuard, guard)
                : new Candidate(scaleOut, rule, lagGuard, guard);
    }

    Candidate withLagGuard(boolean on) {
        return new Candidate(scaleOut, scaleIn, on, guard);
    }

    Candidate withGuard(StepRule rule) {
        return new Candidate(scaleOut, scaleIn, lagGuard, rule);
    }

    /**
     * The same point for the simulation: with the guard off its settings do not matter, so two candidates that
     * differ only there are one policy.
     */
    Candidate effective() {
        return lagGuard ? this : withGuard(NO_GUARD);
    }
}
