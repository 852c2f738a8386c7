package io.github.kdastepscaling.fakes;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure to inject instead of (or, for {@link #delay}, before) the normal answer, so the code under test can be
 * driven through the error paths the real services produce: throttling, 5xx, modeled errors and slow answers.
 * Error codes that differ between protocols (throttling, internal errors) are resolved per service when the fault
 * fires, so one fault works for all four fakes.
 */
public final class Fault {

    enum Kind {
        THROTTLING,
        SERVER_ERROR,
        UNAVAILABLE,
        ERROR,
        DELAY
    }

    private final Kind kind;
    private final int status;
    private final String code;
    private final String message;
    private final Duration delay;

    private Fault(Kind kind, int status, String code, String message, Duration delay) {
        this.kind = kind;
        this.status = status;
        this.code = code;
        this.message = message;
        this.delay = delay;
    }

    /**
     * HTTP 400 with code {@code ThrottlingException} (kinesisanalyticsv2, SSM) or {@code Throttling} (CloudWatch);
     * the SDK classifies both as throttling and retries them with its throttling back-off.
     */
    public static Fault throttling() {
        return new Fault(Kind.THROTTLING, 400, null, "Rate exceeded", null);
    }

    /**
     * HTTP 500 with the service's internal error code: {@code InternalFailure} (kinesisanalyticsv2),
     * {@code InternalServerError} (SSM, modeled), {@code InternalServiceError} (CloudWatch, modeled).
     */
    public static Fault serverError() {
        return new Fault(Kind.SERVER_ERROR, 500, null, "We encountered an internal error. Please try again.", null);
    }

    /** HTTP 503 with code {@code ServiceUnavailable}. */
    public static Fault unavailable() {
        return new Fault(Kind.UNAVAILABLE, 503, "ServiceUnavailable", "Service is unavailable", null);
    }

    /**
     * Any error: the code is sent as the JSON {@code __type} (or the XML {@code Code} for CloudWatch), so a modeled
     * code such as {@code ResourceInUseException} reaches the caller as the modeled exception class.
     */
    public static Fault error(int status, String code, String message) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status (" + status + ") must be 4xx or 5xx");
        }
        return new Fault(Kind.ERROR, status, Objects.requireNonNull(code, "code"), message, null);
    }

    /**
     * Sleeps before answering normally, to provoke client-side timeouts. The request is still processed after the
     * sleep (as a real service does when the client gives up), so unlike the error faults it may change state.
     */
    public static Fault delay(Duration delay) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("delay (" + delay + ") must be >= 0");
        }
        return new Fault(Kind.DELAY, 0, null, null, delay);
    }

    Kind kind() {
        return kind;
    }

    /** @return the HTTP status this fault answers with, 0 for a delay */
    public int status() {
        return status;
    }

    /** @return the sleep of a delay fault, {@code null} for the others */
    public Duration delay() {
        return delay;
    }

    boolean isDelay() {
        return kind == Kind.DELAY;
    }

    /** The error code this fault produces on the given service. */
    String codeFor(String service) {
        switch (kind) {
            case THROTTLING:
                return "cloudwatch".equals(service) ? "Throttling" : "ThrottlingException";
            case SERVER_ERROR:
                if ("ssm".equals(service)) {
                    return "InternalServerError";
                }
                if ("application-autoscaling".equals(service)) {
                    return "InternalServiceException";
                }
                return "cloudwatch".equals(service) ? "InternalServiceError" : "InternalFailure";
            default:
                return code;
        }
    }

    String message() {
        return message;
    }

    @Override
    public String toString() {
        return kind == Kind.DELAY ? "Fault[delay " + delay + "]" : "Fault[" + kind + " " + status + " " + code + "]";
    }
}
