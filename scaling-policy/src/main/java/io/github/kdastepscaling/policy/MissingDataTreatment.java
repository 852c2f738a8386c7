package io.github.kdastepscaling.policy;

/** CloudWatch's {@code TreatMissingData}: how an alarm counts a period without a datapoint. */
public enum MissingDataTreatment {
    /** The period counts as breaching ({@code breaching}). */
    BREACHING,
    /** The period counts as within the threshold ({@code notBreaching}). */
    NOT_BREACHING,
    /**
     * The period is left out ({@code missing}, CloudWatch's default): the alarm decides on the datapoints it has,
     * and goes to INSUFFICIENT_DATA when it has none.
     */
    MISSING,
    /** Like {@link #MISSING}, but with no datapoint at all the alarm keeps its state ({@code ignore}). */
    IGNORE;

    /** The name CloudWatch uses ({@code TreatMissingData}). */
    public String cloudWatchName() {
        return CloudWatchName.of(this, false);
    }

    /** The treatment with CloudWatch name {@code name}; CloudWatch's default {@code missing} when none is given. */
    public static MissingDataTreatment fromCloudWatchName(String name) {
        if (name == null) {
            return MISSING;
        }
        MissingDataTreatment treatment = CloudWatchName.find(values(), false, name);
        if (treatment != null) {
            return treatment;
        }
        throw new IllegalArgumentException("TreatMissingData (" + name + ") is not a CloudWatch treatment");
    }
}
