package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.LagGuard;
import io.github.kdastepscaling.policy.ScalingSteps;

/**
 * The lag guard as deployed: the lag alarm, its step-scaling policy (ChangeInCapacity, MetricAggregationType Maximum,
 * its own cooldown) and the bound above which the load signal's scale-in alarm cannot fire.
 *
 * <p>{@link #of(LagGuard)} is what the construct deploys for the shared {@link LagGuard}; a test that reads a
 * synthesized template builds one from the lag alarm and policy it finds there.
 *
 * @param alarm                the lag alarm ({@link LagGuard#alarmShape()})
 * @param thresholdMillis      the lag alarm's threshold, ms ({@link LagGuard#thresholdMillis()})
 * @param steps                the lag policy's steps, in step units beyond the threshold
 * @param stepUnitMillis       ms of lag one unit of a step bound stands for ({@link LagGuard#stepUnitMillis()})
 * @param cooldownSeconds      the lag policy's Cooldown
 * @param scaleInBoundMillis   the scale-in alarm's metric is the load signal unless the lag (a minute without a lag
 *                             datapoint counting as 0) is at or above this, when it never breaches
 *                             ({@link LagGuard#scaleInExpression()}); {@link Double#POSITIVE_INFINITY} for a scale-in
 *                             alarm on the load signal alone
 * @param drainMinutes         the lag alarm's horizon: a lag draining under the bound within it does not breach
 *                             ({@link LagGuard#drainMinutes()}, {@link LagGuard#alarmExpression()})
 */
public record LagGuardSpec(
        MetricAlarm alarm,
        double thresholdMillis,
        ScalingSteps steps,
        double stepUnitMillis,
        int cooldownSeconds,
        double scaleInBoundMillis,
        int drainMinutes) {

    /** What the construct deploys for {@code guard}, or null when it is disabled. */
    public static LagGuardSpec of(LagGuard guard) {
        if (!guard.enabled()) {
            return null;
        }
        return new LagGuardSpec(
                MetricAlarm.of(guard.alarmShape()),
                guard.thresholdMillis(),
                guard.steps(),
                guard.stepUnitMillis(),
                guard.cooldownSeconds(),
                guard.thresholdMillis(),
                guard.drainMinutes());
    }

    /**
     * The lag alarm's datapoint ({@link LagGuard#alarmExpression()}): the lag, 0 while the running capacity drains it
     * under the bound within {@link #drainMinutes()}, NaN without a lag datapoint.
     *
     * @param lagMillis         the lag datapoint (NaN: none)
     * @param previousLagMillis the previous minute's (NaN: none)
     */
    public double alarmDatapoint(double lagMillis, double previousLagMillis) {
        return LagGuard.alarmDatapoint(lagMillis, previousLagMillis, thresholdMillis, drainMinutes);
    }

    /**
     * The scale-in alarm's datapoint: {@code IF(FILL(lag, 0) >= bound, 1e15, signal)}.
     *
     * @param signal    the load signal's datapoint (NaN: none)
     * @param lagMillis the lag datapoint (NaN: none, counted as 0)
     */
    public double scaleInDatapoint(double signal, double lagMillis) {
        double lag = Double.isNaN(lagMillis) ? 0 : lagMillis;
        return lag >= scaleInBoundMillis ? Double.parseDouble(LagGuard.NOT_SCALING_IN_VALUE) : signal;
    }
}
