package io.github.kdastepscaling.policy;

/**
 * One step of a step-scaling policy, with its bounds in KPUs of load relative to the alarm threshold.
 *
 * <p>As in Application Auto Scaling, the bounds are relative to the threshold: for scale-out (load at or above the
 * threshold) the lower bound is inclusive and the upper exclusive; for scale-in (load below the threshold) the
 * lower bound is exclusive and the upper inclusive. A {@code null} bound is open (minus or plus infinity).
 * {@link ScalingThresholds#stepUnit(ScalingDirection)} turns KPUs of load into records per second.
 *
 * @param lowerBoundKpus the lower bound in KPUs of load, or {@code null} for none
 * @param upperBoundKpus the upper bound in KPUs of load, or {@code null} for none
 * @param adjustmentKpus how many KPUs to add (positive) or remove (negative)
 */
public record ScalingStep(Double lowerBoundKpus, Double upperBoundKpus, int adjustmentKpus) {

    /** A step for loads from {@code lowerBoundKpus} up to {@code upperBoundKpus}. */
    public static ScalingStep between(double lowerBoundKpus, double upperBoundKpus, int adjustmentKpus) {
        return new ScalingStep(lowerBoundKpus, upperBoundKpus, adjustmentKpus);
    }

    /** A step for every load from {@code lowerBoundKpus} upward. */
    public static ScalingStep from(double lowerBoundKpus, int adjustmentKpus) {
        return new ScalingStep(lowerBoundKpus, null, adjustmentKpus);
    }

    /** A step for every load up to {@code upperBoundKpus}. */
    public static ScalingStep upTo(double upperBoundKpus, int adjustmentKpus) {
        return new ScalingStep(null, upperBoundKpus, adjustmentKpus);
    }

    double lowerOrMinusInfinity() {
        return lowerBoundKpus == null ? Double.NEGATIVE_INFINITY : lowerBoundKpus;
    }

    double upperOrPlusInfinity() {
        return upperBoundKpus == null ? Double.POSITIVE_INFINITY : upperBoundKpus;
    }

    /**
     * A short description for error messages in interval notation, showing which bound is inclusive in the given
     * direction: {@code [1, 2) -> +2} for scale-out, {@code (-2, -1] -> -2} for scale-in.
     */
    public String describe(ScalingDirection direction) {
        boolean out = direction == ScalingDirection.SCALE_OUT;
        return (out ? "[" : "(") + (lowerBoundKpus == null ? "-inf" : NumberText.of(lowerBoundKpus))
                + ", " + (upperBoundKpus == null ? "+inf" : NumberText.of(upperBoundKpus))
                + (out ? ")" : "]") + " -> " + (adjustmentKpus > 0 ? "+" : "") + adjustmentKpus;
    }
}
