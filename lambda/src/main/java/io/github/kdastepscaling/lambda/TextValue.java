package io.github.kdastepscaling.lambda;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A setting given as text (an environment variable, a custom resource's property) read as a value. The callers
 * name the setting and its value in their own error; this only says whether the text is usable.
 */
public final class TextValue {

    private TextValue() {}

    /**
     * {@code text} read with {@code parse}, or empty when {@code parse} refuses it (an IllegalArgumentException, such
     * as a NumberFormatException) or {@code accept} does not accept what it read.
     */
    public static <T> Optional<T> parse(String text, Function<String, T> parse, Predicate<T> accept) {
        try {
            T value = parse.apply(text);
            return accept.test(value) ? Optional.of(value) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
