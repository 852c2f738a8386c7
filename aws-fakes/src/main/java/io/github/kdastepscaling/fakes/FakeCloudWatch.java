package io.github.kdastepscaling.fakes;

import static io.github.kdastepscaling.fakes.QueryForm.invalid;
import static io.github.kdastepscaling.fakes.QueryForm.list;
import static io.github.kdastepscaling.fakes.QueryForm.missing;
import static io.github.kdastepscaling.fakes.QueryForm.queries;
import static io.github.kdastepscaling.fakes.QueryForm.required;

import io.github.kdastepscaling.fakes.Alarm.Builder;
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
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

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
        Builder b = alarm.toBuilder();
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
        Builder b = Alarm.builder(required(f, "AlarmName"));
        for (AlarmField field : ALARM_FIELDS) {
            field.read().accept(f, b);
        }
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
        List<Alarm> matching = !metricAlarms
                ? List.of()
                : alarms.values().stream()
                        .filter(a -> names.isEmpty() || names.contains(a.alarmName()))
                        .filter(a -> prefix == null || a.alarmName().startsWith(prefix))
                        .filter(a -> state == null || state.equals(a.stateValue()))
                        .toList();
        StringBuilder x = new StringBuilder();
        writeMembers(x, "MetricAlarms", matching, FakeCloudWatch::writeAlarm);
        x.append("<CompositeAlarms></CompositeAlarms>");
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

    // --------------------------------------------------------------------- alarm fields: form in, XML out

    /**
     * One field of an alarm: how PutMetricAlarm reads it from the form (a field the service sets is not read) and how
     * DescribeAlarms writes it.
     */
    private record AlarmField(BiConsumer<Map<String, String>, Builder> read, BiConsumer<StringBuilder, Alarm> write) {}

    /** Writes a value as the element(s) of that name. */
    private interface ElementWriter<T> {
        void write(StringBuilder x, String name, T value);
    }

    /**
     * An alarm's fields in the order DescribeAlarms writes them. PutMetricAlarm reads the name before the others (it
     * is the builder's key), and each other field it takes in this order, so the first bad one is the one reported.
     */
    private static final List<AlarmField> ALARM_FIELDS = List.of(
            keptField("AlarmName", Alarm::alarmName),
            keptField("AlarmArn", Alarm::alarmArn),
            textField("AlarmDescription", Builder::alarmDescription, Alarm::alarmDescription),
            keptField("AlarmConfigurationUpdatedTimestamp", Alarm::alarmConfigurationUpdatedTimestamp),
            // CloudWatch stores true when ActionsEnabled is not sent
            field(
                    "ActionsEnabled",
                    (f, name) -> f.containsKey(name) ? Boolean.valueOf(f.get(name)) : Boolean.TRUE,
                    Builder::actionsEnabled,
                    Alarm::actionsEnabled,
                    Xml::element),
            listField("OKActions", Builder::okActions, Alarm::okActions),
            listField("AlarmActions", Builder::alarmActions, Alarm::alarmActions),
            listField("InsufficientDataActions", Builder::insufficientDataActions, Alarm::insufficientDataActions),
            keptField("StateValue", Alarm::stateValue),
            keptField("StateReason", Alarm::stateReason),
            keptField("StateUpdatedTimestamp", Alarm::stateUpdatedTimestamp),
            textField("MetricName", Builder::metricName, Alarm::metricName),
            textField("Namespace", Builder::namespace, Alarm::namespace),
            textField("Statistic", Builder::statistic, Alarm::statistic),
            textField("ExtendedStatistic", Builder::extendedStatistic, Alarm::extendedStatistic),
            field(
                    "Dimensions",
                    QueryForm::dimensions,
                    Builder::dimensions,
                    Alarm::dimensions,
                    FakeCloudWatch::writeDimensions),
            integerField("Period", Builder::period, Alarm::period),
            textField("Unit", Builder::unit, Alarm::unit),
            integerField("EvaluationPeriods", Builder::evaluationPeriods, Alarm::evaluationPeriods),
            integerField("DatapointsToAlarm", Builder::datapointsToAlarm, Alarm::datapointsToAlarm),
            field("Threshold", QueryForm::number, Builder::threshold, Alarm::threshold, Xml::element),
            textField("ComparisonOperator", Builder::comparisonOperator, Alarm::comparisonOperator),
            textField("TreatMissingData", Builder::treatMissingData, Alarm::treatMissingData),
            textField(
                    "EvaluateLowSampleCountPercentile",
                    Builder::evaluateLowSampleCountPercentile,
                    Alarm::evaluateLowSampleCountPercentile),
            field(
                    "Metrics",
                    (f, name) -> queries(f, name, Integer.MAX_VALUE),
                    Builder::metrics,
                    Alarm::metrics,
                    FakeCloudWatch::writeMetrics),
            textField("ThresholdMetricId", Builder::thresholdMetricId, Alarm::thresholdMetricId));

    private static <T> AlarmField field(
            String name,
            BiFunction<Map<String, String>, String, T> parse,
            BiConsumer<Builder, T> set,
            Function<Alarm, T> get,
            ElementWriter<T> write) {
        return new AlarmField(
                (f, b) -> set.accept(b, parse.apply(f, name)), (x, a) -> write.write(x, name, get.apply(a)));
    }

    /** A field the service sets (the ARN, the state, the timestamps): written, never read from the form. */
    private static AlarmField keptField(String name, Function<Alarm, Object> get) {
        return new AlarmField((f, b) -> {}, (x, a) -> Xml.element(x, name, get.apply(a)));
    }

    private static AlarmField textField(String name, BiConsumer<Builder, String> set, Function<Alarm, String> get) {
        return field(name, Map::get, set, get, Xml::element);
    }

    private static AlarmField integerField(
            String name, BiConsumer<Builder, Integer> set, Function<Alarm, Integer> get) {
        return field(name, QueryForm::integer, set, get, Xml::element);
    }

    /** A list of strings, written even when empty, as CloudWatch writes an alarm's actions. */
    private static AlarmField listField(
            String name, BiConsumer<Builder, List<String>> set, Function<Alarm, List<String>> get) {
        return field(name, QueryForm::list, set, get, FakeCloudWatch::writeList);
    }

    private static void writeAlarm(StringBuilder x, Alarm a) {
        for (AlarmField field : ALARM_FIELDS) {
            field.write().accept(x, a);
        }
    }

    /** A metric-math alarm's queries; nothing for a single-metric alarm. */
    private static void writeMetrics(StringBuilder x, String name, List<MetricQuery> queries) {
        if (!queries.isEmpty()) {
            writeMembers(x, name, queries, FakeCloudWatch::writeMetricQuery);
        }
    }

    private static void writeMetricQuery(StringBuilder x, MetricQuery q) {
        Xml.element(x, "Id", q.id());
        if (q.metricStat() != null) {
            writeMetricStat(x, q.metricStat());
        }
        Xml.element(x, "Expression", q.expression());
        Xml.element(x, "Label", q.label());
        Xml.element(x, "ReturnData", q.returnData());
        Xml.element(x, "Period", q.period());
        Xml.element(x, "AccountId", q.accountId());
    }

    private static void writeMetricStat(StringBuilder x, MetricStat ms) {
        x.append("<MetricStat>");
        if (ms.metric() != null) {
            x.append("<Metric>");
            Xml.element(x, "Namespace", ms.metric().namespace());
            Xml.element(x, "MetricName", ms.metric().metricName());
            writeDimensions(x, "Dimensions", ms.metric().dimensions());
            x.append("</Metric>");
        }
        Xml.element(x, "Period", ms.period());
        Xml.element(x, "Stat", ms.stat());
        Xml.element(x, "Unit", ms.unit());
        x.append("</MetricStat>");
    }

    private static void writeList(StringBuilder x, String name, List<String> values) {
        writeMembers(x, name, values, (b, v) -> b.append(Xml.escape(v)));
    }

    /** Dimensions; nothing when there are none, as CloudWatch answers. */
    private static void writeDimensions(StringBuilder x, String name, List<Dimension> dims) {
        if (!dims.isEmpty()) {
            writeMembers(x, name, dims, (b, d) -> {
                Xml.element(b, "Name", d.name());
                Xml.element(b, "Value", d.value());
            });
        }
    }

    /** A list as the Query protocol answers it: {@code <name><member>...</member>...</name>}. */
    private static <T> void writeMembers(
            StringBuilder x, String name, List<T> values, BiConsumer<StringBuilder, T> writeMember) {
        x.append('<').append(name).append('>');
        for (T value : values) {
            x.append("<member>");
            writeMember.accept(x, value);
            x.append("</member>");
        }
        x.append("</").append(name).append('>');
    }
}
