package io.github.kdastepscaling;

import io.github.kdastepscaling.policy.SignalKind;
import software.amazon.awscdk.services.cloudwatch.IMetric;

/**
 * What the load alarms measure. Four kinds ({@link SignalKind}):
 *
 * <ul>
 *   <li>{@link #incomingRecords()}, the default: the stream's incoming records per second, per KPU from
 *       {@code scaleOutRecordsPerSecondPerKpu} and {@code scaleInRecordsPerSecondPerKpu};</li>
 *   <li>{@link #incomingBytes}: the stream's incoming bytes per second, per KPU as given; for jobs whose cost follows
 *       record size rather than count;</li>
 *   <li>{@link #load}: any metric that grows with the load (a custom rate the job publishes, say): thresholds are
 *       {@code capacity x} the per-KPU values, re-set by the scaler after each rescale;</li>
 *   <li>{@link #utilization}: any metric already normalised by capacity, such as the application's
 *       {@code containerCPUUtilization} (percent): fixed thresholds, nothing to re-set. One KPU of load in the step
 *       bounds stands for {@code stepWidth} points of the metric.</li>
 * </ul>
 *
 * The lag guard ({@link LagGuardProps}) works with every kind: it is what catches a per-KPU value guessed wrong.
 * A metric given here must have a one-minute period: the alarms evaluate one-minute periods.
 */
public final class ScalingSignal {

    private final SignalKind kind;
    private final IMetric metric;
    private final Number scaleOut;
    private final Number scaleIn;
    private final Number stepWidth;

    private ScalingSignal(SignalKind kind, IMetric metric, Number scaleOut, Number scaleIn, Number stepWidth) {
        this.kind = kind;
        this.metric = metric;
        this.scaleOut = scaleOut;
        this.scaleIn = scaleIn;
        this.stepWidth = stepWidth;
    }

    /** The stream's incoming records per second (the default signal). */
    public static ScalingSignal incomingRecords() {
        return new ScalingSignal(SignalKind.INCOMING_RECORDS, null, null, null, null);
    }

    /**
     * The stream's incoming bytes per second ({@code IncomingBytes}, Sum per minute, a minute without writes as 0,
     * divided by 60).
     *
     * @param scaleOutBytesPerSecondPerKpu bytes per second one KPU is sized for
     * @param scaleInBytesPerSecondPerKpu  bytes per second per KPU below which one KPU fewer would do; below the other
     */
    public static ScalingSignal incomingBytes(Number scaleOutBytesPerSecondPerKpu, Number scaleInBytesPerSecondPerKpu) {
        return new ScalingSignal(
                SignalKind.INCOMING_BYTES,
                null,
                required("scalingSignal.scaleOutBytesPerSecondPerKpu", scaleOutBytesPerSecondPerKpu),
                required("scalingSignal.scaleInBytesPerSecondPerKpu", scaleInBytesPerSecondPerKpu),
                null);
    }

    /**
     * Any metric that grows with the load.
     *
     * @param metric         the metric, with a one-minute period
     * @param scaleOutPerKpu how much of it one KPU is sized for
     * @param scaleInPerKpu  per KPU, below which one KPU fewer would do; below {@code scaleOutPerKpu}
     */
    public static ScalingSignal load(IMetric metric, Number scaleOutPerKpu, Number scaleInPerKpu) {
        return new ScalingSignal(
                SignalKind.LOAD,
                oneMinute(metric),
                required("scalingSignal.scaleOutPerKpu", scaleOutPerKpu),
                required("scalingSignal.scaleInPerKpu", scaleInPerKpu),
                null);
    }

    /**
     * Any metric already normalised by capacity; one KPU of load in the step bounds is a tenth of
     * {@code scaleOutAbove}.
     *
     * @param metric        the metric, with a one-minute period
     * @param scaleOutAbove scale out at or above this value
     * @param scaleInBelow  scale in below this value; below {@code scaleOutAbove}
     */
    public static ScalingSignal utilization(IMetric metric, Number scaleOutAbove, Number scaleInBelow) {
        return utilization(metric, scaleOutAbove, scaleInBelow, null);
    }

    /**
     * As {@link #utilization(IMetric, Number, Number)}, with the points of the metric that one KPU of load stands
     * for in the step bounds ({@code null}: a tenth of {@code scaleOutAbove}).
     */
    public static ScalingSignal utilization(
            IMetric metric, Number scaleOutAbove, Number scaleInBelow, Number stepWidth) {
        return new ScalingSignal(
                SignalKind.UTILIZATION,
                oneMinute(metric),
                required("scalingSignal.scaleOutAbove", scaleOutAbove),
                required("scalingSignal.scaleInBelow", scaleInBelow),
                stepWidth);
    }

    public SignalKind getKind() {
        return kind;
    }

    /** The metric of a {@link #load} or {@link #utilization} signal; {@code null} for the stream's own metrics. */
    public IMetric getMetric() {
        return metric;
    }

    /** The scale-out value: per KPU, or the fixed threshold of a utilization signal; null for incoming records. */
    public Number getScaleOut() {
        return scaleOut;
    }

    /** The scale-in value: per KPU, or the fixed threshold of a utilization signal; null for incoming records. */
    public Number getScaleIn() {
        return scaleIn;
    }

    /** The step width of a utilization signal, or null for its default. */
    public Number getStepWidth() {
        return stepWidth;
    }

    private static Number required(String name, Number value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private static IMetric oneMinute(IMetric metric) {
        return OneMinuteMetric.require("scalingSignal.metric", metric);
    }
}
