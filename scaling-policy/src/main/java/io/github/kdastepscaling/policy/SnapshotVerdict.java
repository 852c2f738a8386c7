package io.github.kdastepscaling.policy;

import java.util.Objects;

/**
 * What the retention decided for one snapshot, and why, in words the decision log can print.
 *
 * @param snapshot the snapshot
 * @param delete   true to delete it now
 * @param reason   why it is deleted or kept
 */
public record SnapshotVerdict(ApplicationSnapshot snapshot, boolean delete, String reason) {

    public SnapshotVerdict {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(reason, "reason");
    }

    /** @return {@code delete NAME: REASON} or {@code keep NAME: REASON} */
    @Override
    public String toString() {
        return (delete ? "delete " : "keep ") + snapshot.name() + ": " + reason;
    }
}
