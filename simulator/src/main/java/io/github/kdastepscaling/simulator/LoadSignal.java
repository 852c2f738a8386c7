package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.SignalKind;

/**
 * The load alarms' datapoint for a minute, per {@link SignalKind}:
 * <ul>
 *   <li>{@code INCOMING_RECORDS}: the trace's records per second ({@code FILL(IncomingRecords Sum, 0) / 60}); a
 *       minute without writes has no datapoint in the trace and the alarm's missing-data treatment applies;</li>
 *   <li>{@code INCOMING_BYTES}: records per second x {@link JobSettings#bytesPerRecord()};</li>
 *   <li>{@code LOAD}: any metric that grows with the load; the simulator stands records per second for it;</li>
 *   <li>{@code UTILIZATION}: {@code 100 x processed / (capacity x true rate)}, the share of the minute the KPUs were
 *       busy, which is {@code 100 x min(1, demand / (capacity x true rate))} with demand the minute's arrivals plus
 *       the backlog at its start, per second. Unlike the load signals it sees the backlog (a job catching up is 100%
 *       busy) and the true rate; it saturates at 100, so its step bounds cannot tell how far beyond full the load is.
 *       No datapoint while the job is restarting (no task runs to report it).</li>
 * </ul>
 */
public final class LoadSignal {

    private LoadSignal() {}

    /**
     * The datapoint at the end of {@code minute}, after {@code job} has run it; NaN when there is none.
     */
    public static double datapoint(
            SignalKind kind, Trace trace, JobModel job, JobSettings settings, int capacity, int minute) {
        double records = trace.datapoint(minute).orElse(Double.NaN);
        return switch (kind) {
            case INCOMING_RECORDS, LOAD -> records;
            case INCOMING_BYTES -> records * settings.bytesPerRecord();
            case UTILIZATION ->
                job.restarting(minute)
                        ? Double.NaN
                        : 100 * Math.min(1, job.processed(minute) / (capacity * job.trueRecordsPerSecondPerKpu()));
        };
    }
}
