package io.github.kdastepscaling;

import io.github.kdastepscaling.contract.ScalerMetrics;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.constructs.Construct;

/**
 * The health alarm's children for state deleted or disabled behind the scaler's back, which only its scheduled
 * reconcile checks (one metric each, published once per reconcile, so the period is the reconcile interval and the
 * statistic the Maximum: the state seen, however many reconciles a period holds). The scaler repairs a deleted
 * desired-capacity parameter itself, so that child fires only when the repair does not hold (2 of 3 intervals); a
 * deregistered target or a scaling alarm out of service stays until a person acts, and three intervals in a row keep
 * a deploy that replaces an alarm, or the minute before a new stack registers its target, from paging.
 */
final class StateDriftAlarms {

    private StateDriftAlarms() {}

    static List<IAlarm> children(Construct scope, KdaStepScaling scaling, Duration interval) {
        return List.of(
                HealthCondition.HAPPENED.alarm(
                        scope,
                        "DesiredCapacityParameterMissing",
                        Runbook.describe(
                                "The "
                                        + "scaler found its desired-capacity parameter deleted in 2 of 3 reconcile intervals: it "
                                        + "writes the application's capacity back, so the repair did not hold; until it does, the "
                                        + "next deploy restarts the job at initialCapacity",
                                "desiredcapacityparametermissing"),
                        metric(scaling, ScalerMetrics.DESIRED_CAPACITY_PARAMETER_MISSING, interval),
                        2,
                        3),
                HealthCondition.HAPPENED.alarm(
                        scope,
                        "ScalableTargetMissing",
                        Runbook.describe(
                                "The scalable "
                                        + "target is deregistered (three reconcile intervals in a row): its scaling policies went "
                                        + "with it, so nothing scales the job; the scaler holds it where it is",
                                "scalabletargetmissing"),
                        metric(scaling, ScalerMetrics.SCALABLE_TARGET_MISSING, interval),
                        3,
                        3),
                HealthCondition.HAPPENED.alarm(
                        scope,
                        "AlarmsMissingOrDisabled",
                        Runbook.describe(
                                "A scaling alarm "
                                        + "(scale-out, scale-in or lag guard) is deleted or has its actions disabled (three reconcile "
                                        + "intervals in a row): the job no longer scales that way; the scaler's log line names it",
                                "alarmsmissingordisabled"),
                        metric(scaling, ScalerMetrics.ALARMS_MISSING_OR_DISABLED, interval),
                        3,
                        3));
    }

    private static Metric metric(KdaStepScaling scaling, String name, Duration period) {
        return Metric.Builder.create()
                .namespace(ScalerMetrics.NAMESPACE)
                .metricName(name)
                .dimensionsMap(Map.of(ScalerMetrics.APPLICATION_DIMENSION, scaling.getApplicationName()))
                .statistic("Maximum")
                .period(period)
                .build();
    }
}
