package io.github.kdastepscaling.lambda;

/**
 * The Lambda invocation a decision belongs to, for its log line.
 *
 * @param requestId the invocation's request id (the one Lambda's own REPORT line shows), or null outside Lambda
 * @param coldStart whether it is the first invocation of this execution environment, or the first after a SnapStart
 *                  restore
 */
record Invocation(String requestId, boolean coldStart) {

    /** An invocation without Lambda's context, as in tests and local runs. */
    static final Invocation LOCAL = new Invocation(null, false);
}
