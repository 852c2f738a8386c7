package io.github.kdastepscaling;

import io.github.kdastepscaling.policy.NumberText;
import io.github.kdastepscaling.policy.ScalingDirection;
import io.github.kdastepscaling.policy.ScalingThresholds;
import io.github.kdastepscaling.policy.SignalKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmRule;
import software.amazon.awscdk.services.cloudwatch.AlarmState;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.CompositeAlarm;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.HorizontalAnnotation;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.LogQueryWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.QueryDefinition;
import software.amazon.awscdk.services.logs.QueryString;
import software.constructs.Construct;

/**
 * What lets a team see the scaler work and hear when it is broken: the health alarm, the Logs Insights query of the
 * decisions, and the dashboard.
 */
final class ObservabilityFactory {

    /** Decisions without a run of the scaler for this many reconcile intervals mean the schedule is not working. */
    static final int SILENT_INTERVALS = 3;
    static final int WIDTH = 12;
    static final int HEIGHT = 6;

    /** The query's fields: when, who asked what, what was seen and done, and the answer. */
    static final List<String> DECISION_FIELDS = List.of("@timestamp", "trigger", "caller", "askedCapacity",
            "seen.status", "seen.actualCapacity", "done.0", "done.1", "scalingStatus", "desiredCapacity",
            "thresholds.aligned", "httpStatus", "failure", "error");

    private ObservabilityFactory() {
    }

    /**
     * A composite alarm in ALARM when the scaler errs (in a decision, or as a function: timeouts and crashes write no
     * decision line), its endpoint answers 5XX, it answers Failed, cannot set a threshold, or has not decided anything
     * for {@value #SILENT_INTERVALS} reconcile intervals. No action: the user routes it (an SNS topic, say).
     */
    static CompositeAlarm healthAlarm(Construct scope, KdaStepScaling scaling, Duration reconcileInterval) {
        Alarm errors = happened(scope, "Errors", "The kda-step-scaling scaler failed a decision (an AWS call, an "
                + "unusable state, a bug); its log line says why",
                scaling.metricScalerErrors(MetricOptions.builder().statistic("Sum").build()), 1);
        Alarm failedRescales = happened(scope, "FailedRescales", "The scaler answered Failed: a rescale it will not "
                + "apply without a person (snapshots off, or rescales that did not take); the failureReason in its log "
                + "line says what to do",
                scaling.metricFailedRescales(MetricOptions.builder().statistic("Sum").build()), 1);
        Alarm thresholdFailures = happened(scope, "ThresholdFailures", "The scaler could not set an alarm threshold "
                + "for three minutes in a row: the scaling alarms compare the load with the wrong capacity",
                scaling.metricThresholdFailures(MetricOptions.builder().statistic("Sum").build()), 3);
        Alarm functionErrors = happened(scope, "FunctionErrors", "The scaler function itself failed (a timeout, "
                + "memory, a failed reconcile): errors that may end before the decision's log line is written",
                scaling.getScalerAlias().metricErrors(MetricOptions.builder().statistic("Sum")
                        .period(Duration.minutes(5)).build()), 1);
        Alarm apiErrors = happened(scope, "EndpointErrors", "The scaling endpoint answered 5XX to Application Auto "
                + "Scaling", scaling.getApi().metricServerError(MetricOptions.builder().statistic("Sum")
                        .period(Duration.minutes(5)).build()), 1);
        // Messages sent, not visible: the queue keeps a message 14 days, and an alarm on what it holds would stay in
        // ALARM until someone purges it, hiding every later incident behind the composite.
        Alarm deadLetters = happened(scope, "DeadLetters", "A reconcile could not be delivered or failed after its "
                + "retries and went to the scaler's dead-letter queue: read the message (kept 14 days) and the "
                + "scaler's log", scaling.getScalerDeadLetterQueue().metricNumberOfMessagesSent(MetricOptions.builder()
                        .statistic("Sum").period(Duration.minutes(5)).build()), 1);
        Alarm silent = Alarm.Builder.create(scope, "NoDecisions")
                .alarmDescription("The scaler made no decision for " + SILENT_INTERVALS + " reconcile intervals: the "
                        + "schedule or the function is not running")
                .metric(scaling.metricScalerDuration(MetricOptions.builder().statistic("SampleCount")
                        .period(reconcileInterval).build()))
                .threshold(1).evaluationPeriods(SILENT_INTERVALS)
                .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                .treatMissingData(TreatMissingData.BREACHING)
                .build();
        NagSuppressionMetadata.healthAlarmChild(silent);
        return CompositeAlarm.Builder.create(scope, "Resource")
                .alarmDescription("kda-step-scaling scaler health for application " + scaling.getApplicationName()
                        + ": errors, Failed answers, thresholds it cannot set, or no decision for "
                        + SILENT_INTERVALS + " reconcile intervals")
                .alarmRule(AlarmRule.anyOf(
                        AlarmRule.fromAlarm(errors, AlarmState.ALARM),
                        AlarmRule.fromAlarm(failedRescales, AlarmState.ALARM),
                        AlarmRule.fromAlarm(thresholdFailures, AlarmState.ALARM),
                        AlarmRule.fromAlarm(silent, AlarmState.ALARM),
                        AlarmRule.fromAlarm(functionErrors, AlarmState.ALARM),
                        AlarmRule.fromAlarm(apiErrors, AlarmState.ALARM),
                        AlarmRule.fromAlarm(deadLetters, AlarmState.ALARM)))
                .build();
    }

    /** An alarm in ALARM when {@code metric} (a count) is at least 1 in each of {@code periods} periods in a row. */
    private static Alarm happened(Construct scope, String id, String description, IMetric metric, int periods) {
        Alarm alarm = Alarm.Builder.create(scope, id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(1).evaluationPeriods(periods).datapointsToAlarm(periods)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        NagSuppressionMetadata.healthAlarmChild(alarm);
        return alarm;
    }

    /** The Logs Insights query that lists the scaler's decisions, newest first. */
    static QueryString decisionsQuery() {
        return QueryString.Builder.create()
                .fields(DECISION_FIELDS)
                .filterStatements(List.of("event = \"scaling-decision\""))
                .sort("@timestamp desc")
                .limit(200)
                .build();
    }

    static QueryDefinition queryDefinition(Construct scope, ILogGroup scalerLogs, String name) {
        return QueryDefinition.Builder.create(scope, "DecisionsQuery")
                .queryDefinitionName(name)
                .queryString(decisionsQuery())
                .logGroups(List.of(scalerLogs))
                .build();
    }

    /** The dashboard: load and thresholds, capacity, restarts, lag, the scaler, the endpoint, alarms, decisions. */
    static Dashboard dashboard(Construct scope, KdaStepScaling scaling, ResolvedProps settings, String name,
                               String queryName) {
        ScalingThresholds thresholds = settings.policy.thresholds();
        SignalKind kind = thresholds.kind();
        List<IMetric> load = new ArrayList<>(List.of(scaling.metricScalingSignal()));
        List<HorizontalAnnotation> fixedThresholds = new ArrayList<>();
        if (kind.followsCapacity()) {
            IMetric capacity = scaling.metricActualCapacity(MetricOptions.builder().build());
            load.add(MathExpression.Builder.create()
                    .expression("capacity * " + NumberText.of(thresholds.scaleOutPerKpu()))
                    .usingMetrics(Map.of("capacity", capacity))
                    .label("Scale-out threshold (capacity x " + kind.scaleOutSetting() + ")")
                    .period(OneMinuteMetric.PERIOD)
                    .build());
            // The minimum is the scalable target's current one, as the scaler read it (scheduled actions move it).
            load.add(MathExpression.Builder.create()
                    .expression("IF(capacity > minimum, (capacity - 1) * "
                            + NumberText.of(thresholds.scaleInPerKpu()) + ", 0)")
                    .usingMetrics(new TreeMap<>(Map.of("capacity", capacity,
                            "minimum", scaling.metricMinCapacity(MetricOptions.builder().build()))))
                    .label("Scale-in threshold ((capacity - 1) x " + kind.scaleInSetting() + ", 0 at the minimum)")
                    .period(OneMinuteMetric.PERIOD)
                    .build());
        } else {
            fixedThresholds.add(HorizontalAnnotation.builder().value(thresholds.scaleOutPerKpu())
                    .label("Scale-out threshold (scaleOutAbove)").build());
            fixedThresholds.add(HorizontalAnnotation.builder().value(thresholds.scaleInPerKpu())
                    .label("Scale-in threshold (scaleInBelow)").build());
        }
        IMetric lag = scaling.metricLag() != null ? scaling.metricLag()
                : LagMetric.iteratorAge().bind(scaling.getStream(), scaling.getApplicationName());
        List<HorizontalAnnotation> lagBound = settings.policy.lagGuard().enabled()
                ? List.of(HorizontalAnnotation.builder().value(settings.policy.lagGuard().thresholdMillis())
                        .label("lagGuard.maxLag: capacity is added at or above it").build())
                : List.of();
        Metric kpus = Metric.Builder.create().namespace("AWS/KinesisAnalytics").metricName("KPUs")
                .dimensionsMap(Map.of("Application", scaling.getApplicationName()))
                .statistic("Maximum").period(Duration.hours(1))
                .label("KPUs the service reports (hourly)").build();
        Metric restarts = Metric.Builder.create().namespace("AWS/KinesisAnalytics").metricName("fullRestarts")
                .dimensionsMap(Map.of("Application", scaling.getApplicationName()))
                .statistic("Maximum").period(OneMinuteMetric.PERIOD)
                .label("Full restarts of the job (since it started)").build();
        Metric downtime = Metric.Builder.create().namespace("AWS/KinesisAnalytics").metricName("downtime")
                .dimensionsMap(Map.of("Application", scaling.getApplicationName()))
                .statistic("Maximum").period(OneMinuteMetric.PERIOD)
                .label("Downtime of the current outage (ms)").build();

        Dashboard dashboard = Dashboard.Builder.create(scope, "Resource")
                .dashboardName(name)
                .build();
        dashboard.addWidgets(TextWidget.Builder.create()
                .markdown("# kda-step-scaling: " + "application scaling\n"
                        + "Load on the source stream against the thresholds the scaler sets for the running capacity; "
                        + "what the scaler asked for and what runs; what each rescale cost the job; the scaler and its "
                        + "endpoint. Every decision is one line in the scaler's log group (last widget, or the saved "
                        + "Logs Insights query **" + queryName + "**).")
                .width(24).height(2).build());
        dashboard.addWidgets(
                GraphWidget.Builder.create()
                        .title("Load vs thresholds (" + kind.unit() + "): above the upper line it scales out, below "
                                + "the lower in")
                        .left(load)
                        .leftAnnotations(fixedThresholds)
                        .width(WIDTH).height(HEIGHT).build(),
                GraphWidget.Builder.create()
                        .title("Capacity (KPUs): what the scaler asked for and what runs")
                        .left(List.of(scaling.metricDesiredCapacity(MetricOptions.builder()
                                        .label("Desired (asked by Application Auto Scaling)").build()),
                                scaling.metricActualCapacity(MetricOptions.builder()
                                        .label("Actual (running)").build()),
                                kpus))
                        .width(WIDTH).height(HEIGHT).build());
        dashboard.addWidgets(
                GraphWidget.Builder.create()
                        .title("Job restarts and downtime: each rescale restarts the job")
                        .left(List.of(restarts))
                        .right(List.of(downtime))
                        .width(WIDTH).height(HEIGHT).build(),
                GraphWidget.Builder.create()
                        .title("Lag (ms): how far the job is behind its source")
                        .left(List.of(lag))
                        .leftAnnotations(lagBound)
                        .width(WIDTH).height(HEIGHT).build());
        dashboard.addWidgets(
                GraphWidget.Builder.create()
                        .title("Scaler: decisions, rescales, errors and duration")
                        .left(List.of(
                                scaling.metricScalerDuration(MetricOptions.builder().statistic("SampleCount")
                                        .label("Decisions").build()),
                                scaling.metricRescales(MetricOptions.builder().label("Rescales submitted").build()),
                                scaling.metricFailedRescales(MetricOptions.builder().label("Answered Failed")
                                        .build()),
                                scaling.metricThresholdFailures(MetricOptions.builder()
                                        .label("Thresholds it could not set").build()),
                                scaling.metricScalerErrors(MetricOptions.builder().label("Errors").build())))
                        .right(List.of(scaling.metricScalerDuration(MetricOptions.builder().statistic("p99")
                                .label("Decision duration p99 (ms)").build())))
                        .width(WIDTH).height(HEIGHT).build(),
                GraphWidget.Builder.create()
                        .title("Scaling endpoint (API Gateway): requests refused (4XX) and failed (5XX)")
                        .left(List.of(
                                scaling.getApi().metricClientError(MetricOptions.builder().statistic("Sum")
                                        .period(OneMinuteMetric.PERIOD).label("4XX").build()),
                                scaling.getApi().metricServerError(MetricOptions.builder().statistic("Sum")
                                        .period(OneMinuteMetric.PERIOD).label("5XX").build())))
                        .width(WIDTH).height(HEIGHT).build());
        List<IAlarm> alarms = List.of(scaling.getScaleOutAlarm(), scaling.getScaleInAlarm(),
                scaling.getScalerHealthAlarm());
        dashboard.addWidgets(AlarmStatusWidget.Builder.create()
                .title("Alarms: scale out, scale in, scaler health")
                .alarms(alarms)
                .width(24).height(3).build());
        dashboard.addWidgets(LogQueryWidget.Builder.create()
                .title("Latest scaling decisions (the saved query " + queryName + ")")
                .logGroupNames(List.of(scaling.getScalerLogGroup().getLogGroupName()))
                .queryString(decisionsQuery().toString())
                .width(24).height(8).build());
        return dashboard;
    }

}
