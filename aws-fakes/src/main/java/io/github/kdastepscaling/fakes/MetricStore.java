package io.github.kdastepscaling.fakes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The datapoints CloudWatch holds, per metric. A metric is its namespace, name and exact set of dimensions (order
 * does not matter, as in CloudWatch: a query with fewer or more dimensions is another metric and finds nothing).
 * Every datapoint is kept as a statistic set (one value is a set of count 1), which is all the simple statistics need.
 */
final class MetricStore {

    /** A metric's identity; the dimensions are sorted by name so that order does not matter. */
    record MetricKey(String namespace, String metricName, Map<String, String> dimensions) {
        MetricKey {
            dimensions = Collections.unmodifiableMap(new TreeMap<>(dimensions));
        }
    }

    /** One published datapoint. */
    record Sample(Instant timestamp, double sampleCount, double sum, double minimum, double maximum, String unit) {
        static Sample of(Instant timestamp, double value, String unit) {
            return new Sample(timestamp, 1, value, value, value, unit);
        }
    }

    /** A per-result status a test imposes on a metric (a {@code Forbidden} or {@code InternalError} answer). */
    record ResultFault(String statusCode, String messageCode, String message) {}

    private final Map<MetricKey, List<Sample>> samples = new HashMap<>();
    private final Map<MetricKey, ResultFault> resultFaults = new HashMap<>();

    synchronized void add(MetricKey key, Sample sample) {
        samples.computeIfAbsent(key, k -> new ArrayList<>()).add(sample);
    }

    synchronized List<Sample> samples(MetricKey key) {
        return List.copyOf(samples.getOrDefault(key, List.of()));
    }

    /** Every metric that has datapoints, for a search. */
    synchronized List<MetricKey> keys() {
        return List.copyOf(samples.keySet());
    }

    synchronized int metricCount() {
        return samples.size();
    }

    synchronized void clear() {
        samples.clear();
        resultFaults.clear();
    }

    synchronized void setResultFault(MetricKey key, ResultFault fault) {
        if (fault == null) {
            resultFaults.remove(key);
        } else {
            resultFaults.put(key, fault);
        }
    }

    synchronized ResultFault resultFault(MetricKey key) {
        return resultFaults.get(key);
    }

    /**
     * One statistic over the samples of a period, as CloudWatch computes it from statistic sets; NaN values
     * published through the test-side seeding propagate as published.
     */
    static double statistic(String stat, List<Sample> period) {
        double count = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Sample s : period) {
            count += s.sampleCount();
            sum += s.sum();
            min = Math.min(min, s.minimum());
            max = Math.max(max, s.maximum());
        }
        return switch (stat) {
            case "Sum" -> sum;
            case "SampleCount" -> count;
            case "Average" -> sum / count;
            case "Minimum" -> min;
            case "Maximum" -> max;
            default -> throw new IllegalArgumentException("statistic " + stat);
        };
    }
}
