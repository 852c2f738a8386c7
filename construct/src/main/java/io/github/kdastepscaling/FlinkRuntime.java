package io.github.kdastepscaling;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The Flink runtime of the application ({@code RuntimeEnvironment}), like the Managed Flink L2's {@code Runtime}:
 * constants for the versions this library knows, {@link #of(String)} for one it does not know yet.
 *
 * <p>Named {@code FlinkRuntime} rather than {@code Runtime} because a CDK app in Java usually sees two others:
 * {@code java.lang.Runtime}, imported implicitly, and aws-cdk-lib's Lambda {@code Runtime}.
 */
public final class FlinkRuntime {

    private static final Pattern VALUE = Pattern.compile("FLINK-\\d+_\\d+");

    public static final FlinkRuntime FLINK_1_15 = new FlinkRuntime("FLINK-1_15");
    public static final FlinkRuntime FLINK_1_18 = new FlinkRuntime("FLINK-1_18");
    public static final FlinkRuntime FLINK_1_19 = new FlinkRuntime("FLINK-1_19");
    public static final FlinkRuntime FLINK_1_20 = new FlinkRuntime("FLINK-1_20");
    public static final FlinkRuntime FLINK_2_2 = new FlinkRuntime("FLINK-2_2");

    private final String value;

    private FlinkRuntime(String value) {
        this.value = value;
    }

    /**
     * A runtime by its {@code RuntimeEnvironment} value, e.g. {@code FLINK-2_3}, for versions newer than this
     * library's constants.
     *
     * @throws IllegalArgumentException when the value is not of the form {@code FLINK-major_minor}
     */
    public static FlinkRuntime of(String value) {
        if (value == null || !VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("applicationProps.runtime (" + value + ") must be a Flink runtime "
                    + "such as FLINK-1_20: this construct scales Managed Service for Apache Flink applications only");
        }
        return new FlinkRuntime(value);
    }

    /** The {@code RuntimeEnvironment} value. */
    public String getValue() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FlinkRuntime runtime && runtime.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
