package io.github.kdastepscaling.lambda;

import io.github.kdastepscaling.policy.Capacity;
import java.util.Optional;

/**
 * Bounds the restarts a rescale that does not take can cause: one the service rolls back (the job cannot restore its
 * snapshot at the new parallelism, say) leaves the application RUNNING at its old capacity, which to the next call
 * looks like a desire still to apply. The guard counts rescales submitted from one capacity in one direction (see
 * {@link RescaleAttempts.Attempt#didNotTake}), lets {@link #MAX_ATTEMPTS} through, then refuses with the reason; the
 * count is forgotten once a rescale took ({@link RescaleAttempts.Attempt#took}). Pure: the record is read and written
 * by the {@link ScalingRealizer}'s side.
 */
final class RescaleGuard {

    /** Times one rescale (same starting capacity, same direction) is submitted before the scaler stops restarting the job. */
    static final int MAX_ATTEMPTS = 2;

    /** What the guard says about a rescale about to be submitted. */
    sealed interface Verdict permits Proceed, GiveUp {
        /** What the decision log says about it, or null. */
        String note();
    }

    /** Submit it, as attempt {@code attempt} (1 for a fresh rescale). */
    record Proceed(int attempt, String note) implements Verdict {}

    /** Do not: the attempts ran out; {@code reason} tells a person what to check and how to let the scaler retry. */
    record GiveUp(String reason, String note) implements Verdict {}

    private RescaleGuard() {}

    /**
     * Whether the rescale from {@code seen}'s capacity to {@code desired} may be submitted now.
     *
     * @param last the last attempt recorded, if any
     * @param attemptParameterName where the record is kept, for the reason a person reads
     */
    static Verdict check(
            Optional<RescaleAttempts.Attempt> last,
            ApplicationState seen,
            int desired,
            String applicationName,
            String attemptParameterName) {
        if (last.isEmpty() || !last.get().didNotTake(seen, desired)) {
            return new Proceed(1, null);
        }
        int actual = seen.actualCapacity();
        if (last.get().count() >= MAX_ATTEMPTS) {
            return new GiveUp(
                    giveUpReason(seen, desired, last.get(), applicationName, attemptParameterName),
                    "stopped retrying rescales from " + actual + " KPUs toward " + desired + " KPUs: "
                            + last.get().count() + " attempts did not take");
        }
        int attempt = last.get().count() + 1;
        return new Proceed(
                attempt,
                "the last rescale to " + last.get().desiredCapacity() + " KPUs did not take (the"
                        + " application runs at " + actual + " KPUs, version " + seen.versionId() + "): attempt "
                        + attempt
                        + " of " + MAX_ATTEMPTS + ", toward " + desired + " KPUs");
    }

    /**
     * Whether the record is to be cleared: once the application runs at the capacity the last attempt asked for, that
     * rescale took, so a later reset of the parallelism (a stack update re-applying the template's, say) starts
     * afresh. A desire that merely returns to the capacity that runs does not clear it: rescales from there keep
     * counting.
     */
    static boolean took(Optional<RescaleAttempts.Attempt> last, ApplicationState seen) {
        return last.isPresent() && last.get().took(seen);
    }

    private static String giveUpReason(
            ApplicationState seen,
            int desired,
            RescaleAttempts.Attempt last,
            String applicationName,
            String attemptParameterName) {
        return "the rescale of application " + applicationName + " from " + seen.actualCapacity()
                + " to " + desired + " KPUs is not attempted: the last " + last.count() + " rescales from "
                + seen.actualCapacity() + " KPUs in that direction (the last to " + last.desiredCapacity()
                + " KPUs) did not take, and it still runs at " + seen.actualCapacity() + " KPUs (version "
                + seen.versionId() + "), so the scaler stopped restarting the job. Check the application's logs (a "
                + "common cause is a max parallelism below "
                + Capacity.parallelismFor(last.desiredCapacity(), seen.parallelismPerKpu())
                + "), then put 'none' in SSM parameter " + attemptParameterName
                + " to try again";
    }
}
