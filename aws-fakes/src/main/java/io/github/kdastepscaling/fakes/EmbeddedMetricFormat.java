package io.github.kdastepscaling.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks a log line against CloudWatch's embedded metric format specification, as Lambda's log delivery reads it
 * ("Specification: Embedded metric format", CloudWatch user guide): a root {@code _aws} member with an integer
 * {@code Timestamp} (epoch milliseconds) and a non-empty {@code CloudWatchMetrics} array of directives, each with a
 * {@code Namespace} string, {@code Dimensions} (an array of dimension sets, each an array of at most 30 member names)
 * and {@code Metrics} (at most 100 of {@code {Name, Unit?, StorageResolution?}}); every dimension named is a root
 * member with a string value, every metric a root member with a number or an array of at most 100 numbers.
 */
public final class EmbeddedMetricFormat {

    /** The units CloudWatch accepts. */
    public static final Set<String> UNITS = Set.of(
            "Seconds",
            "Microseconds",
            "Milliseconds",
            "Bytes",
            "Kilobytes",
            "Megabytes",
            "Gigabytes",
            "Terabytes",
            "Bits",
            "Kilobits",
            "Megabits",
            "Gigabits",
            "Terabits",
            "Percent",
            "Count",
            "Bytes/Second",
            "Kilobytes/Second",
            "Megabytes/Second",
            "Gigabytes/Second",
            "Terabytes/Second",
            "Bits/Second",
            "Kilobits/Second",
            "Megabits/Second",
            "Gigabits/Second",
            "Terabits/Second",
            "Count/Second",
            "None");

    private EmbeddedMetricFormat() {}

    /** @return what the line breaks of the specification, empty when it conforms */
    public static List<String> violations(JsonNode line) {
        List<String> problems = new ArrayList<>();
        JsonNode aws = line.get("_aws");
        if (aws == null || !aws.isObject()) {
            problems.add("no _aws object at the root");
            return problems;
        }
        JsonNode timestamp = aws.get("Timestamp");
        if (timestamp == null || !timestamp.isIntegralNumber() || timestamp.asLong() <= 0) {
            problems.add("_aws.Timestamp must be epoch milliseconds (a positive integer), found " + timestamp);
        }
        JsonNode directives = aws.get("CloudWatchMetrics");
        if (directives == null || !directives.isArray() || directives.isEmpty()) {
            problems.add("_aws.CloudWatchMetrics must be a non-empty array, found " + directives);
            return problems;
        }
        for (JsonNode directive : directives) {
            checkDirective(line, directive, problems);
        }
        return problems;
    }

    private static void checkDirective(JsonNode line, JsonNode directive, List<String> problems) {
        JsonNode namespace = directive.get("Namespace");
        if (namespace == null
                || !namespace.isTextual()
                || namespace.asText().isEmpty()
                || namespace.asText().length() > 255) {
            problems.add("Namespace must be a string of 1 to 255 characters, found " + namespace);
        }
        JsonNode dimensions = directive.get("Dimensions");
        if (dimensions == null || !dimensions.isArray()) {
            problems.add("Dimensions must be an array of dimension sets, found " + dimensions);
        } else {
            for (JsonNode set : dimensions) {
                if (!set.isArray() || set.size() > 30) {
                    problems.add("a dimension set must be an array of at most 30 names, found " + set);
                    continue;
                }
                for (JsonNode name : set) {
                    JsonNode value = name.isTextual() ? line.get(name.asText()) : null;
                    if (value == null || !value.isTextual()) {
                        problems.add(
                                "dimension " + name + " must be a root member with a string value, found " + value);
                    }
                }
            }
        }
        JsonNode metrics = directive.get("Metrics");
        if (metrics == null || !metrics.isArray() || metrics.size() > 100) {
            problems.add("Metrics must be an array of at most 100 metrics, found " + metrics);
            return;
        }
        for (JsonNode metric : metrics) {
            JsonNode name = metric.get("Name");
            if (name == null
                    || !name.isTextual()
                    || name.asText().isEmpty()
                    || name.asText().length() > 1024) {
                problems.add("a metric needs a Name of 1 to 1024 characters, found " + metric);
                continue;
            }
            JsonNode unit = metric.get("Unit");
            if (unit != null && (!unit.isTextual() || !UNITS.contains(unit.asText()))) {
                problems.add("metric " + name.asText() + " has unit " + unit + ", which CloudWatch does not know");
            }
            JsonNode resolution = metric.get("StorageResolution");
            if (resolution != null && !(resolution.isInt() && (resolution.asInt() == 1 || resolution.asInt() == 60))) {
                problems.add("metric " + name.asText() + " has StorageResolution " + resolution + "; 1 or 60");
            }
            JsonNode value = line.get(name.asText());
            boolean numbers =
                    value != null && (value.isNumber() || value.isArray() && value.size() <= 100 && allNumbers(value));
            if (!numbers) {
                problems.add("metric " + name.asText() + " must be a root member with a number or an array of at "
                        + "most 100 numbers, found " + value);
            }
        }
    }

    private static boolean allNumbers(JsonNode array) {
        for (JsonNode element : array) {
            if (!element.isNumber()) {
                return false;
            }
        }
        return true;
    }
}
