package io.github.kdastepscaling.lambda;

import io.github.kdastepscaling.policy.rate.LearnedRate;
import io.github.kdastepscaling.policy.rate.MinuteMetrics;
import io.github.kdastepscaling.policy.rate.RateEstimator;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What a decision takes in for the learned per-KPU rate, when learning is configured: the estimator, the state
 * stored by the last reconcile, and on a scheduled reconcile what the one GetMetricData call read.
 *
 * @param estimator     the estimator (pure), with the configured settings
 * @param parameterName the SSM parameter the state is kept in, for the decision log
 * @param stored        the stored state as read, or null when it could not be read ({@code unreadable} says why)
 * @param unreadable    why the stored state could not be read, or null
 * @param observed      what the reconcile read, or null on a GET or PATCH (which never learn)
 * @param nowMinute     the minute the call runs in (minutes since the epoch), to tell how old the stored load need is
 */
record RateInputs(
        RateEstimator estimator,
        String parameterName,
        LearnedRateStore.StoredRate stored,
        SdkException unreadable,
        Observed observed,
        long nowMinute) {

    /** The inputs of a call that only uses the stored rate (a GET or a PATCH). */
    static RateInputs stored(
            RateEstimator estimator, String parameterName, LearnedRateStore.StoredRate stored, long nowMinute) {
        return new RateInputs(estimator, parameterName, stored, null, null, nowMinute);
    }

    /** The inputs of a call whose stored rate could not be read. */
    static RateInputs unreadable(RateEstimator estimator, String parameterName, SdkException cause, long nowMinute) {
        return new RateInputs(estimator, parameterName, null, cause, null, nowMinute);
    }

    /**
     * The inputs once {@code state} is stored: a decision made again in the same call (after a concurrent
     * modification) uses it and does not learn from the same window twice.
     */
    RateInputs learned(LearnedRate state) {
        return new RateInputs(
                estimator, parameterName, new LearnedRateStore.StoredRate(state, null), null, null, nowMinute);
    }

    RateInputs withObserved(Observed reading) {
        return new RateInputs(estimator, parameterName, stored, unreadable, reading, nowMinute);
    }

    /**
     * What a scheduled reconcile read.
     *
     * @param nowMinute   the minute the reconcile runs in (minutes since the epoch): the window's minutes are before it
     * @param window      the window's minutes as the estimator reads them
     * @param readProblem why the read is incomplete (the previous estimate is then kept), or null when it is complete
     */
    record Observed(long nowMinute, List<MinuteMetrics> window, String readProblem) {
        Observed {
            window = List.copyOf(window);
        }
    }
}
