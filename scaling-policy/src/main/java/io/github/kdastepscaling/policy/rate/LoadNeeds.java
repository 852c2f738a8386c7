package io.github.kdastepscaling.policy.rate;

/**
 * What the recent load needs at the learned rates, kept in the stored state for the rules that act on a rescale
 * request without reading metrics themselves: {@link ScaleOutFloor} (the latest minute's load at the scale-out rate)
 * and {@link ScaleInTarget} (the highest load of the last {@link #SCALE_IN_MINUTES} minutes at the scale-in rate),
 * {@link ResizeAfterRaise}'s need (the window's highest load at the scale-out rate, for a capacity sized for a
 * lower rate), and {@link RescaleUnderBacklog}'s need (the latest minute's load and lag, when a restart would take
 * the lag to the lag guard's bound).
 */
final class LoadNeeds {

    /**
     * The stored needs are refreshed at least this often while unchanged, so that their age says whether the
     * reconcile still runs (and an SSM write is made at most this often for them).
     */
    static final int REFRESH_MINUTES = 5;

    /**
     * A scale-in holds the highest load of this many recent minutes. The scale-in alarm already wanted 8 of its last
     * 10 minutes below its threshold; what matters for where to land is whether the load is rising again, which the
     * latest minutes show. Five is the refresh interval above, so a stored need always covers the minutes since the
     * one before.
     */
    static final int SCALE_IN_MINUTES = REFRESH_MINUTES;

    private LoadNeeds() {}

    /**
     * Whether {@code state}'s stored needs may steer a rescale at {@code nowMinute}: seen at most
     * {@link ScaleOutFloor#MAX_AGE_MINUTES} ago (an older one means the reconcile is failing), and not in the future.
     */
    static boolean fresh(LearnedRate state, long nowMinute) {
        long age = nowMinute - state.loadNeedAt();
        return age >= 0 && age <= ScaleOutFloor.MAX_AGE_MINUTES;
    }

    /**
     * {@code state} with the needs of {@code observation}'s load at the rates given, carried over from the previous
     * state when the job does not run or no load was seen, rewritten when a need changes or the stored one is
     * {@link #REFRESH_MINUTES} old.
     *
     * @param settings the estimator's settings, for {@link ResizeAfterRaise#need} and {@link RescaleUnderBacklog#need}
     */
    static LearnedRate refresh(
            LearnedRate state,
            RateObservation observation,
            double scaleOutPerKpu,
            double scaleInPerKpu,
            RateLearningSettings settings) {
        LearnedRate previous = observation.previous();
        LearnedRate result = state;
        if (previous != null && previous.loadNeed() > 0) {
            result = result.withLoadNeed(
                    previous.loadNeed(),
                    previous.scaleInNeed(),
                    previous.resizeNeed(),
                    previous.backlogNeed(),
                    previous.loadNeedAt());
        }
        double latest = Double.NaN;
        double latestLagSeconds = Double.NaN;
        double highest = 0;
        long latestMinute = Long.MIN_VALUE;
        long now = observation.now();
        for (MinuteMetrics minute : observation.window()) {
            if (minute == null || minute.minute() >= now || !MinuteMetrics.finiteNonNegative(minute.incoming())) {
                continue;
            }
            double perSecond = minute.incoming() / 60;
            if (minute.minute() >= now - 3 && minute.minute() > latestMinute) {
                latest = perSecond;
                latestLagSeconds = minute.lagMillis() / 1000;
                latestMinute = minute.minute();
            }
            if (minute.minute() >= now - SCALE_IN_MINUTES) {
                highest = Math.max(highest, perSecond);
            }
        }
        if (!observation.running() || Double.isNaN(latest)) {
            return result;
        }
        int need = kpus(latest, scaleOutPerKpu);
        int inNeed = kpus(highest, scaleInPerKpu);
        int resizeNeed = ResizeAfterRaise.need(result, observation, scaleOutPerKpu, settings);
        int backlogNeed = RescaleUnderBacklog.need(latestLagSeconds, latest, scaleOutPerKpu, settings.guardLimits());
        if (need != result.loadNeed()
                || inNeed != result.scaleInNeed()
                || resizeNeed != result.resizeNeed()
                || backlogNeed != result.backlogNeed()
                || now - result.loadNeedAt() >= REFRESH_MINUTES) {
            result = result.withLoadNeed(need, inNeed, resizeNeed, backlogNeed, now);
        }
        return result;
    }

    private static int kpus(double loadPerSecond, double perKpu) {
        return (int) Math.max(1, Math.min(LearnedRate.MAX_STORED_KPUS, Math.ceil(loadPerSecond / perKpu)));
    }
}
