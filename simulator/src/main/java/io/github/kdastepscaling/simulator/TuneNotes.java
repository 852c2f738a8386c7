package io.github.kdastepscaling.simulator;

import java.util.List;

/**
 * What {@code tune} says in {@code recommendation.md} beside the figures: where the true rate came from, the warnings
 * about the input, and the settings the recommendation changes that lower protection ({@link ProtectionChanges}),
 * against the policy they are compared with.
 *
 * @param rateSource  one sentence: the true rate and where it came from (the flag, the config, the job's metrics)
 * @param warnings    warnings about the input (also printed on stderr)
 * @param protection  the settings that lower protection, one sentence each
 * @param comparedWith the policy those are compared with: "your policy" or "the construct's defaults"
 * @param restart     one sentence: the restart the run models and which setting it comes from
 */
public record TuneNotes(
        String rateSource, List<String> warnings, List<String> protection, String comparedWith, String restart) {

    /** No notes (tests and sweeps that build a recommendation without the command). */
    public static final TuneNotes NONE = new TuneNotes("", List.of(), List.of(), "", "");
}
