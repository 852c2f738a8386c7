package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.SignalKind;
import io.github.kdastepscaling.policy.rate.MinuteMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;

/**
 * The per-minute metrics the scaler's rate estimator reads, as CloudWatch would return them for the modelled job:
 * <ul>
 *   <li>consumption: what the job processed in the minute (the stream's {@code GetRecords.Records}; bytes for a
 *       bytes signal), with {@link LearningSettings.MetricNoise#noise()} relative noise (a minute's reads and its processing
 *       do not share boundaries); none while the job restarts (no GetRecords calls), none for the first minute
 *       after a restart half the time, and none for {@link LearningSettings.MetricNoise#missingMinutes()} of the minutes at
 *       random; with another consumer on the stream ({@link OtherConsumer}), what it read more, and with
 *       {@link LearningSettings#secondConsumer()} and no such consumer, the whole stream's arrivals more (a consumer
 *       that keeps up);</li>
 *   <li>the lag the guard reads ({@link StreamLagMetric}), Maximum over the minute: the larger of its datapoints at
 *       the minute's start and end (within a minute the model's lag moves one way); none while the job restarts
 *       unless the stream's iterator age has the other consumer's reads;</li>
 *   <li>the incoming load: the load signal's metric, Sum over the minute; missing where the trace has no value;</li>
 *   <li>no throttling: the model has no read limits;</li>
 *   <li>with {@link LearningSettings#busyTime()} published, the busiest task's busy time ({@link BusyTimeModel});
 *       none otherwise.</li>
 * </ul>
 * Minute {@code m} is published as minute {@code m} since the epoch: the estimator only compares minutes.
 */
final class SimulatedMetrics {

    private final Trace trace;
    private final JobModel model;
    private final SignalKind kind;
    private final double unitsPerRecord;
    private final LearningSettings learning;
    private final Random random;
    private final Random busyRandom;
    private final List<MinuteMetrics> published = new ArrayList<>();
    private final IntToDoubleFunction lagMillis;
    private final double[] otherRecords;

    /**
     * @param lagMillis    the lag metric's datapoint per minute (NaN: none)
     * @param otherRecords what another consumer read per minute, or null when there is none
     */
    SimulatedMetrics(
            Trace trace,
            JobModel model,
            SignalKind kind,
            JobSettings job,
            LearningSettings learning,
            IntToDoubleFunction lagMillis,
            double[] otherRecords) {
        this.lagMillis = lagMillis;
        this.otherRecords = otherRecords;
        if (!kind.followsCapacity()) {
            throw new IllegalArgumentException("learning the per-KPU rate needs a load signal, not " + kind);
        }
        this.trace = trace;
        this.model = model;
        this.kind = kind;
        this.unitsPerRecord = kind == SignalKind.INCOMING_BYTES ? job.bytesPerRecord() : 1;
        this.learning = learning;
        this.random = new Random(learning.metricNoise().seed());
        // a stream of its own: turning busy time on leaves the other metrics' noise as it was
        this.busyRandom = new Random(learning.metricNoise().seed() + 1);
    }

    /** Publishes minute {@code m} (the next one; the model has run it). */
    void publish(int m) {
        double incoming = trace.datapoint(m).orElse(Double.NaN) * 60 * unitsPerRecord;
        // draw every minute, so that one minute's outcome does not shift the rest of the sequence
        double gauss = random.nextGaussian();
        double chance = random.nextDouble();
        double busyGauss = learning.busyTime().published() ? busyRandom.nextGaussian() : 0;
        boolean afterRestart = m > 0 && model.restarting(m - 1) && !model.restarting(m);
        boolean missing = model.restarting(m)
                || (afterRestart && chance < 0.5)
                || chance > 1 - learning.metricNoise().missingMinutes();
        double consumed = Double.NaN;
        if (!missing) {
            double own = model.processed(m)
                    * 60
                    * unitsPerRecord
                    * Math.max(0, 1 + learning.metricNoise().noise() * gauss);
            double other = otherRecords != null
                    ? otherRecords[m] * unitsPerRecord
                    : learning.secondConsumer() ? trace.load(m) * 60 * unitsPerRecord : 0;
            consumed = own + other;
        }
        double lag = lagMillis.applyAsDouble(m);
        double atStart = m == 0 ? 0 : lagMillis.applyAsDouble(m - 1);
        double maximum = Double.isNaN(lag) ? Double.NaN : Double.isNaN(atStart) ? lag : Math.max(lag, atStart);
        double busy = learning.busyTime()
                .datapoint(
                        model.processed(m),
                        model.rate(m),
                        learning.metricNoise().noise(),
                        busyGauss);
        published.add(new MinuteMetrics(m, consumed, maximum, incoming, Double.NaN, busy));
    }

    /** The last {@code minutes} minutes published up to {@code m}, as one GetMetricData call returns them. */
    List<MinuteMetrics> window(int m, int minutes) {
        return published.subList(Math.max(0, m + 1 - minutes), m + 1);
    }

    SignalKind kind() {
        return kind;
    }
}
