package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.CapacityRange;
import io.github.kdastepscaling.policy.LoadUnits;
import io.github.kdastepscaling.policy.ScalingDirection;
import io.github.kdastepscaling.policy.ScalingSteps;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Application Auto Scaling's side of step scaling: given an alarm in ALARM, which capacity to ask for, under the
 * cooldown rules (aws-facts.md, "Step scaling"):
 * <ul>
 *   <li>the adjustment is the step matching the distance of the metric from the threshold, in step units
 *       ({@code ScalingSteps.adjustmentFor}); the result is clamped to the capacity range
 *       ({@code CapacityRange.clamp}); no change, no activity;</li>
 *   <li>each policy has its own cooldown (the load scale-out policy, the lag guard's policy, the scale-in policy);
 *       during a scale-out policy's cooldown a further scale-out by the same policy only adds capacity beyond what it
 *       already added: the target is the capacity before the cooldown's first scale-out plus the new adjustment (a +3
 *       after a +2 adds 1); such a top-up does not restart the cooldown (the documentation does not say it does);</li>
 *   <li>scale-in is blocked during the scale-in cooldown;</li>
 *   <li>a scale-out (by either scale-out policy) during a scale-in cooldown proceeds at once and ends the scale-in
 *       cooldown;</li>
 *   <li>the policy is invoked on every evaluation that finds its alarm in ALARM, so it acts again once its cooldown
 *       is over if the alarm still is.</li>
 * </ul>
 * Time is in seconds from the start of the trace; a cooldown started at second {@code s} is in effect while
 * {@code now < s + cooldown}.
 */
public final class StepScalingPolicies {

    /** One scale-out policy's cooldown: when it ends and the capacity it started from. */
    private static final class ScaleOutCooldown {
        private final int seconds;
        private long end = Long.MIN_VALUE;
        private int base;

        ScaleOutCooldown(int seconds) {
            this.seconds = seconds;
        }
    }

    private final StepScalingSpec spec;
    private final ScaleOutCooldown scaleOut;
    private final ScaleOutCooldown lag;
    private long scaleInCooldownEnd = Long.MIN_VALUE;

    public StepScalingPolicies(StepScalingSpec spec) {
        this.spec = spec;
        this.scaleOut = new ScaleOutCooldown(spec.scaleOutCooldownSeconds());
        this.lag = new ScaleOutCooldown(
                spec.lagGuard() == null ? 0 : spec.lagGuard().cooldownSeconds());
    }

    /**
     * The policy of {@code direction} is invoked because its alarm is in ALARM.
     *
     * @param datapoint       the alarm's latest datapoint, in the signal's unit; NaN (none) counts as 0
     *                        ({@link MetricAlarm#metricValue})
     * @param threshold       the alarm's threshold, in the signal's unit
     * @param currentCapacity the scalable target's capacity now
     * @param nowSeconds      the time of the invocation
     * @return the desired capacity to set, or empty when the policy does nothing
     */
    public OptionalInt invoke(
            ScalingDirection direction, double datapoint, double threshold, int currentCapacity, long nowSeconds) {
        return invoke(direction, datapoint, threshold, currentCapacity, nowSeconds, spec.capacityRange());
    }

    /**
     * As {@link #invoke(ScalingDirection, double, double, int, long)}, clamping to {@code range}: the target's range
     * now, which scheduled actions may have moved from the one deployed.
     */
    public OptionalInt invoke(
            ScalingDirection direction,
            double datapoint,
            double threshold,
            int currentCapacity,
            long nowSeconds,
            CapacityRange range) {
        Optional<Integer> adjustment = adjustment(
                spec.steps(direction), MetricAlarm.metricValue(datapoint), threshold, spec.stepUnit(direction));
        if (adjustment.isEmpty()) {
            return OptionalInt.empty();
        }
        return direction == ScalingDirection.SCALE_OUT
                ? scaleOut(scaleOut, adjustment.get(), currentCapacity, nowSeconds, range)
                : scaleIn(adjustment.get(), currentCapacity, nowSeconds, range);
    }

    /**
     * The lag guard's policy is invoked because the lag alarm is in ALARM.
     *
     * @param lagMillis the lag alarm's metric (MetricAggregationType Maximum of one datapoint: that datapoint; a
     *                  minute without one counts as 0 and matches no step)
     * @throws IllegalStateException when the spec has no lag guard
     */
    public OptionalInt invokeLagGuard(double lagMillis, int currentCapacity, long nowSeconds, CapacityRange range) {
        LagGuardSpec guard = spec.lagGuard();
        if (guard == null) {
            throw new IllegalStateException("the spec has no lag guard");
        }
        Optional<Integer> adjustment = adjustment(
                guard.steps(), MetricAlarm.metricValue(lagMillis), guard.thresholdMillis(), guard.stepUnitMillis());
        return adjustment.isEmpty()
                ? OptionalInt.empty()
                : scaleOut(lag, adjustment.get(), currentCapacity, nowSeconds, range);
    }

    private static Optional<Integer> adjustment(
            ScalingSteps steps, double metricValue, double threshold, double stepUnit) {
        return steps.adjustmentFor(LoadUnits.toKpusOfLoad(metricValue - threshold, stepUnit));
    }

    private OptionalInt scaleOut(
            ScaleOutCooldown cooldown, int adjustment, int current, long now, CapacityRange range) {
        boolean inCooldown = now < cooldown.end;
        int base = inCooldown ? cooldown.base : current;
        int target = range.clamp((long) base + adjustment);
        if (target <= current) {
            return OptionalInt.empty();
        }
        if (!inCooldown) {
            cooldown.base = current;
            cooldown.end = now + cooldown.seconds;
        }
        scaleInCooldownEnd = Math.min(scaleInCooldownEnd, now);
        return OptionalInt.of(target);
    }

    private OptionalInt scaleIn(int adjustment, int current, long now, CapacityRange range) {
        if (now < scaleInCooldownEnd) {
            return OptionalInt.empty();
        }
        int target = range.clamp((long) current + adjustment);
        if (target >= current) {
            return OptionalInt.empty();
        }
        scaleInCooldownEnd = now + spec.scaleInCooldownSeconds();
        return OptionalInt.of(target);
    }

    /** Whether the load policy of {@code direction} is in its cooldown at {@code nowSeconds}. */
    public boolean inCooldown(ScalingDirection direction, long nowSeconds) {
        return nowSeconds < (direction == ScalingDirection.SCALE_OUT ? scaleOut.end : scaleInCooldownEnd);
    }

    /** Whether the lag guard's policy is in its cooldown at {@code nowSeconds}. */
    public boolean lagGuardInCooldown(long nowSeconds) {
        return nowSeconds < lag.end;
    }
}
