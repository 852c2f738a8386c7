package io.github.kdastepscaling.lambda;

import java.util.Optional;

/**
 * One SSM String parameter the scaler keeps state in: its name and the client that reads and writes it. Each store
 * ({@link DesiredCapacityStore}, {@link RescaleAttempts}, {@link LearnedRateStore}, {@link RescaleHistory}) owns one
 * and says what its value means.
 */
record SsmParameter(SsmParameterClient client, String name) {

    /** The value, or empty when the parameter does not exist. */
    Optional<String> value() {
        return client.getParameter(name);
    }

    /** Creates or overwrites the parameter. */
    void put(String value) {
        client.putParameter(name, value);
    }

    /** Creates the parameter unless it exists: false when it does ({@link SsmParameterClient#createParameter}). */
    boolean create(String value) {
        return client.createParameter(name, value);
    }
}
