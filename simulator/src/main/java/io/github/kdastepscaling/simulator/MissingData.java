package io.github.kdastepscaling.simulator;

/** CloudWatch's {@code TreatMissingData}: how an alarm counts a period without a datapoint. */
public enum MissingData {
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
    IGNORE
}
