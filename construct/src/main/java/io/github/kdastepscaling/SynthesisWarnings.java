package io.github.kdastepscaling;

import io.github.kdastepscaling.policy.PolicyWarnings;
import software.amazon.awscdk.Annotations;
import software.constructs.Construct;

/**
 * The construct's synthesis warnings: what it cannot check, so it warns rather than refuses. The warnings about the
 * policy are written once, in {@link PolicyWarnings} (the simulator prints the same); this adds them to the
 * construct under their ids.
 */
final class SynthesisWarnings {

    private SynthesisWarnings() {}

    /** A maximum above the job's max parallelism ({@link PolicyWarnings#maxParallelism}). */
    static void aboveDefaultMaxParallelism(Construct scope, ResolvedProps settings) {
        PolicyWarnings.maxParallelism(settings.policy, settings.parallelismPerKpu)
                .ifPresent(w -> warn(scope, w));
    }

    /** An {@code at} schedule in a time zone, a bound crossing the other: {@link PolicyWarnings#scheduledActions}. */
    static void aboutScheduledActions(Construct scope, ResolvedProps settings) {
        PolicyWarnings.scheduledActions(settings.policy).forEach(w -> warn(scope, w));
    }

    /**
     * Learning off by default where it cannot run ({@link PolicyWarnings#rateLearningOff}); not when the user turned
     * it off ({@code rateLearning(RateLearningProps.disabled())}).
     */
    static void aboutRateLearning(Construct scope, ResolvedProps settings) {
        if (settings.rateLearningOffReason != null) {
            warn(scope, PolicyWarnings.rateLearningOff(settings.rateLearningOffReason));
        }
    }

    private static void warn(Construct scope, PolicyWarnings.Warning warning) {
        Annotations.of(scope).addWarningV2(warning.id(), warning.message());
    }
}
