package io.github.kdastepscaling;

import io.github.kdastepscaling.contract.ScalerMetrics;
import io.github.kdastepscaling.policy.NumberText;
import io.github.kdastepscaling.policy.ScalingThresholds;
import io.github.kdastepscaling.policy.SignalKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.AlarmRule;
import software.amazon.awscdk.services.cloudwatch.AlarmState;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.CompositeAlarm;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.HorizontalAnnotation;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IAlarmRule;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.LogQueryWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.logs.FilterPattern;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.MetricFilter;
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
    static final List<String> DECISION_FIELDS = List.of(
            "@timestamp",
            "trigger",
            "caller",
            "askedCapacity",
            "seen.status",
            "seen.actualCapacity",
            "done.0",
            "done.1",
            "scalingStatus",
            "desiredCapacity",
            "thresholds.aligned",
            "httpStatus",
            "failure",
            "error");

    private ObservabilityFactory() {}

    /**
     * A job restarting in this many minutes of an hour is crash-looping, not rescaling (a rescale restarts the whole
     * application, which resets the restart counter rather than raising it).
     */
    static final int RESTART_MINUTES_PER_HOUR = 3;
    /**
     * A job not running for this many minutes in a row is down, not restarting for a rescale (a rescale's restart takes
     * a few minutes: docs/runbook.md, "job-not-running").
     */
    static final int NOT_RUNNING_MINUTES = 10;
    /**
     * The job has not been running for {@value #NOT_RUNNING_MINUTES} minutes. A stopped application publishes nothing:
     * missing data is breaching. A rescale's restart is shorter.
     */
    private static final HealthChild JOB_NOT_RUNNING =
            new HealthChild("JobNotRunning", HealthCondition.ABSENT, NOT_RUNNING_MINUTES, NOT_RUNNING_MINUTES);
    /** The job restarted in {@value #RESTART_MINUTES_PER_HOUR} or more minutes of the last hour. */
    private static final HealthChild JOB_RESTARTS =
            new HealthChild("JobRestarts", HealthCondition.HAPPENED, RESTART_MINUTES_PER_HOUR, 60);
    /**
     * The health alarm's children that watch the scaler's decisions, in the order the composite alarm lists them,
     * with what each says before its runbook link.
     */
    enum DecisionChild {
        ERRORS(
                new HealthChild("Errors", HealthCondition.HAPPENED, 2, 3),
                "The kda-step-scaling scaler failed decisions in 2 of 3 reconcile intervals (an AWS call, an unusable "
                        + "state, a bug); their log lines say why"),
        FAILED_RESCALES(
                new HealthChild("FailedRescales", HealthCondition.HAPPENED, 1, 1),
                "The scaler answered Failed: a rescale it will not apply without a person (snapshots off, or rescales "
                        + "that did not take); the failureReason in its log line says what to do"),
        // One reconcile an interval: three breaching intervals, whatever the interval (three minutes in a row could
        // never breach with an interval of two minutes or more, since the minutes between have no data).
        THRESHOLD_FAILURES(
                new HealthChild("ThresholdFailures", HealthCondition.HAPPENED, 3, 3),
                "The scaler could not set an alarm threshold for three reconcile intervals in a row: the scaling "
                        + "alarms compare the load with the wrong capacity");

        private final HealthChild alarm;
        private final String wording;

        DecisionChild(HealthChild alarm, String wording) {
            this.alarm = alarm;
            this.wording = wording;
        }
    }

    /** The metric the endpoint's access-log filter counts 429 answers in (namespace {@value ScalerMetrics#NAMESPACE}). */
    static final String ENDPOINT_THROTTLES = "EndpointThrottles";

    /**
     * A composite alarm in ALARM when the scaler errs (in decisions, or as a function: timeouts and crashes write no
     * decision line), its endpoint answers 5XX or throttles (429), it answers Failed, cannot set a threshold, its
     * schedule has not run for {@value #SILENT_INTERVALS} reconcile intervals, state it relies on was deleted or
     * muted behind its back ({@link StateDriftAlarms}), or the job itself is down or
     * crash-looping. Periods follow the reconcile interval, and where one event is not an incident (a decision error,
     * a function error, a dead letter) it takes two. Each child's description links to its runbook entry. No action:
     * the user routes it (an SNS topic, say).
     */
    static CompositeAlarm healthAlarm(
            Construct scope, KdaStepScaling scaling, ScalerParts parts, Duration reconcileInterval) {
        Duration interval = reconcileInterval;
        List<IAlarm> children = new ArrayList<>();
        for (DecisionChild child : DecisionChild.values()) {
            IMetric metric = switch (child) {
                case ERRORS -> scaling.metricScalerErrors(sum(interval));
                case FAILED_RESCALES -> scaling.metricFailedRescales(sum(null));
                case THRESHOLD_FAILURES -> scaling.metricThresholdFailures(sum(interval));
            };
            children.add(child.alarm.alarm(scope, child.wording, metric));
        }
        children.addAll(ScalerHealthChildren.create(
                scope,
                parts,
                interval,
                scaling.getApplicationName(),
                scaling.metricScheduledDecisions(sum(interval)),
                new ScalerHealthChildren.Wording(
                        "The scaler function itself failed in 2 of 3 "
                                + "periods (a timeout, memory, a failed reconcile): errors that may end before the decision's log "
                                + "line is written",
                        "The scaling endpoint answered 5XX to " + "Application Auto Scaling",
                        "API Gateway throttled (429) requests to "
                                + "the scaling endpoint in 2 of 3 five-minute periods: they never reached the scaler, so no decision "
                                + "log line shows them",
                        "Reconciles in 2 of 6 periods could not be "
                                + "delivered or failed after their retries and went to the scaler's dead-letter queue: read the "
                                + "messages (kept 14 days) and the scaler's log",
                        "The scaler made no scheduled decision for " + SILENT_INTERVALS
                                + " reconcile intervals: the schedule or the function is not running")));
        children.addAll(StateDriftAlarms.children(scope, scaling, interval));
        children.addAll(jobChildren(
                scope,
                scaling.getJobMetrics(),
                "The Flink job of application " + scaling.getApplicationName() + " has not been running for "
                        + NOT_RUNNING_MINUTES
                        + " minutes (its running time is 0 or not published: failing, restarting, "
                        + "or the application is stopped)",
                "The Flink job restarted in " + RESTART_MINUTES_PER_HOUR + " or more minutes of the last hour: it is "
                        + "failing and recovering, not rescaling"));
        return CompositeAlarm.Builder.create(scope, "Resource")
                .alarmDescription(Runbook.describe(
                        "kda-step-scaling health for application "
                                + scaling.getApplicationName()
                                + ": scaler errors, Failed answers, thresholds it cannot set, "
                                + "endpoint errors or throttling, no scheduled decision for " + SILENT_INTERVALS
                                + " reconcile intervals, its state deleted or its alarms muted behind its back, or a job "
                                + "down or crash-looping; the child in ALARM says which",
                        "health-alarm"))
                .alarmRule(anyInAlarm(children))
                .build();
    }

    /**
     * The health alarm's children that watch the job itself, down or crash-looping, worded for whom they page (one
     * application's health alarm, or a fleet member's).
     */
    static List<IAlarm> jobChildren(
            Construct scope, FlinkJobMetrics job, String notRunningWording, String restartsWording) {
        return List.of(
                JOB_NOT_RUNNING.alarm(scope, notRunningWording, job.runningTime()),
                JOB_RESTARTS.alarm(scope, restartsWording, job.restartedMinutes()));
    }

    /**
     * 429 answers of the endpoint: API Gateway throttles before the function runs, so the scaler never sees them. A
     * metric filter on the access log counts them; the stage's 4XXError would also count the 403s any unsigned caller
     * on the internet gets, and page for them. The metric's name carries the application's, as a filter's metric can
     * have no fixed dimension.
     */
    static IMetric endpointThrottles(Construct scope, ILogGroup accessLogs, String owner) {
        MetricFilter filter = MetricFilter.Builder.create(scope, "EndpointThrottlesFilter")
                .logGroup(accessLogs)
                .filterPattern(FilterPattern.stringValue("$.status", "=", "429"))
                .metricNamespace(ScalerMetrics.NAMESPACE)
                .metricName(ENDPOINT_THROTTLES + "-" + owner)
                .metricValue("1")
                .defaultValue(0)
                .build();
        return filter.metric(sum(Duration.minutes(5)));
    }

    /** A composite alarm's rule: any of {@code alarms} in ALARM. */
    static IAlarmRule anyInAlarm(List<IAlarm> alarms) {
        return AlarmRule.anyOf(alarms.stream()
                .map(alarm -> AlarmRule.fromAlarm(alarm, AlarmState.ALARM))
                .toArray(IAlarmRule[]::new));
    }

    /** Sums over {@code period} (null: the metric's default). */
    static MetricOptions sum(Duration period) {
        return MetricOptions.builder().statistic("Sum").period(period).build();
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
    static Dashboard dashboard(
            Construct scope, KdaStepScaling scaling, ResolvedProps settings, String name, String queryName) {
        ScalingThresholds thresholds = settings.policy.thresholds();
        SignalKind kind = thresholds.kind();
        List<IMetric> load = new ArrayList<>(List.of(scaling.metricScalingSignal()));
        List<HorizontalAnnotation> fixedThresholds = new ArrayList<>();
        if (kind.followsCapacity()) {
            IMetric capacity =
                    scaling.metricActualCapacity(MetricOptions.builder().build());
            // With learning, the scaler sets the thresholds from the rate it learned, which it publishes; the
            // scale-in rate keeps its ratio to the scale-out one.
            boolean learns = settings.rateLearning != null;
            String scaleOutRate = learns ? "learned" : NumberText.of(thresholds.scaleOutPerKpu());
            String scaleInRate = learns
                    ? "learned * " + NumberText.of(thresholds.scaleInPerKpu() / thresholds.scaleOutPerKpu())
                    : NumberText.of(thresholds.scaleInPerKpu());
            Map<String, IMetric> outMetrics = new TreeMap<>(Map.of("capacity", capacity));
            Map<String, IMetric> inMetrics = new TreeMap<>(Map.of(
                    "capacity",
                    capacity,
                    "minimum",
                    scaling.metricMinCapacity(MetricOptions.builder().build())));
            if (learns) {
                IMetric learned = scaling.metricLearnedScaleOutPerKpu(
                        MetricOptions.builder().build());
                outMetrics.put("learned", learned);
                inMetrics.put("learned", learned);
            }
            load.add(MathExpression.Builder.create()
                    .expression("capacity * " + scaleOutRate)
                    .usingMetrics(outMetrics)
                    .label("Scale-out threshold (capacity x " + (learns ? "the learned rate" : kind.scaleOutSetting())
                            + ")")
                    .period(OneMinuteMetric.PERIOD)
                    .build());
            // The minimum is the scalable target's current one, as the scaler read it (scheduled actions move it).
            load.add(MathExpression.Builder.create()
                    .expression("IF(capacity > minimum, (capacity - 1) * " + scaleInRate + ", 0)")
                    .usingMetrics(inMetrics)
                    .label("Scale-in threshold ((capacity - 1) x "
                            + (learns ? "the learned scale-in rate" : kind.scaleInSetting()) + ", 0 at the minimum)")
                    .period(OneMinuteMetric.PERIOD)
                    .build());
        } else {
            fixedThresholds.add(HorizontalAnnotation.builder()
                    .value(thresholds.scaleOutPerKpu())
                    .label("Scale-out threshold (scaleOutAbove)")
                    .build());
            fixedThresholds.add(HorizontalAnnotation.builder()
                    .value(thresholds.scaleInPerKpu())
                    .label("Scale-in threshold (scaleInBelow)")
                    .build());
        }
        IMetric lag = scaling.metricLag() != null
                ? scaling.metricLag()
                : LagMetric.defaultFor(settings.importedStream).bind(scaling.getStream(), scaling.getApplicationName());
        List<HorizontalAnnotation> lagBound = settings.policy.lagGuard().enabled()
                ? List.of(HorizontalAnnotation.builder()
                        .value(settings.policy.lagGuard().thresholdMillis())
                        .label("lagGuard.maxLag: capacity is added at or above it")
                        .build())
                : List.of();
        Metric kpus = Metric.Builder.create()
                .namespace("AWS/KinesisAnalytics")
                .metricName("KPUs")
                .dimensionsMap(Map.of("Application", scaling.getApplicationName()))
                .statistic("Maximum")
                .period(Duration.hours(1))
                .label("KPUs the service reports (hourly)")
                .build();
        // The runtime's own names (FlinkJobMetrics): Flink 2.2 removed fullRestarts and deprecated downtime.
        IMetric restarts = scaling.getJobMetrics().restarts();
        IMetric downtime = scaling.getJobMetrics().downtime();

        Dashboard dashboard =
                Dashboard.Builder.create(scope, "Resource").dashboardName(name).build();
        dashboard.addWidgets(TextWidget.Builder.create()
                .markdown("# kda-step-scaling: " + "application scaling\n"
                        + "Load on the source stream against the thresholds the scaler sets for the running capacity; "
                        + "what the scaler asked for and what runs; what each rescale cost the job; the scaler and its "
                        + "endpoint. Every decision is one line in the scaler's log group (last widget, or the saved "
                        + "Logs Insights query **" + queryName + "**).")
                .width(24)
                .height(2)
                .build());
        dashboard.addWidgets(
                GraphWidget.Builder.create()
                        .title("Load vs thresholds (" + kind.unit() + "): above the upper line it scales out, below "
                                + "the lower in")
                        .left(load)
                        .leftAnnotations(fixedThresholds)
                        .width(WIDTH)
                        .height(HEIGHT)
                        .build(),
                GraphWidget.Builder.create()
                        .title("Capacity (KPUs): what the scaler asked for and what runs")
                        .left(List.of(
                                scaling.metricDesiredCapacity(MetricOptions.builder()
                                        .label("Desired (asked by Application Auto Scaling)")
                                        .build()),
                                scaling.metricActualCapacity(MetricOptions.builder()
                                        .label("Actual (running)")
                                        .build()),
                                kpus))
                        .width(WIDTH)
                        .height(HEIGHT)
                        .build());
        dashboard.addWidgets(
                GraphWidget.Builder.create()
                        .title("Job restarts and downtime ("
                                + scaling.getJobMetrics().describeNames() + "): each rescale restarts the job")
                        .left(List.of(restarts))
                        .right(List.of(downtime))
                        .width(WIDTH)
                        .height(HEIGHT)
                        .build(),
                GraphWidget.Builder.create()
                        .title("Lag (ms): how far the job is behind its source")
                        .left(List.of(lag))
                        .leftAnnotations(lagBound)
                        .width(WIDTH)
                        .height(HEIGHT)
                        .build());
        dashboard.addWidgets(
                GraphWidget.Builder.create()
                        .title("Scaler: decisions, rescales, errors and duration")
                        .left(List.of(
                                scaling.metricScalerDuration(MetricOptions.builder()
                                        .statistic("SampleCount")
                                        .label("Decisions")
                                        .build()),
                                scaling.metricRescales(MetricOptions.builder()
                                        .label("Rescales submitted")
                                        .build()),
                                scaling.metricFailedRescales(MetricOptions.builder()
                                        .label("Answered Failed")
                                        .build()),
                                scaling.metricThresholdFailures(MetricOptions.builder()
                                        .label("Thresholds it could not set")
                                        .build()),
                                scaling.metricScalerErrors(
                                        MetricOptions.builder().label("Errors").build())))
                        .right(List.of(scaling.metricScalerDuration(MetricOptions.builder()
                                .statistic("p99")
                                .label("Decision duration p99 (ms)")
                                .build())))
                        .width(WIDTH)
                        .height(HEIGHT)
                        .build(),
                GraphWidget.Builder.create()
                        .title("Scaling endpoint (API Gateway): requests refused (4XX) and failed (5XX)")
                        .left(List.of(
                                scaling.getApi()
                                        .metricClientError(MetricOptions.builder()
                                                .statistic("Sum")
                                                .period(OneMinuteMetric.PERIOD)
                                                .label("4XX")
                                                .build()),
                                scaling.getApi()
                                        .metricServerError(MetricOptions.builder()
                                                .statistic("Sum")
                                                .period(OneMinuteMetric.PERIOD)
                                                .label("5XX")
                                                .build())))
                        .width(WIDTH)
                        .height(HEIGHT)
                        .build());
        if (settings.rateLearning != null) {
            dashboard.addWidgets(GraphWidget.Builder.create()
                    .title("Per-KPU scale-out rate (" + kind.unit() + " per KPU): what the scaler learned and "
                            + "scales with, beside the configured starting point")
                    .left(List.of(
                            scaling.metricLearnedScaleOutPerKpu(
                                    MetricOptions.builder().build()),
                            scaling.metricConfiguredScaleOutPerKpu(
                                    MetricOptions.builder().build())))
                    .leftAnnotations(List.of(
                            HorizontalAnnotation.builder()
                                    .value(settings.rateLearning.minRate())
                                    .label("rateLearning.minRatePerKpu")
                                    .build(),
                            HorizontalAnnotation.builder()
                                    .value(settings.rateLearning.maxRate())
                                    .label("rateLearning.maxRatePerKpu")
                                    .build()))
                    .width(24)
                    .height(HEIGHT)
                    .build());
        }
        List<IAlarm> alarms =
                List.of(scaling.getScaleOutAlarm(), scaling.getScaleInAlarm(), scaling.getScalerHealthAlarm());
        dashboard.addWidgets(AlarmStatusWidget.Builder.create()
                .title("Alarms: scale out, scale in, scaler health")
                .alarms(alarms)
                .width(24)
                .height(3)
                .build());
        dashboard.addWidgets(LogQueryWidget.Builder.create()
                .title("Latest scaling decisions (the saved query " + queryName + ")")
                .logGroupNames(List.of(scaling.getScalerLogGroup().getLogGroupName()))
                .queryString(decisionsQuery().toString())
                .width(24)
                .height(8)
                .build());
        return dashboard;
    }
}
