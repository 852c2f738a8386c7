package io.github.kdastepscaling.policy.rate;

import io.github.kdastepscaling.policy.CapacityRange;

/**
 * A scale-in goes at once to what the load needs: the step policy's cut, or lower, down to {@code ceil(highest recent
 * load / learned scale-in rate)} KPUs, as the Flink Kubernetes operator's autoscaler goes straight to the parallelism
 * it computes rather than stepping down. The scale-in steps cut at most 3 KPUs a time with a 10-minute cooldown, so
 * after a burst a job came down one restart at a time; each restart costs downtime and replays. Landing at the
 * scale-in rate keeps the new capacity's utilization at or under the scale-in/scale-out ratio (90 % by default) for
 * the highest load of the last minutes, the same margin the scale-in alarm's threshold keeps, so the next minute's
 * load does not scale it straight back out.
 *
 * <p>It lowers a scale-in (never turns one into a scale-out, never goes below the scalable target's minimum), and
 * uses the needs only while fresh ({@link ScaleOutFloor#MAX_AGE_MINUTES}). It raises one only to a resize's need
 * ({@link ResizeAfterRaise}): Application Auto Scaling computes its step from the raised scale-in threshold, and a
 * step of more than one KPU would cut below what the load needs at the learned rate. It defers one altogether while
 * it would land below the backlog's need ({@link RescaleUnderBacklog}): its restart would take the lag to the lag
 * guard's bound, where the guard adds the KPUs back; once the lag has fallen the scale-in goes where the load needs,
 * in one restart rather than two.
 */
public final class ScaleInTarget {

    private ScaleInTarget() {}

    /**
     * The capacity a scale-in to {@code requested} should go to instead.
     *
     * @param requested   what the scale-in asked for
     * @param current     the capacity now: a request at or above it is not a scale-in and is returned as it is
     * @param state       the estimator's stored state, or null
     * @param nowMinute   the minute now (since the epoch)
     * @param range       the scalable target's current range: the result is never below its minimum, and a scale-in
     *                    from above its maximum (a scheduled action lowered it) is never deferred, since keeping the
     *                    capacity would keep it above the maximum; it lands no lower than the backlog's need within
     *                    the maximum instead
     * @return the capacity to go to; {@code current} when the scale-in is deferred
     */
    public static int apply(int requested, int current, LearnedRate state, long nowMinute, CapacityRange range) {
        if (requested >= current || state == null || !LoadNeeds.fresh(state, nowMinute)) {
            return requested;
        }
        int target = state.scaleInNeed() <= 0
                ? requested
                : Math.min(requested, Math.max(state.scaleInNeed(), range.minCapacity()));
        if (state.resizeNeed() > 0 && state.resizeNeed() < current) {
            target = Math.max(target, state.resizeNeed());
        }
        if (state.backlogNeed() <= target) {
            return target;
        }
        return current <= range.maxCapacity() ? current : heldAtMaximum(target, state, range);
    }

    /**
     * Where a scale-in of a job that is behind goes when it cannot wait, the capacity it would keep being above the
     * scalable target's maximum (a scheduled action lowered it): as close to the backlog's need as the maximum allows,
     * never below {@code landing}.
     */
    public static int heldAtMaximum(int landing, LearnedRate state, CapacityRange range) {
        return Math.max(landing, Math.min(state.backlogNeed(), range.maxCapacity()));
    }
}
