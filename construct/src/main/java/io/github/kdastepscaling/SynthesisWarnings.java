package io.github.kdastepscaling;

import io.github.kdastepscaling.policy.ScheduleExpression;
import io.github.kdastepscaling.policy.ScheduledCapacityAction;
import java.time.ZoneOffset;
import software.amazon.awscdk.Annotations;
import software.constructs.Construct;

/** The construct's synthesis warnings: what it cannot check, so it warns rather than refuses. */
final class SynthesisWarnings {

    private SynthesisWarnings() {
    }

    /**
     * Flink fixes a job's max parallelism when it first starts (128 unless the job sets one, for parallelism up to
     * 128) and keeps it in every snapshot; a rescale above it cannot restore the snapshot and fails. The construct
     * cannot see the job's setting, so it warns rather than refuses.
     */
    static void aboveDefaultMaxParallelism(Construct scope, ResolvedProps settings) {
        int maxCapacity = settings.policy.capacityRange().maxCapacity();
        String source = "maxCapacity (" + maxCapacity + ")";
        for (ScheduledCapacityAction action : settings.policy.scheduledActions()) {
            if (action.maxCapacity() != null && action.maxCapacity() > maxCapacity) {
                maxCapacity = action.maxCapacity();
                source = "scheduled capacity '" + action.name() + "' maxCapacity (" + maxCapacity + ")";
            }
        }
        int highest = maxCapacity * settings.parallelismPerKpu;
        if (highest > KdaStepScaling.DEFAULT_FLINK_MAX_PARALLELISM) {
            Annotations.of(scope).addWarningV2("kda-step-scaling:maxParallelism", source + " x parallelismPerKpu ("
                    + settings.parallelismPerKpu + ") = " + highest + " is above " + KdaStepScaling.DEFAULT_FLINK_MAX_PARALLELISM
                    + ", the max parallelism Flink gives a job that sets none; a rescale above the job's max "
                    + "parallelism cannot restore its snapshot. Set it in the job (setMaxParallelism) to at least "
                    + highest + ", or lower the maximum");
        }
    }

    /**
     * An {@code at} schedule with a time zone may be aws-cdk-lib's UTC rendering (see below). And a scheduled action
     * that gives one bound only leaves the other where it is at run time; AWS does not document
     * what happens when that bound crosses the other (a minimum above the current maximum, say), and the construct
     * cannot know which earlier action moved the other bound, so it warns rather than refuses.
     */
    static void aboutScheduledActions(Construct scope, ResolvedProps settings) {
        int min = settings.policy.capacityRange().minCapacity();
        int max = settings.policy.capacityRange().maxCapacity();
        for (ScheduledCapacityAction action : settings.policy.scheduledActions()) {
            if (action.schedule() instanceof ScheduleExpression.At && !action.timeZone().equals(ZoneOffset.UTC)) {
                // aws-cdk-lib's Schedule.at(Instant) writes the instant's UTC date and time; with a time zone,
                // Application Auto Scaling reads them as that zone's local time.
                Annotations.of(scope).addWarningV2("kda-step-scaling:atScheduleTimeZone", "scheduled capacity '"
                        + action.name() + "' runs " + action.schedule() + " in " + action.timeZone().getId()
                        + " local time; Schedule.at(Instant) writes UTC, so if you built it that way, drop the "
                        + "timeZone or write the local time with Schedule.expression(\"at(...)\")");
            }
            if (action.maxCapacity() == null && action.minCapacity() > max
                    || action.minCapacity() == null && action.maxCapacity() < min) {
                Annotations.of(scope).addWarningV2("kda-step-scaling:scheduledCapacityBound", "scheduled capacity '"
                        + action.name() + "' sets " + (action.maxCapacity() == null
                        ? "minCapacity (" + action.minCapacity() + ") above maxCapacity (" + max + ")"
                        : "maxCapacity (" + action.maxCapacity() + ") below minCapacity (" + min + ")")
                        + " without the other bound, which only another action can have moved by then; give both "
                        + "bounds");
            }
        }
    }

    /**
     * Learning is on by default, but it cannot run with every policy (a utilization or custom load signal, or the
     * lag guard off): then it is off, and the user is told so rather than left to believe the scaler learns.
     * {@code rateLearning(RateLearningProps.disabled())} says it is meant and silences this.
     */
    static void aboutRateLearning(Construct scope, ResolvedProps settings) {
        if (settings.rateLearningOffReason != null) {
            Annotations.of(scope).addWarningV2("kda-step-scaling:rateLearningOff", "the scaler does not learn the "
                    + "per-KPU rate: " + settings.rateLearningOffReason + "; the thresholds use the configured rate. "
                    + "Give rateLearning(RateLearningProps.disabled()) to say this is meant");
        }
    }
}
