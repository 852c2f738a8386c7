package io.github.kdastepscaling.contract;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The text of {@link ScalerEnvironment#LEARNING_METRICS}: the series the scaler reads, in one environment variable.
 * The construct writes it with {@link #encode}, the scaler reads it with {@link #parse}; both compile against this
 * class, so the two sides cannot disagree on the format.
 *
 * <p>Format: series separated by {@code ;}, each {@code id|namespace|metricName|stat|dimensions}, the dimensions
 * {@code name=value} pairs separated by {@code ,} (empty for none). The five separators {@code % | ; = ,} inside a
 * field are written {@code %25 %7C %3B %3D %2C}; no other escape exists. For example:
 * <pre>
 * consumed|AWS/Kinesis|GetRecords.Records|Sum|StreamName=orders;lag|AWS/Kinesis|GetRecords.IteratorAgeMilliseconds|Maximum|StreamName=orders
 * </pre>
 * It is compact because a function's whole environment may hold at most 4 KB. The parser is strict: whatever
 * {@code encode} would not write is refused with a message naming the variable and the offending series.
 */
public final class MetricSeriesText {

    /** GetMetricData takes at most 500 queries in one call. */
    public static final int MAX_SERIES = 500;
    /** The longest window: one day of one-minute periods (CloudWatch keeps them 15 days). */
    public static final int MAX_WINDOW_MINUTES = 1440;

    private static final String FIELDS = "id|namespace|metricName|stat|name=value,...";
    private static final String RESERVED = "%|;=,";

    private MetricSeriesText() {}

    /**
     * The variable's value for these series.
     *
     * @throws IllegalArgumentException when the list is empty, longer than {@value #MAX_SERIES} or repeats an id
     */
    public static String encode(List<MetricSeries> series) {
        checkList(series.size(), "series");
        Set<String> ids = new HashSet<>();
        StringBuilder b = new StringBuilder();
        for (MetricSeries s : series) {
            if (!ids.add(s.id())) {
                throw new IllegalArgumentException("series id (" + s.id() + ") is used twice; ids must be unique");
            }
            if (b.length() > 0) {
                b.append(';');
            }
            b.append(escape(s.id()))
                    .append('|')
                    .append(escape(s.namespace()))
                    .append('|')
                    .append(escape(s.metricName()))
                    .append('|')
                    .append(escape(s.stat()))
                    .append('|');
            boolean first = true;
            for (Map.Entry<String, String> d : s.dimensions().entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                b.append(escape(d.getKey())).append('=').append(escape(d.getValue()));
            }
        }
        return b.toString();
    }

    /**
     * The series in a variable's value.
     *
     * @param variable the variable's name, for the messages
     * @param text     its value
     * @throws IllegalArgumentException naming the variable and the bad series when the text is not what
     *                                  {@link #encode} writes for valid series
     */
    public static List<MetricSeries> parse(String variable, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("environment variable " + variable + " is missing or empty");
        }
        String[] parts = text.split(";", -1);
        if (parts.length > MAX_SERIES) {
            throw new IllegalArgumentException("environment variable " + variable + " lists " + parts.length
                    + " series; GetMetricData takes at most " + MAX_SERIES);
        }
        List<MetricSeries> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            String where = "environment variable " + variable + ": series " + (i + 1) + " (" + part + ")";
            String[] fields = part.split("\\|", -1);
            if (fields.length != 5) {
                throw new IllegalArgumentException(where + " has " + fields.length + " field(s); each series is "
                        + FIELDS + " and series are separated by ';'");
            }
            MetricSeries series;
            try {
                series = new MetricSeries(
                        unescape(fields[0]),
                        unescape(fields[1]),
                        unescape(fields[2]),
                        dimensions(fields[4]),
                        unescape(fields[3]));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
            if (!ids.add(series.id())) {
                throw new IllegalArgumentException(
                        where + ": id " + series.id() + " is used twice; ids must be " + "unique");
            }
            out.add(series);
        }
        return List.copyOf(out);
    }

    /** The text of {@link ScalerEnvironment#LEARNING_WINDOW_MINUTES}. */
    public static String encodeWindowMinutes(int minutes) {
        checkWindow(minutes, String.valueOf(minutes), "windowMinutes");
        return String.valueOf(minutes);
    }

    /**
     * The window's length in whole minutes, 1 to {@value #MAX_WINDOW_MINUTES}.
     *
     * @throws IllegalArgumentException naming the variable and the value otherwise
     */
    public static int parseWindowMinutes(String variable, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("environment variable " + variable + " is missing or empty");
        }
        int minutes;
        try {
            minutes = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "environment variable " + variable + " (" + text
                            + ") must be a whole number of minutes between 1 and " + MAX_WINDOW_MINUTES,
                    e);
        }
        checkWindow(minutes, text, "environment variable " + variable);
        return minutes;
    }

    private static void checkWindow(int minutes, String text, String name) {
        if (minutes < 1 || minutes > MAX_WINDOW_MINUTES) {
            throw new IllegalArgumentException(name + " (" + text + ") must be a whole number of minutes between 1 "
                    + "and " + MAX_WINDOW_MINUTES);
        }
    }

    private static void checkList(int size, String name) {
        if (size < 1 || size > MAX_SERIES) {
            throw new IllegalArgumentException(name + " (" + size + ") must list 1 to " + MAX_SERIES + " series");
        }
    }

    private static Map<String, String> dimensions(String field) {
        Map<String, String> out = new LinkedHashMap<>();
        if (field.isEmpty()) {
            return out;
        }
        for (String pair : field.split(",", -1)) {
            String[] nv = pair.split("=", -1);
            if (nv.length != 2) {
                throw new IllegalArgumentException("dimension (" + pair + ") must be name=value");
            }
            String name = unescape(nv[0]);
            if (out.put(name, unescape(nv[1])) != null) {
                throw new IllegalArgumentException("dimension " + name + " is given twice");
            }
        }
        return out;
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (RESERVED.indexOf(c) >= 0) {
                b.append('%').append(String.format("%02X", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '%') {
                b.append(c);
                continue;
            }
            String code = i + 3 <= s.length() ? s.substring(i + 1, i + 3) : s.substring(i + 1);
            char decoded = switch (code) {
                case "25" -> '%';
                case "7C" -> '|';
                case "3B" -> ';';
                case "3D" -> '=';
                case "2C" -> ',';
                default ->
                    throw new IllegalArgumentException("'%" + code + "' in (" + s + ") is not an escape; "
                            + "only %25 %7C %3B %3D %2C (for % | ; = ,) are");
            };
            b.append(decoded);
            i += 2;
        }
        return b.toString();
    }
}
