package io.github.kdastepscaling.policy.rate;

import io.github.kdastepscaling.policy.LagGuard;

/**
 * While the job is behind, a rescale goes to a capacity at which its own restart leaves the lag guard quiet: a
 * scale-out at least there, a scale-in not below it (it waits instead).
 *
 * <p>A rescale restarts the job from a snapshot: for {@code expectedRestartDuration} it processes nothing and the lag
 * grows by as much. The guard fires once the lag is at or above its bound, unless the lag falls at least
 * {@link LagGuard#MIN_DRAIN_SECONDS_PER_MINUTE} s a minute and is under the bound within its drain horizon. Two
 * failures followed from sizing a rescale for the load alone, both measured (docs/tuning.md):
 * <ul>
 *   <li>a scale-in of a job draining a backlog just under the bound (where the guard's scale-in block stops): the
 *       restart took the lag over the bound at a capacity keeping only the scale-in margin, the lag fell too slowly,
 *       and the guard scaled straight back out, two restarts, all afternoon on a diurnal load;</li>
 *   <li>a scale-out of a job already behind (a ramp, or a rate guessed too high): sized for the latest minute's load,
 *       each restart added its own backlog and the guard added one KPU at a time, a restart each, while the lag
 *       climbed (646 s on a steep ramp, where the load alone needed a KPU every few minutes).</li>
 * </ul>
 *
 * <p>So the reconcile stores, beside the other needs, the KPUs at which the lag after a restart falls at the pace
 * the guard calls draining: none while the latest lag plus a restart stays under the bound; else
 * {@code ceil(load x (1 + fall / 60) / learned rate)}, with {@code fall} the pace, in seconds a minute, that takes the
 * lag under the bound within the drain horizon (and at least the guard's draining pace): a job with a surplus of
 * {@code fall / 60} of its load drains {@code fall} seconds of lag a minute. {@link ScaleOutFloor} raises a scale-out
 * to it, as the Flink operator's autoscaler sizes for catch-up ({@code job.autoscaler.catch-up.duration}) with the
 * guard's horizon as the catch-up time; {@link ScaleInTarget} defers a scale-in that would land below it until the
 * lag has fallen (landing there instead would split the descent into two restarts). Every number is the guard's own
 * or the user's restart estimate: nothing here is tuned.
 */
public final class RescaleUnderBacklog {

    private RescaleUnderBacklog() {}

    /**
     * The lag guard as the rule needs it, or {@link #NONE} when the guard is off (nothing is needed then).
     *
     * @param maxLagSeconds  the guard's bound ({@link LagGuard#maxLagSeconds()}); 0 for no guard
     * @param drainMinutes   the guard's drain horizon ({@link LagGuard#drainMinutes()}); 0 (no draining exemption:
     *                       the guard fires at the bound) is taken as one minute, the soonest it fires
     * @param restartSeconds how long a rescale keeps the job from processing: the policy's
     *                       {@code expectedRestartDuration}
     */
    public record GuardLimits(int maxLagSeconds, int drainMinutes, int restartSeconds) {

        /** No lag guard: no backlog need. */
        public static final GuardLimits NONE = new GuardLimits(0, 0, 0);

        public GuardLimits {
            if (maxLagSeconds < 0) {
                throw new IllegalArgumentException(
                        "lagGuard.maxLag (" + maxLagSeconds + " s) must be 0 (no guard) or more seconds");
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
     * The KPUs a rescale must reach: 0 (none) while {@code lagSeconds} plus a restart is under the bound, or when the
     * guard is off, the restart estimate is as long as the bound, or the lag or load is not known; else
     * {@code ceil(load x (1 + fall / 60) / scaleOutPerKpu)} with {@code fall} the slowest fall of the lag, in seconds
     * a minute, that the guard does not fire on after the restart.
     *
     * @param lagSeconds     the latest minute's lag (NaN: none)
     * @param loadPerSecond  the latest minute's load, in the load alarm's units per second (NaN: none)
     * @param scaleOutPerKpu the learned scale-out rate per KPU: what a KPU processes
     */
    static int need(double lagSeconds, double loadPerSecond, double scaleOutPerKpu, GuardLimits limits) {
        if (!limits.enabled()
                || limits.restartSeconds() >= limits.maxLagSeconds()
                || !(lagSeconds >= 0)
                || !(loadPerSecond > 0)
                || Double.isInfinite(loadPerSecond)) {
            // a restart as long as the bound takes any job over it: no capacity keeps the guard quiet, and a need
            // at every lag would defer every scale-in for good
            return 0;
        }
        double afterRestart = lagSeconds + limits.restartSeconds();
        if (afterRestart < limits.maxLagSeconds()) {
            return 0;
        }
        double fall = Math.max(
                LagGuard.MIN_DRAIN_SECONDS_PER_MINUTE,
                (afterRestart - limits.maxLagSeconds()) / Math.max(1, limits.drainMinutes()));
        double kpus = Math.ceil((loadPerSecond + loadPerSecond * fall / 60) / scaleOutPerKpu);
        return (int) Math.min(LearnedRate.MAX_STORED_KPUS, kpus);
    }
}
