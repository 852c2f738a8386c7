package io.github.kdastepscaling.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which of an application's snapshots the service took for the scaler's own rescales.
 *
 * <p>Managed Service for Apache Flink snapshots a running application when it is updated, if snapshots are enabled
 * (<a href="https://docs.aws.amazon.com/managed-flink/latest/java/how-snapshots.html">how-snapshots</a>), but it
 * documents no name for those snapshots and {@code SnapshotDetails} says nothing of who asked for one. So the
 * scaler does not go by names: it claims, for each rescale it recorded (see {@link RecordedRescale}), the
 * <em>earliest</em> snapshot created no earlier than the moment it sent the update (and within
 * {@link #window()} after it), if that snapshot's {@code ApplicationVersionId} is the version the update created or the one just
 * before (the API reference only says "the current application version ID when the snapshot was created").
 *
 * <p>Why that is safe: the service takes the update's snapshot as the update starts, while the application is
 * {@code UPDATING}; a team's own {@code CreateApplicationSnapshot} needs a running application, so it can only come
 * before the update was sent (too early) or after the update finished (later than the service's own). At most one
 * snapshot is claimed per rescale, and a snapshot is claimed at most once. A snapshot nobody can attribute is not
 * the scaler's, and the retention never deletes it.
 */
public final class ScalerSnapshots {

    /**
     * How long after the update was sent its snapshot may be dated: generous, because a job with a large state can
     * take many minutes to snapshot, and the earliest-first rule, not the window, is what keeps a team's later
     * snapshots out.
     */
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);

    private final Duration window;

    private ScalerSnapshots(Duration window) {
        this.window = window;
    }

    /** Attribution with {@link #DEFAULT_WINDOW}. */
    public static ScalerSnapshots withDefaultWindow() {
        return new ScalerSnapshots(DEFAULT_WINDOW);
    }

    /** @param window how long after a rescale was sent its snapshot may be dated; positive */
    public static ScalerSnapshots withWindow(Duration window) {
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window (" + window + ") must be positive");
        }
        return new ScalerSnapshots(window);
    }

    public Duration window() {
        return window;
    }

    /**
     * @param snapshots the application's snapshots, in any order
     * @param rescales  the rescales the scaler recorded, in any order
     * @return the names of the snapshots the service took for those rescales
     */
    public Set<String> createdByScaler(List<ApplicationSnapshot> snapshots, List<RecordedRescale> rescales) {
        List<ApplicationSnapshot> byAge = new ArrayList<>(snapshots);
        byAge.sort(Comparator.comparing(ApplicationSnapshot::createdAt).thenComparing(ApplicationSnapshot::name));
        List<RecordedRescale> inOrder = new ArrayList<>(rescales);
        inOrder.sort(Comparator.comparing(RecordedRescale::submittedAt));
        Set<String> claimed = new LinkedHashSet<>();
        for (RecordedRescale rescale : inOrder) {
            Instant from = rescale.submittedAt();
            Instant until = from.plus(window);
            for (ApplicationSnapshot snapshot : byAge) {
                Instant created = snapshot.createdAt();
                if (created.isBefore(from) || claimed.contains(snapshot.name())) {
                    continue;
                }
                if (created.isAfter(until)) {
                    break;
                }
                // The first snapshot after the update was sent is its snapshot or nobody's: never look further.
                long version = snapshot.applicationVersionId();
                if (version == rescale.versionAfterUpdate() || version == rescale.versionAfterUpdate() - 1) {
                    claimed.add(snapshot.name());
                }
                break;
            }
        }
        return claimed;
    }
}
