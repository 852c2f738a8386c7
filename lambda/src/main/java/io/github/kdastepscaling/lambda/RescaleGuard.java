package io.github.kdastepscaling.lambda;

import io.github.kdastepscaling.policy.Capacity;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Bounds the restarts a rescale that does not take can cause: one the service rolls back (the job cannot restore its
 * snapshot at the new parallelism, say) leaves the application RUNNING at its old capacity, which to the next call
 * looks like a desire still to apply. The guard counts rescales submitted from one capacity in one direction (see
 * {@link RescaleAttempts.Attempt#didNotTake}), lets {@link #MAX_ATTEMPTS} through, then refuses with the reason; it
 * forgets the count once a rescale took.
 */
final class RescaleGuard {

    /** Times one rescale (same starting capacity, same direction) is submitted before the scaler stops restarting the job. */
    static final int MAX_ATTEMPTS = 2;

    /** What the guard says about a rescale about to be submitted. */
    sealed interface Verdict permits Proceed, GiveUp {
    }

    /** Submit it, as attempt {@code attempt} (1 for a fresh rescale). */
    record Proceed(int attempt) implements Verdict {
    }

    /** Do not: the attempts ran out; {@code reason} tells a person what to check and how to let the scaler retry. */
    record GiveUp(String reason) implements Verdict {
    }

    private final RescaleAttempts attempts;
    private final String applicationName;

    RescaleGuard(RescaleAttempts attempts, String applicationName) {
        this.attempts = attempts;
        this.applicationName = applicationName;
    }

    /** Whether the rescale from {@code seen}'s capacity to {@code desired} may be submitted now. */
    Verdict check(ApplicationState seen, int desired, Decision decision) {
        Optional<RescaleAttempts.Attempt> last = attempts.last();
        if (last.isEmpty() || !last.get().didNotTake(seen, desired)) {
            return new Proceed(1);
        }
        int actual = seen.actualCapacity();
        if (last.get().count() >= MAX_ATTEMPTS) {
            decision.did("stopped retrying rescales from " + actual + " KPUs toward " + desired + " KPUs: "
                    + last.get().count() + " attempts did not take");
            return new GiveUp(giveUpReason(seen, desired, last.get()));
        }
        int attempt = last.get().count() + 1;
        decision.did("the last rescale to " + last.get().desiredCapacity() + " KPUs did not take (the application"
                + " runs at " + actual + " KPUs, version " + seen.versionId() + "): attempt " + attempt + " of "
                + MAX_ATTEMPTS + ", toward " + desired + " KPUs");
        return new Proceed(attempt);
    }

    /** Records the rescale just submitted. The update is in whatever happens here: a lost record only weakens the bound. */
    void submitted(int desired, ApplicationState seen, long newVersion, int attempt, Decision decision) {
        try {
            attempts.record(new RescaleAttempts.Attempt(desired, seen.actualCapacity(), newVersion, attempt));
        } catch (SdkException e) {
            decision.did("could not record the rescale attempt in " + attempts.parameterName() + ": "
                    + AwsFailure.describe(e));
        }
    }

    /**
     * Once the application runs at the capacity the last attempt asked for, that rescale took and the count is
     * cleared, so a later reset of the parallelism (a stack update re-applying the template's, say) starts afresh. A
     * desire that merely returns to the capacity that runs does not clear it: rescales from there keep counting.
     */
    void forgetIfTook(ApplicationState seen, Decision decision) {
        try {
            Optional<RescaleAttempts.Attempt> last = attempts.last();
            if (last.isPresent() && last.get().took(seen)) {
                attempts.clear();
                decision.did("the rescale to " + seen.actualCapacity() + " KPUs took: cleared "
                        + attempts.parameterName());
            }
        } catch (SdkException e) {
            decision.did("could not clear " + attempts.parameterName() + ": " + AwsFailure.describe(e));
        }
    }

    private String giveUpReason(ApplicationState seen, int desired, RescaleAttempts.Attempt last) {
        return "the rescale of application " + applicationName + " from " + seen.actualCapacity()
                + " to " + desired + " KPUs is not attempted: the last " + last.count() + " rescales from "
                + seen.actualCapacity() + " KPUs in that direction (the last to " + last.desiredCapacity()
                + " KPUs) did not take, and it still runs at " + seen.actualCapacity() + " KPUs (version "
                + seen.versionId() + "), so the scaler stopped restarting the job. Check the application's logs (a "
                + "common cause is a max parallelism below " + Capacity.parallelismFor(last.desiredCapacity(),
                seen.parallelismPerKpu()) + "), then put 'none' in SSM parameter " + attempts.parameterName()
                + " to try again";
    }
}
