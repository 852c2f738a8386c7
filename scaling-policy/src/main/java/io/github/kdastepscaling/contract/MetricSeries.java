package io.github.kdastepscaling.contract;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One CloudWatch series the scaler reads per minute: a metric (namespace, name, dimensions matched exactly, as
 * CloudWatch matches them) and the statistic of each one-minute period. The construct lists these in
 * {@link ScalerEnvironment#LEARNING_METRICS} (see {@link MetricSeriesText}); the scaler reads them all in one
 * {@code GetMetricData} call, where {@code id} names the series in the request and the answer.
 *
 * @param id         the query id: a lowercase letter, then letters, digits or '_' (CloudWatch's own rule), at most
 *                   255 characters, unique in the list
 * @param namespace  e.g. {@code AWS/Kinesis}
 * @param metricName e.g. {@code GetRecords.Records}
 * @param dimensions dimension name to value, in the order given (CloudWatch ignores the order); at most 30
 * @param stat       one of {@link #STATS}: the statistics whose meaning for one minute the scaler relies on
 */
public record MetricSeries(
        String id, String namespace, String metricName, Map<String, String> dimensions, String stat) {

    /** The statistics a series may ask for; percentiles are left out on purpose (no estimator reads one). */
    public static final Set<String> STATS = Set.of("Sum", "Maximum", "Minimum", "Average", "SampleCount");
    /** CloudWatch's pattern for a {@code MetricDataQuery} id. */
    public static final Pattern ID = Pattern.compile("[a-z][a-zA-Z0-9_]*");
    /** CloudWatch's limit on dimensions per metric. */
    public static final int MAX_DIMENSIONS = 30;

    private static final int MAX_NAME = 255;
    private static final int MAX_DIMENSION_VALUE = 1024;

    /**
     * @throws IllegalArgumentException naming the field and its value when a field breaks CloudWatch's rules
     */
    public MetricSeries {
        Objects.requireNonNull(dimensions, "dimensions");
        check("id", id, MAX_NAME);
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("id (" + id + ") must start with a lowercase letter and hold only "
                    + "letters, digits and '_' (CloudWatch's rule for a GetMetricData query id)");
        }
        check("namespace", namespace, MAX_NAME);
        check("metricName", metricName, MAX_NAME);
        if (stat == null || !STATS.contains(stat)) {
            throw new IllegalArgumentException(
                    "stat (" + stat + ") must be one of Sum, Maximum, Minimum, Average, " + "SampleCount");
        }
        if (dimensions.size() > MAX_DIMENSIONS) {
            throw new IllegalArgumentException(
                    "dimensions (" + dimensions.size() + ") must be at most " + MAX_DIMENSIONS);
        }
        Map<String, String> copy = new LinkedHashMap<>();
        dimensions.forEach((name, value) -> {
            check("dimension name", name, MAX_NAME);
            check("value of dimension " + name, value, MAX_DIMENSION_VALUE);
            copy.put(name, value);
        });
        dimensions = Collections.unmodifiableMap(copy);
    }

    private static void check(String field, String value, int max) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(field + " (" + value + ") must be at most " + max + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException(
                        field + " (" + value.replaceAll("\\p{Cntrl}", "?") + ") must not hold control characters");
            }
        }
    }
}
