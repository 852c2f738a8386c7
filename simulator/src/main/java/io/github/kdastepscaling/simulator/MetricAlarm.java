package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.AlarmComparison;
import io.github.kdastepscaling.policy.AlarmEvaluation;
import io.github.kdastepscaling.policy.AlarmShape;
import io.github.kdastepscaling.policy.MissingDataTreatment;
import java.util.function.IntToDoubleFunction;

/**
 * A CloudWatch metric alarm on a one-minute metric: it is {@code ALARM} when at least M of the last N datapoints
 * ({@link AlarmEvaluation}) breach the threshold, periods without a datapoint counting as
 * {@link MissingDataTreatment} says.
 *
 * <p>Simplifications: the alarm is evaluated once a minute, right after the minute's datapoint is published (real
 * CloudWatch publishes Kinesis metrics a minute or two late, which delays every policy alike); until the trace has
 * produced N minutes the alarm is {@code INSUFFICIENT_DATA}. Only the state matters here, not its transitions: the
 * step policy is invoked on every evaluation that finds the alarm in {@code ALARM}, as Application Auto Scaling does.
 *
 * @param comparison  how a datapoint is compared with the threshold
 * @param evaluation  M out of N
 * @param missingData the treatment of minutes without a datapoint
 */
public record MetricAlarm(AlarmComparison comparison, AlarmEvaluation evaluation, MissingDataTreatment missingData) {

    /** The alarm the construct deploys for one direction (the shared {@link AlarmShape}). */
    public static MetricAlarm of(AlarmShape shape) {
        return new MetricAlarm(shape.comparison(), shape.evaluation(), shape.missingData());
    }

    /**
     * The alarm's state at the end of {@code minute}.
     *
     * @param trace     the metric
     * @param minute    the minute just published (0-based)
     * @param threshold the threshold the alarm holds now
     * @param previous  the state at the previous evaluation (kept by {@link MissingDataTreatment#IGNORE})
     */
    public AlarmState evaluate(Trace trace, int minute, double threshold, AlarmState previous) {
        return evaluate(m -> trace.datapoint(m).orElse(Double.NaN), minute, threshold, previous);
    }

    /**
     * As {@link #evaluate(Trace, int, double, AlarmState)} on any one-minute metric.
     *
     * @param datapoints the metric's datapoint per minute (0-based), {@link Double#NaN} for a minute without one;
     *                   only minutes up to {@code minute} are read
     */
    public AlarmState evaluate(IntToDoubleFunction datapoints, int minute, double threshold, AlarmState previous) {
        int periods = evaluation.evaluationPeriods();
        if (minute + 1 < periods) {
            return AlarmState.INSUFFICIENT_DATA;
        }
        int breaching = 0;
        int present = 0;
        for (int m = minute - periods + 1; m <= minute; m++) {
            double datapoint = datapoints.applyAsDouble(m);
            if (!Double.isNaN(datapoint)) {
                present++;
                if (comparison.breaches(datapoint, threshold)) {
                    breaching++;
                }
            } else if (missingData == MissingDataTreatment.BREACHING) {
                breaching++;
            }
        }
        if (present == 0 && missingData == MissingDataTreatment.MISSING) {
            return AlarmState.INSUFFICIENT_DATA;
        }
        if (present == 0 && missingData == MissingDataTreatment.IGNORE) {
            return previous;
        }
        return breaching >= evaluation.datapointsToAlarm() ? AlarmState.ALARM : AlarmState.OK;
    }

    /**
     * The value the step policy compares with its steps: the alarm's latest datapoint (with one datapoint per
     * period, {@code MetricAggregationType Average} of the period is that datapoint). A minute without a datapoint
     * ({@link Double#NaN}) counts as 0: for the records signal, a minute without writes.
     */
    public static double metricValue(double datapoint) {
        return Double.isNaN(datapoint) ? 0 : datapoint;
    }
}
