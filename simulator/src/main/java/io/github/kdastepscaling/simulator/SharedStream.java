package io.github.kdastepscaling.simulator;

import java.util.Objects;

/**
 * Who else reads the job's stream, and which lag the policy under test's lag guard (and its rate learning) reads
 * (issue 24). The stream's iterator age is the slowest polling consumer's lag; the application's own
 * {@code millisBehindLatest} is this job's alone.
 *
 * @param otherConsumer another polling consumer of the stream, or null when the job reads it alone
 * @param lagMetric     the lag the guard's alarm, its policy's step, the scale-in alarm's metric math and the rate
 *                      estimator read
 */
public record SharedStream(OtherConsumer otherConsumer, StreamLagMetric lagMetric) {

    /** The job alone on its stream; the construct's default metric for a stream it creates. */
    public static final SharedStream ALONE = new SharedStream(null, StreamLagMetric.ITERATOR_AGE);

    public SharedStream {
        Objects.requireNonNull(lagMetric, "lagMetric");
    }

    public SharedStream withOtherConsumer(OtherConsumer other) {
        return new SharedStream(other, lagMetric);
    }

    public SharedStream withLagMetric(StreamLagMetric metric) {
        return new SharedStream(otherConsumer, metric);
    }

    /** The other consumer over {@code trace}, or null when there is none. */
    OtherConsumer.Series over(Trace trace) {
        return otherConsumer == null ? null : otherConsumer.over(trace);
    }
}
