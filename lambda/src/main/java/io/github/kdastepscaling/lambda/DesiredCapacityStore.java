package io.github.kdastepscaling.lambda;

import io.github.kdastepscaling.contract.ScalerEnvironment;
import java.util.OptionalInt;

/**
 * The last desired capacity accepted, kept in an SSM String parameter as a plain integer.
 *
 * <p>The desire must outlive the call that carried it: a PATCH that arrives while the application is busy is
 * applied by a later call, possibly in another execution environment.
 */
final class DesiredCapacityStore {

    private final SsmParameterClient client;
    private final String parameterName;

    DesiredCapacityStore(SsmParameterClient client, String parameterName) {
        this.client = client;
        this.parameterName = parameterName;
    }

    /**
     * The stored desired capacity, or empty when none was ever asked for (the construct's initial value, or a
     * parameter deleted by hand).
     *
     * @throws StoredValueException when the parameter holds something other than a capacity
     */
    OptionalInt read() {
        String value = client.getParameter(parameterName).orElse(ScalerEnvironment.NO_DESIRED_CAPACITY);
        try {
            return ScalerEnvironment.parseStoredCapacity(value);
        } catch (IllegalArgumentException e) {
            throw new StoredValueException("SSM parameter " + parameterName + " holds '" + value
                    + "', which is not a capacity: put a positive integer or '" + ScalerEnvironment.NO_DESIRED_CAPACITY
                    + "' in it");
        }
    }

    void write(int capacity) {
        client.putParameter(parameterName, Integer.toString(capacity));
    }

    String parameterName() {
        return parameterName;
    }

    /** The parameter was changed by hand to something the scaler cannot read. */
    static final class StoredValueException extends RuntimeException {
        StoredValueException(String message) {
            super(message);
        }
    }
}
