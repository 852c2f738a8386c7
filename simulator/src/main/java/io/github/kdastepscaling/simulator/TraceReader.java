package io.github.kdastepscaling.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a trace in CSV (or, from a file, a CloudWatch export in JSON: {@link CloudWatchExportReader}): the header {@code minute,records_per_second}, then one row per minute with consecutive
 * minute numbers. An empty {@code records_per_second} means the minute has no datapoint. Blank lines are skipped.
 * Every error names the source and the line, e.g. {@code trace.csv line 7: records_per_second 'abc' is not a number}.
 */
public final class TraceReader {

    public static final String HEADER = "minute,records_per_second";

    private TraceReader() {}

    /**
     * Reads a CSV trace, or a CloudWatch export ({@link CloudWatchExportReader}) when the file is a JSON object
     * (its first character other than white space is a brace).
     */
    public static Trace read(Path file) throws IOException, TraceFormatException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String source = file.getFileName().toString();
        String start = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (start.strip().startsWith("{")) {
            return CloudWatchExportReader.read(start, source);
        }
        return read(new StringReader(text), source);
    }

    /**
     * @param source the name used in errors and as the trace's name
     */
    public static Trace read(Reader reader, String source) throws IOException, TraceFormatException {
        BufferedReader lines = new BufferedReader(reader);
        String header = lines.readLine();
        if (header != null && header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        if (header == null || !HEADER.equals(header.strip())) {
            throw new TraceFormatException(source + " line 1: expected the header '" + HEADER + "', found "
                    + (header == null ? "an empty file" : "'" + header.strip() + "'"));
        }
        double[] values = new double[1024];
        int count = 0;
        int firstMinute = 0;
        int previousMinute = 0;
        int lineNumber = 1;
        String line;
        while ((line = lines.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String where = source + " line " + lineNumber + ": ";
            String[] fields = line.split(",", -1);
            if (fields.length != 2) {
                throw new TraceFormatException(where + "expected 2 fields (" + HEADER + "), found " + fields.length
                        + " in '" + line.strip() + "'");
            }
            int minute = parseMinute(fields[0].strip(), where);
            if (count == 0) {
                firstMinute = minute;
            } else if (minute != previousMinute + 1) {
                if (minute > previousMinute + 1) {
                    throw new TraceFormatException(where + "minute " + minute + " follows minute " + previousMinute
                            + ": a gap in minutes (" + (previousMinute + 1)
                            + (minute - 1 > previousMinute + 1 ? " to " + (minute - 1) : "")
                            + " missing); write one row per minute, with an empty records_per_second for a minute "
                            + "without a datapoint");
                }
                throw new TraceFormatException(where + "minute " + minute + " follows minute " + previousMinute
                        + ": minutes must increase by 1 from row to row");
            }
            previousMinute = minute;
            if (count == values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[count++] = parseValue(fields[1].strip(), where);
        }
        if (count == 0) {
            throw new TraceFormatException(source + " line " + lineNumber + ": no rows after the header");
        }
        return new Trace(source, firstMinute, Arrays.copyOf(values, count));
    }

    private static int parseMinute(String text, String where) throws TraceFormatException {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new TraceFormatException(where + "minute '" + text + "' is not a whole number");
        }
    }

    private static double parseValue(String text, String where) throws TraceFormatException {
        if (text.isEmpty()) {
            return Double.NaN;
        }
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new TraceFormatException(where + "records_per_second '" + text + "' is not a number");
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new TraceFormatException(where + "records_per_second '" + text + "' is not a finite number");
        }
        if (value < 0) {
            throw new TraceFormatException(where + "records_per_second (" + text + ") must not be negative");
        }
        return value;
    }
}
