package io.github.kdastepscaling.lambda;

import java.net.SocketTimeoutException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/** Describes an AWS call that failed after the SDK's retries in one line. */
final class AwsFailure {

    private AwsFailure() {}

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

    static boolean isTimeout(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiCallTimeoutException
                    || cause instanceof ApiCallAttemptTimeoutException
                    || cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
