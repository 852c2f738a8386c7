package io.github.kdastepscaling.simulator;

/**
 * The figures the report gives for one policy over one trace.
 *
 * @param name                      the policy's name
 * @param kpuHours                  KPUs billed, summed over minutes, in hours (orchestration KPU left out)
 * @param cost                      {@code kpuHours x pricePerKpuHour}
 * @param minutesWithBacklog        minutes that end with records waiting
 * @param maxBacklogRecords         the largest backlog, in records
 * @param maxProcessingDelaySeconds the largest processing delay, in seconds
 * @param rescales                  capacity changes, each a restart
 * @param restartDowntimeMinutes    minutes during which the job was restarting
 * @param maxLagSeconds             the largest lag datapoint (age of the oldest unprocessed record), in seconds
 * @param lagGuardScaleOuts         capacity changes the lag guard asked for (0 for a policy without one)
 */
public record PolicySummary(
        String name,
        double kpuHours,
        double cost,
        int minutesWithBacklog,
        double maxBacklogRecords,
        double maxProcessingDelaySeconds,
        int rescales,
        int restartDowntimeMinutes,
        double maxLagSeconds,
        int lagGuardScaleOuts) {

    public static PolicySummary of(String name, Workload workload, double pricePerKpuHour) {
        return of(name, workload, pricePerKpuHour, 0);
    }

    public static PolicySummary of(String name, Workload workload, double pricePerKpuHour, int lagGuardScaleOuts) {
        long kpuMinutes = 0;
        int backlogMinutes = 0;
        double maxBacklog = 0;
        double maxDelay = 0;
        int rescales = 0;
        int downtime = 0;
        int[] capacities = workload.capacities();
        for (int m = 0; m < capacities.length; m++) {
            kpuMinutes += capacities[m];
            if (workload.backlog()[m] > 0) {
                backlogMinutes++;
            }
            maxBacklog = Math.max(maxBacklog, workload.backlog()[m]);
            maxDelay = Math.max(maxDelay, workload.delaySeconds()[m]);
            if (m > 0 && capacities[m] != capacities[m - 1]) {
                rescales++;
            }
            if (workload.restarting()[m]) {
                downtime++;
            }
        }
        double kpuHours = kpuMinutes / 60.0;
        return new PolicySummary(
                name,
                kpuHours,
                kpuHours * pricePerKpuHour,
                backlogMinutes,
                maxBacklog,
                maxDelay,
                rescales,
                downtime,
                workload.maxLagSeconds(),
                lagGuardScaleOuts);
    }
}
