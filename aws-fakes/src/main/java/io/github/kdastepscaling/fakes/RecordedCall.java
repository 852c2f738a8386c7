package io.github.kdastepscaling.fakes;

import java.util.List;

/**
 * One HTTP request the fakes answered, kept so tests can assert on what the code under test actually asked AWS
 * to do (and with which credentials) rather than on what it meant to do; the IAM tests compare
 * {@link #iamAction()} and {@link #resourceArns()} with the statements of the generated policy.
 *
 * @param service      {@code kinesisanalyticsv2}, {@code ssm} or {@code cloudwatch} ({@code unknown} if the request
 *                     could not be attributed)
 * @param operation    the API operation, e.g. {@code UpdateApplication}
 * @param iamAction    the IAM action the call needs, e.g. {@code kinesisanalytics:UpdateApplication}
 * @param resourceArns the ARN(s) the call acted on; empty for calls on no named resource (e.g. DescribeAlarms
 *                     without names)
 * @param httpStatus   the status the fake answered with
 * @param errorCode    the error code returned, {@code null} on success
 * @param requestBody  the raw request body (JSON, or form-encoded for CloudWatch)
 * @param accessKeyId  the access key id from the SigV4 {@code Authorization} header, {@code null} if unsigned
 */
public record RecordedCall(
        String service,
        String operation,
        String iamAction,
        List<String> resourceArns,
        int httpStatus,
        String errorCode,
        String requestBody,
        String accessKeyId) {

    /** Copies the ARN list so a recorded call never changes after the fact. */
    public RecordedCall {
        resourceArns = resourceArns == null ? List.of() : List.copyOf(resourceArns);
    }

    /** @return true if the fake answered with a 2xx status */
    public boolean succeeded() {
        return httpStatus >= 200 && httpStatus < 300;
    }
}
