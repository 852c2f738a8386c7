package io.github.kdastepscaling.lambda;

/** A missing or malformed environment variable; every call fails with its message until the function is fixed. */
public final class ConfigurationException extends RuntimeException {

    public ConfigurationException(String message) {
        super(message);
    }
}
