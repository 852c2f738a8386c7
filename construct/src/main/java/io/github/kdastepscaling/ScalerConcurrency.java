package io.github.kdastepscaling;

/**
 * How many concurrent executions the scaler function reserves. {@link #reserved(Number)} by default (5): room for
 * every call Application Auto Scaling and the reconcile schedule make at once, and a cap on what a runaway caller
 * could cost. {@link #unreserved()} for an account whose unreserved concurrency cannot spare it: Lambda refuses a
 * reservation that leaves the account below its minimum unreserved concurrency (100, less on a new account's low
 * quota), and the deploy would fail.
 */
public final class ScalerConcurrency {

    private final Number reserved;

    private ScalerConcurrency(Number reserved) {
        this.reserved = reserved;
    }

    /**
     * Reserves {@code executions} (1 to 100) for the scaler. Below 3, a reconcile that overlaps a scaling activity's
     * calls can be throttled.
     */
    public static ScalerConcurrency reserved(Number executions) {
        if (executions == null) {
            throw new IllegalArgumentException("scalerConcurrency: ScalerConcurrency.reserved needs a number of "
                    + "executions; use ScalerConcurrency.unreserved() for none");
        }
        return new ScalerConcurrency(executions);
    }

    /** Reserves nothing: the scaler draws on the account's unreserved concurrency like any function. */
    public static ScalerConcurrency unreserved() {
        return new ScalerConcurrency(null);
    }

    /** The executions reserved, or {@code null} for none. */
    public Number getReservedExecutions() {
        return reserved;
    }
}
