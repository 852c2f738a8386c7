package io.github.kdastepscaling.simulator;

/** The CloudWatch alarm comparison operators the models use. */
public enum ComparisonOperator {
    GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    GREATER_THAN_THRESHOLD,
    LESS_THAN_THRESHOLD,
    LESS_THAN_OR_EQUAL_TO_THRESHOLD;

    /** Whether {@code value} breaches {@code threshold}. */
    public boolean breaches(double value, double threshold) {
        return switch (this) {
            case GREATER_THAN_OR_EQUAL_TO_THRESHOLD -> value >= threshold;
            case GREATER_THAN_THRESHOLD -> value > threshold;
            case LESS_THAN_THRESHOLD -> value < threshold;
            case LESS_THAN_OR_EQUAL_TO_THRESHOLD -> value <= threshold;
        };
    }
}
