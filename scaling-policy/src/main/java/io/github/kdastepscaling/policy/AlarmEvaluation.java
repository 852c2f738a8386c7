package io.github.kdastepscaling.policy;

/**
 * How a CloudWatch alarm decides: {@code datapointsToAlarm} breaching one-minute datapoints out of the last
 * {@code evaluationPeriods} ("M out of N").
 *
 * @param evaluationPeriods N, the number of most recent one-minute periods looked at
 * @param datapointsToAlarm M, how many of them must breach
 */
public record AlarmEvaluation(int evaluationPeriods, int datapointsToAlarm) {

    /** The alarm period: IncomingRecords is a standard-resolution metric, so 60 s is the shortest allowed. */
    public static final int PERIOD_SECONDS = 60;

    public AlarmEvaluation {
        if (evaluationPeriods < 1) {
            throw new IllegalArgumentException("evaluationPeriods (" + evaluationPeriods + ") must be >= 1");
        }
        if (datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods) {
            throw new IllegalArgumentException("datapointsToAlarm (" + datapointsToAlarm
                    + ") must be between 1 and evaluationPeriods (" + evaluationPeriods + ")");
        }
    }
}
