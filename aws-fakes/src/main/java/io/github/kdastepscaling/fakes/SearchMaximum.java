package io.github.kdastepscaling.fakes;

import io.github.kdastepscaling.fakes.Alarm.Dimension;
import io.github.kdastepscaling.fakes.Alarm.Metric;
import io.github.kdastepscaling.fakes.Alarm.MetricStat;
import io.github.kdastepscaling.fakes.MetricStore.MetricKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one metric-math form the fake evaluates: the highest of every metric a search finds, per period,
 * {@code MAX(SEARCH('Namespace="N" MetricName="M" Dim="v" ...', 'Stat', period))}, as the scaler reads a metric
 * published once per task (Flink's {@code busyTimeMsPerSecond}). Only exact-match designators ({@code Name="value"},
 * CloudWatch's "exact match" search terms) are understood, {@code Namespace} and {@code MetricName} required; a
 * metric matches when its namespace and name are those and its dimensions include every other designator (CloudWatch
 * finds metrics with more dimensions too, without a schema in braces). Whatever else an expression says is refused
 * by the caller as {@code NotSupportedByFake}, never answered wrongly.
 */
record SearchMaximum(String namespace, String metricName, Map<String, String> dimensions, String stat, int period) {

    private static final Pattern FORM = Pattern.compile(
            "\\s*MAX\\(\\s*SEARCH\\(\\s*'([^']*)'\\s*,\\s*'([A-Za-z]+)'\\s*,\\s*([0-9]+)\\s*\\)\\s*\\)\\s*");
    private static final Pattern TERM = Pattern.compile("\\s*([A-Za-z0-9_.:/-]+)=\"([^\"]*)\"\\s*");

    /** The search this expression asks for, or null when it is not of the one form understood. */
    static SearchMaximum parse(String expression) {
        Matcher form = FORM.matcher(expression);
        if (!form.matches()) {
            return null;
        }
        Map<String, String> terms = new LinkedHashMap<>();
        Matcher term = TERM.matcher(form.group(1));
        int at = 0;
        while (at < form.group(1).length()) {
            if (!term.find(at) || term.start() != at) {
                return null;
            }
            terms.put(term.group(1), term.group(2));
            at = term.end();
        }
        String namespace = terms.remove("Namespace");
        String metricName = terms.remove("MetricName");
        if (namespace == null || metricName == null) {
            return null;
        }
        return new SearchMaximum(namespace, metricName, terms, form.group(2), Integer.parseInt(form.group(3)));
    }

    boolean matches(MetricKey key) {
        return key.namespace().equals(namespace)
                && key.metricName().equals(metricName)
                && key.dimensions().entrySet().containsAll(dimensions.entrySet());
    }

    /** The statistic of one found metric, as a MetricStat query of it would ask. */
    MetricStat statOf(MetricKey key) {
        List<Dimension> dims = new ArrayList<>();
        key.dimensions().forEach((n, v) -> dims.add(new Dimension(n, v)));
        return new MetricStat(new Metric(key.namespace(), key.metricName(), dims), period, stat, null);
    }
}
