package io.github.kdastepscaling.lambda;

/**
 * The per-KPU rate a decision set the thresholds from, for the decision log and its metrics.
 *
 * @param scaleOutPerKpu           the scale-out rate per KPU in use: the learned one, or the configured one before
 *                                 anything was learned
 * @param configuredScaleOutPerKpu the configured rate, learning's starting point
 * @param thresholdProblem         why the thresholds could not be computed (the stored rate could not be read), or
 *                                 null
 */
record RateReport(double scaleOutPerKpu, double configuredScaleOutPerKpu, String thresholdProblem) {}
