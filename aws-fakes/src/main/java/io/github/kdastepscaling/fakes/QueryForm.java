package io.github.kdastepscaling.fakes;

import io.github.kdastepscaling.fakes.Alarm.Dimension;
import io.github.kdastepscaling.fakes.Alarm.Metric;
import io.github.kdastepscaling.fakes.Alarm.MetricQuery;
import io.github.kdastepscaling.fakes.Alarm.MetricStat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads CloudWatch's AWS Query form (decoded {@code name=value} fields) into values, refusing a missing or malformed
 * field with the codes CloudWatch answers: {@code MissingParameter}, {@code InvalidParameterValue}.
 */
final class QueryForm {

    private QueryForm() {}

    static ApiException missing(String what) {
        return ApiException.badRequest("MissingParameter", "The parameter " + what + " must be specified.");
    }

    static ApiException invalid(String message) {
        return ApiException.badRequest("InvalidParameterValue", message);
    }

    static String required(Map<String, String> f, String key) {
        String v = f.get(key);
        if (v == null || v.isEmpty()) {
            throw missing(key);
        }
        return v;
    }

    static Integer integer(Map<String, String> f, String key) {
        return parsed(f, key, Integer::valueOf, "an integer");
    }

    static Double number(Map<String, String> f, String key) {
        return parsed(f, key, Double::valueOf, "a number");
    }

    /** @return the field parsed, or null when it is absent */
    private static <T> T parsed(Map<String, String> f, String key, Function<String, T> parse, String what) {
        String v = f.get(key);
        if (v == null) {
            return null;
        }
        try {
            return parse.apply(v);
        } catch (NumberFormatException e) {
            throw invalid(key + " (" + v + ") is not " + what);
        }
    }

    /** Query lists are {@code Key.member.1}, {@code Key.member.2}...; an explicitly empty list is {@code Key=}. */
    static List<String> list(Map<String, String> f, String key) {
        List<String> out = new ArrayList<>();
        for (int i = 1; f.containsKey(key + ".member." + i); i++) {
            out.add(f.get(key + ".member." + i));
        }
        return out;
    }

    static List<Dimension> dimensions(Map<String, String> f, String key) {
        List<Dimension> out = new ArrayList<>();
        for (int i = 1; ; i++) {
            String p = key + ".member." + i + ".";
            if (!f.containsKey(p + "Name") && !f.containsKey(p + "Value")) {
                return out;
            }
            out.add(new Dimension(f.get(p + "Name"), f.get(p + "Value")));
        }
    }

    /** @return whether any form key starts with {@code prefix} */
    static boolean hasPrefix(Map<String, String> f, String prefix) {
        for (String k : f.keySet()) {
            if (k.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** The {@code MetricDataQuery} list {@code listKey.member.N}, read up to {@code max} members. */
    static List<MetricQuery> queries(Map<String, String> f, String listKey, int max) {
        List<MetricQuery> out = new ArrayList<>();
        for (int i = 1; i <= max; i++) {
            String p = listKey + ".member." + i + ".";
            if (!hasPrefix(f, p)) {
                return out;
            }
            MetricStat stat = null;
            String s = p + "MetricStat.";
            if (hasPrefix(f, s)) {
                String m = s + "Metric.";
                Metric metric =
                        new Metric(f.get(m + "Namespace"), f.get(m + "MetricName"), dimensions(f, m + "Dimensions"));
                stat = new MetricStat(metric, integer(f, s + "Period"), f.get(s + "Stat"), f.get(s + "Unit"));
            }
            String rd = f.get(p + "ReturnData");
            out.add(new MetricQuery(
                    f.get(p + "Id"),
                    f.get(p + "Expression"),
                    f.get(p + "Label"),
                    rd == null ? null : Boolean.valueOf(rd),
                    integer(f, p + "Period"),
                    f.get(p + "AccountId"),
                    stat));
        }
        return out;
    }
}
