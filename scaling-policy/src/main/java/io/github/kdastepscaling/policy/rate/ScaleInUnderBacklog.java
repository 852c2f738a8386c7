package io.github.kdastepscaling.policy.rate;

import io.github.kdastepscaling.policy.LagGuard;

/**
 * A scale-in waits while the restart it costs would leave the job so far behind that the lag guard adds the KPUs
 * back.
 *
 * <p>A rescale restarts the job from a snapshot: for {@code expectedRestartDuration} it processes nothing and the lag
 * grows by as much. The lag guard's scale-in block covers only a lag at or above its bound, so a job still draining a
 * backlog just under the bound could be scaled in; the restart then takes the lag over the bound, and at the new,
 * smaller capacity (which keeps only the scale-in margin over the load) the lag falls too slowly for the guard to call
 * it draining, so the guard scales straight back out: two restarts, and the backlog grows with each. Measured with a
 * job that runs at half its rate for a minute after each restart, the guard and the scale-in took turns all afternoon
 * on a diurnal load (docs/tuning.md).
 *
 * <p>So the reconcile stores, beside the other needs, the KPUs that let a scale-in keep the guard quiet: none while
 * the latest lag plus a restart stays under the bound; else enough that the lag, after the restart, falls at the pace
 * the guard calls draining ({@link LagGuard#MIN_DRAIN_SECONDS_PER_MINUTE} s a minute, and faster when needed to be
 * under the bound within the guard's drain horizon): {@code ceil(load x (1 + fall / 60) / learned rate)}, since a job
 * with a surplus of {@code fall / 60} of its load drains {@code fall} seconds of lag a minute. {@link ScaleInTarget}
 * defers a scale-in that would land below it until the lag has fallen (landing at the hold instead would only split
 * the descent into two restarts). Every number is the guard's own or the user's restart estimate: nothing here is
 * tuned.
 */
public final class ScaleInUnderBacklog {

    private ScaleInUnderBacklog() {}

    /**
     * The lag guard as the rule needs it, or {@link #NONE} when the guard is off (a scale-in then is never held).
     *
     * @param maxLagSeconds  the guard's bound ({@link LagGuard#maxLagSeconds()}); 0 for no guard
     * @param drainMinutes   the guard's drain horizon ({@link LagGuard#drainMinutes()}); 0 (no draining exemption:
     *                       the guard fires at the bound) is taken as one minute, the soonest it fires
     * @param restartSeconds how long a rescale keeps the job from processing: the policy's
     *                       {@code expectedRestartDuration}
     */
    public record GuardLimits(int maxLagSeconds, int drainMinutes, int restartSeconds) {

        /** No lag guard: nothing is held. */
        public static final GuardLimits NONE = new GuardLimits(0, 0, 0);

        public GuardLimits {
            if (maxLagSeconds < 0) {
                throw new IllegalArgumentException(
                        "lagGuard.maxLag (" + maxLagSeconds + " s) must be 0 (no guard) or" + " more seconds");
            }
            if (drainMinutes < 0 || drainMinutes > LagGuard.MAX_DRAIN_MINUTES) {
                throw new IllegalArgumentException("lagGuard.drainMinutes (" + drainMinutes + ") must be between 0 and "
                        + LagGuard.MAX_DRAIN_MINUTES);
            }
            if (restartSeconds < 0) {
                throw new IllegalArgumentException(
                        "expectedRestartDuration (" + restartSeconds + " s) must be 0 or more seconds");
            }
        }

        /** The limits of {@code guard} (NONE when it is disabled), with {@code restartSeconds} per rescale. */
        public static GuardLimits of(LagGuard guard, int restartSeconds) {
            return guard.enabled()
                    ? new GuardLimits(guard.maxLagSeconds(), guard.drainMinutes(), restartSeconds)
                    : NONE;
        }

        public boolean enabled() {
            return maxLagSeconds > 0;
        }
    }

    /**
     * The KPUs a scale-in must keep: 0 (none) while {@code lagSeconds} plus a restart is under the bound, or when the
     * guard is off or the lag or load is not known; else {@code ceil(load x (1 + fall / 60) / scaleOutPerKpu)} with
     * {@code fall} the slowest fall of the lag, in seconds a minute, that the guard does not fire on after the restart.
     *
     * @param lagSeconds     the latest minute's lag (NaN: none)
     * @param loadPerSecond  the latest minute's load, in the load alarm's units per second (NaN: none)
     * @param scaleOutPerKpu the learned scale-out rate per KPU: what a KPU processes
     */
    static int need(double lagSeconds, double loadPerSecond, double scaleOutPerKpu, GuardLimits limits) {
        if (!limits.enabled() || !(lagSeconds >= 0) || !(loadPerSecond > 0) || Double.isInfinite(loadPerSecond)) {
            return 0;
        }
        double afterRestart = lagSeconds + limits.restartSeconds();
        if (afterRestart < limits.maxLagSeconds()) {
            return 0;
        }
        double fall = Math.max(
                LagGuard.MIN_DRAIN_SECONDS_PER_MINUTE,
                (afterRestart - limits.maxLagSeconds()) / Math.max(1, limits.drainMinutes()));
        return (int) Math.ceil((loadPerSecond + loadPerSecond * fall / 60) / scaleOutPerKpu);
    }
}
