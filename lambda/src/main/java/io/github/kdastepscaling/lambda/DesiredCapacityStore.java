package io.github.kdastepscaling.lambda;

import io.github.kdastepscaling.contract.ScalerEnvironment;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The last desired capacity accepted, kept in an SSM String parameter as a plain integer.
 *
 * <p>The desire must outlive the call that carried it: a PATCH that arrives while the application is busy is
 * applied by a later call, possibly in another execution environment.
 */
final class DesiredCapacityStore {

    private final SsmParameter parameter;

    DesiredCapacityStore(SsmParameter parameter) {
        this.parameter = parameter;
    }

    /**
     * What one read found.
     *
     * @param capacity the stored desired capacity, or empty when none was ever asked for or the parameter is missing
     * @param missing whether the parameter does not exist (deleted by hand: the construct creates it with
     *                {@value ScalerEnvironment#NO_DESIRED_CAPACITY})
     */
    record Reading(OptionalInt capacity, boolean missing) {}

    /**
     * The stored desired capacity, or empty when none was ever asked for (the construct's initial value, or a
     * parameter deleted by hand).
     *
     * @throws StoredValueException when the parameter holds something other than a capacity
     */
    OptionalInt read() {
        return readOrMissing().capacity();
    }

    /**
     * As {@link #read()}, telling a deleted parameter from one that holds
     * {@value ScalerEnvironment#NO_DESIRED_CAPACITY}: both mean no desire to the decision, but a deleted one makes the
     * next deploy start the job at {@code initialCapacity} (a restart), so the scheduled reconcile writes it back.
     *
     * @throws StoredValueException when the parameter holds something other than a capacity
     */
    Reading readOrMissing() {
        Optional<String> stored = parameter.value();
        return new Reading(parse(stored.orElse(ScalerEnvironment.NO_DESIRED_CAPACITY)), stored.isEmpty());
    }

    private OptionalInt parse(String value) {
        try {
            return ScalerEnvironment.parseStoredCapacity(value);
        } catch (IllegalArgumentException e) {
            throw new StoredValueException("SSM parameter " + parameter.name() + " holds '" + value
                    + "', which is not a capacity: put a positive integer or '" + ScalerEnvironment.NO_DESIRED_CAPACITY
                    + "' in it");
        }
    }

    void write(int capacity) {
        parameter.put(Integer.toString(capacity));
    }

    /**
     * Writes {@code capacity} back to a deleted parameter: false when it exists again (a PATCH or a pause stored a
     * desire since it was read, which must stand).
     */
    boolean recreate(int capacity) {
        return parameter.create(Integer.toString(capacity));
    }

    String parameterName() {
        return parameter.name();
    }

    /** The parameter was changed by hand to something the scaler cannot read. */
    static final class StoredValueException extends RuntimeException {
        StoredValueException(String message) {
            super(message);
        }
    }
}
