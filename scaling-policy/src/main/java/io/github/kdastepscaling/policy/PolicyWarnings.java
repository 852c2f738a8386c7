package io.github.kdastepscaling.policy;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a valid policy may do that its author does not mean, and no validation can decide: the construct emits these
 * as synthesis warnings (under the same ids) and the simulator prints them, so both say the same about one policy.
 */
public final class PolicyWarnings {

    /** Flink's default max parallelism for a job started at a parallelism up to 128. */
    public static final int DEFAULT_FLINK_MAX_PARALLELISM = 128;

    /**
     * One warning.
     *
     * @param id      stable, for suppressing it ({@code kda-step-scaling:...}, the construct's warning id)
     * @param message what may go wrong and what to do
     */
    public record Warning(String id, String message) {}

    private PolicyWarnings() {}

    /** Every warning about {@code policy} alone (the scheduled actions' and whether the scaler can learn). */
    public static List<Warning> of(ScalingPolicy policy) {
        List<Warning> warnings = new ArrayList<>(scheduledActions(policy));
        learningUnavailable(policy).map(PolicyWarnings::rateLearningOff).ifPresent(warnings::add);
        return warnings;
    }

    /**
     * Flink fixes a job's max parallelism when it first starts (128 unless the job sets one, for parallelism up to
     * 128) and keeps it in every snapshot; a rescale above it cannot restore the snapshot and fails. Neither the
     * construct nor the simulator can see the job's setting, so this warns rather than refuses.
     */
    public static Optional<Warning> maxParallelism(ScalingPolicy policy, int parallelismPerKpu) {
        int maxCapacity = policy.capacityRange().maxCapacity();
        String source = "maxCapacity (" + maxCapacity + ")";
        for (ScheduledCapacityAction action : policy.scheduledActions()) {
            if (action.maxCapacity() != null && action.maxCapacity() > maxCapacity) {
                maxCapacity = action.maxCapacity();
                source = "scheduled capacity '" + action.name() + "' maxCapacity (" + maxCapacity + ")";
            }
        }
        int highest = maxCapacity * parallelismPerKpu;
        if (highest <= DEFAULT_FLINK_MAX_PARALLELISM) {
            return Optional.empty();
        }
        return Optional.of(new Warning(
                "kda-step-scaling:maxParallelism",
                source + " x parallelismPerKpu ("
                        + parallelismPerKpu + ") = " + highest + " is above " + DEFAULT_FLINK_MAX_PARALLELISM
                        + ", the max parallelism Flink gives a job that sets none; a rescale above the job's max "
                        + "parallelism cannot restore its snapshot. Set it in the job (setMaxParallelism) to at least "
                        + highest + ", or lower the maximum"));
    }

    /**
     * An {@code at} schedule with a time zone may be aws-cdk-lib's UTC rendering (see below). And a scheduled action
     * that gives one bound only leaves the other where it is at run time; AWS does not document what happens when
     * that bound crosses the other (a minimum above the current maximum, say), and nothing can know which earlier
     * action moved the other bound, so this warns rather than refuses.
     */
    public static List<Warning> scheduledActions(ScalingPolicy policy) {
        int min = policy.capacityRange().minCapacity();
        int max = policy.capacityRange().maxCapacity();
        List<Warning> warnings = new ArrayList<>();
        for (ScheduledCapacityAction action : policy.scheduledActions()) {
            if (action.schedule() instanceof ScheduleExpression.At
                    && !action.timeZone().equals(ZoneOffset.UTC)) {
                // aws-cdk-lib's Schedule.at(Instant) writes the instant's UTC date and time; with a time zone,
                // Application Auto Scaling reads them as that zone's local time.
                warnings.add(new Warning(
                        "kda-step-scaling:atScheduleTimeZone",
                        "scheduled capacity '"
                                + action.name() + "' runs " + action.schedule() + " in "
                                + action.timeZone().getId()
                                + " local time; Schedule.at(Instant) writes UTC, so if you built it that way, drop the "
                                + "timeZone or write the local time with Schedule.expression(\"at(...)\")"));
            }
            if (action.maxCapacity() == null && action.minCapacity() > max
                    || action.minCapacity() == null && action.maxCapacity() < min) {
                warnings.add(new Warning(
                        "kda-step-scaling:scheduledCapacityBound",
                        "scheduled capacity '"
                                + action.name() + "' sets "
                                + (action.maxCapacity() == null
                                        ? "minCapacity (" + action.minCapacity() + ") above maxCapacity (" + max + ")"
                                        : "maxCapacity (" + action.maxCapacity() + ") below minCapacity (" + min + ")")
                                + " without the other bound, which only another action can have moved by then; give both "
                                + "bounds"));
            }
        }
        return warnings;
    }

    /**
     * Why the scaler cannot learn the per-KPU rate with this policy, or empty when it can. The estimator divides what
     * the job consumed by its KPUs in the load alarm's units, so the signal must be one whose thresholds follow
     * capacity and whose units the construct knows the consumption of (records or bytes: a custom load metric's
     * units are the user's, and a utilization signal has no per-KPU rate); and it trusts only minutes where the job
     * lagged, which it reads from the lag guard's metric.
     */
    public static Optional<String> learningUnavailable(ScalingPolicy policy) {
        SignalKind kind = policy.thresholds().kind();
        if (kind != SignalKind.INCOMING_RECORDS && kind != SignalKind.INCOMING_BYTES) {
            return Optional.of("the scaling signal is " + kind + ": the scaler learns a per-KPU rate of incoming "
                    + "records or bytes only, whose consumption it can read");
        }
        if (!policy.lagGuard().enabled()) {
            return Optional.of("the lag guard is off: the scaler learns from the minutes the job lagged, which it "
                    + "reads from the lag guard's metric");
        }
        return Optional.empty();
    }

    /**
     * Learning is on by default, but it cannot run with every policy ({@link #learningUnavailable}): then it is off,
     * and the user is told so rather than left to believe the scaler learns. The construct's
     * {@code rateLearning(RateLearningProps.disabled())} says it is meant and silences this.
     */
    public static Warning rateLearningOff(String reason) {
        return new Warning(
                "kda-step-scaling:rateLearningOff",
                "the scaler does not learn the per-KPU rate: "
                        + reason + "; the thresholds use the configured rate. "
                        + "Give rateLearning(RateLearningProps.disabled()) to say this is meant");
    }
}
