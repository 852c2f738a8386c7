package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.ScalingThresholds;

/**
 * Who sets the alarm thresholds: the deployment sets them for the initial capacity, and the scaler re-sets both right
 * after every capacity change. The simulation asks for new thresholds whenever it sees the capacity change.
 */
public interface ThresholdSetter {

    /** The thresholds as deployed, for the capacity the application starts with. */
    AlarmThresholds initial(int capacity);

    /** The thresholds the scaler sets right after a change to {@code capacity}. */
    AlarmThresholds afterRescale(int capacity);

    /**
     * The thresholds the scaler sets for {@code capacity} once the scalable target's minimum is
     * {@code currentMinCapacity} (a scheduled action moved it; the scaler reads it on every call). By default the
     * minimum makes no difference.
     */
    default AlarmThresholds forRange(int capacity, int currentMinCapacity) {
        return afterRescale(capacity);
    }

    /**
     * Whether the thresholds may change without a rescale, so the simulation reads them every minute: a scaler that
     * learns re-sets them on its reconcile (a new learned rate, a resize starting or ending). By default they change
     * only with the capacity or the minimum.
     */
    default boolean changesBetweenRescales() {
        return false;
    }

    /**
     * The construct and its scaler: both use {@link ScalingThresholds} for the current capacity, always; thresholds
     * learned at another rate than the configured one are held by alarms that scale the signal
     * ({@link io.github.kdastepscaling.policy.ScaledLoad}).
     */
    static ThresholdSetter of(ScalingThresholds thresholds) {
        return new ThresholdSetter() {
            @Override
            public AlarmThresholds initial(int capacity) {
                return afterRescale(capacity);
            }

            @Override
            public AlarmThresholds afterRescale(int capacity) {
                return forRange(capacity, thresholds.minCapacity());
            }

            @Override
            public AlarmThresholds forRange(int capacity, int currentMinCapacity) {
                ScalingThresholds current = thresholds.withMinCapacity(currentMinCapacity);
                ScalingThresholds alarms = current.inAlarmUnits();
                return new AlarmThresholds(
                        alarms.scaleOutThreshold(capacity), alarms.scaleInThreshold(capacity), current.alarmScale());
            }
        };
    }
}
