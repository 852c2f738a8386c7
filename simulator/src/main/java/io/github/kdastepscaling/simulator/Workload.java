package io.github.kdastepscaling.simulator;

import java.util.Arrays;

/**
 * The job's side, minute by minute: what a sequence of capacities processed of a trace ({@link JobModel} describes
 * the model: processing at the true per-KPU rate, restarts, backlog, delay, lag).
 *
 * @param capacities        KPUs in effect per minute
 * @param processingRate    records per second the job could process per minute (0 while restarting)
 * @param processed         records per second processed per minute (average over the minute)
 * @param backlog           records waiting at the end of each minute
 * @param delaySeconds      processing delay at the end of each minute: backlog / (capacity x true rate)
 * @param restarting        whether the job was restarting during each minute
 * @param lagMillis         the lag datapoint at the end of each minute: the age of the oldest unprocessed record, in
 *                          ms; {@link Double#NaN} while restarting (no datapoint)
 */
public record Workload(
        int[] capacities,
        double[] processingRate,
        double[] processed,
        double[] backlog,
        double[] delaySeconds,
        boolean[] restarting,
        double[] lagMillis) {

    /**
     * Runs the job over a finished capacity sequence (the baselines).
     *
     * @param trueRecordsPerSecondPerKpu what one KPU really processes
     * @param restartMinutes             minutes without processing after each capacity change (0: none)
     */
    public static Workload simulate(
            Trace trace, int[] capacities, double trueRecordsPerSecondPerKpu, int restartMinutes) {
        if (capacities.length != trace.length()) {
            throw new IllegalArgumentException("capacities (" + capacities.length + " minutes) must cover the trace ("
                    + trace.length() + " minutes)");
        }
        JobModel job = new JobModel(trace, trueRecordsPerSecondPerKpu, restartMinutes);
        for (int capacity : capacities) {
            job.step(capacity);
        }
        return job.workload();
    }

    /** Minutes {@code from} (inclusive) to {@code to} (exclusive): the figures of one part of a run. */
    public Workload slice(int from, int to) {
        return new Workload(
                Arrays.copyOfRange(capacities, from, to),
                Arrays.copyOfRange(processingRate, from, to),
                Arrays.copyOfRange(processed, from, to),
                Arrays.copyOfRange(backlog, from, to),
                Arrays.copyOfRange(delaySeconds, from, to),
                Arrays.copyOfRange(restarting, from, to),
                Arrays.copyOfRange(lagMillis, from, to));
    }

    /** The largest lag datapoint, in seconds (0 when there is none). */
    public double maxLagSeconds() {
        double max = 0;
        for (double lag : lagMillis) {
            if (!Double.isNaN(lag)) {
                max = Math.max(max, lag / 1000);
            }
        }
        return max;
    }
}
