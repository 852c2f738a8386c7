package io.github.kdastepscaling.lambda;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;

/**
 * The scheduled reconcile's repairs and checks of what the scaler relies on, run after its decision (so they never
 * delay or fail it, and never run on the API Gateway path) and never throwing: a failed call is said on the decision's
 * log line and tried again by the next reconcile.
 * <ul>
 *   <li>A deleted desired-capacity parameter ({@link StateDrift}) is written back with the application's configured
 *       capacity. Not the construct's {@code initialCapacity}, nor {@code none}: a deploy sets a created
 *       application's parallelism from the stored desire ({@code none} giving {@code initialCapacity}), so the
 *       capacity the application is configured at is the one value a deploy leaves as it is, with no restart, and
 *       the decision reads it as no change either. It is created only if still missing, so a desire a PATCH stored
 *       meanwhile stands.</li>
 *   <li>The scaling alarms (scale-out, scale-in, and the lag guard's when on) are read in one
 *       {@code DescribeAlarms}: one deleted never fires, one with its actions disabled fires without telling
 *       Application Auto Scaling, and either way the job stops scaling that way without an error anywhere.</li>
 * </ul>
 */
final class StateDriftChecks {

    private final DesiredCapacityStore desiredCapacity;
    private final CloudWatchClient cloudWatch;
    private final List<String> alarmNames;

    StateDriftChecks(DesiredCapacityStore desiredCapacity, CloudWatchClient cloudWatch, List<String> alarmNames) {
        this.desiredCapacity = desiredCapacity;
        this.cloudWatch = cloudWatch;
        this.alarmNames = List.copyOf(alarmNames);
    }

    void afterReconcile(Decision decision) {
        restoreDesiredCapacity(decision);
        checkAlarms(decision);
    }

    private void restoreDesiredCapacity(Decision decision) {
        ApplicationState seen = decision.seen();
        if (!decision.drift().isDesiredCapacityParameterMissing() || seen == null) {
            return;
        }
        int capacity = seen.configuredCapacity();
        String parameter = desiredCapacity.parameterName();
        try {
            if (desiredCapacity.recreate(capacity)) {
                decision.did("wrote " + capacity + " KPUs, the application's configured capacity, back to the "
                        + "deleted SSM parameter " + parameter + ": the next deploy keeps the job at it rather than "
                        + "restarting it at initialCapacity");
            } else {
                decision.did("SSM parameter " + parameter + " exists again (a desire was stored since it was read): "
                        + "left as it is");
            }
        } catch (SdkException e) {
            decision.did("could not write the deleted SSM parameter " + parameter + " back: " + AwsFailure.describe(e)
                    + "; the next scheduled reconcile tries again");
        }
    }

    private void checkAlarms(Decision decision) {
        Map<String, MetricAlarm> found;
        try {
            found =
                    cloudWatch
                            .describeAlarms(r -> r.alarmNames(alarmNames).alarmTypes(AlarmType.METRIC_ALARM))
                            .metricAlarms()
                            .stream()
                            .collect(Collectors.toMap(MetricAlarm::alarmName, Function.identity(), (a, b) -> a));
        } catch (SdkException e) {
            decision.did("could not check the scaling alarms " + alarmNames + ": " + AwsFailure.describe(e));
            return;
        }
        List<String> problems = new ArrayList<>();
        for (String name : alarmNames) {
            MetricAlarm alarm = found.get(name);
            if (alarm == null) {
                problems.add(name + ": deleted");
            } else if (Boolean.FALSE.equals(alarm.actionsEnabled())) {
                problems.add(name + ": actions disabled");
            }
        }
        decision.drift().alarmProblems(problems);
        if (!problems.isEmpty()) {
            decision.did("scaling alarms out of service (" + String.join("; ", problems) + "): Application Auto "
                    + "Scaling is not told when the load crosses them; redeploy the stack to recreate a deleted "
                    + "alarm, run aws cloudwatch enable-alarm-actions for a disabled one (docs/runbook.md, "
                    + "alarmsmissingordisabled)");
        }
    }
}
