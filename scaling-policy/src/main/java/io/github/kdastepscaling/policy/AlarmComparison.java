package io.github.kdastepscaling.policy;

/** The CloudWatch alarm comparison operators the policies use, with their CloudWatch names. */
public enum AlarmComparison {
    GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    GREATER_THAN_THRESHOLD,
    LESS_THAN_THRESHOLD,
    LESS_THAN_OR_EQUAL_TO_THRESHOLD;

    /** The name CloudWatch uses ({@code ComparisonOperator} of PutMetricAlarm and of the CloudFormation alarm). */
    public String cloudWatchName() {
        return CloudWatchName.of(this, true);
    }

    /** The operator with CloudWatch name {@code name}. */
    public static AlarmComparison fromCloudWatchName(String name) {
        AlarmComparison comparison = CloudWatchName.find(values(), true, name);
        if (comparison != null) {
            return comparison;
        }
        throw new IllegalArgumentException("ComparisonOperator (" + name + ") is not one the policies use");
    }

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
