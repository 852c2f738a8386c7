package io.github.kdastepscaling.policy;

/**
 * The alarm thresholds of the load signal for a given capacity, in the signal's unit.
 *
 * <p>This is the one formula the construct (initial thresholds), the scaler Lambda (thresholds re-set after each
 * rescale) and the simulator share. For a signal that grows with the load ({@link SignalKind#followsCapacity()}):
 * <ul>
 *   <li>scale out when the load reaches {@code capacity x scaleOutPerKpu}: the running KPUs are full;</li>
 *   <li>scale in when the load falls below {@code (capacity - 1) x scaleInPerKpu}: the load would fit in one KPU
 *       fewer, with the headroom that {@code scaleInPerKpu < scaleOutPerKpu} leaves, so removing that KPU does not
 *       push the load over the smaller capacity's scale-out threshold.</li>
 * </ul>
 * At or below the minimum capacity nothing can be removed, so the scale-in threshold is 0 there: a
 * {@code LessThanThreshold} alarm on a rate that is never missing (the construct's alarms measure
 * {@code FILL(incoming, 0) / 60}) can then never fire. (The AWS sample's scale-in threshold was 0 at every capacity
 * until its first rescale; here it is 0 only where scaling in is impossible.)
 *
 * <p>For a {@link SignalKind#UTILIZATION utilization} signal the thresholds are the fixed {@code scaleOutAbove} and
 * {@code scaleInBelow} at every capacity.
 *
 * <p>While the running capacity was sized for a lower rate than the learned one ({@link #withResizeTo}), the scale-in
 * threshold above the resize's KPUs is that of one KPU fewer at the scale-out rate: the band between the two rates is
 * hysteresis for a threshold the job crossed, and a capacity sized for another rate crossed none
 * ({@code io.github.kdastepscaling.policy.rate.ResizeAfterRaise}).
 *
 * <p>Step bounds are expressed in "KPUs of load" ({@link #stepUnit}): one KPU of load above the scale-out threshold
 * is {@code scaleOutPerKpu} of the signal, one below the scale-in threshold {@code scaleInPerKpu}. A utilization
 * signal has no per-KPU value; its step unit is {@code utilizationStepWidth} points of the metric.
 */
public final class ScalingThresholds {

    private final SignalKind kind;
    private final double scaleOut;
    private final double scaleIn;
    private final double utilizationStepWidth;
    private final int minCapacity;
    private final int resizeTo;
    // The rates the policy was configured with: the scaled load alarms keep their thresholds ({@link #inAlarmUnits}).
    private final double configuredScaleOut;
    private final double configuredScaleIn;

    /** Thresholds on incoming records per second. */
    public ScalingThresholds(
            double scaleOutRecordsPerSecondPerKpu, double scaleInRecordsPerSecondPerKpu, int minCapacity) {
        this(
                SignalKind.INCOMING_RECORDS,
                scaleOutRecordsPerSecondPerKpu,
                scaleInRecordsPerSecondPerKpu,
                Double.NaN,
                minCapacity);
    }

    private ScalingThresholds(
            SignalKind kind, double scaleOut, double scaleIn, double utilizationStepWidth, int minCapacity) {
        this(kind, scaleOut, scaleIn, utilizationStepWidth, minCapacity, 0, scaleOut, scaleIn);
    }

    private ScalingThresholds(
            SignalKind kind,
            double scaleOut,
            double scaleIn,
            double utilizationStepWidth,
            int minCapacity,
            int resizeTo,
            double configuredScaleOut,
            double configuredScaleIn) {
        requirePositive(kind.scaleOutSetting(), scaleOut);
        if (kind.followsCapacity()) {
            requirePositive(kind.scaleInSetting(), scaleIn);
        } else {
            requireNonNegative(kind.scaleInSetting(), scaleIn);
            requirePositive("utilizationStepWidth", utilizationStepWidth);
        }
        if (scaleIn >= scaleOut) {
            throw new IllegalArgumentException(kind.scaleInSetting() + " (" + NumberText.of(scaleIn)
                    + ") must be below " + kind.scaleOutSetting() + " (" + NumberText.of(scaleOut)
                    + "), or every scale-in would be followed by a scale-out");
        }
        if (minCapacity < 1) {
            throw new IllegalArgumentException("minCapacity (" + minCapacity + ") must be >= 1");
        }
        this.kind = kind;
        this.scaleOut = scaleOut;
        this.scaleIn = scaleIn;
        this.utilizationStepWidth = utilizationStepWidth;
        this.minCapacity = minCapacity;
        this.resizeTo = resizeTo;
        this.configuredScaleOut = configuredScaleOut;
        this.configuredScaleIn = configuredScaleIn;
    }

    /**
     * Thresholds on a signal that grows with the load.
     *
     * @throws IllegalArgumentException naming the kind's setting when a value is not positive and finite, or
     *                                  scale-in is not below scale-out
     */
    public static ScalingThresholds load(
            SignalKind kind, double scaleOutPerKpu, double scaleInPerKpu, int minCapacity) {
        if (!kind.followsCapacity()) {
            throw new IllegalArgumentException(kind + " is not a load signal; use ScalingThresholds.utilization");
        }
        return new ScalingThresholds(kind, scaleOutPerKpu, scaleInPerKpu, Double.NaN, minCapacity);
    }

    /**
     * Fixed thresholds on a utilization signal.
     *
     * @param stepWidth the points of the metric that one "KPU of load" stands for in the step bounds
     */
    public static ScalingThresholds utilization(
            double scaleOutAbove, double scaleInBelow, double stepWidth, int minCapacity) {
        return new ScalingThresholds(SignalKind.UTILIZATION, scaleOutAbove, scaleInBelow, stepWidth, minCapacity);
    }

    /** The signal at or above which the scale-out alarm fires at {@code capacity}. */
    public double scaleOutThreshold(int capacity) {
        requireCapacity(capacity);
        return kind.followsCapacity() ? capacity * scaleOut : scaleOut;
    }

    /** The signal below which the scale-in alarm fires at {@code capacity}. */
    public double scaleInThreshold(int capacity) {
        requireCapacity(capacity);
        if (!kind.followsCapacity()) {
            return scaleIn;
        }
        if (capacity <= minCapacity) {
            return 0;
        }
        return capacity > resizeTo && resizeTo > 0 ? (capacity - 1) * scaleOut : (capacity - 1) * scaleIn;
    }

    /**
     * The same thresholds with another minimum: Application Auto Scaling owns the scalable target's range, and a
     * scheduled action (or {@code register-scalable-target}) may have moved its minimum since the deploy.
     */
    public ScalingThresholds withMinCapacity(int currentMinCapacity) {
        return currentMinCapacity == minCapacity
                ? this
                : new ScalingThresholds(
                        kind,
                        scaleOut,
                        scaleIn,
                        utilizationStepWidth,
                        currentMinCapacity,
                        resizeTo,
                        configuredScaleOut,
                        configuredScaleIn);
    }

    /**
     * The same thresholds while the running capacity was sized for a lower rate than the learned one and the recent
     * load needs {@code kpus} at the learned rate: above {@code kpus}, scale in when the load falls below one KPU
     * fewer at the scale-out rate ({@code io.github.kdastepscaling.policy.rate.ResizeAfterRaise}).
     *
     * @throws IllegalArgumentException for a utilization signal, which has no per-KPU rate, or fewer than 1 KPU
     */
    public ScalingThresholds withResizeTo(int kpus) {
        if (!kind.followsCapacity()) {
            throw new IllegalArgumentException("a " + kind + " signal has no per-KPU rate to resize with");
        }
        if (kpus < 1) {
            throw new IllegalArgumentException("resize to (" + kpus + ") must be >= 1 KPU");
        }
        return new ScalingThresholds(
                kind,
                scaleOut,
                scaleIn,
                utilizationStepWidth,
                minCapacity,
                kpus,
                configuredScaleOut,
                configuredScaleIn);
    }

    /** The KPUs a resize goes to ({@link #withResizeTo}), or 0 when there is none. */
    public int resizeTo() {
        return resizeTo;
    }

    /**
     * The same thresholds for a learned scale-out rate per KPU ({@code io.github.kdastepscaling.policy.rate}): the
     * scale-in rate keeps the configured scale-in/scale-out ratio, so the headroom between the two alarms stays what
     * the policy was tuned with. The construct (initial thresholds), the scaler and the simulator all derive learned
     * thresholds here.
     *
     * @throws IllegalArgumentException for a utilization signal, which has no per-KPU rate, or a rate that is not a
     *                                  positive number
     */
    public ScalingThresholds withLearnedScaleOut(double learnedScaleOutPerKpu) {
        if (!kind.followsCapacity()) {
            throw new IllegalArgumentException("a " + kind + " signal has no per-KPU rate to learn");
        }
        requirePositive("learned " + kind.scaleOutSetting(), learnedScaleOutPerKpu);
        if (learnedScaleOutPerKpu == scaleOut) {
            return this;
        }
        return new ScalingThresholds(
                kind,
                learnedScaleOutPerKpu,
                learnedScaleOutPerKpu * (scaleIn / scaleOut),
                utilizationStepWidth,
                minCapacity,
                resizeTo,
                configuredScaleOut,
                configuredScaleIn);
    }

    /**
     * What the signal is multiplied by in load alarms that measure it at the configured rate's scale
     * ({@link ScaledLoad}): {@code configured / learned} scale-out rate per KPU, 1 when nothing was learned.
     *
     * <p>Application Auto Scaling's step bounds are offsets from the alarm's threshold in the alarm's metric, fixed in
     * the template in units of the configured rate. Scaling the metric instead of the thresholds makes one "KPU of
     * load" in those bounds one KPU at the learned rate, as the thresholds are.
     */
    public double alarmScale() {
        return configuredScaleOut / scaleOut;
    }

    /**
     * These thresholds as the scaled load alarms hold them: compared with the signal times {@link #alarmScale()},
     * they are the configured rates' thresholds (with the same minimum and resize), since {@code c x learned x
     * configured / learned = c x configured}. Computed from the configured rates, not multiplied, so a threshold is
     * the same exact number a deploy without learning writes.
     */
    public ScalingThresholds inAlarmUnits() {
        if (scaleOut == configuredScaleOut) {
            return this;
        }
        return new ScalingThresholds(
                kind,
                configuredScaleOut,
                configuredScaleIn,
                utilizationStepWidth,
                minCapacity,
                resizeTo,
                configuredScaleOut,
                configuredScaleIn);
    }

    /** The scale-out rate per KPU the policy was configured with, whatever was learned since. */
    public double configuredScaleOutPerKpu() {
        return configuredScaleOut;
    }

    /** The threshold of the given direction's alarm at {@code capacity}. */
    public double threshold(ScalingDirection direction, int capacity) {
        return direction == ScalingDirection.SCALE_OUT ? scaleOutThreshold(capacity) : scaleInThreshold(capacity);
    }

    /** How much of the signal one "KPU of load" stands for in the given direction's step bounds. */
    public double stepUnit(ScalingDirection direction) {
        if (!kind.followsCapacity()) {
            return utilizationStepWidth;
        }
        return direction == ScalingDirection.SCALE_OUT ? scaleOut : scaleIn;
    }

    public SignalKind kind() {
        return kind;
    }

    /** The scale-out setting: per KPU for a load signal, the fixed threshold for a utilization signal. */
    public double scaleOutPerKpu() {
        return scaleOut;
    }

    /** The scale-in setting: per KPU for a load signal, the fixed threshold for a utilization signal. */
    public double scaleInPerKpu() {
        return scaleIn;
    }

    /** For a utilization signal, the points of the metric one KPU of load stands for in step bounds; else NaN. */
    public double utilizationStepWidth() {
        return utilizationStepWidth;
    }

    public int minCapacity() {
        return minCapacity;
    }

    private static void requireCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity (" + capacity + ") must be >= 1 KPU");
        }
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " (" + NumberText.of(value) + ") must be a positive number");
        }
    }

    private static void requireNonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " (" + NumberText.of(value) + ") must be a number >= 0");
        }
    }
}
