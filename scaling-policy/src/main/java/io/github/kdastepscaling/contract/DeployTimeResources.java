package io.github.kdastepscaling.contract;

/**
 * The deploy-time custom resources the construct creates and the Lambda handlers that serve them: their types, handler
 * classes, property names and attributes. Both sides compile against these constants.
 */
public final class DeployTimeResources {

    /** The resource whose attribute is the parallelism a created application is deployed with. */
    public static final String CAPACITY_TYPE = "Custom::KdaStepScalingDeployTimeCapacity";
    /** The resource whose attributes are the load alarms' thresholds as deployed. */
    public static final String THRESHOLDS_TYPE = "Custom::KdaStepScalingDeployTimeThresholds";

    /**
     * The handler of both: the parallelism and the thresholds come from the same stored desired capacity, read by one
     * function (it answers by the event's {@code ResourceType}).
     */
    public static final String CAPACITY_HANDLER =
            "io.github.kdastepscaling.lambda.deploy.DeployTimeCapacityHandler::handleRequest";
    /** The handler that starts a created application ({@code onEvent}) and waits until it runs ({@code isComplete}). */
    public static final String START_ON_EVENT_HANDLER =
            "io.github.kdastepscaling.lambda.deploy.StartOnCreateHandler::onEvent";

    public static final String START_IS_COMPLETE_HANDLER =
            "io.github.kdastepscaling.lambda.deploy.StartOnCreateHandler::isComplete";

    /** The SSM parameter that holds the stored desired capacity. */
    public static final String PARAMETER_NAME = "ParameterName";
    /** The application's tasks per KPU. */
    public static final String PARALLELISM_PER_KPU = "ParallelismPerKpu";
    /** The capacity to deploy when no desire was ever stored. */
    public static final String INITIAL_CAPACITY = "InitialCapacity";
    /** The KPU quota, the largest capacity deployed. */
    public static final String KPU_QUOTA = "KpuQuota";
    /**
     * A hash of the application's configuration without its parallelism: it changes exactly when a deploy updates
     * the application, so the resource reads the stored desire again then, and only then.
     */
    public static final String CONFIGURATION_HASH = "ConfigurationHash";
    /** The attribute with the parallelism to deploy. */
    public static final String PARALLELISM_ATTRIBUTE = "Parallelism";

    /** The signal kind ({@code SignalKind} name) whose thresholds the resource computes; a load signal. */
    public static final String SIGNAL_KIND = "SignalKind";
    /** The signal per KPU at which a KPU is full (the scale-out setting), as a decimal number. */
    public static final String SCALE_OUT_PER_KPU = "ScaleOutPerKpu";
    /** The signal per KPU below which one KPU fewer would do (the scale-in setting), as a decimal number. */
    public static final String SCALE_IN_PER_KPU = "ScaleInPerKpu";
    /** The minimum capacity as deployed: the scale-in threshold's rule when no scalable target is registered yet. */
    public static final String MIN_CAPACITY = "MinCapacity";
    /** The scalable target's {@code ResourceId}, whose current minimum the scale-in threshold follows. */
    public static final String SCALABLE_TARGET_RESOURCE_ID = "ScalableTargetResourceId";
    /**
     * The load alarms' own configuration, every property but the threshold, resolved as CloudFormation resolves it:
     * a deploy that updates an alarm changes it, so the resource reads the stored capacity again in that deploy and
     * the alarm is written with the thresholds of the capacity the job runs at, never with stale ones.
     */
    public static final String ALARMS = "Alarms";
    /**
     * The SSM parameter that holds the scaler's learned per-KPU rate; present only when the scaler learns. The
     * thresholds are then computed with the rate the scaler uses (its {@code LearnedRate} within the bounds below),
     * so a deploy writes the thresholds the scaler set, not the configured rate's.
     */
    public static final String LEARNED_RATE_PARAMETER_NAME = "LearnedRateParameterName";
    /** The lowest learned scale-out rate per KPU the scaler uses, as a decimal number; with the parameter. */
    public static final String LEARNING_MIN_RATE_PER_KPU = "LearningMinRatePerKpu";
    /** The highest learned scale-out rate per KPU the scaler uses, as a decimal number; with the parameter. */
    public static final String LEARNING_MAX_RATE_PER_KPU = "LearningMaxRatePerKpu";
    /** The attribute with the scale-out alarm's threshold. */
    public static final String SCALE_OUT_THRESHOLD_ATTRIBUTE = "ScaleOutThreshold";
    /** The attribute with the scale-in alarm's threshold. */
    public static final String SCALE_IN_THRESHOLD_ATTRIBUTE = "ScaleInThreshold";
    /**
     * With learning, the attribute with the learned scale-out rate per KPU the alarms' scaled load divides by
     * ({@code load * configured / learned}, {@code io.github.kdastepscaling.policy.ScaledLoad}), in plain decimal
     * digits; the two thresholds are then those of the configured rate.
     */
    public static final String LEARNED_RATE_ATTRIBUTE = "LearnedScaleOutPerKpu";

    /** The application to start. */
    public static final String APPLICATION_NAME = "ApplicationName";
    /** The {@code ApplicationRestoreType} of the first start. */
    public static final String RESTORE_TYPE = "RestoreType";
    /** A {@code Data} field the start handler sets when it started the application, for its completion check. */
    public static final String STARTED = "Started";

    private DeployTimeResources() {}
}
