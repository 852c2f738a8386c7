package io.github.kdastepscaling.fakes;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure to inject instead of (or, for {@link #delay}, before) the normal answer, so the code under test can be
 * driven through the error paths the real services produce: throttling, 5xx, modeled errors and slow answers.
 * Error codes that differ between protocols (throttling, internal errors) are resolved per service when the fault
 * fires, so one fault works for all four fakes. Make one with the static factories ({@link #throttling()},
 * {@link #serverError()}, {@link #unavailable()}, {@link #error}, {@link #delay(Duration)}).
 *
 * @param kind    what fails
 * @param status  the HTTP status this fault answers with, 0 for a delay
 * @param code    the error code when it is the same on every service; {@code null} for throttling and server errors
 *                (resolved per service by {@link #codeFor}) and for a delay
 * @param message the error message; {@code null} for a delay
 * @param delay   the sleep of a delay fault, {@code null} for the others
 */
public record Fault(Kind kind, int status, String code, String message, Duration delay) {

    /** What a fault does: answers with an error of that kind, or answers late. */
    public enum Kind {
        THROTTLING,
        SERVER_ERROR,
        UNAVAILABLE,
        ERROR,
        DELAY
    }

    /** Checks what the factories guarantee, so a fault built directly cannot answer an impossible response. */
    public Fault {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.DELAY) {
            if (delay == null || delay.isNegative()) {
                throw new IllegalArgumentException("delay (" + delay + ") must be >= 0");
            }
        } else {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("status (" + status + ") must be 4xx or 5xx");
            }
            if (kind == Kind.ERROR) {
                Objects.requireNonNull(code, "code");
            }
        }
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
        return new Fault(Kind.ERROR, status, code, message, null);
    }

    /**
     * Sleeps before answering normally, to provoke client-side timeouts. The request is still processed after the
     * sleep (as a real service does when the client gives up), so unlike the error faults it may change state.
     */
    public static Fault delay(Duration delay) {
        return new Fault(Kind.DELAY, 0, null, null, delay);
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

    @Override
    public String toString() {
        return kind == Kind.DELAY ? "Fault[delay " + delay + "]" : "Fault[" + kind + " " + status + " " + code + "]";
    }
}
