package io.github.kdastepscaling.policy.rate;

import io.github.kdastepscaling.policy.ScalingThresholds;

/**
 * After the learned rate rises, a capacity sized for the lower rate is held only while the load needs it at the
 * learned rate.
 *
 * <p>The scale-in alarm waits for the load to fall below 90 % (by default) of one KPU fewer: that band is
 * hysteresis, so that a job which just scaled out over a threshold does not scale straight back in when the load
 * dips under it. A capacity reached under a rate guessed too low never crossed the learned rate's threshold: it was
 * sized for a rate the job has since shown to be wrong, and the band would hold it a KPU high for as long as the load
 * stays where it is. The policy configured with the true rate from the start would not run there (a job at 2,400
 * records/s scaled on 1,000 per KPU runs 3 KPUs; at a true 1,300 the policy configured with it runs 2, and 1,300's band
 * keeps 3 until the load falls under 2,340).
 *
 * <p>So while the running capacity was sized for a lower rate than the learned one, and the job has been caught up
 * for {@link #CAUGHT_UP_MINUTES} minutes, the reconcile stores the KPUs the learning window's highest minute needs at
 * the learned scale-out rate, within the estimator's hysteresis ({@link LearnedRate#resizeNeed()}); while that is
 * fewer than the capacity, the scale-in threshold is that of one KPU fewer at the scale-out rate
 * ({@link ScalingThresholds#withResizeTo}) and a scale-in lands no lower than the need ({@link ScaleInTarget}). Once the application is rescaled, its capacity is sized for the
 * learned rate and the band applies again: at most one resize follows each raise of the learned rate.
 *
 * <p>The caught-up condition keeps a resize from stacking a restart's backlog on one still draining: a job that runs
 * near its new capacity drains a backlog slowly, and the lag guard would scale it straight back out. A rate that is cut
 * never resizes: a capacity sized for a higher rate than the job has is what the lag guard and the scale-out floor
 * correct.
 */
public final class ResizeAfterRaise {

    /**
     * The job must have been caught up (the lag's Maximum under the estimator's lagging threshold) in each of this
     * many minutes before a resize: the scale-in alarm's own evaluation periods by default, so the minutes that let
     * it fire were minutes without a backlog.
     */
    public static final int CAUGHT_UP_MINUTES = 10;

    private ResizeAfterRaise() {}

    /**
     * {@code state} with the rate the running capacity was sized for: unchanged while the observation shows the same
     * first minute at that capacity; on a new one (a rescale since the last estimate) the rate in force before this
     * estimate; before the first estimate the configured rate (the deploy sized the capacity). A stored state from
     * before sizing was kept says the running capacity was sized for its learned rate, which never resizes.
     */
    static LearnedRate track(LearnedRate state, RateObservation observation, double configured) {
        LearnedRate previous = observation.previous();
        long first = observation.lastRescaleMinute();
        if (previous == null || previous.configured() != configured) {
            return state.withSizing(configured, first);
        }
        if (Double.isNaN(previous.sizedFor()) || first != previous.sizedAt()) {
            return state.withSizing(previous.rate(), first);
        }
        return state.withSizing(previous.sizedFor(), previous.sizedAt());
    }

    /**
     * The KPUs to resize to: {@code ceil(highest load of the window x (1 + hysteresis) / scaleOutPerKpu)} when the
     * job runs, the running capacity was sized for a rate under {@code scaleOutPerKpu}, the job was caught up in each
     * of the last {@link #CAUGHT_UP_MINUTES} minutes, the window has at least that many minutes of load, and the need
     * is under the capacity; else 0. The estimator moves the learned rate only by more than its hysteresis, so the
     * rate is known within it: the load must fit with that tolerance (a base at 96 % of one KPU fewer, which a minute
     * of noise takes over the scale-out threshold, does not).
     *
     * @param settings the estimator's settings: its lagging threshold (caught up is under it) and its hysteresis
     */
    static int need(
            LearnedRate state, RateObservation observation, double scaleOutPerKpu, RateLearningSettings settings) {
        double laggingMillis = settings.laggingSeconds() * 1000.0;
        if (!observation.running()
                || Double.isNaN(state.sizedFor())
                || !(scaleOutPerKpu > state.sizedFor())
                || observation.capacity() <= 1) {
            return 0;
        }
        long now = observation.now();
        boolean[] caughtUp = new boolean[CAUGHT_UP_MINUTES];
        double highest = 0;
        int loadMinutes = 0;
        for (MinuteMetrics minute : observation.window()) {
            if (minute == null || minute.minute() >= now) {
                continue;
            }
            if (MinuteMetrics.finiteNonNegative(minute.incoming())) {
                highest = Math.max(highest, minute.incoming() / 60);
                loadMinutes++;
            }
            long ago = now - 1 - minute.minute();
            if (ago < CAUGHT_UP_MINUTES
                    && MinuteMetrics.finiteNonNegative(minute.lagMillis())
                    && minute.lagMillis() < laggingMillis) {
                caughtUp[(int) ago] = true;
            }
        }
        for (boolean minute : caughtUp) {
            if (!minute) {
                return 0;
            }
        }
        if (loadMinutes < CAUGHT_UP_MINUTES) {
            return 0;
        }
        int kpus = Math.max(1, (int) Math.ceil(highest * (1 + settings.hysteresis()) / scaleOutPerKpu));
        return kpus < observation.capacity() ? kpus : 0;
    }

    /**
     * The thresholds to set: {@code learned}, with the scale-in threshold of a resize ({@link
     * ScalingThresholds#withResizeTo}) while {@code state} holds a fresh resize need.
     *
     * @param learned   the thresholds at the learned rate
     * @param state     the estimator's stored state, or null
     * @param nowMinute the minute now (since the epoch): a need older than {@link ScaleOutFloor#MAX_AGE_MINUTES}
     *                  (the reconcile failing) is not trusted
     */
    public static ScalingThresholds thresholds(ScalingThresholds learned, LearnedRate state, long nowMinute) {
        if (state == null || state.resizeNeed() <= 0 || !LoadNeeds.fresh(state, nowMinute)) {
            return learned;
        }
        return learned.withResizeTo(state.resizeNeed());
    }
}
