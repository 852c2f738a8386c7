package io.github.kdastepscaling.contract;

import io.github.kdastepscaling.policy.NumberText;
import java.util.OptionalInt;

/**
 * The names of the environment variables through which the construct configures the scaler Lambda. Both sides
 * compile against these constants, so a rename cannot leave one side behind.
 */
public final class ScalerEnvironment {

    /** Name of the Flink application; it is also the {@code scalableTargetDimensionId} of the endpoint. */
    public static final String APPLICATION_NAME = "APPLICATION_NAME";
    /** Name of the SSM String parameter that stores the last desired capacity accepted. */
    public static final String DESIRED_CAPACITY_PARAMETER_NAME = "DESIRED_CAPACITY_PARAMETER_NAME";
    /**
     * Name of the SSM String parameter where the scaler records the last rescale it submitted, so that a rescale the
     * service keeps rolling back is not retried forever.
     */
    public static final String RESCALE_ATTEMPT_PARAMETER_NAME = "RESCALE_ATTEMPT_PARAMETER_NAME";
    /** Name of the alarm that triggers the scale-out policy. */
    public static final String SCALE_OUT_ALARM_NAME = "SCALE_OUT_ALARM_NAME";
    /** Name of the alarm that triggers the scale-in policy. */
    public static final String SCALE_IN_ALARM_NAME = "SCALE_IN_ALARM_NAME";
    /**
     * Name of the lag guard's alarm, which the scheduled reconcile checks (with the two above) for deletion or
     * disabled actions; absent when the lag guard is off.
     */
    public static final String LAG_ALARM_NAME = "LAG_ALARM_NAME";
    /**
     * The load signal's kind, a {@code SignalKind} name: whether the thresholds follow capacity (and the scaler
     * re-sets them after each rescale) or are fixed (a utilization signal: nothing to re-set).
     */
    public static final String SIGNAL_KIND = "SIGNAL_KIND";
    /**
     * How much of the signal one KPU is sized for; the scale-out threshold is capacity times this. Set for signals
     * whose thresholds follow capacity only.
     */
    public static final String SCALE_OUT_PER_KPU = "SCALE_OUT_PER_KPU";
    /** Per KPU, below which one KPU fewer would do; see ScalingThresholds. Set with {@link #SCALE_OUT_PER_KPU}. */
    public static final String SCALE_IN_PER_KPU = "SCALE_IN_PER_KPU";
    /**
     * The construct's {@code minCapacity}: the minimum the thresholds assume when the scalable target's current
     * range cannot be read (Application Auto Scaling owns the range; scheduled actions move it).
     */
    public static final String MIN_CAPACITY = "MIN_CAPACITY";
    /** The application's KPU quota: a PATCH may ask for any whole capacity from 1 to it. */
    public static final String KPU_QUOTA = "KPU_QUOTA";
    /**
     * The scalable target's {@code ResourceId} (the endpoint's URL for this application), whose current range the
     * scaler reads with {@code DescribeScalableTargets}.
     */
    public static final String SCALABLE_TARGET_RESOURCE_ID = "SCALABLE_TARGET_RESOURCE_ID";
    /** {@code true} lets the scaler rescale an application whose snapshots are disabled (its state is lost). */
    public static final String ALLOW_SCALING_WITHOUT_SNAPSHOTS = "ALLOW_SCALING_WITHOUT_SNAPSHOTS";

    /**
     * The CloudWatch series the scaler reads on each scheduled reconcile to learn what the job can do, in one
     * {@code GetMetricData} call: text written and read by {@link MetricSeriesText}. Absent when learning is off.
     */
    public static final String LEARNING_METRICS = "LEARNING_METRICS";
    /**
     * How many whole minutes of those series the scaler reads, ending at the last complete minute: a whole number
     * from 1 to {@link MetricSeriesText#MAX_WINDOW_MINUTES}. Set with {@link #LEARNING_METRICS}.
     */
    public static final String LEARNING_WINDOW_MINUTES = "LEARNING_WINDOW_MINUTES";

    /**
     * Name of the SSM String parameter that keeps the learned rate between reconciles, as
     * {@code io.github.kdastepscaling.policy.rate.LearnedRate#text()}; {@link #NO_DESIRED_CAPACITY} ({@code none})
     * before the first estimate. Required with {@link #LEARNING_METRICS}.
     */
    public static final String LEARNED_RATE_PARAMETER_NAME = "LEARNED_RATE_PARAMETER_NAME";
    /**
     * The lowest per-KPU scale-out rate the scaler may learn, in the load signal's units per second; optional, 0.5 x
     * {@link #SCALE_OUT_PER_KPU} when absent. Set with {@link #LEARNING_METRICS} only.
     */
    public static final String LEARNING_MIN_RATE_PER_KPU = "LEARNING_MIN_RATE_PER_KPU";
    /** The highest per-KPU scale-out rate the scaler may learn; optional, 2 x {@link #SCALE_OUT_PER_KPU}. */
    public static final String LEARNING_MAX_RATE_PER_KPU = "LEARNING_MAX_RATE_PER_KPU";
    /** How far the learned rate may move within an hour, a fraction above 0 up to 1; optional, 0.5. */
    public static final String LEARNING_MAX_MOVE_PER_HOUR = "LEARNING_MAX_MOVE_PER_HOUR";
    /** Minutes after a rescale or a restart that the estimator does not trust, 0 to 60; optional, 2. */
    public static final String LEARNING_WARM_UP_MINUTES = "LEARNING_WARM_UP_MINUTES";
    /** How much a probe raises the learned rate, from 0 (no probing, the default) up to 1; optional. */
    public static final String LEARNING_PROBE_STEP = "LEARNING_PROBE_STEP";
    /**
     * The lag guard's bound in whole seconds, 1 or more, when the construct deploys the guard: with
     * {@link #LAG_GUARD_DRAIN_MINUTES} and {@link #EXPECTED_RESTART_SECONDS}, the scaler sizes a rescale of a job
     * that is behind so that its restart does not leave the lag at the bound
     * ({@code io.github.kdastepscaling.policy.rate.RescaleUnderBacklog}).
     * Set with {@link #LEARNING_METRICS} only (the rule reads the needs the reconcile stores); absent without a guard.
     */
    public static final String LAG_GUARD_MAX_LAG_SECONDS = "LAG_GUARD_MAX_LAG_SECONDS";
    /** The lag guard's drain horizon in minutes, 0 to 1440; set with {@link #LAG_GUARD_MAX_LAG_SECONDS}. */
    public static final String LAG_GUARD_DRAIN_MINUTES = "LAG_GUARD_DRAIN_MINUTES";
    /**
     * How long a rescale keeps the job from processing, whole seconds from 0 (the construct's
     * {@code expectedRestartDuration}); set with {@link #LAG_GUARD_MAX_LAG_SECONDS}.
     */
    public static final String EXPECTED_RESTART_SECONDS = "EXPECTED_RESTART_SECONDS";

    /**
     * Name of the SSM String parameter where the scaler records the rescales it submitted with snapshots enabled
     * ({@code VERSION@EPOCH_MILLIS} entries), so that the snapshot retention can tell the snapshots the service took
     * for them from a team's own; {@link #NO_DESIRED_CAPACITY} at creation. Snapshot retention is on when it is set.
     */
    public static final String RESCALE_HISTORY_PARAMETER_NAME = "RESCALE_HISTORY_PARAMETER_NAME";
    /**
     * How many of the scaler's own snapshots the retention keeps, 1 to 50; optional, 10. Set with
     * {@link #RESCALE_HISTORY_PARAMETER_NAME} only.
     */
    public static final String SNAPSHOT_RETENTION_KEEP_COUNT = "SNAPSHOT_RETENTION_KEEP_COUNT";
    /**
     * The age in whole seconds beyond which the retention deletes the scaler's own snapshots (the newest always
     * kept), 3600 to 31536000; optional, no age limit when absent. Set with {@link #RESCALE_HISTORY_PARAMETER_NAME}.
     */
    public static final String SNAPSHOT_RETENTION_MAX_AGE_SECONDS = "SNAPSHOT_RETENTION_MAX_AGE_SECONDS";

    /**
     * In fleet mode, the SSM path under which each application's configuration is stored; the single-application
     * variables are then absent.
     */
    public static final String FLEET_CONFIGURATION_PATH = "FLEET_CONFIGURATION_PATH";

    /**
     * The value the construct gives the desired-capacity parameter at creation: no capacity was ever asked for,
     * so the scaler reports the actual capacity as the desired one. (CloudFormation cannot create an empty
     * parameter, and any number would be a desire nobody expressed.) The rescale-attempt parameter starts with it too.
     */
    public static final String NO_DESIRED_CAPACITY = "none";

    /** A number as the construct writes it into a variable (whole values without a fraction). */
    public static String encodeNumber(double value) {
        return NumberText.of(value);
    }

    /**
     * A number as the scaler reads it from a variable.
     *
     * @throws NumberFormatException when {@code text} is not a number
     */
    public static double decodeNumber(String text) {
        return Double.parseDouble(text.trim());
    }

    /**
     * The capacity stored in the desired-capacity parameter: empty for {@link #NO_DESIRED_CAPACITY}, the capacity for a
     * positive integer. The scaler and the deploy-time read both use this, so they read the parameter alike.
     *
     * @throws IllegalArgumentException when the value is neither (the parameter was edited by hand)
     */
    public static OptionalInt parseStoredCapacity(String value) {
        String trimmed = value == null ? NO_DESIRED_CAPACITY : value.trim();
        if (trimmed.equals(NO_DESIRED_CAPACITY)) {
            return OptionalInt.empty();
        }
        try {
            int capacity = Integer.parseInt(trimmed);
            if (capacity >= 1) {
                return OptionalInt.of(capacity);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(
                "'" + value + "' is not a capacity: a positive integer or '" + NO_DESIRED_CAPACITY + "'");
    }

    private ScalerEnvironment() {}
}
