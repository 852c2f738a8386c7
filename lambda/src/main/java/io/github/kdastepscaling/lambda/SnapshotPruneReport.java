package io.github.kdastepscaling.lambda;

import io.github.kdastepscaling.policy.SnapshotVerdict;
import java.util.ArrayList;
import java.util.List;

/**
 * What one run of {@link SnapshotPruner} did: the snapshots it deleted and kept, each with the reason, and what
 * failed. A value, never an exception: the decision log prints it and the reconcile carries on.
 *
 * @param listed   how many snapshots the application had when listed (0 when listing failed)
 * @param deleted  the snapshots deleted in this run, with why
 * @param kept     the snapshots kept, with why
 * @param failures one line per failure (an AWS call that failed after the SDK's retries); empty when all went well
 */
public record SnapshotPruneReport(
        int listed, List<SnapshotVerdict> deleted, List<SnapshotVerdict> kept, List<String> failures) {

    public SnapshotPruneReport {
        deleted = List.copyOf(deleted);
        kept = List.copyOf(kept);
        failures = List.copyOf(failures);
    }

    static SnapshotPruneReport failedBeforeDeleting(String failure) {
        return new SnapshotPruneReport(0, List.of(), List.of(), List.of(failure));
    }

    /** The value of the {@code SnapshotsDeleted} metric for this run. */
    public int snapshotsDeleted() {
        return deleted.size();
    }

    /** Whether an AWS call failed during the run. */
    public boolean failed() {
        return !failures.isEmpty();
    }

    /** One line per failure, then one per deletion, for the decision log's {@code done} list. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        failures.forEach(failure -> lines.add("snapshot retention: " + failure));
        for (SnapshotVerdict verdict : deleted) {
            lines.add("snapshot retention: deleted " + verdict.snapshot().name() + " (created "
                    + verdict.snapshot().createdAt() + ", version "
                    + verdict.snapshot().applicationVersionId()
                    + "): " + verdict.reason());
        }
        if (failures.isEmpty() || listed > 0) {
            lines.add("snapshot retention: " + listed + " snapshots listed, " + deleted.size() + " deleted, "
                    + kept.size() + " kept");
        }
        return lines;
    }
}
