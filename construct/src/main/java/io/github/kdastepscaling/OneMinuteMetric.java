package io.github.kdastepscaling;

import io.github.kdastepscaling.policy.AlarmEvaluation;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;

/**
 * A metric a user gives for an alarm of this construct must have a one-minute period: every alarm evaluates
 * one-minute periods, and a {@code Metric} built without a period has five, which would make its evaluation five
 * times slower than the policy says.
 */
final class OneMinuteMetric {

    /** The period of every alarm and graph the construct creates: the shortest a standard-resolution metric allows. */
    static final Duration PERIOD = Duration.seconds(AlarmEvaluation.PERIOD_SECONDS);

    private OneMinuteMetric() {}

    /** @throws IllegalArgumentException naming {@code prop} when the metric is missing or its period is not 1 minute */
    static IMetric require(String prop, IMetric metric) {
        if (metric == null) {
            throw new IllegalArgumentException(prop + " is required");
        }
        Duration period =
                metric instanceof Metric m ? m.getPeriod() : metric instanceof MathExpression e ? e.getPeriod() : null;
        if (period != null
                && !period.isUnresolved()
                && period.toSeconds().intValue() != AlarmEvaluation.PERIOD_SECONDS) {
            throw new IllegalArgumentException(prop + " has a period of " + period.toHumanString()
                    + "; it must be 1 minute: the alarms evaluate one-minute periods");
        }
        return metric;
    }
}
