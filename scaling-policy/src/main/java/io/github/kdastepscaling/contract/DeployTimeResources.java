package io.github.kdastepscaling.contract;

/**
 * The two deploy-time custom resources the construct creates and the Lambda handlers that serve them: their handler
 * classes, property names and attributes. Both sides compile against these constants.
 */
public final class DeployTimeResources {

    /** The handler that returns the parallelism the application is deployed with. */
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

    /** The application to start. */
    public static final String APPLICATION_NAME = "ApplicationName";
    /** The {@code ApplicationRestoreType} of the first start. */
    public static final String RESTORE_TYPE = "RestoreType";
    /** A {@code Data} field the start handler sets when it started the application, for its completion check. */
    public static final String STARTED = "Started";

    private DeployTimeResources() {
    }
}
