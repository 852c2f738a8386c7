package io.github.kdastepscaling.policy.rate;

/**
 * What one estimate decided.
 *
 * @param state              the state to store (and pass back as {@link RateObservation#previous()} next time);
 *                           {@link LearnedRate#text()} is its compact form
 * @param scaleOutPerKpu     the learned scale-out rate per KPU, in the load alarm's units per second
 * @param scaleInPerKpu      the scale-in rate per KPU: the scale-out rate times the configured scale-in/scale-out
 *                           ratio
 * @param reason             one short sentence for the decision log
 * @param supportingMinutes  how many minutes of the window supported the decision (0 when nothing was learned)
 * @param changed            whether the learned rate differs from the previous one (the thresholds must be re-set)
 */
public record RateEstimate(
        LearnedRate state,
        double scaleOutPerKpu,
        double scaleInPerKpu,
        String reason,
        int supportingMinutes,
        boolean changed) {}
