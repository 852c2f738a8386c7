package io.github.kdastepscaling.policy;

/** CloudWatch's {@code TreatMissingData}: how an alarm counts a period without a datapoint. */
public enum MissingDataTreatment {
    /** The period counts as breaching ({@code breaching}). */
    BREACHING("breaching"),
    /** The period counts as within the threshold ({@code notBreaching}). */
    NOT_BREACHING("notBreaching"),
    /**
     * The period is left out ({@code missing}, CloudWatch's default): the alarm decides on the datapoints it has,
     * and goes to INSUFFICIENT_DATA when it has none.
     */
    MISSING("missing"),
    /** Like {@link #MISSING}, but with no datapoint at all the alarm keeps its state ({@code ignore}). */
    IGNORE("ignore");

    private final String cloudWatchName;

    MissingDataTreatment(String cloudWatchName) {
        this.cloudWatchName = cloudWatchName;
    }

    /** The name CloudWatch uses ({@code TreatMissingData}). */
    public String cloudWatchName() {
        return cloudWatchName;
    }

    /** The treatment with CloudWatch name {@code name}; CloudWatch's default {@code missing} when none is given. */
    public static MissingDataTreatment fromCloudWatchName(String name) {
        if (name == null) {
            return MISSING;
        }
        for (MissingDataTreatment treatment : values()) {
            if (treatment.cloudWatchName.equals(name)) {
                return treatment;
            }
        }
        throw new IllegalArgumentException("TreatMissingData (" + name + ") is not a CloudWatch treatment");
    }
}
