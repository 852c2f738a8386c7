package io.github.kdastepscaling.fakes;

import static io.github.kdastepscaling.fakes.QueryForm.dimensions;
import static io.github.kdastepscaling.fakes.QueryForm.integer;
import static io.github.kdastepscaling.fakes.QueryForm.invalid;
import static io.github.kdastepscaling.fakes.QueryForm.list;
import static io.github.kdastepscaling.fakes.QueryForm.missing;
import static io.github.kdastepscaling.fakes.QueryForm.number;
import static io.github.kdastepscaling.fakes.QueryForm.queries;
import static io.github.kdastepscaling.fakes.QueryForm.required;

import io.github.kdastepscaling.fakes.Alarm.Dimension;
import io.github.kdastepscaling.fakes.Alarm.MetricQuery;
import io.github.kdastepscaling.fakes.Alarm.MetricStat;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Fake of CloudWatch metric alarms (PutMetricAlarm, DescribeAlarms, DeleteAlarms, SetAlarmState,
 * Disable/EnableAlarmActions) and metric data
 * (PutMetricData, GetMetricData: see {@link MetricData} for what is modelled) over the AWS Query protocol. It exists because PutMetricAlarm replaces an alarm wholesale: code that adjusts one field must
 * read the alarm and send every other field back, and only a fake that clears unsent fields (as CloudWatch does)
 * catches the one it forgot. Replacing an alarm keeps its state, as CloudWatch does.
 *
 * <p>Note: the SDK maps CloudWatch's {@code ResourceNotFound} code (DeleteAlarms/SetAlarmState on an unknown
 * alarm) to {@code DashboardNotFoundErrorException}, because that is the modeled shape carrying the code; check
 * {@code awsErrorDetails().errorCode()} rather than the class.
 *
 * <p>Validation mirrors CloudWatch's main rules: AlarmName, EvaluationPeriods and ComparisonOperator are required;
 * a single-metric alarm needs MetricName, Namespace, Period and exactly one of Statistic/ExtendedStatistic; a
 * metric-math alarm ({@code Metrics}) may not also send those, each query has exactly one of Expression/MetricStat,
 * and exactly one query returns data; periods are 10, 20, 30 or a multiple of 60.
 */
public final class FakeCloudWatch {

    static final String XMLNS = "http://monitoring.amazonaws.com/doc/2010-08-01/";

    private final String accountId;
    private final String region;
    private final Map<String, Alarm> alarms = new TreeMap<>(); // DescribeAlarms lists by name
    private final Map<String, Integer> putCounts = new HashMap<>();
    private final MetricStore metrics = new MetricStore();
    private volatile Clock clock = Clock.systemUTC();
    private volatile int pageLimit = MetricData.DEFAULT_MAX_DATAPOINTS;

    FakeCloudWatch(String accountId, String region) {
        this.accountId = accountId;
        this.region = region;
    }

    /**
     * Stores an alarm as given (no validation), filling in the ARN, {@code INSUFFICIENT_DATA} state and the
     * timestamps when they are null. Not counted by {@link #putCount(String)}.
     */
    public synchronized void putAlarm(Alarm alarm) {
        Instant now = Instant.now();
        Alarm.Builder b = alarm.toBuilder();
        if (alarm.alarmArn() == null) {
            b.alarmArn(arn(alarm.alarmName()));
        }
        if (alarm.stateValue() == null) {
            b.stateValue("INSUFFICIENT_DATA").stateReason("Unchecked: Initial alarm creation");
        }
        if (alarm.stateUpdatedTimestamp() == null) {
            b.stateUpdatedTimestamp(now);
        }
        if (alarm.alarmConfigurationUpdatedTimestamp() == null) {
            b.alarmConfigurationUpdatedTimestamp(now);
        }
        alarms.put(alarm.alarmName(), b.build());
    }

    /** @return the alarm of that name, if any */
    public synchronized Optional<Alarm> alarm(String name) {
        return Optional.ofNullable(alarms.get(name));
    }

    /** @return every alarm, ordered by name */
    public synchronized List<Alarm> alarms() {
        return List.copyOf(alarms.values());
    }

    /** Deletes an alarm if it exists. */
    public synchronized void deleteAlarm(String name) {
        alarms.remove(name);
    }

    /** Sets an alarm's state, as SetAlarmState would (the state lasts until the next change: nothing evaluates). */
    public synchronized void setAlarmState(String name, String stateValue) {
        Alarm a = alarms.get(name);
        if (a == null) {
            throw new IllegalArgumentException("alarm " + name + " does not exist");
        }
        alarms.put(
                name,
                a.toBuilder()
                        .stateValue(stateValue)
                        .stateReason("set by test")
                        .stateUpdatedTimestamp(Instant.now())
                        .build());
    }

    /** @return how many PutMetricAlarm API calls for this name succeeded (the test-side putAlarm is not counted) */
    public synchronized int putCount(String name) {
        return putCounts.getOrDefault(name, 0);
    }

    /** @return {@code arn:aws:cloudwatch:REGION:ACCOUNT:alarm:NAME} */
    public String arn(String name) {
        return "arn:aws:cloudwatch:" + region + ":" + accountId + ":alarm:" + name;
    }

    // ------------------------------------------------------------------------------------------------ metrics

    /**
     * Stores one datapoint as the service that owns the metric would publish it, without PutMetricData's checks:
     * any namespace (the {@code AWS/} ones included, which PutMetricData refuses), any timestamp, and any value,
     * NaN and negative ones included, so tests can model what a broken publisher would produce.
     *
     * @param dimensions the metric's exact dimensions; a query must name the same set to find it
     */
    public void putDatapoint(
            String namespace, String metricName, Map<String, String> dimensions, Instant timestamp, double value) {
        metrics.add(
                new MetricStore.MetricKey(namespace, metricName, dimensions),
                MetricStore.Sample.of(timestamp, value, null));
    }

    /** Stores one statistic set (as {@link #putDatapoint}, but several samples summarised). */
    public void putStatistics(
            String namespace,
            String metricName,
            Map<String, String> dimensions,
            Instant timestamp,
            double sampleCount,
            double sum,
            double minimum,
            double maximum) {
        metrics.add(
                new MetricStore.MetricKey(namespace, metricName, dimensions),
                new MetricStore.Sample(timestamp, sampleCount, sum, minimum, maximum, null));
    }

    /** @return how many distinct metrics (namespace, name, dimension set) hold datapoints */
    public int metricCount() {
        return metrics.metricCount();
    }

    /** Forgets every datapoint and every {@link #failMetricReads} rule (alarms are kept). */
    public void clearMetrics() {
        metrics.clear();
    }

    /**
     * Makes GetMetricData answer queries of this metric with {@code statusCode} ({@code InternalError} or
     * {@code Forbidden}, as CloudWatch reports a query it could not answer while the call itself succeeds), no
     * datapoints and one message; {@code null} restores normal answers.
     */
    public void failMetricReads(
            String namespace, String metricName, Map<String, String> dimensions, String statusCode, String message) {
        MetricStore.MetricKey key = new MetricStore.MetricKey(namespace, metricName, dimensions);
        metrics.setResultFault(
                key, statusCode == null ? null : new MetricStore.ResultFault(statusCode, statusCode, message));
    }

    /**
     * Limits how many datapoints one GetMetricData answer holds, whatever {@code MaxDatapoints} says, so a test can
     * make the service paginate a small request (CloudWatch may also split an answer on its own).
     */
    public void pageLimit(int datapoints) {
        if (datapoints < 1) {
            throw new IllegalArgumentException("datapoints (" + datapoints + ") must be >= 1");
        }
        this.pageLimit = datapoints;
    }

    /** The clock PutMetricData checks timestamps against (two weeks back, two hours ahead); the system's by default. */
    public void clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    // ------------------------------------------------------------------------------------------------ wire side

    List<String> resourceArns(String action, Map<String, String> form) {
        if (action.equals("GetMetricData") || action.equals("PutMetricData")) {
            // the Service Authorization Reference lists no resource type for them: IAM can only name "*"
            return List.of(FakeApplicationAutoScaling.ANY_RESOURCE);
        }
        List<String> arns = new ArrayList<>();
        String name = form.get("AlarmName");
        if (name != null) {
            arns.add(arn(name));
        }
        for (String n : list(form, "AlarmNames")) {
            arns.add(arn(n));
        }
        return arns;
    }

    /** @return the XML inside {@code <ActionResult>}, or null for an action without output */
    String execute(String action, Map<String, String> form) {
        switch (action) {
            case "PutMetricAlarm":
                putMetricAlarm(form);
                return null;
            case "DescribeAlarms":
                return describeAlarms(form);
            case "DeleteAlarms":
                deleteAlarms(form);
                return null;
            case "SetAlarmState":
                setAlarmState(form);
                return null;
            case "DisableAlarmActions":
                setActionsEnabled(form, false);
                return null;
            case "EnableAlarmActions":
                setActionsEnabled(form, true);
                return null;
            case "PutMetricData":
                MetricData.put(form, metrics, clock);
                return null;
            case "GetMetricData":
                return MetricData.get(form, metrics, pageLimit);
            default:
                throw ApiException.badRequest(
                        "InvalidAction",
                        "The action " + action + " is not valid for this web service (fake CloudWatch)");
        }
    }

    private synchronized void putMetricAlarm(Map<String, String> f) {
        Alarm.Builder b = Alarm.builder(required(f, "AlarmName"));
        b.alarmDescription(f.get("AlarmDescription"));
        b.actionsEnabled(f.containsKey("ActionsEnabled") ? Boolean.valueOf(f.get("ActionsEnabled")) : Boolean.TRUE);
        b.okActions(list(f, "OKActions"));
        b.alarmActions(list(f, "AlarmActions"));
        b.insufficientDataActions(list(f, "InsufficientDataActions"));
        b.metricName(f.get("MetricName"));
        b.namespace(f.get("Namespace"));
        b.statistic(f.get("Statistic"));
        b.extendedStatistic(f.get("ExtendedStatistic"));
        List<Dimension> dims = dimensions(f, "Dimensions");
        b.dimensions(dims);
        b.period(integer(f, "Period"));
        b.unit(f.get("Unit"));
        b.evaluationPeriods(integer(f, "EvaluationPeriods"));
        b.datapointsToAlarm(integer(f, "DatapointsToAlarm"));
        b.threshold(number(f, "Threshold"));
        b.comparisonOperator(f.get("ComparisonOperator"));
        b.treatMissingData(f.get("TreatMissingData"));
        b.evaluateLowSampleCountPercentile(f.get("EvaluateLowSampleCountPercentile"));
        List<MetricQuery> metrics = queries(f, "Metrics", Integer.MAX_VALUE);
        b.metrics(metrics);
        b.thresholdMetricId(f.get("ThresholdMetricId"));
        Alarm requested = b.build();
        validate(requested);

        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Alarm old = alarms.get(requested.alarmName());
        b.alarmArn(arn(requested.alarmName())).alarmConfigurationUpdatedTimestamp(now);
        if (old == null) {
            b.stateValue("INSUFFICIENT_DATA")
                    .stateReason("Unchecked: Initial alarm creation")
                    .stateUpdatedTimestamp(now);
        } else {
            b.stateValue(old.stateValue())
                    .stateReason(old.stateReason())
                    .stateUpdatedTimestamp(old.stateUpdatedTimestamp());
        }
        alarms.put(requested.alarmName(), b.build());
        putCounts.merge(requested.alarmName(), 1, Integer::sum);
    }

    private static void validate(Alarm a) {
        if (a.evaluationPeriods() == null) {
            throw missing("EvaluationPeriods");
        }
        if (a.evaluationPeriods() < 1) {
            throw invalid("EvaluationPeriods (" + a.evaluationPeriods() + ") must be >= 1");
        }
        if (a.comparisonOperator() == null) {
            throw missing("ComparisonOperator");
        }
        if (a.datapointsToAlarm() != null
                && (a.datapointsToAlarm() < 1 || a.datapointsToAlarm() > a.evaluationPeriods())) {
            throw invalid("DatapointsToAlarm (" + a.datapointsToAlarm() + ") must be between 1 and EvaluationPeriods ("
                    + a.evaluationPeriods() + ")");
        }
        if (a.threshold() != null && a.thresholdMetricId() != null) {
            throw combination("Threshold and ThresholdMetricId cannot both be set");
        }
        if (a.threshold() == null && a.thresholdMetricId() == null) {
            throw missing("Threshold");
        }
        if (a.statistic() != null && a.extendedStatistic() != null) {
            throw combination("Statistic and ExtendedStatistic cannot both be set");
        }
        if (!a.metrics().isEmpty()) {
            if (a.metricName() != null
                    || a.namespace() != null
                    || a.statistic() != null
                    || a.extendedStatistic() != null
                    || !a.dimensions().isEmpty()
                    || a.period() != null
                    || a.unit() != null) {
                throw combination("Metrics cannot be combined with MetricName, Namespace, Statistic, "
                        + "ExtendedStatistic, Dimensions, Period or Unit");
            }
            Set<String> ids = new HashSet<>();
            int returning = 0;
            for (MetricQuery q : a.metrics()) {
                if (q.id() == null) {
                    throw missing("Metrics.member.N.Id");
                }
                if (!ids.add(q.id())) {
                    throw invalid("Metrics ids must be unique: " + q.id());
                }
                if ((q.expression() == null) == (q.metricStat() == null)) {
                    throw invalid("Metric query " + q.id() + " must have exactly one of Expression and MetricStat");
                }
                if (q.metricStat() != null) {
                    MetricStat ms = q.metricStat();
                    if (ms.metric() == null
                            || ms.metric().metricName() == null
                            || ms.metric().namespace() == null
                            || ms.stat() == null
                            || ms.period() == null) {
                        throw missing("MetricStat of " + q.id()
                                + " needs Metric.MetricName, Metric.Namespace, Stat and Period");
                    }
                    checkPeriod(ms.period());
                }
                if (q.period() != null) {
                    checkPeriod(q.period());
                }
                if (q.returnData() == null || q.returnData()) {
                    returning++;
                }
            }
            if (returning != 1) {
                throw invalid("Exactly one element of the Metrics list must return data (ReturnData true or "
                        + "unset), got " + returning);
            }
        } else if (a.thresholdMetricId() == null) {
            if (a.metricName() == null) {
                throw missing("MetricName");
            }
            if (a.namespace() == null) {
                throw missing("Namespace");
            }
            if (a.period() == null) {
                throw missing("Period");
            }
            checkPeriod(a.period());
            if (a.statistic() == null && a.extendedStatistic() == null) {
                throw missing("Statistic");
            }
        }
    }

    private static void checkPeriod(int period) {
        if (!(period == 10 || period == 20 || period == 30 || (period >= 60 && period % 60 == 0))) {
            throw invalid("Period (" + period + ") must be 10, 20, 30 or a multiple of 60");
        }
    }

    private static ApiException combination(String message) {
        return ApiException.badRequest("InvalidParameterCombination", message);
    }

    private synchronized String describeAlarms(Map<String, String> f) {
        List<String> names = list(f, "AlarmNames");
        String prefix = f.get("AlarmNamePrefix");
        String state = f.get("StateValue");
        if (!names.isEmpty() && prefix != null) {
            throw combination("AlarmNames and AlarmNamePrefix cannot both be set");
        }
        List<String> types = list(f, "AlarmTypes");
        boolean metricAlarms = types.isEmpty() || types.contains("MetricAlarm");
        StringBuilder x = new StringBuilder("<MetricAlarms>");
        if (metricAlarms) {
            for (Alarm a : alarms.values()) {
                if (!names.isEmpty() && !names.contains(a.alarmName())) {
                    continue;
                }
                if (prefix != null && !a.alarmName().startsWith(prefix)) {
                    continue;
                }
                if (state != null && !state.equals(a.stateValue())) {
                    continue;
                }
                x.append("<member>");
                writeAlarm(x, a);
                x.append("</member>");
            }
        }
        x.append("</MetricAlarms><CompositeAlarms></CompositeAlarms>");
        return x.toString();
    }

    private synchronized void deleteAlarms(Map<String, String> f) {
        // CloudWatch deletes nothing if one name is unknown, and answers 404 ResourceNotFound
        List<String> names = list(f, "AlarmNames");
        long missing = names.stream().filter(n -> !alarms.containsKey(n)).count();
        if (missing > 0) {
            throw new ApiException(404, "ResourceNotFound", missing + " alarm(s) not found");
        }
        names.forEach(alarms::remove);
    }

    private synchronized void setAlarmState(Map<String, String> f) {
        String name = required(f, "AlarmName");
        String state = required(f, "StateValue");
        required(f, "StateReason");
        Alarm a = alarms.get(name);
        if (a == null) {
            throw new ApiException(404, "ResourceNotFound", "Alarm " + name + " does not exist");
        }
        if (!state.equals("OK") && !state.equals("ALARM") && !state.equals("INSUFFICIENT_DATA")) {
            throw invalid("StateValue (" + state + ") must be OK, ALARM or INSUFFICIENT_DATA");
        }
        alarms.put(
                name,
                a.toBuilder()
                        .stateValue(state)
                        .stateReason(f.get("StateReason"))
                        .stateUpdatedTimestamp(Instant.now())
                        .build());
    }

    /** As CloudWatch does: ActionsEnabled of each named alarm that exists, unknown names ignored; nothing else. */
    private synchronized void setActionsEnabled(Map<String, String> f, boolean enabled) {
        for (String name : list(f, "AlarmNames")) {
            alarms.computeIfPresent(
                    name, (n, a) -> a.toBuilder().actionsEnabled(enabled).build());
        }
    }

    // ------------------------------------------------------------------------------------------------ XML

    private static void writeAlarm(StringBuilder x, Alarm a) {
        Xml.element(x, "AlarmName", a.alarmName());
        Xml.element(x, "AlarmArn", a.alarmArn());
        Xml.element(x, "AlarmDescription", a.alarmDescription());
        Xml.element(x, "AlarmConfigurationUpdatedTimestamp", a.alarmConfigurationUpdatedTimestamp());
        Xml.element(x, "ActionsEnabled", a.actionsEnabled());
        writeList(x, "OKActions", a.okActions());
        writeList(x, "AlarmActions", a.alarmActions());
        writeList(x, "InsufficientDataActions", a.insufficientDataActions());
        Xml.element(x, "StateValue", a.stateValue());
        Xml.element(x, "StateReason", a.stateReason());
        Xml.element(x, "StateUpdatedTimestamp", a.stateUpdatedTimestamp());
        Xml.element(x, "MetricName", a.metricName());
        Xml.element(x, "Namespace", a.namespace());
        Xml.element(x, "Statistic", a.statistic());
        Xml.element(x, "ExtendedStatistic", a.extendedStatistic());
        writeDimensions(x, a.dimensions());
        Xml.element(x, "Period", a.period());
        Xml.element(x, "Unit", a.unit());
        Xml.element(x, "EvaluationPeriods", a.evaluationPeriods());
        Xml.element(x, "DatapointsToAlarm", a.datapointsToAlarm());
        Xml.element(x, "Threshold", a.threshold());
        Xml.element(x, "ComparisonOperator", a.comparisonOperator());
        Xml.element(x, "TreatMissingData", a.treatMissingData());
        Xml.element(x, "EvaluateLowSampleCountPercentile", a.evaluateLowSampleCountPercentile());
        if (!a.metrics().isEmpty()) {
            x.append("<Metrics>");
            for (MetricQuery q : a.metrics()) {
                x.append("<member>");
                Xml.element(x, "Id", q.id());
                if (q.metricStat() != null) {
                    MetricStat ms = q.metricStat();
                    x.append("<MetricStat>");
                    if (ms.metric() != null) {
                        x.append("<Metric>");
                        Xml.element(x, "Namespace", ms.metric().namespace());
                        Xml.element(x, "MetricName", ms.metric().metricName());
                        writeDimensions(x, ms.metric().dimensions());
                        x.append("</Metric>");
                    }
                    Xml.element(x, "Period", ms.period());
                    Xml.element(x, "Stat", ms.stat());
                    Xml.element(x, "Unit", ms.unit());
                    x.append("</MetricStat>");
                }
                Xml.element(x, "Expression", q.expression());
                Xml.element(x, "Label", q.label());
                Xml.element(x, "ReturnData", q.returnData());
                Xml.element(x, "Period", q.period());
                Xml.element(x, "AccountId", q.accountId());
                x.append("</member>");
            }
            x.append("</Metrics>");
        }
        Xml.element(x, "ThresholdMetricId", a.thresholdMetricId());
    }

    private static void writeList(StringBuilder x, String name, List<String> values) {
        x.append('<').append(name).append('>');
        for (String v : values) {
            Xml.element(x, "member", v);
        }
        x.append("</").append(name).append('>');
    }

    private static void writeDimensions(StringBuilder x, List<Dimension> dims) {
        if (dims.isEmpty()) {
            return;
        }
        x.append("<Dimensions>");
        for (Dimension d : dims) {
            x.append("<member>");
            Xml.element(x, "Name", d.name());
            Xml.element(x, "Value", d.value());
            x.append("</member>");
        }
        x.append("</Dimensions>");
    }
}
