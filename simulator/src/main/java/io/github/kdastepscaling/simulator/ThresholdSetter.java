package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.math.ScalingThresholds;

/**
 * Who sets the alarm thresholds: the deployment sets them for the initial capacity, and the scaler re-sets both right
 * after every capacity change. The simulation asks for new thresholds whenever it sees the capacity change.
 */
public interface ThresholdSetter {

    /** The thresholds as deployed, for the capacity the application starts with. */
    AlarmThresholds initial(int capacity);

    /** The thresholds the scaler sets right after a change to {@code capacity}. */
    AlarmThresholds afterRescale(int capacity);

    /** The construct and its scaler: both use {@link ScalingThresholds} for the current capacity, always. */
    static ThresholdSetter of(ScalingThresholds thresholds) {
        return new ThresholdSetter() {
            @Override
            public AlarmThresholds initial(int capacity) {
                return afterRescale(capacity);
            }

            @Override
            public AlarmThresholds afterRescale(int capacity) {
                return new AlarmThresholds(thresholds.scaleOutThreshold(capacity),
                        thresholds.scaleInThreshold(capacity));
            }
        };
    }
}
