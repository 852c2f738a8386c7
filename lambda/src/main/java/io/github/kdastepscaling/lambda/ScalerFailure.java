package io.github.kdastepscaling.lambda;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * A decision that could not be answered with a state: what kind of failure, and a reason for the caller. Kinds are
 * domain words; only the API layer turns them into HTTP statuses ({@link ScalableTargetApi#httpStatus}).
 */
public final class ScalerFailure extends RuntimeException {

    /** What went wrong. */
    public enum Kind {
        /** AWS throttled a call past the SDK's retries: the caller should back off. */
        AWS_THROTTLED,
        /** An AWS call timed out. */
        AWS_TIMED_OUT,
        /** An AWS call failed otherwise. */
        AWS_FAILED,
        /** The application, or state the scaler keeps, is not what the scaler can work with (a person must act). */
        UNUSABLE_STATE,
        /** A bug, or an answer no one foresaw. */
        UNEXPECTED
    }

    private final Kind kind;

    public ScalerFailure(Kind kind, String reason) {
        super(reason, null, false, false);
        this.kind = kind;
    }

    /** The failure of an AWS call that failed after the SDK's retries, with {@code reason} saying what it meant. */
    static ScalerFailure ofAws(SdkException e, String reason) {
        Kind kind = e instanceof SdkServiceException service && service.isThrottlingException()
                ? Kind.AWS_THROTTLED
                : AwsFailure.isTimeout(e) ? Kind.AWS_TIMED_OUT : Kind.AWS_FAILED;
        return new ScalerFailure(kind, reason);
    }

    public Kind kind() {
        return kind;
    }
}
