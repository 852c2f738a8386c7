package io.github.kdastepscaling.lambda;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/** Turns an AWS call that failed after the SDK's retries into an HTTP status and a one-line reason. */
final class AwsFailure {

    static final int THROTTLED = 429;
    static final int UPSTREAM_ERROR = 502;
    static final int UPSTREAM_TIMEOUT = 504;

    private AwsFailure() {
    }

    /** 429 when AWS throttled us (Application Auto Scaling backs off), 504 for a timeout, 502 otherwise. */
    static int httpStatus(SdkException e) {
        if (e instanceof SdkServiceException service && service.isThrottlingException()) {
            return THROTTLED;
        }
        if (isTimeout(e)) {
            return UPSTREAM_TIMEOUT;
        }
        return UPSTREAM_ERROR;
    }

    /** The service, error code and message, without a stack trace. */
    static String describe(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            var details = service.awsErrorDetails();
            return details.serviceName() + " " + details.errorCode() + " (HTTP " + service.statusCode() + "): "
                    + details.errorMessage();
        }
        if (isTimeout(e)) {
            return "timed out: " + e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiCallTimeoutException || cause instanceof ApiCallAttemptTimeoutException
                    || cause instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
