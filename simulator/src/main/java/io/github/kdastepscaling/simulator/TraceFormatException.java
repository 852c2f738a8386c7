package io.github.kdastepscaling.simulator;

/** A trace file that cannot be read; the message names the file and the line. */
public final class TraceFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public TraceFormatException(String message) {
        super(message);
    }
}
