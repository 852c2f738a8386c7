package io.github.kdastepscaling.lambda;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * What one read of the learning metrics saw: per series, the value of each one-minute period of the window that
 * had datapoints, and whether the read was complete.
 *
 * <p>A minute without datapoints is absent, never 0 (CloudWatch publishes nothing for a minute without data, and a
 * gap must not read as a silent stream). Values are as CloudWatch returned them: NaN and negative values are kept
 * (a lag of -1 means "not reported yet"); judging them is the estimator's job. An incomplete read still carries
 * whatever datapoints it got, and {@link #problem()} says why it is incomplete, in words fit for the decision log
 * ("kept the previous estimate because ...").
 */
public final class MetricWindow {

    private final Instant start;
    private final Instant end;
    private final Map<String, NavigableMap<Instant, Double>> series;
    private final Set<String> incompleteSeries;
    private final String problem;

    MetricWindow(
            Instant start,
            Instant end,
            Map<String, NavigableMap<Instant, Double>> series,
            Set<String> incompleteSeries,
            String problem) {
        this.start = start;
        this.end = end;
        Map<String, NavigableMap<Instant, Double>> copy = new LinkedHashMap<>();
        series.forEach((id, values) -> copy.put(id, Collections.unmodifiableNavigableMap(new TreeMap<>(values))));
        this.series = Collections.unmodifiableMap(copy);
        this.incompleteSeries = Collections.unmodifiableSet(new LinkedHashSet<>(incompleteSeries));
        this.problem = problem;
    }

    /** @return the first minute of the window (inclusive) */
    public Instant start() {
        return start;
    }

    /** @return the end of the window (exclusive): the start of the current, incomplete minute when it was read */
    public Instant end() {
        return end;
    }

    /** @return how many whole minutes the window spans */
    public int minutes() {
        return (int) Duration.between(start, end).toMinutes();
    }

    /** @return the start of each minute of the window, oldest first */
    public List<Instant> minuteStarts() {
        List<Instant> out = new ArrayList<>();
        for (Instant t = start; t.isBefore(end); t = t.plusSeconds(60)) {
            out.add(t);
        }
        return out;
    }

    /** @return the ids of the series asked for, in the order asked */
    public Set<String> seriesIds() {
        return series.keySet();
    }

    /**
     * @return the values of series {@code id} by minute start, oldest first; minutes without datapoints absent
     * @throws IllegalArgumentException for an id that was not asked for
     */
    public NavigableMap<Instant, Double> series(String id) {
        NavigableMap<Instant, Double> values = series.get(id);
        if (values == null) {
            throw new IllegalArgumentException("series " + id + " was not read; the series are " + series.keySet());
        }
        return values;
    }

    /** @return the value of series {@code id} for the minute starting at {@code minute}, empty if it had none */
    public OptionalDouble value(String id, Instant minute) {
        Double v = series(id).get(minute);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** @return whether every series was read in full (its gaps are then true gaps in CloudWatch) */
    public boolean isComplete() {
        return problem == null;
    }

    /** @return the series that were not read in full (all of them when the call failed) */
    public Set<String> incompleteSeries() {
        return incompleteSeries;
    }

    /** @return why the read is incomplete, empty when it is complete */
    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    @Override
    public String toString() {
        return "MetricWindow[" + start + " to " + end + ", " + series.size() + " series, "
                + (problem == null ? "complete" : "incomplete: " + problem) + "]";
    }
}
