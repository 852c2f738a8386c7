package io.github.kdastepscaling.lambda;

import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What a decision knows of the last rescale submitted ({@link RescaleAttempts}): read, unread (the application was
 * not RUNNING, so no rescale could be due), or unreadable (the read failed; a rescale then cannot be decided, while
 * an application already at its desire is answered all the same).
 */
sealed interface RescaleRecord {

    /** Not read: nothing in the decision needs it. */
    RescaleRecord NOT_READ = new NotRead();

    static RescaleRecord of(Optional<RescaleAttempts.Attempt> last) {
        return new Known(last);
    }

    static RescaleRecord none() {
        return new Known(Optional.empty());
    }

    /** @param last the last attempt, or empty when none was recorded or the record was not trusted */
    record Known(Optional<RescaleAttempts.Attempt> last) implements RescaleRecord {}

    /** @param cause why the read failed, after the SDK's retries */
    record Unreadable(SdkException cause) implements RescaleRecord {}

    /** Not read. */
    record NotRead() implements RescaleRecord {}
}
