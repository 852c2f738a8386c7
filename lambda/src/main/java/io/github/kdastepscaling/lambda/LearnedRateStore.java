package io.github.kdastepscaling.lambda;

import io.github.kdastepscaling.contract.ScalerEnvironment;
import io.github.kdastepscaling.policy.rate.LearnedRate;

/**
 * The rate estimator's state between reconciles, kept in an SSM String parameter as {@link LearnedRate#text()}
 * ({@code none} before the first estimate). Every call reads it (the thresholds follow the learned rate); only the
 * scheduled reconcile writes it.
 */
final class LearnedRateStore {

    private final SsmParameter parameter;

    LearnedRateStore(SsmParameter parameter) {
        this.parameter = parameter;
    }

    /**
     * What the parameter holds: the state, none, or a value that does not parse (edited by hand), which is reported
     * and read as none, so learning starts over from the configured rate rather than stopping.
     *
     * @throws software.amazon.awssdk.core.exception.SdkException when the parameter cannot be read
     */
    StoredRate read() {
        String value =
                parameter.value().orElse(ScalerEnvironment.NO_DESIRED_CAPACITY).trim();
        if (value.equals(ScalerEnvironment.NO_DESIRED_CAPACITY)) {
            return StoredRate.NONE;
        }
        try {
            return new StoredRate(LearnedRate.parse(value), null);
        } catch (IllegalArgumentException e) {
            return new StoredRate(
                    null,
                    "SSM parameter " + parameter.name() + " holds no learned rate the scaler can " + "read ("
                            + e.getMessage() + ")");
        }
    }

    void write(LearnedRate state) {
        parameter.put(state.text());
    }

    String parameterName() {
        return parameter.name();
    }

    /**
     * The stored state as read.
     *
     * @param state   the state, or null before the first estimate or when the value did not parse
     * @param problem why the value was not used, or null
     */
    record StoredRate(LearnedRate state, String problem) {
        static final StoredRate NONE = new StoredRate(null, null);
    }
}
