package io.github.kdastepscaling.policy;

/** How the project writes a number for people and for the scaler's environment: whole values without a fraction. */
public final class NumberText {

    private NumberText() {}

    /** {@code 1000} for 1000.0, {@code 1200.5} for 1200.5. */
    public static String of(double value) {
        return value == Math.rint(value) && !Double.isInfinite(value)
                ? Long.toString((long) value)
                : Double.toString(value);
    }
}
