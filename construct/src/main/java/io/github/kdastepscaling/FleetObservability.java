package io.github.kdastepscaling;

import io.github.kdastepscaling.contract.ScalerMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Lazy;
import software.amazon.awscdk.services.cloudwatch.AlarmRule;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.CompositeAlarm;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.LogQueryWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.constructs.Construct;

/**
 * A fleet's one dashboard and one health alarm. The health alarm's children are the shared scaler's and endpoint's
 * (function errors, 5XX, throttling, dead letters, no scheduled decision at all) and one composite per application,
 * named and described after it, in ALARM when that application's decisions fail or its job is down or
 * crash-looping: the notification's triggering child says which application.
 */
final class FleetObservability {

    private final FleetSettings settings;
    private final Dashboard dashboard;
    private final List<IAlarm> children = new ArrayList<>();
    private final CompositeAlarm healthAlarm;

    FleetObservability(Construct scope, FleetSettings settings, ScalerParts parts, String queryName) {
        this.settings = settings;
        Construct health = new Construct(scope, "Health");
        Duration interval = settings.reconcileInterval();
        children.addAll(ScalerHealthChildren.create(
                health,
                parts,
                interval,
                "fleet-" + settings.fleetId(),
                fleetMetric(ScalerMetrics.SCHEDULED_DECISIONS, "Sum", interval),
                new ScalerHealthChildren.Wording(
                        "The fleet's shared scaler function failed in 2 of 3 periods "
                                + "(a timeout, memory, a failed reconcile of the whole fleet)",
                        "The fleet's scaling endpoint answered 5XX to Application " + "Auto Scaling",
                        "API Gateway throttled (429) requests to the fleet's "
                                + "scaling endpoint in 2 of 3 five-minute periods",
                        "Reconciles of the fleet in 2 of 6 periods went to the shared " + "scaler's dead-letter queue",
                        "The fleet's scaler made no scheduled decision for any application "
                                + "for " + ObservabilityFactory.SILENT_INTERVALS
                                + " reconcile intervals: the schedule or the "
                                + "function is not running")));
        // The rule is rendered at synthesis: applications add their composites as they join.
        this.healthAlarm = CompositeAlarm.Builder.create(health, "Resource")
                .alarmDescription(Runbook.describe(
                        "kda-step-scaling health of fleet " + settings.fleetId() + ": the "
                                + "shared scaler or endpoint fails, or one application's decisions fail or its job is down "
                                + "or crash-looping; the child in ALARM names the application",
                        "fleet-health-alarm"))
                .alarmRule(AlarmRule.fromString(Lazy.string(
                        () -> ObservabilityFactory.anyInAlarm(children).renderAlarmRule())))
                .build();

        this.dashboard = Dashboard.Builder.create(scope, "Dashboard")
                .dashboardName(settings.dashboardName())
                .build();
        dashboard.addWidgets(TextWidget.Builder.create()
                .markdown("# kda-step-scaling fleet " + settings.fleetId() + "\nOne scaler and one endpoint for every "
                        + "application below; each application's section shows its load, capacity, lag and alarms. "
                        + "Every decision is one line in the scaler's log group, with the application's name "
                        + "(the saved Logs Insights query **" + queryName + "**).")
                .width(24)
                .height(2)
                .build());
        dashboard.addWidgets(
                GraphWidget.Builder.create()
                        .title("Shared scaler: decisions, rescales and errors of all applications")
                        .left(List.of(
                                fleetMetric(ScalerMetrics.DURATION, "SampleCount", OneMinuteMetric.PERIOD),
                                fleetMetric(ScalerMetrics.RESCALES, "Sum", OneMinuteMetric.PERIOD),
                                fleetMetric(ScalerMetrics.ERRORS, "Sum", OneMinuteMetric.PERIOD)))
                        .width(ObservabilityFactory.WIDTH)
                        .height(ObservabilityFactory.HEIGHT)
                        .build(),
                GraphWidget.Builder.create()
                        .title("Scaling endpoint: requests refused (4XX) and failed (5XX)")
                        .left(List.of(
                                parts.api().metricClientError(ObservabilityFactory.sum(OneMinuteMetric.PERIOD)),
                                parts.api().metricServerError(ObservabilityFactory.sum(OneMinuteMetric.PERIOD))))
                        .width(ObservabilityFactory.WIDTH)
                        .height(ObservabilityFactory.HEIGHT)
                        .build());
        dashboard.addWidgets(AlarmStatusWidget.Builder.create()
                .title("Fleet health")
                .alarms(List.of(healthAlarm))
                .width(24)
                .height(2)
                .build());
        dashboard.addWidgets(LogQueryWidget.Builder.create()
                .title("Latest scaling decisions of the fleet (the saved query " + queryName + ")")
                .logGroupNames(List.of(parts.logGroup().getLogGroupName()))
                .queryString(ObservabilityFactory.decisionsQuery().toString())
                .width(24)
                .height(8)
                .build());
    }

    Dashboard dashboard() {
        return dashboard;
    }

    CompositeAlarm healthAlarm() {
        return healthAlarm;
    }

    /**
     * The application's health composite, a child of the fleet's health alarm, and its section of the dashboard.
     * Three children, to keep a member small: the scaler's failed decisions for it (errors, Failed answers, thresholds
     * it could not set, together), its job not running, its job restarting.
     */
    CompositeAlarm addMember(KdaStepScaling scaling) {
        String name = scaling.getApplicationName();
        Construct scope = new Construct(scaling, "FleetHealth");
        Duration interval = settings.reconcileInterval();
        MathExpression failures = MathExpression.Builder.create()
                .expression("FILL(errors, 0) + FILL(failed, 0) + FILL(thresholds, 0)")
                .usingMetrics(Map.of(
                        "errors", scaling.metricScalerErrors(ObservabilityFactory.sum(interval)),
                        "failed", scaling.metricFailedRescales(ObservabilityFactory.sum(interval)),
                        "thresholds", scaling.metricThresholdFailures(ObservabilityFactory.sum(interval))))
                .label("Failed decisions of " + name)
                .period(interval)
                .build();
        List<IAlarm> own = new ArrayList<>();
        own.add(HealthCondition.HAPPENED.alarm(
                scope,
                "Decisions",
                Runbook.describe(
                        "The fleet's scaler failed decisions for application " + name + " in 2 "
                                + "of 3 reconcile intervals (an error, a Failed answer, or a threshold it could not set); "
                                + "the decision lines with application=" + name + " say why",
                        "errors"),
                failures,
                2,
                3));
        own.addAll(ObservabilityFactory.jobChildren(
                scope,
                scaling.getJobMetrics(),
                "The Flink job of application " + name + " has not been running for "
                        + ObservabilityFactory.NOT_RUNNING_MINUTES + " minutes",
                "The Flink job of application " + name + " restarted in "
                        + ObservabilityFactory.RESTART_MINUTES_PER_HOUR + " or more minutes of the last hour"));
        CompositeAlarm member = CompositeAlarm.Builder.create(scope, "Resource")
                .alarmDescription(Runbook.describe(
                        "kda-step-scaling health of application " + name + " in fleet " + settings.fleetId()
                                + ": its decisions fail, or its job is down or crash-looping",
                        "fleet-health-alarm"))
                .alarmRule(ObservabilityFactory.anyInAlarm(own))
                .build();
        children.add(member);
        addSection(scaling, member);
        return member;
    }

    private void addSection(KdaStepScaling scaling, IAlarm health) {
        String name = scaling.getApplicationName();
        dashboard.addWidgets(TextWidget.Builder.create()
                .markdown("## " + name)
                .width(24)
                .height(1)
                .build());
        IMetric lag = scaling.metricLag();
        dashboard.addWidgets(
                GraphWidget.Builder.create()
                        .title(name + ": load (the scaling signal)")
                        .left(List.of(scaling.metricScalingSignal()))
                        .width(8)
                        .height(ObservabilityFactory.HEIGHT)
                        .build(),
                GraphWidget.Builder.create()
                        .title(name + ": capacity (KPUs), asked for and running")
                        .left(List.of(
                                scaling.metricDesiredCapacity(
                                        MetricOptions.builder().build()),
                                scaling.metricActualCapacity(
                                        MetricOptions.builder().build())))
                        .width(8)
                        .height(ObservabilityFactory.HEIGHT)
                        .build(),
                GraphWidget.Builder.create()
                        .title(name + ": lag (ms)")
                        .left(lag == null ? List.of() : List.of(lag))
                        .width(8)
                        .height(ObservabilityFactory.HEIGHT)
                        .build());
        List<IAlarm> alarms = new ArrayList<>(List.of(scaling.getScaleOutAlarm(), scaling.getScaleInAlarm()));
        if (scaling.getLagAlarm() != null) {
            alarms.add(scaling.getLagAlarm());
        }
        alarms.add(health);
        dashboard.addWidgets(AlarmStatusWidget.Builder.create()
                .title(name + ": alarms")
                .alarms(alarms)
                .width(24)
                .height(2)
                .build());
    }

    /** One of the scaler's metrics summed over every application (the scaler's EMF dimension set {@code []}). */
    private static Metric fleetMetric(String name, String statistic, Duration period) {
        return Metric.Builder.create()
                .namespace(ScalerMetrics.NAMESPACE)
                .metricName(name)
                .statistic(statistic)
                .period(period)
                .build();
    }
}
