package io.github.kdastepscaling.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * One snapshot of a Managed Service for Apache Flink application, as {@code ListApplicationSnapshots} and
 * {@code DescribeApplicationSnapshot} report it ({@code SnapshotDetails}).
 *
 * @param name                 {@code SnapshotName}: unique within the application; the service documents no naming
 *                             scheme for the snapshots it takes itself, so nothing here relies on the name
 * @param status               {@code SnapshotStatus}: {@code CREATING}, {@code READY}, {@code DELETING} or
 *                             {@code FAILED} (kept as text: a value the API adds later must not break the scaler)
 * @param applicationVersionId {@code ApplicationVersionId}: the application version when the snapshot was created
 * @param createdAt            {@code SnapshotCreationTimestamp}: also the key DeleteApplicationSnapshot requires
 */
public record ApplicationSnapshot(String name, String status, long applicationVersionId, Instant createdAt) {

    /** The only status in which a snapshot can be restored, and the only one the retention ever deletes. */
    public static final String READY = "READY";

    public ApplicationSnapshot {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** @return whether the snapshot is {@code READY} */
    public boolean ready() {
        return READY.equals(status);
    }
}
