package io.github.kdastepscaling;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.constructs.Construct;

/**
 * The one place that knows, per {@link FlinkRuntime}, the names of the job-health metrics Managed Service for Apache
 * Flink publishes for an application (namespace {@code AWS/KinesisAnalytics}, dimension {@code Application}): its
 * restart counter, how long it has been running and how long it has been down, and its Kinesis source's lag. The
 * dashboard and the job-health alarms read them here, and {@link KdaStepScaling#getJobMetrics()} exposes them.
 *
 * <p>Source: Managed Service for Apache Flink developer guide, "Metrics and dimensions"
 * (docs.aws.amazon.com/managed-flink/latest/java/metrics-dimensions.html), box "Flink 2.2 metric changes":
 * {@code fullRestarts} is removed on 2.2 (use {@code numRestarts}); {@code uptime} and {@code downtime} are
 * deprecated in favour of the state-specific {@code runningTime}, {@code restartingTime} and {@code failingTime}.
 * Details and caveats: docs/signals.md, "Job-health metrics per runtime".
 */
public final class FlinkJobMetrics {

    /** The metric families this library knows, oldest first. */
    enum Family {
        /** Flink 1.x: {@code fullRestarts}, {@code uptime}, {@code downtime}. */
        FLINK_1("fullRestarts", "uptime", List.of("downtime")),
        /** Flink 2.x (2.2 and later): {@code numRestarts}, {@code runningTime}, restarting and failing time. */
        FLINK_2("numRestarts", "runningTime", List.of("restartingTime", "failingTime"));

        final String restarts;
        final String running;
        final List<String> down;

        Family(String restarts, String running, List<String> down) {
            this.restarts = restarts;
            this.running = running;
            this.down = down;
        }
    }

    static final String NAMESPACE = "AWS/KinesisAnalytics";
    private static final Pattern VERSION = Pattern.compile("FLINK-(\\d+)_(\\d+)");

    private final String applicationName;
    /** The family, or {@code null} when the runtime is not known (an existing application): both are read. */
    private final Family family;

    private FlinkJobMetrics(String applicationName, Family family) {
        this.applicationName = applicationName;
        this.family = family;
    }

    /**
     * The metrics of {@code runtime}; a runtime this library does not know (given with {@link FlinkRuntime#of}) gets
     * the newest known family and a synthesis warning on {@code scope}; {@code null} (an existing application, whose
     * runtime the construct is not told) reads both families, since each publishes only its own names.
     */
    static FlinkJobMetrics of(Construct scope, FlinkRuntime runtime, String applicationName) {
        if (runtime == null) {
            return new FlinkJobMetrics(applicationName, null);
        }
        Family known = knownFamily(runtime);
        if (known == null) {
            Family newest = Family.values()[Family.values().length - 1];
            Annotations.of(scope)
                    .addWarningV2(
                            "kda-step-scaling:unknownRuntimeMetrics",
                            "applicationProps.runtime ("
                                    + runtime.getValue()
                                    + ") is not one this library knows; its dashboard and job-health alarms "
                                    + "read the newest known metric names (" + newest.restarts + ", " + newest.running
                                    + ", "
                                    + String.join(", ", newest.down)
                                    + "): check them against the runtime's metrics in AWS's "
                                    + "\"Metrics and dimensions\" page");
            return new FlinkJobMetrics(applicationName, newest);
        }
        return new FlinkJobMetrics(applicationName, known);
    }

    /** The family of a runtime this library knows, or {@code null}. */
    static Family knownFamily(FlinkRuntime runtime) {
        if (runtime.equals(FlinkRuntime.FLINK_1_15)
                || runtime.equals(FlinkRuntime.FLINK_1_18)
                || runtime.equals(FlinkRuntime.FLINK_1_19)
                || runtime.equals(FlinkRuntime.FLINK_1_20)) {
            return Family.FLINK_1;
        }
        if (runtime.equals(FlinkRuntime.FLINK_2_2)) {
            return Family.FLINK_2;
        }
        Matcher version = VERSION.matcher(runtime.getValue());
        // An older 1.x runtime (FLINK-1_13, say) is still the 1.x family: AWS changed the names with 2.2 only.
        if (version.matches() && Integer.parseInt(version.group(1)) == 1) {
            return Family.FLINK_1;
        }
        return null;
    }

    /** The restart counter's name, e.g. {@code fullRestarts}; {@code null} when the runtime is not known. */
    public String getRestartsMetricName() {
        return family == null ? null : family.restarts;
    }

    /** The running-time metric's name, e.g. {@code uptime}; {@code null} when the runtime is not known. */
    public String getRunningTimeMetricName() {
        return family == null ? null : family.running;
    }

    /** The downtime metrics' names, e.g. {@code [downtime]}; empty when the runtime is not known. */
    public List<String> getDowntimeMetricNames() {
        return family == null ? List.of() : family.down;
    }

    /**
     * The job's restarts since it was (re)started by the service: a counter, Maximum per minute. A rescale restarts
     * the whole application, which resets it. For an unknown runtime, the larger of both families' counters.
     */
    public IMetric restarts() {
        return pick("Restarts of the job (counter since it started)", "Maximum", FlinkJobMetrics::restartsOf);
    }

    /** How long the job has been running without interruption (ms), Maximum per minute; 0 while it is not. */
    public IMetric runningTime() {
        return pick("Time the job has been running (ms)", "Maximum", f -> List.of(f.running));
    }

    /** How long the job has been down in its current outage (ms), Maximum per minute: the sum of the family's. */
    public IMetric downtime() {
        return pick("Time the job has been down (ms)", "Maximum", f -> f.down);
    }

    /**
     * Minutes in which the job restarted: 1 when the counter went up since the previous minute, else 0 (a counter
     * reset by a rescale is not a restart).
     */
    public IMetric restartedMinutes() {
        return MathExpression.Builder.create()
                .expression("IF(DIFF(restarts) > 0, 1, 0)")
                .usingMetrics(Map.of("restarts", restarts()))
                .label("Minutes with a restart of the job")
                .period(OneMinuteMetric.PERIOD)
                .build();
    }

    private interface Names {
        List<String> of(Family family);
    }

    private static List<String> restartsOf(Family family) {
        return List.of(family.restarts);
    }

    /** One metric, or for several names (a family's downtimes, or both families) an expression over them. */
    private IMetric pick(String label, String statistic, Names names) {
        List<String> all = family != null
                ? names.of(family)
                : Stream.of(Family.values())
                        .flatMap(f -> names.of(f).stream())
                        .distinct()
                        .toList();
        if (all.size() == 1) {
            return metric(all.get(0), statistic, label);
        }
        Map<String, IMetric> using = new TreeMap<>();
        for (String name : all) {
            using.put(name.toLowerCase(Locale.ROOT), metric(name, statistic, name));
        }
        // FILL: each family publishes only its own names, and a state's time only while in that state.
        String combine = family != null && names.of(family).size() > 1 ? "SUM" : "MAX";
        return MathExpression.Builder.create()
                .expression(combine + "(["
                        + String.join(
                                ", ",
                                using.keySet().stream()
                                        .map(id -> "FILL(" + id + ", 0)")
                                        .toList()) + "])")
                .usingMetrics(using)
                .label(label)
                .period(OneMinuteMetric.PERIOD)
                .build();
    }

    private Metric metric(String name, String statistic, String label) {
        return Metric.Builder.create()
                .namespace(NAMESPACE)
                .metricName(name)
                .dimensionsMap(Map.of("Application", applicationName))
                .statistic(statistic)
                .period(OneMinuteMetric.PERIOD)
                .label(label)
                .build();
    }

    /** The names read, for the dashboard's title. */
    String describeNames() {
        Family[] read = family != null ? new Family[] {family} : Family.values();
        return String.join(
                "; ",
                Stream.of(read)
                        .map(f -> f.restarts + ", " + String.join(" + ", f.down))
                        .toList());
    }

    /** The family read, or {@code null} for both (an existing application). */
    Family family() {
        return family;
    }
}
