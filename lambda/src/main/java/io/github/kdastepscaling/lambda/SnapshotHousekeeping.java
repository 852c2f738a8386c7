package io.github.kdastepscaling.lambda;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Runs the snapshot retention from the scheduled reconcile, after the decision: while the application is RUNNING,
 * once an hour per execution environment, and also right after a rescale took (its snapshot is then READY). Not every
 * minute: listing every snapshot each minute would cost calls for nothing, since snapshots only appear with
 * rescales. What it did goes on the decision's log line ({@link SnapshotPruneReport#lines()}) and in the
 * {@code SnapshotsDeleted} metric. It never throws and never runs before the decision: a failure here costs at most
 * some snapshots kept until the next run.
 */
final class SnapshotHousekeeping {

    /** How often the retention runs while nothing else prompts it. */
    static final Duration INTERVAL = Duration.ofHours(1);

    private final SnapshotPruner pruner;
    private final RescaleHistory history;
    private final Clock clock;
    private Instant lastRun;

    SnapshotHousekeeping(SnapshotPruner pruner, RescaleHistory history, Clock clock) {
        this.pruner = pruner;
        this.history = history;
        this.clock = clock;
    }

    /** Prunes when due; says what it did in {@code decision}. */
    synchronized void afterReconcile(Decision decision) {
        ApplicationState seen = decision.seen();
        if (seen == null || !seen.isRunning()) {
            return;
        }
        Instant now = clock.instant();
        boolean due = lastRun == null || !now.isBefore(lastRun.plus(INTERVAL)) || decision.hasSeenRescaleTake();
        if (!due) {
            return;
        }
        lastRun = now;
        SnapshotPruneReport report;
        try {
            report = pruner.prune(history, now);
        } catch (RuntimeException e) {
            // The pruner reports AWS failures as values; anything else is a bug, which must not fail the reconcile.
            decision.did("snapshot retention: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "; no further snapshot deleted in this run");
            return;
        }
        report.lines().forEach(decision::did);
        decision.snapshotsDeleted(report.snapshotsDeleted());
    }
}
