package io.github.kdastepscaling.fakes;

import java.time.Instant;

/**
 * One snapshot of a fake Flink application, as {@code SnapshotDetails} reports it.
 *
 * @param name                 {@code SnapshotName}
 * @param status               {@code CREATING}, {@code READY}, {@code DELETING} or {@code FAILED}
 * @param applicationVersionId the application version when the snapshot was created
 * @param createdAt            {@code SnapshotCreationTimestamp}, to the millisecond
 * @param runtimeEnvironment   the application's runtime then, e.g. {@code FLINK-1_19}
 * @param automatic            true for a snapshot the service took on its own (on an update or a stop); the API does
 *                             not report this, tests may
 */
public record FakeSnapshot(
        String name,
        String status,
        long applicationVersionId,
        Instant createdAt,
        String runtimeEnvironment,
        boolean automatic) {

    FakeSnapshot withStatus(String newStatus) {
        return new FakeSnapshot(name, newStatus, applicationVersionId, createdAt, runtimeEnvironment, automatic);
    }
}
