package io.github.kdastepscaling.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The retention's decisions as a table: snapshots in, a verdict and a reason per snapshot out. */
class SnapshotRetentionTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    private static ApplicationSnapshot snapshot(String name, String status, int hoursAgo) {
        return new ApplicationSnapshot(name, status, 1, NOW.minus(Duration.ofHours(hoursAgo)));
    }

    private static ApplicationSnapshot ready(String name, int hoursAgo) {
        return snapshot(name, "READY", hoursAgo);
    }

    /** name -> "delete: reason" or "keep: reason". */
    private static Map<String, String> verdicts(RetentionPlan plan) {
        return plan.verdicts().stream()
                .collect(Collectors.toMap(
                        v -> v.snapshot().name(),
                        v -> (v.delete() ? "delete: " : "keep: ") + v.reason(),
                        (a, b) -> a,
                        TreeMap::new));
    }

    @Test
    void keepsTheNewestAndForeignSnapshotsAndDeletesTheScalersBeyondTheCount() {
        List<ApplicationSnapshot> snapshots = List.of(
                ready("auto-1", 50),
                ready("auto-2", 40),
                ready("manual-before-release", 35),
                ready("auto-3", 30),
                ready("auto-4", 20),
                ready("auto-5", 10),
                ready("manual-latest", 1));
        Set<String> ours = Set.of("auto-1", "auto-2", "auto-3", "auto-4", "auto-5");

        RetentionPlan plan = SnapshotRetention.builder().keepCount(2).build().plan(snapshots, ours, NOW);

        assertEquals(
                Map.of(
                        "manual-latest",
                        "keep: the application's newest snapshot (never deleted, whoever made it)",
                        "auto-5",
                        "keep: within the retention: the scaler's 1st newest snapshot of at most 2",
                        "auto-4",
                        "keep: within the retention: the scaler's 2nd newest snapshot of at most 2",
                        "auto-3",
                        "delete: beyond the retention: the scaler's 3rd newest snapshot, keepCount 2",
                        "manual-before-release",
                        "keep: not taken for one of the scaler's rescales (a manual or another tool's snapshot)",
                        "auto-2",
                        "delete: beyond the retention: the scaler's 4th newest snapshot, keepCount 2",
                        "auto-1",
                        "delete: beyond the retention: the scaler's 5th newest snapshot, keepCount 2"),
                verdicts(plan));
        assertEquals(
                List.of("auto-3", "auto-2", "auto-1"),
                plan.toDelete().stream().map(v -> v.snapshot().name()).toList(),
                "newest first");
    }

    @Test
    void neverDeletesTheNewestSnapshotEvenWhenItIsTheScalersAndBeyondTheAge() {
        RetentionPlan plan = SnapshotRetention.builder()
                .keepCount(1)
                .maxAge(Duration.ofHours(1))
                .build()
                .plan(List.of(ready("auto-1", 48), ready("auto-2", 24)), Set.of("auto-1", "auto-2"), NOW);

        assertEquals(
                Map.of(
                        "auto-2", "keep: the application's newest snapshot (never deleted, whoever made it)",
                        "auto-1", "delete: beyond the retention: the scaler's 2nd newest snapshot, keepCount 1"),
                verdicts(plan));
    }

    @Test
    void keepsTheNewestReadySnapshotWhenTheNewestIsNotReady() {
        RetentionPlan plan = SnapshotRetention.builder()
                .keepCount(1)
                .build()
                .plan(
                        List.of(
                                ready("auto-1", 30),
                                ready("auto-2", 20),
                                snapshot("auto-3", "FAILED", 10),
                                snapshot("auto-4", "CREATING", 0)),
                        Set.of("auto-1", "auto-2", "auto-3", "auto-4"),
                        NOW);

        assertEquals(
                Map.of(
                        "auto-4", "keep: the application's newest snapshot (never deleted, whoever made it)",
                        "auto-3", "keep: status FAILED, not READY",
                        "auto-2",
                                "keep: the application's newest READY snapshot (what a restore from the latest snapshot"
                                        + " uses)",
                        "auto-1", "delete: beyond the retention: the scaler's 2nd newest snapshot, keepCount 1"),
                verdicts(plan));
    }

    @Test
    void neverDeletesASnapshotThatIsNotReady() {
        RetentionPlan plan = SnapshotRetention.builder()
                .keepCount(1)
                .build()
                .plan(
                        List.of(
                                snapshot("deleting", "DELETING", 40), snapshot("failed", "FAILED", 30),
                                snapshot("creating", "CREATING", 20), ready("auto-new", 1)),
                        Set.of("deleting", "failed", "creating", "auto-new"),
                        NOW);

        assertEquals(List.of(), plan.toDelete());
        assertEquals("keep: status DELETING, not READY", verdicts(plan).get("deleting"));
        assertEquals("keep: status CREATING, not READY", verdicts(plan).get("creating"));
    }

    @Test
    void deletesTheScalersSnapshotsOlderThanTheMaximumAgeWithinTheCount() {
        RetentionPlan plan = SnapshotRetention.builder()
                .keepCount(10)
                .maxAge(Duration.ofDays(7))
                .build()
                .plan(
                        List.of(
                                ready("auto-old", 24 * 8),
                                ready("auto-recent", 24 * 6),
                                ready("manual-old", 24 * 30),
                                ready("auto-newest", 1)),
                        Set.of("auto-old", "auto-recent", "auto-newest"),
                        NOW);

        assertEquals(
                Map.of(
                        "auto-newest",
                        "keep: the application's newest snapshot (never deleted, whoever made it)",
                        "auto-recent",
                        "keep: within the retention: the scaler's 2nd newest snapshot of at most 10, "
                                + "younger than maxAge (7 d)",
                        "auto-old",
                        "delete: older than maxAge (7 d): created 8 d ago",
                        "manual-old",
                        "keep: not taken for one of the scaler's rescales (a manual or another tool's " + "snapshot)"),
                verdicts(plan));
    }

    @Test
    void deletesAtMostTenPerRunAndSaysTheRestWait() {
        List<ApplicationSnapshot> snapshots = new ArrayList<>();
        for (int i = 1; i <= 15; i++) {
            snapshots.add(ready("auto-" + i, 100 - i));
        }
        Set<String> ours = snapshots.stream().map(ApplicationSnapshot::name).collect(Collectors.toSet());

        RetentionPlan plan = SnapshotRetention.builder().keepCount(1).build().plan(snapshots, ours, NOW);

        assertEquals(SnapshotRetention.MAX_DELETIONS_PER_RUN, plan.toDelete().size());
        assertEquals(
                "keep: deferred to a later run (at most 10 deletions per run): beyond the retention: the "
                        + "scaler's 15th newest snapshot, keepCount 1",
                verdicts(plan).get("auto-1"));
        assertEquals(
                "delete: beyond the retention: the scaler's 11th newest snapshot, keepCount 1",
                verdicts(plan).get("auto-5"));
    }

    @Test
    void nothingToDoWithoutSnapshotsOrWithoutScalerSnapshots() {
        assertEquals(
                List.of(),
                SnapshotRetention.defaults().plan(List.of(), Set.of(), NOW).verdicts());
        RetentionPlan foreignOnly = SnapshotRetention.builder()
                .keepCount(1)
                .build()
                .plan(List.of(ready("a", 3), ready("b", 2), ready("c", 1)), Set.of(), NOW);
        assertTrue(foreignOnly.toDelete().isEmpty());
        assertEquals(3, foreignOnly.toKeep().size());
    }

    @Test
    void theDefaultsKeepTenSnapshotsWithoutAnAgeLimit() {
        assertEquals(10, SnapshotRetention.defaults().keepCount());
        assertTrue(SnapshotRetention.defaults().maxAge().isEmpty());
    }

    @Test
    void failsOnAKeepCountOutOfRange() {
        assertEquals(
                "snapshotRetention.keepCount (0) must be between 1 and 50",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> SnapshotRetention.builder().keepCount(0).build())
                        .getMessage());
        assertEquals(
                "snapshotRetention.keepCount (51) must be between 1 and 50",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> SnapshotRetention.builder().keepCount(51).build())
                        .getMessage());
    }

    @Test
    void failsOnAMaximumAgeOutOfRange() {
        assertEquals(
                "snapshotRetention.maxAge (1800 s) must be between 3600 s (one hour) and 31536000 s (365 days)",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> SnapshotRetention.builder()
                                        .maxAge(Duration.ofMinutes(30))
                                        .build())
                        .getMessage());
        assertEquals(
                "snapshotRetention.maxAge (31622400 s) must be between 3600 s (one hour) and 31536000 s "
                        + "(365 days)",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> SnapshotRetention.builder()
                                        .maxAge(Duration.ofDays(366))
                                        .build())
                        .getMessage());
    }
}
