package io.github.kdastepscaling.policy;

import java.util.List;

/**
 * The retention's verdict on every snapshot of the application, newest first.
 *
 * @param verdicts one per snapshot listed
 */
public record RetentionPlan(List<SnapshotVerdict> verdicts) {

    public RetentionPlan {
        verdicts = List.copyOf(verdicts);
    }

    /** @return the snapshots to delete, newest first */
    public List<SnapshotVerdict> toDelete() {
        return verdicts.stream().filter(SnapshotVerdict::delete).toList();
    }

    /** @return the snapshots to keep, newest first */
    public List<SnapshotVerdict> toKeep() {
        return verdicts.stream().filter(v -> !v.delete()).toList();
    }
}
