package io.github.kdastepscaling.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which snapshots the scaler may call its own: by version and time, never by name. */
class ScalerSnapshotsTest {

    private static final Instant T = Instant.parse("2026-12-04T10:00:00Z");

    private static ApplicationSnapshot at(String name, long version, Duration afterT) {
        return new ApplicationSnapshot(name, "READY", version, T.plus(afterT));
    }

    private static Set<String> claimed(List<ApplicationSnapshot> snapshots, RecordedRescale... rescales) {
        return ScalerSnapshots.withDefaultWindow().createdByScaler(snapshots, List.of(rescales));
    }

    @Test
    void claimsTheFirstSnapshotAfterTheUpdateWithTheVersionItCreatedOrTheOneBefore() {
        RecordedRescale rescale = new RecordedRescale(8, T);

        assertEquals(Set.of("a"), claimed(List.of(at("a", 8, Duration.ofSeconds(5))), rescale));
        assertEquals(Set.of("b"), claimed(List.of(at("b", 7, Duration.ofSeconds(5))), rescale));
    }

    @Test
    void aManualSnapshotBeforeTheUpdateOrAfterItsSnapshotIsNotClaimed() {
        List<ApplicationSnapshot> snapshots = List.of(
                at("manual-before", 7, Duration.ofSeconds(-1)),
                at("auto", 8, Duration.ofSeconds(20)),
                at("manual-after", 8, Duration.ofMinutes(10)));

        assertEquals(Set.of("auto"), claimed(snapshots, new RecordedRescale(8, T)));
    }

    @Test
    void claimsNothingWhenTheFirstSnapshotAfterTheUpdateHasAnotherVersion() {
        // Snapshots off during that rescale, say: the first snapshot after it is someone else's, and so is the next.
        List<ApplicationSnapshot> snapshots =
                List.of(at("other-version", 12, Duration.ofMinutes(2)), at("manual-later", 8, Duration.ofMinutes(3)));

        assertEquals(Set.of(), claimed(snapshots, new RecordedRescale(8, T)));
    }

    @Test
    void claimsNothingOutsideTheWindow() {
        assertEquals(Set.of(), claimed(List.of(at("late", 8, Duration.ofHours(2))), new RecordedRescale(8, T)));
        assertEquals(
                Set.of("late"),
                ScalerSnapshots.withWindow(Duration.ofHours(3))
                        .createdByScaler(
                                List.of(at("late", 8, Duration.ofHours(2))), List.of(new RecordedRescale(8, T))));
    }

    @Test
    void oneSnapshotPerRescaleAndOneRescalePerSnapshot() {
        List<ApplicationSnapshot> snapshots = List.of(
                at("auto-8", 8, Duration.ofSeconds(10)),
                at("manual-8", 8, Duration.ofMinutes(20)),
                at("auto-9", 9, Duration.ofMinutes(30)),
                at("auto-10", 10, Duration.ofMinutes(40)));

        assertEquals(
                Set.of("auto-8", "auto-9", "auto-10"),
                claimed(
                        snapshots,
                        new RecordedRescale(10, T.plus(Duration.ofMinutes(39))),
                        new RecordedRescale(8, T),
                        new RecordedRescale(9, T.plus(Duration.ofMinutes(29)))));
    }

    @Test
    void twoRescalesNeverClaimTheSameSnapshot() {
        // A second rescale recorded before the first one's snapshot: the earlier rescale claims it, the later none.
        List<ApplicationSnapshot> snapshots = List.of(at("auto-8", 8, Duration.ofSeconds(30)));

        assertEquals(
                Set.of("auto-8"),
                claimed(snapshots, new RecordedRescale(8, T), new RecordedRescale(9, T.plus(Duration.ofSeconds(10)))));
    }

    @Test
    void failsOnAWindowThatIsNotPositive() {
        assertEquals(
                "window (PT0S) must be positive",
                assertThrows(IllegalArgumentException.class, () -> ScalerSnapshots.withWindow(Duration.ZERO))
                        .getMessage());
        assertEquals(
                "versionAfterUpdate (0) must be >= 1",
                assertThrows(IllegalArgumentException.class, () -> new RecordedRescale(0, T))
                        .getMessage());
    }
}
