package io.github.kdastepscaling.lambda;

import io.github.kdastepscaling.contract.ScalerEnvironment;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last rescale the scaler submitted, kept in an SSM parameter.
 *
 * <p>A rescale the service cannot complete (the job cannot restore its snapshot at the new parallelism, say) ends
 * with the application RUNNING at its old capacity, which to the next call looks like a desire still to apply.
 * Without a memory of the attempt, every reconcile would restart the job again, once a minute. With it, the scaler
 * sees that its update from this capacity, in this direction, already ran its course without effect, retries a
 * bounded number of times, then answers {@code Failed} with the reason. The record is cleared once the application
 * runs at the capacity it asked for.
 */
final class RescaleAttempts {

    private static final Pattern FORMAT =
            Pattern.compile("desired=(\\d{1,9}) from=(\\d{1,9}) version=(\\d{1,18}) count=(\\d{1,9})");

    private final SsmParameter parameter;

    RescaleAttempts(SsmParameter parameter) {
        this.parameter = parameter;
    }

    /** The last attempt, or empty when none was recorded or the record is unreadable (then it is not trusted). */
    Optional<Attempt> last() {
        return parameter.value().flatMap(Attempt::decode);
    }

    void record(Attempt attempt) {
        parameter.put(attempt.encode());
    }

    /** Forgets the last attempt: it took. */
    void clear() {
        parameter.put(ScalerEnvironment.NO_DESIRED_CAPACITY);
    }

    String parameterName() {
        return parameter.name();
    }

    /**
     * One submitted rescale.
     *
     * @param desiredCapacity the capacity asked for
     * @param fromCapacity the capacity the application ran at when it was asked
     * @param versionAfterUpdate the application version UpdateApplication created
     * @param count how many times in a row this rescale, from this capacity, was submitted
     */
    record Attempt(int desiredCapacity, int fromCapacity, long versionAfterUpdate, int count) {

        String encode() {
            return "desired=" + desiredCapacity + " from=" + fromCapacity + " version=" + versionAfterUpdate + " count="
                    + count;
        }

        static Optional<Attempt> decode(String value) {
            if (ScalerEnvironment.NO_DESIRED_CAPACITY.equals(value)) {
                return Optional.empty();
            }
            Matcher matcher = FORMAT.matcher(value.trim());
            if (!matcher.matches()) {
                return Optional.empty();
            }
            return Optional.of(new Attempt(
                    Integer.parseInt(matcher.group(1)),
                    Integer.parseInt(matcher.group(2)),
                    Long.parseLong(matcher.group(3)),
                    Integer.parseInt(matcher.group(4))));
        }

        /**
         * Whether this attempt, made from {@code seen}'s capacity in the same direction as {@code desired}, has been
         * finished with by the service (the version moved on) while the application still runs where it started: it
         * did not take. Keyed on the starting capacity and the direction rather than the exact desire, because
         * Application Auto Scaling's desire moves with the load (6, then 4, then 6...), and each of those would
         * otherwise restart the job afresh.
         */
        boolean didNotTake(ApplicationState seen, int desired) {
            return fromCapacity == seen.actualCapacity()
                    && sameDirection(desired)
                    && seen.versionId() >= versionAfterUpdate;
        }

        /** Whether the application now runs at this attempt's desire, in this attempt's version or a later one. */
        boolean took(ApplicationState seen) {
            return desiredCapacity == seen.actualCapacity() && seen.versionId() >= versionAfterUpdate;
        }

        private boolean sameDirection(int desired) {
            return Integer.signum(desired - fromCapacity) == Integer.signum(desiredCapacity - fromCapacity);
        }
    }
}
