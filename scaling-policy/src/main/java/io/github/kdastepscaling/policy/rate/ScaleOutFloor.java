package io.github.kdastepscaling.policy.rate;

/**
 * A scale-out goes at once to what the load needs: at least {@code ceil(load / learned rate)} KPUs, the capacity the
 * Flink Kubernetes operator's autoscaler computes for a job from its true processing rate (FLIP-271), rather than
 * one step policy's increment after another, each a restart. The step bounds are set in the template in units of the
 * configured rate, so once the learned rate differs from it a load step climbs in increments sized for the wrong
 * rate; the floor makes the first restart land where the load needs the job. While the job is behind, the floor is
 * also what drains the backlog, the restart's own included, at the pace the lag guard calls draining
 * ({@link RescaleUnderBacklog}), the operator's catch-up sizing: a scale-out sized for the load alone left the backlog
 * to the guard, one KPU and one restart at a time.
 *
 * <p>The need is the estimator's ({@link LearnedRate#loadNeed()}: the latest minute's load at the learned rate, seen
 * by the scheduled reconcile), used only while fresh ({@link #MAX_AGE_MINUTES}), only to raise a scale-out (never a
 * scale-in, never a capacity the scale-out did not ask to change) and never above the scalable target's maximum.
 */
public final class ScaleOutFloor {

    /** A need older than this (the reconcile failing, say) is not trusted: the scale-out goes where it asked. */
    public static final int MAX_AGE_MINUTES = 10;

    private ScaleOutFloor() {}

    /**
     * The capacity a scale-out to {@code requested} should go to instead.
     *
     * @param requested   what the scale-out asked for
     * @param current     the capacity now: a request at or below it is not a scale-out and is returned as it is
     * @param state       the estimator's stored state, or null
     * @param nowMinute   the minute now (since the epoch)
     * @param maxCapacity the scalable target's maximum: the result is never above it (nor below {@code requested})
     */
    public static int apply(int requested, int current, LearnedRate state, long nowMinute, int maxCapacity) {
        if (requested <= current || state == null || !LoadNeeds.fresh(state, nowMinute)) {
            return requested;
        }
        int need = Math.max(state.loadNeed(), state.backlogNeed());
        return need <= requested ? requested : Math.max(requested, Math.min(need, maxCapacity));
    }
}
