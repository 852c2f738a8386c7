package io.github.kdastepscaling;

import java.util.regex.Pattern;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * A fleet's props with their defaults applied, validated once; the messages name the prop and its value. The
 * endpoint's settings are the single application's defaults: a fleet has one API, IAM-authorized.
 */
record FleetSettings(
        String fleetId,
        Duration reconcileInterval,
        RetentionDays logRetention,
        int scalerMemorySize,
        int scalerReservedConcurrency,
        String dashboardName)
        implements SharedSettings {

    /** Letters, digits and '_': no '-', so {@code kda-step-scaling-<fleetId>-} never starts another fleet's names. */
    private static final Pattern FLEET_ID = Pattern.compile("[a-zA-Z0-9_]{1,32}");

    static final int DEFAULT_SCALER_MEMORY_MB = 1024;
    /** One scheduled reconcile for all applications, plus one call per application's scaling activity. */
    static final int DEFAULT_SCALER_RESERVED_CONCURRENCY = 10;

    static FleetSettings of(KdaStepScalingFleetProps props) {
        if (props == null) {
            throw new IllegalArgumentException(
                    "props must not be null: give KdaStepScalingFleetProps with at least " + "fleetId");
        }
        String fleetId = props.getFleetId();
        if (fleetId == null) {
            throw new IllegalArgumentException("fleetId is required: it names the fleet's SSM path and alarm prefix");
        }
        if (Token.isUnresolved(fleetId) || !FLEET_ID.matcher(fleetId).matches()) {
            throw new IllegalArgumentException("fleetId (" + fleetId + ") must be 1 to 32 letters, digits or '_', "
                    + "known at synthesis (no '-': the fleet's alarm-name prefix must not start another fleet's)");
        }
        Duration interval = props.getReconcileInterval() != null
                ? props.getReconcileInterval()
                : ResolvedProps.DEFAULT_RECONCILE_INTERVAL;
        ResolvedProps.requireReconcileInterval(interval);
        int memory = ResolvedProps.number("scalerMemorySize", props.getScalerMemorySize(), DEFAULT_SCALER_MEMORY_MB);
        if (memory < 128 || memory > 10240) {
            throw new IllegalArgumentException("scalerMemorySize (" + memory + ") must be between 128 and 10240 MB");
        }
        int concurrency = ResolvedProps.number(
                "scalerReservedConcurrency", props.getScalerReservedConcurrency(), DEFAULT_SCALER_RESERVED_CONCURRENCY);
        if (concurrency < 1 || concurrency > ResolvedProps.MAX_SCALER_RESERVED_CONCURRENCY) {
            throw new IllegalArgumentException("scalerReservedConcurrency (" + concurrency + ") must be between 1 and "
                    + ResolvedProps.MAX_SCALER_RESERVED_CONCURRENCY + ": 0 would stop the scaler");
        }
        String dashboardName = props.getDashboardName();
        if (dashboardName != null
                && !Token.isUnresolved(dashboardName)
                && !ResolvedProps.DASHBOARD_NAME.matcher(dashboardName).matches()) {
            throw new IllegalArgumentException(
                    "dashboardName (" + dashboardName + ") must be 1 to 255 letters, " + "digits, '-' or '_'");
        }
        return new FleetSettings(
                fleetId,
                interval,
                props.getLogRetention() != null ? props.getLogRetention() : ResolvedProps.DEFAULT_LOG_RETENTION,
                memory,
                concurrency,
                dashboardName);
    }

    /** The SSM path of the fleet's parameters, {@code FLEET_CONFIGURATION_PATH}: no trailing slash. */
    String configurationPath() {
        return "/kda-step-scaling/fleets/" + fleetId;
    }

    /** The name of a member application's alarm: {@code kind} is ScaleOut, ScaleIn or Lag. */
    String alarmName(String applicationName, String kind) {
        return "kda-step-scaling-" + fleetId + "-" + applicationName + "-" + kind;
    }

    @Override
    public IKey logEncryptionKey() {
        return null;
    }

    @Override
    public String stageName() {
        return ResolvedProps.DEFAULT_STAGE_NAME;
    }

    @Override
    public EndpointAccess endpointAccess() {
        return EndpointAccess.iamAuthorization();
    }

    @Override
    public boolean tracing() {
        return false;
    }
}
