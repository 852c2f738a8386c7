package io.github.kdastepscaling.simulator;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Which lag the lag guard reads, as the construct's {@code LagMetric} chooses it (docs/signals.md, "The lag
 * metrics"). The two differ only when another consumer reads the same stream ({@link OtherConsumer}).
 */
public enum StreamLagMetric {

    /**
     * The stream's {@code GetRecords.IteratorAgeMilliseconds}, Maximum: the oldest record any polling consumer read in
     * the minute, so the larger of this job's lag and the other consumer's; a minute has a datapoint when either reads
     * (while this job restarts the other consumer's reads still publish one).
     */
    ITERATOR_AGE("iteratorAge"),
    /** The application's own {@code millisBehindLatest}, Maximum: this job's lag alone; none while it restarts. */
    MILLIS_BEHIND_LATEST("millisBehindLatest");

    private final String fileName;

    StreamLagMetric(String fileName) {
        this.fileName = fileName;
    }

    /** The name in a policy file and on the command line, as the construct's factory method is called. */
    public String fileName() {
        return fileName;
    }

    /** @throws IllegalArgumentException naming {@code field} and the value when it is neither name */
    public static StreamLagMetric parse(String value, String field) {
        for (StreamLagMetric metric : values()) {
            if (metric.fileName.equals(value)) {
                return metric;
            }
        }
        throw new IllegalArgumentException(field + " (\"" + value + "\") must be one of "
                + Arrays.stream(values()).map(StreamLagMetric::fileName).collect(Collectors.joining(", ")));
    }

    /**
     * The metric's datapoint for a minute.
     *
     * @param ownMillis   this job's lag at the end of the minute (NaN: it read nothing, restarting)
     * @param otherMillis the other consumer's lag (NaN: none on the stream, or it read nothing)
     */
    public double datapoint(double ownMillis, double otherMillis) {
        if (this == MILLIS_BEHIND_LATEST || Double.isNaN(otherMillis)) {
            return ownMillis;
        }
        return Double.isNaN(ownMillis) ? otherMillis : Math.max(ownMillis, otherMillis);
    }
}
