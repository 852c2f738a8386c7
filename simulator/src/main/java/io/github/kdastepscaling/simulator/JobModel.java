package io.github.kdastepscaling.simulator;

import java.util.Arrays;

/**
 * The job, one minute at a time: the one model of processing, restarts, backlog and lag that the step-scaling loop
 * (which needs the job's state while the alarms evaluate) and the baselines (which run it over a finished capacity
 * sequence, {@link Workload#simulate}) share.
 *
 * <p>Per minute: the minute's load arrives ({@code load x 60} records, spread evenly over the minute); if the job is
 * restarting, nothing is processed; otherwise it processes up to {@code capacity x trueRecordsPerSecondPerKpu x 60}
 * records of the backlog plus the arrivals, oldest first. Every capacity change (a minute whose capacity differs from
 * the previous minute's) restarts the job: that minute and the next {@code restartMinutes - 1} process nothing (a
 * change during a restart starts it over); the {@code warmUpMinutes} after a restart process at half the rate (0 by
 * default: the figures of docs/tuning.md before issue 19 have no warm-up). The capacity is billed from the minute it is asked for, restart included.
 * The processing delay at the end of a minute is the backlog divided by the nominal rate
 * {@code capacity x trueRecordsPerSecondPerKpu}, in seconds.
 *
 * <p>The lag at the end of a minute is the age of the oldest record not yet processed (0 when none waits): what the
 * stream's {@code GetRecords.IteratorAgeMilliseconds} (or the consumer's {@code millisBehindLatest}) reports for a
 * consumer that reads in order. While the job is restarting it reads nothing, and Kinesis publishes
 * {@code IteratorAgeMilliseconds} only for {@code GetRecords} calls made, so that minute has no lag datapoint. The
 * oldest waiting record is found by walking the arrivals forward with a pointer that only moves on (processing is in
 * order), so a minute costs O(1) amortised.
 */
public final class JobModel {

    private final Trace trace;
    private final double trueRecordsPerSecondPerKpu;
    private final int restartMinutes;
    private final int warmUpMinutes;
    private final int[] capacities;
    private final double[] rate;
    private final double[] processed;
    private final double[] backlog;
    private final double[] delay;
    private final double[] lagMillis;
    private final boolean[] restarting;
    /** Records arrived by the end of each minute. */
    private final double[] arrivedBy;

    private int minutes;
    private double waiting;
    private double processedTotal;
    private int restartUntil = Integer.MIN_VALUE;
    /** The minute in which the oldest unprocessed record arrived: only moves forward. */
    private int oldest;

    /**
     * @param trueRecordsPerSecondPerKpu what one KPU really processes
     * @param restartMinutes             minutes without processing after each capacity change (0: none)
     */
    public JobModel(Trace trace, double trueRecordsPerSecondPerKpu, int restartMinutes) {
        this(trace, trueRecordsPerSecondPerKpu, restartMinutes, 0);
    }

    /** @param warmUpMinutes minutes after each restart at half the rate */
    public JobModel(Trace trace, double trueRecordsPerSecondPerKpu, int restartMinutes, int warmUpMinutes) {
        JobSettings.checkTrueRate(trueRecordsPerSecondPerKpu);
        JobSettings.checkRestartMinutes(restartMinutes);
        JobSettings.checkWarmUpMinutes(warmUpMinutes);
        this.trace = trace;
        this.trueRecordsPerSecondPerKpu = trueRecordsPerSecondPerKpu;
        this.restartMinutes = restartMinutes;
        this.warmUpMinutes = warmUpMinutes;
        int n = trace.length();
        capacities = new int[n];
        rate = new double[n];
        processed = new double[n];
        backlog = new double[n];
        delay = new double[n];
        lagMillis = new double[n];
        restarting = new boolean[n];
        arrivedBy = new double[n];
        double total = 0;
        for (int m = 0; m < n; m++) {
            total += trace.load(m) * 60;
            arrivedBy[m] = total;
        }
    }

    /**
     * Runs the next minute (the first call is minute 0) at {@code capacity} KPUs.
     *
     * @throws IllegalStateException past the end of the trace
     */
    public void step(int capacity) {
        step(capacity, false);
    }

    /**
     * As {@link #step(int)}; {@code stopped}: the consumer is down for the minute (another consumer of the stream,
     * {@link OtherConsumer}): it reads nothing and has no lag datapoint, as while restarting.
     */
    void step(int capacity, boolean stopped) {
        int m = minutes;
        if (m >= trace.length()) {
            throw new IllegalStateException("the trace has only " + trace.length() + " minutes");
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity (" + capacity + ") at minute " + m + " must be >= 1");
        }
        if (m > 0 && capacity != capacities[m - 1]) {
            restartUntil = m + restartMinutes;
        }
        capacities[m] = capacity;
        restarting[m] = m < restartUntil || stopped;
        double nominal = capacity * trueRecordsPerSecondPerKpu;
        boolean warmingUp = !restarting[m] && (long) m < (long) restartUntil + warmUpMinutes;
        rate[m] = restarting[m] ? 0 : warmingUp ? nominal / 2 : nominal;
        double available = waiting + trace.load(m) * 60;
        double done = Math.min(available, rate[m] * 60);
        waiting = available - done;
        processedTotal += done;
        processed[m] = done / 60;
        backlog[m] = waiting;
        delay[m] = waiting / nominal;
        lagMillis[m] = restarting[m] ? Double.NaN : lagAtEndOf(m);
        minutes++;
    }

    /** The age, in ms, of the oldest unprocessed record at the end of minute {@code m}. */
    private double lagAtEndOf(int m) {
        if (waiting <= 0) {
            oldest = m + 1;
            return 0;
        }
        // The record after the processedTotal-th arrived in the first minute whose cumulative arrivals exceed it.
        while (oldest < m && arrivedBy[oldest] <= processedTotal) {
            oldest++;
        }
        double before = oldest == 0 ? 0 : arrivedBy[oldest - 1];
        double inMinute = arrivedBy[oldest] - before;
        double fraction = inMinute <= 0 ? 0 : Math.min(1, (processedTotal - before) / inMinute);
        double arrivedAtSecond = (oldest + fraction) * 60;
        return Math.max(0, (m + 1) * 60 - arrivedAtSecond) * 1000;
    }

    /** Whether the last minute run was a restart minute. */
    public boolean restarting(int minute) {
        return restarting[requireRun(minute)];
    }

    /** Records per second processed during {@code minute} (average over the minute). */
    public double processed(int minute) {
        return processed[requireRun(minute)];
    }

    /** Records per second the job could process during {@code minute}: 0 while restarting, half during a warm-up. */
    public double rate(int minute) {
        return rate[requireRun(minute)];
    }

    /** The lag datapoint at the end of {@code minute}, ms; NaN when there is none (the job was restarting). */
    public double lagMillis(int minute) {
        return lagMillis[requireRun(minute)];
    }

    public double trueRecordsPerSecondPerKpu() {
        return trueRecordsPerSecondPerKpu;
    }

    private int requireRun(int minute) {
        if (minute < 0 || minute >= minutes) {
            throw new IllegalArgumentException("minute " + minute + " has not been run (" + minutes + " so far)");
        }
        return minute;
    }

    /** The minutes run so far. */
    public Workload workload() {
        return new Workload(
                Arrays.copyOf(capacities, minutes),
                Arrays.copyOf(rate, minutes),
                Arrays.copyOf(processed, minutes),
                Arrays.copyOf(backlog, minutes),
                Arrays.copyOf(delay, minutes),
                Arrays.copyOf(restarting, minutes),
                Arrays.copyOf(lagMillis, minutes));
    }
}
