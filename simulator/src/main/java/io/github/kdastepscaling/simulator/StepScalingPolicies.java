package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.CapacityRange;
import io.github.kdastepscaling.policy.LoadUnits;
import io.github.kdastepscaling.policy.ScalingDirection;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Application Auto Scaling's side of step scaling: given an alarm in ALARM, which capacity to ask for, under the
 * cooldown rules (aws-facts.md, "Step scaling"):
 * <ul>
 *   <li>the adjustment is the step matching the distance of the metric from the threshold, in KPUs of load
 *       ({@code ScalingSteps.adjustmentFor}); the result is clamped to the capacity range
 *       ({@code CapacityRange.clamp}); no change, no activity;</li>
 *   <li>during a scale-out cooldown a further scale-out only adds capacity beyond what was already added: the
 *       target is the capacity before the cooldown's first scale-out plus the new adjustment (a +3 after a +2 adds 1);
 *       such a top-up does not restart the cooldown (the documentation does not say it does);</li>
 *   <li>scale-in is blocked during the scale-in cooldown;</li>
 *   <li>a scale-out during a scale-in cooldown proceeds at once and ends the scale-in cooldown;</li>
 *   <li>the policy is invoked on every evaluation that finds its alarm in ALARM, so it acts again once its cooldown
 *       is over if the alarm still is.</li>
 * </ul>
 * Time is in seconds from the start of the trace; a cooldown started at second {@code s} is in effect while
 * {@code now < s + cooldown}.
 */
public final class StepScalingPolicies {

    private final StepScalingSpec spec;
    private long scaleOutCooldownEnd = Long.MIN_VALUE;
    private int scaleOutCooldownBase;
    private long scaleInCooldownEnd = Long.MIN_VALUE;

    public StepScalingPolicies(StepScalingSpec spec) {
        this.spec = spec;
    }

    /**
     * The policy of {@code direction} is invoked because its alarm is in ALARM.
     *
     * @param metricValue     the alarm's metric, records per second
     * @param threshold       the alarm's threshold, records per second
     * @param currentCapacity the scalable target's capacity now
     * @param nowSeconds      the time of the invocation
     * @return the desired capacity to set, or empty when the policy does nothing
     */
    public OptionalInt invoke(ScalingDirection direction, double metricValue, double threshold, int currentCapacity,
                              long nowSeconds) {
        return invoke(direction, metricValue, threshold, currentCapacity, nowSeconds, spec.capacityRange());
    }

    /**
     * As {@link #invoke(ScalingDirection, double, double, int, long)}, clamping to {@code range}: the target's range
     * now, which scheduled actions may have moved from the one deployed.
     */
    public OptionalInt invoke(ScalingDirection direction, double metricValue, double threshold, int currentCapacity,
                              long nowSeconds, CapacityRange range) {
        double distanceKpus = LoadUnits.toKpusOfLoad(metricValue - threshold, spec.recordsPerSecondPerKpu(direction));
        Optional<Integer> adjustment = spec.steps(direction).adjustmentFor(distanceKpus);
        if (adjustment.isEmpty()) {
            return OptionalInt.empty();
        }
        return direction == ScalingDirection.SCALE_OUT
                ? scaleOut(adjustment.get(), currentCapacity, nowSeconds, range)
                : scaleIn(adjustment.get(), currentCapacity, nowSeconds, range);
    }

    private OptionalInt scaleOut(int adjustment, int current, long now, CapacityRange range) {
        boolean inCooldown = now < scaleOutCooldownEnd;
        int base = inCooldown ? scaleOutCooldownBase : current;
        int target = range.clamp((long) base + adjustment);
        if (target <= current) {
            return OptionalInt.empty();
        }
        if (!inCooldown) {
            scaleOutCooldownBase = current;
            scaleOutCooldownEnd = now + spec.scaleOutCooldownSeconds();
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

    /** Whether a scale-out cooldown is in effect at {@code nowSeconds}. */
    public boolean inCooldown(ScalingDirection direction, long nowSeconds) {
        return nowSeconds < (direction == ScalingDirection.SCALE_OUT ? scaleOutCooldownEnd : scaleInCooldownEnd);
    }
}
