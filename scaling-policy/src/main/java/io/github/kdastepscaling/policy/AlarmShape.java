package io.github.kdastepscaling.policy;

/**
 * The alarm that executes one direction's step-scaling policy, as the construct deploys it and the simulator models
 * it: defined once here so the two cannot differ.
 *
 * <ul>
 *   <li>the metric: the source stream's {@code IncomingRecords}, Sum over one minute, as records per second with a
 *       minute without writes as 0 ({@link #RECORDS_PER_SECOND_EXPRESSION}); Kinesis publishes no datapoint for such
 *       a minute, and {@code FILL} makes it a real 0, so the alarms always have a value;</li>
 *   <li>scale out at or above the threshold, scale in below it;</li>
 *   <li>missing data (which {@code FILL} leaves only when the stream itself is gone) never scales out and may scale
 *       in;</li>
 *   <li>M out of N one-minute periods from the policy.</li>
 * </ul>
 *
 * @param comparison how a datapoint is compared with the threshold
 * @param missingData how a period without a datapoint counts
 * @param evaluation M out of N
 */
public record AlarmShape(AlarmComparison comparison, MissingDataTreatment missingData, AlarmEvaluation evaluation) {

    /** The id of the {@code IncomingRecords} query in the alarm's metric math. */
    public static final String INCOMING_RECORDS_ID = "incoming";
    /** Incoming records per second, a minute without writes counting as 0. */
    public static final String RECORDS_PER_SECOND_EXPRESSION = perSecondExpression(INCOMING_RECORDS_ID);
    /** The id of the {@code IncomingBytes} query in the bytes signal's metric math. */
    public static final String INCOMING_BYTES_ID = "bytes";
    /** The statistic of the {@code IncomingRecords} and {@code IncomingBytes} queries. */
    public static final String INCOMING_RECORDS_STATISTIC = "Sum";

    /**
     * A per-minute sum of the stream (query {@code id}) as a rate per second, a minute without writes counting as 0:
     * Kinesis publishes no datapoint for such a minute, and {@code FILL} makes it a real 0.
     */
    public static String perSecondExpression(String id) {
        return "FILL(" + id + ", 0) / 60";
    }

    /**
     * The shape of {@code direction}'s alarm on a signal of {@code kind}. The stream's own signals are filled with 0
     * for a minute without writes, so a missing datapoint means the stream is gone and may scale in; a metric the
     * user gives may be missing while the job restarts, and then must not scale in.
     */
    public static AlarmShape of(ScalingDirection direction, AlarmEvaluation evaluation, SignalKind kind) {
        if (direction == ScalingDirection.SCALE_OUT) {
            return new AlarmShape(
                    AlarmComparison.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, MissingDataTreatment.NOT_BREACHING, evaluation);
        }
        boolean streamSignal = kind == SignalKind.INCOMING_RECORDS || kind == SignalKind.INCOMING_BYTES;
        return new AlarmShape(
                AlarmComparison.LESS_THAN_THRESHOLD,
                streamSignal ? MissingDataTreatment.BREACHING : MissingDataTreatment.NOT_BREACHING,
                evaluation);
    }
}
