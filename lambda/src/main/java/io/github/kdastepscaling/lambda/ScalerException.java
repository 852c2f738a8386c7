package io.github.kdastepscaling.lambda;

/** A call that cannot be answered with a state; carries the HTTP status and a reason for the caller. */
public final class ScalerException extends RuntimeException {

    private final int httpStatus;

    public ScalerException(int httpStatus, String reason) {
        super(reason, null, false, false);
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
