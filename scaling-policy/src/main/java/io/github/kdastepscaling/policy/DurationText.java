package io.github.kdastepscaling.policy;

import java.time.Duration;

/** A duration in the largest whole unit that fits, for messages: {@code 7 d}, {@code 36 h}, {@code 90 min}. */
final class DurationText {

    private DurationText() {}

    static String of(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds != 0 && seconds % 86_400 == 0) {
            return seconds / 86_400 + " d";
        }
        if (seconds != 0 && seconds % 3_600 == 0) {
            return seconds / 3_600 + " h";
        }
        if (seconds != 0 && seconds % 60 == 0) {
            return seconds / 60 + " min";
        }
        return seconds + " s";
    }
}
