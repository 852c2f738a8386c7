package io.github.kdastepscaling.contract;

/**
 * The metrics the scaler publishes on its decision log line in CloudWatch embedded metric format (EMF): namespace,
 * dimension and metric names. The Lambda writes them, the construct's {@code metricXxx} methods, dashboard and health
 * alarm read them; both compile against these constants.
 */
public final class ScalerMetrics {

    /** The CloudWatch namespace of the scaler's metrics. */
    public static final String NAMESPACE = "KdaStepScaling";
    /** The one dimension: the Flink application's name. */
    public static final String APPLICATION_DIMENSION = "Application";

    /** The capacity the decision answered as desired, in KPUs (unit Count). */
    public static final String DESIRED_CAPACITY = "DesiredCapacity";
    /** The capacity the application ran at when described, in KPUs (unit Count). */
    public static final String ACTUAL_CAPACITY = "ActualCapacity";
    /**
     * The minimum capacity the thresholds were set for: the scalable target's current one (scheduled actions move
     * it), in KPUs (unit Count).
     */
    public static final String MIN_CAPACITY = "MinCapacity";
    /** 1 when the decision submitted a rescale (UpdateApplication), else 0. */
    public static final String RESCALES = "Rescales";
    /** 1 when the decision answered {@code Failed} (a rescale that cannot be applied without a person), else 0. */
    public static final String FAILED_RESCALES = "FailedRescales";
    /** 1 when the decision could not align an alarm threshold, else 0. */
    public static final String THRESHOLD_FAILURES = "ThresholdFailures";
    /** 1 when the decision failed (an AWS call, an unusable state, a bug), else 0; refused requests are not errors. */
    public static final String ERRORS = "Errors";
    /**
     * How many snapshots the snapshot retention deleted in the run (unit Count): the snapshots the service took for
     * the scaler's rescales beyond the retention.
     */
    public static final String SNAPSHOTS_DELETED = "SnapshotsDeleted";
    /**
     * 1 on every decision the reconcile schedule triggered (not Application Auto Scaling's calls, not the deploy-time
     * resources), unit Count; the health alarm's no-decision child sums it per reconcile interval, so it fires when
     * the schedule stops even while Application Auto Scaling still calls. Other decisions publish nothing or 0.
     */
    public static final String SCHEDULED_DECISIONS = "ScheduledDecisions";
    /**
     * 1 when the scheduled reconcile found the desired-capacity parameter deleted (it then writes it back), else 0;
     * published by scheduled decisions that read it.
     */
    public static final String DESIRED_CAPACITY_PARAMETER_MISSING = "DesiredCapacityParameterMissing";
    /**
     * 1 when the scheduled reconcile found the scalable target deregistered (its scaling policies are deleted with
     * it; the scaler then holds the application where it is), else 0; published by scheduled decisions that read it.
     */
    public static final String SCALABLE_TARGET_MISSING = "ScalableTargetMissing";
    /**
     * How many of the construct's scaling alarms (scale-out, scale-in, lag guard) the scheduled reconcile found
     * deleted or with their actions disabled (unit Count); published by scheduled decisions that could check.
     */
    public static final String ALARMS_MISSING_OR_DISABLED = "AlarmsMissingOrDisabled";
    /**
     * The per-KPU scale-out rate the decision set the thresholds from: the learned one (unit None, in the load
     * signal's units per second per KPU). Published only when learning is configured.
     */
    public static final String LEARNED_SCALE_OUT_PER_KPU = "LearnedScaleOutPerKpu";
    /** The configured per-KPU scale-out rate, beside {@link #LEARNED_SCALE_OUT_PER_KPU} (unit None). */
    public static final String CONFIGURED_SCALE_OUT_PER_KPU = "ConfiguredScaleOutPerKpu";
    /** How long the decision took, in milliseconds. */
    public static final String DURATION = "Duration";

    private ScalerMetrics() {}
}
