package io.github.kdastepscaling.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * A rescale the scaler submitted, as it records it: what lets it tell the snapshot the service took for that
 * rescale from a team's own snapshots, without relying on snapshot names (the service documents none).
 *
 * @param versionAfterUpdate the {@code ApplicationVersionId} UpdateApplication created
 * @param submittedAt        the scaler's clock just before it sent UpdateApplication: the service can only take the
 *                           update's snapshot after this instant
 */
public record RecordedRescale(long versionAfterUpdate, Instant submittedAt) {

    public RecordedRescale {
        Objects.requireNonNull(submittedAt, "submittedAt");
        if (versionAfterUpdate < 1) {
            throw new IllegalArgumentException("versionAfterUpdate (" + versionAfterUpdate + ") must be >= 1");
        }
    }
}
