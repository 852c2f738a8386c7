package io.github.kdastepscaling.simulator;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A load trace: the records per second written to the source stream, one value per minute, as the alarm metric
 * {@code IncomingRecords Sum / 60} sees it. A minute may have no datapoint (Kinesis publishes none for a minute
 * without writes); the workload then counts it as no load, and the alarms apply their missing-data treatment.
 */
public final class Trace {

    private final String name;
    private final int firstMinute;
    private final double[] recordsPerSecond;
    private final Instant start;

    /**
     * @param name             a name for reports, usually the file name
     * @param firstMinute      the minute number of the first row
     * @param recordsPerSecond one value per minute, {@link Double#NaN} for a minute without a datapoint
     */
    public Trace(String name, int firstMinute, double[] recordsPerSecond) {
        this(name, firstMinute, recordsPerSecond, null);
    }

    /**
     * @param start the wall-clock time of the first minute, or null when the trace has none (scheduled actions then
     *              cannot be placed on it)
     */
    public Trace(String name, int firstMinute, double[] recordsPerSecond, Instant start) {
        if (recordsPerSecond.length == 0) {
            throw new IllegalArgumentException(name + ": a trace needs at least one minute");
        }
        for (int i = 0; i < recordsPerSecond.length; i++) {
            double value = recordsPerSecond[i];
            if (!Double.isNaN(value) && (value < 0 || Double.isInfinite(value))) {
                throw new IllegalArgumentException(name + ": minute " + (firstMinute + i) + " has records_per_second "
                        + value + ", which must be a finite number >= 0");
            }
        }
        this.name = name;
        this.firstMinute = firstMinute;
        this.recordsPerSecond = recordsPerSecond.clone();
        this.start = start == null ? null : start.truncatedTo(ChronoUnit.MINUTES);
        if (start != null && !start.equals(this.start)) {
            throw new IllegalArgumentException(name + ": the start (" + start + ") must be a whole minute");
        }
    }

    /** The same trace with its first minute at {@code wallClockStart}. */
    public Trace startingAt(Instant wallClockStart) {
        return new Trace(name, firstMinute, recordsPerSecond, wallClockStart);
    }

    /**
     * Minutes {@code from} (inclusive) to {@code to} (exclusive) as a trace of their own: numbered on from the source
     * file's minute, with the wall-clock time moved on as well.
     */
    public Trace slice(int from, int to) {
        if (from < 0 || to > recordsPerSecond.length || from >= to) {
            throw new IllegalArgumentException(
                    name + ": cannot take minutes " + from + " to " + to + " of " + recordsPerSecond.length);
        }
        return new Trace(
                name,
                firstMinute + from,
                Arrays.copyOfRange(recordsPerSecond, from, to),
                start == null ? null : start.plus(from, ChronoUnit.MINUTES));
    }

    /** The wall-clock time of the first minute, when the trace has one. */
    public Optional<Instant> start() {
        return Optional.ofNullable(start);
    }

    /** The wall-clock time of {@code minute} (0-based), when the trace has one. */
    public Optional<Instant> timeOf(int minute) {
        return start().map(t -> t.plus(minute, ChronoUnit.MINUTES));
    }

    /** A trace with a datapoint every minute, numbered from 0. */
    public static Trace of(String name, double... recordsPerSecond) {
        return new Trace(name, 0, recordsPerSecond);
    }

    public String name() {
        return name;
    }

    /** The minute number of the first row in the source file (the simulation itself counts from 0). */
    public int firstMinute() {
        return firstMinute;
    }

    /** Number of minutes. */
    public int length() {
        return recordsPerSecond.length;
    }

    /** The datapoint the alarms see at {@code minute} (0-based), empty when the minute has none. */
    public OptionalDouble datapoint(int minute) {
        double value = recordsPerSecond[minute];
        return Double.isNaN(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** The load written during {@code minute}, in records per second: 0 when the minute has no datapoint. */
    public double load(int minute) {
        double value = recordsPerSecond[minute];
        return Double.isNaN(value) ? 0 : value;
    }

    /** The highest load of the trace, in records per second. */
    public double peak() {
        return Arrays.stream(recordsPerSecond)
                .filter(v -> !Double.isNaN(v))
                .max()
                .orElse(0);
    }
}
