package io.github.kdastepscaling.policy.rate;

/**
 * An anti-oscillation rule after the Flink Kubernetes operator's autoscaler (its scale-down interval: a scale-down
 * goes only to the highest parallelism recommended over the last hour): a scale-in goes no lower than the highest
 * capacity the load needed over a recent window, at the (learned) rate per KPU. A load that dips for the scale-in
 * alarm's minutes and comes back then does not cost two restarts.
 */
public final class ScaleInFloor {

    private ScaleInFloor() {}

    /**
     * The capacity a scale-in to {@code requested} should go to instead.
     *
     * @param requested            what the scale-in policy asked for
     * @param current              the capacity now: the result is never above it (a floor never scales out)
     * @param recentLoadPerSecond  the load signal over the window, per second; NaN or negative values are skipped
     * @param ratePerKpu           the learned (or configured) scale-out rate per KPU, in the signal's units
     * @return {@code requested}, raised to the highest {@code ceil(load / ratePerKpu)} of the window, at most
     *         {@code current}
     * @throws IllegalArgumentException for a rate that is not a positive number
     */
    public static int apply(int requested, int current, double[] recentLoadPerSecond, double ratePerKpu) {
        if (!(ratePerKpu > 0) || Double.isInfinite(ratePerKpu)) {
            throw new IllegalArgumentException("ratePerKpu (" + ratePerKpu + ") must be a positive number");
        }
        int needed = requested;
        for (double load : recentLoadPerSecond) {
            if (load >= 0 && !Double.isInfinite(load)) {
                needed = Math.max(needed, (int) Math.ceil(load / ratePerKpu));
            }
        }
        return Math.min(current, needed);
    }
}
