package io.github.kdastepscaling.simulator;

/**
 * The job's side: what a sequence of capacities processes of a trace.
 *
 * <p>Per minute: the load arrives ({@code load x 60} records); if the job is restarting, nothing is processed;
 * otherwise it processes up to {@code capacity x recordsPerSecondPerKpu x 60} records of the backlog plus the new
 * arrivals. Every capacity change (a minute whose capacity differs from the previous minute's) restarts the job:
 * that minute and the next {@code restartMinutes - 1} process nothing (a change during a restart starts it over).
 * The capacity is billed from the minute it is asked for, restart included. The processing delay at the end of a
 * minute is the backlog divided by the processing rate {@code capacity x recordsPerSecondPerKpu}, in seconds.
 *
 * @param capacities        KPUs in effect per minute
 * @param processingRate    records per second the job could process per minute (0 while restarting)
 * @param processed         records per second processed per minute (average over the minute)
 * @param backlog           records waiting at the end of each minute
 * @param delaySeconds      processing delay at the end of each minute
 * @param restarting        whether the job was restarting during each minute
 */
public record Workload(int[] capacities, double[] processingRate, double[] processed, double[] backlog,
                       double[] delaySeconds, boolean[] restarting) {

    /**
     * @param restartMinutes minutes without processing after each capacity change (0: none)
     */
    public static Workload simulate(Trace trace, int[] capacities, double recordsPerSecondPerKpu, int restartMinutes) {
        if (capacities.length != trace.length()) {
            throw new IllegalArgumentException("capacities (" + capacities.length + " minutes) must cover the trace ("
                    + trace.length() + " minutes)");
        }
        if (!(recordsPerSecondPerKpu > 0)) {
            throw new IllegalArgumentException("recordsPerSecondPerKpu (" + recordsPerSecondPerKpu + ") must be > 0");
        }
        if (restartMinutes < 0) {
            throw new IllegalArgumentException("restartMinutes (" + restartMinutes + ") must be >= 0");
        }
        int n = trace.length();
        double[] rate = new double[n];
        double[] processed = new double[n];
        double[] backlog = new double[n];
        double[] delay = new double[n];
        boolean[] restarting = new boolean[n];
        double waiting = 0;
        int restartUntil = Integer.MIN_VALUE;
        for (int m = 0; m < n; m++) {
            if (m > 0 && capacities[m] != capacities[m - 1]) {
                restartUntil = m + restartMinutes;
            }
            restarting[m] = m < restartUntil;
            double nominal = capacities[m] * recordsPerSecondPerKpu;
            rate[m] = restarting[m] ? 0 : nominal;
            double available = waiting + trace.load(m) * 60;
            double done = Math.min(available, rate[m] * 60);
            waiting = available - done;
            processed[m] = done / 60;
            backlog[m] = waiting;
            delay[m] = waiting / nominal;
        }
        return new Workload(capacities.clone(), rate, processed, backlog, delay, restarting);
    }
}
