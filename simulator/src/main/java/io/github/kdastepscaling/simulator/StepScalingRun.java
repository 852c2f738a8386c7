package io.github.kdastepscaling.simulator;

import java.util.List;

/**
 * What a step-scaling policy did over a trace.
 *
 * @param capacities    the capacity in effect during each minute, as the actuator reported it
 * @param activities    the capacity changes asked for, in order
 * @param scaleOutAlarm the scale-out alarm's state at the end of each minute
 * @param scaleInAlarm  the scale-in alarm's state at the end of each minute
 * @param rangeChanges  the scheduled actions that ran, in order
 * @param lagAlarm      the lag alarm's state at the end of each minute (all null when the spec has no lag guard)
 * @param workload      the job over those capacities, modelled in the loop ({@link JobModel})
 * @param learnedRate   the learned scale-out rate per KPU after each minute's reconcile (all NaN without learning)
 */
public record StepScalingRun(
        int[] capacities,
        List<ScalingActivity> activities,
        AlarmState[] scaleOutAlarm,
        AlarmState[] scaleInAlarm,
        List<RangeChange> rangeChanges,
        AlarmState[] lagAlarm,
        Workload workload,
        double[] learnedRate) {

    /** How many capacity changes the lag guard asked for. */
    public int lagGuardActivities() {
        return (int) activities.stream().filter(ScalingActivity::lagGuard).count();
    }
}
