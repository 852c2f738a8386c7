package io.github.kdastepscaling.policy;

import java.util.Locale;

/**
 * The enums that mirror a CloudWatch setting name their constants as CloudWatch does, in upper snake case: CloudWatch's
 * name is the constant's in camel case ({@code GREATER_THAN_THRESHOLD}, {@code GreaterThanThreshold};
 * {@code NOT_BREACHING}, {@code notBreaching}).
 */
final class CloudWatchName {

    private CloudWatchName() {}

    /** CloudWatch's name of {@code constant}, starting with a capital when {@code capitalized}. */
    static String of(Enum<?> constant, boolean capitalized) {
        StringBuilder name = new StringBuilder();
        for (String word : constant.name().toLowerCase(Locale.ROOT).split("_")) {
            boolean first = name.length() == 0;
            name.append(first && !capitalized ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return name.toString();
    }

    /** The constant of {@code constants} CloudWatch names {@code name}, or null when none is. */
    static <E extends Enum<E>> E find(E[] constants, boolean capitalized, String name) {
        for (E constant : constants) {
            if (of(constant, capitalized).equals(name)) {
                return constant;
            }
        }
        return null;
    }
}
