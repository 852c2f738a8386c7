package io.github.kdastepscaling.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How many of the snapshots the service takes for the scaler's rescales are kept, and for how long.
 *
 * <p>With snapshots enabled, Managed Service for Apache Flink snapshots the application on every update, so on every
 * rescale; it "never deletes snapshots", those automatic snapshots count toward the per-application snapshot quota,
 * and once the quota is reached a team's own {@code CreateApplicationSnapshot} fails with
 * {@code LimitExceededException} (<a href="https://docs.aws.amazon.com/managed-flink/latest/java/how-snapshots.html">
 * Manage application backups using snapshots</a>; the quota itself: <a
 * href="https://docs.aws.amazon.com/managed-flink/latest/java/limits.html">quotas</a>). A job that rescales often
 * fills the quota in days.
 *
 * <p>{@link #plan} deletes only what is safe to lose: a {@code READY} snapshot the scaler's own rescale caused (see
 * {@link ScalerSnapshots}) that is beyond the {@link #keepCount()} newest such snapshots or older than
 * {@link #maxAge()}. It never deletes the application's newest snapshot (whoever made it), its newest {@code READY}
 * one (what a restore from the latest snapshot needs), a snapshot it cannot attribute to a rescale of its own (a
 * team's manual snapshot, say), or one that is not {@code READY}; and it deletes at most
 * {@link #MAX_DELETIONS_PER_RUN} in one run, so a backlog is worked off over several reconciles without making one
 * run long.
 */
public final class SnapshotRetention {

    /** The default {@link #keepCount()}: a day's worth of rescales for most jobs, far below the snapshot quota. */
    public static final int DEFAULT_KEEP_COUNT = 10;
    /** The most {@link #keepCount()} may be: the scaler remembers twice as many rescales to attribute snapshots. */
    public static final int MAX_KEEP_COUNT = 50;
    /** The least {@link #maxAge()} may be: a younger snapshot may be the one a restart is restoring from. */
    public static final Duration MIN_MAX_AGE = Duration.ofHours(1);
    /** The most {@link #maxAge()} may be. */
    public static final Duration MAX_MAX_AGE = Duration.ofDays(365);
    /** The most deletions one run makes; the rest wait for the next run. */
    public static final int MAX_DELETIONS_PER_RUN = 10;

    private final int keepCount;
    private final Duration maxAge;

    private SnapshotRetention(int keepCount, Duration maxAge) {
        this.keepCount = keepCount;
        this.maxAge = maxAge;
    }

    /** {@link #DEFAULT_KEEP_COUNT} snapshots, no age limit. */
    public static SnapshotRetention defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How many of the scaler's own snapshots are kept, newest first. */
    public int keepCount() {
        return keepCount;
    }

    /** The age beyond which the scaler's own snapshots are deleted even within the count; empty for no age limit. */
    public Optional<Duration> maxAge() {
        return Optional.ofNullable(maxAge);
    }

    /**
     * Decides, for every snapshot of the application, whether to delete it now.
     *
     * @param snapshots      every snapshot of the application, in any order (every page of ListApplicationSnapshots)
     * @param createdByScaler the names of the snapshots the scaler's rescales caused ({@link ScalerSnapshots})
     * @param now            the time the ages are measured at
     */
    public RetentionPlan plan(List<ApplicationSnapshot> snapshots, Set<String> createdByScaler, Instant now) {
        List<ApplicationSnapshot> newestFirst = new ArrayList<>(snapshots);
        newestFirst.sort(Comparator.comparing(ApplicationSnapshot::createdAt)
                .reversed()
                .thenComparing(ApplicationSnapshot::name));
        String newest = newestFirst.isEmpty() ? null : newestFirst.get(0).name();
        String newestReady = newestFirst.stream()
                .filter(ApplicationSnapshot::ready)
                .map(ApplicationSnapshot::name)
                .findFirst()
                .orElse(null);
        List<SnapshotVerdict> verdicts = new ArrayList<>();
        int scalerRank = 0;
        int deletions = 0;
        for (ApplicationSnapshot snapshot : newestFirst) {
            boolean ours = createdByScaler.contains(snapshot.name());
            if (ours && snapshot.ready()) {
                scalerRank++;
            }
            String keepReason = keepReason(snapshot, ours, newest, newestReady);
            if (keepReason != null) {
                verdicts.add(new SnapshotVerdict(snapshot, false, keepReason));
                continue;
            }
            String deleteReason = deleteReason(snapshot, scalerRank, now);
            if (deleteReason == null) {
                verdicts.add(new SnapshotVerdict(
                        snapshot,
                        false,
                        "within the retention: the scaler's " + ordinal(scalerRank) + " newest snapshot of at most "
                                + keepCount + ageClause()));
            } else if (deletions >= MAX_DELETIONS_PER_RUN) {
                verdicts.add(new SnapshotVerdict(
                        snapshot,
                        false,
                        "deferred to a later run (at most " + MAX_DELETIONS_PER_RUN + " deletions per run): "
                                + deleteReason));
            } else {
                deletions++;
                verdicts.add(new SnapshotVerdict(snapshot, true, deleteReason));
            }
        }
        return new RetentionPlan(verdicts);
    }

    private static String keepReason(ApplicationSnapshot snapshot, boolean ours, String newest, String newestReady) {
        if (snapshot.name().equals(newest)) {
            return "the application's newest snapshot (never deleted, whoever made it)";
        }
        if (snapshot.name().equals(newestReady)) {
            return "the application's newest READY snapshot (what a restore from the latest snapshot uses)";
        }
        if (!ours) {
            return "not taken for one of the scaler's rescales (a manual or another tool's snapshot)";
        }
        if (!snapshot.ready()) {
            return "status " + snapshot.status() + ", not READY";
        }
        return null;
    }

    private String deleteReason(ApplicationSnapshot snapshot, int scalerRank, Instant now) {
        if (scalerRank > keepCount) {
            return "beyond the retention: the scaler's " + ordinal(scalerRank) + " newest snapshot, keepCount "
                    + keepCount;
        }
        if (maxAge != null && Duration.between(snapshot.createdAt(), now).compareTo(maxAge) > 0) {
            return "older than maxAge (" + DurationText.of(maxAge) + "): created "
                    + DurationText.of(Duration.between(snapshot.createdAt(), now)) + " ago";
        }
        return null;
    }

    private String ageClause() {
        return maxAge == null ? "" : ", younger than maxAge (" + DurationText.of(maxAge) + ")";
    }

    private static String ordinal(int n) {
        int lastTwo = n % 100;
        String suffix = lastTwo >= 11 && lastTwo <= 13
                ? "th"
                : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
        return n + suffix;
    }

    /** Builds a validated {@link SnapshotRetention}. */
    public static final class Builder {
        private int keepCount = DEFAULT_KEEP_COUNT;
        private Duration maxAge;

        private Builder() {}

        /** @param keepCount how many of the scaler's own snapshots to keep, 1 to {@link #MAX_KEEP_COUNT} */
        public Builder keepCount(int keepCount) {
            this.keepCount = keepCount;
            return this;
        }

        /** @param maxAge delete the scaler's own snapshots older than this; null for no age limit */
        public Builder maxAge(Duration maxAge) {
            this.maxAge = maxAge;
            return this;
        }

        /** @throws IllegalArgumentException naming the setting and its value when one is out of range */
        public SnapshotRetention build() {
            if (keepCount < 1 || keepCount > MAX_KEEP_COUNT) {
                throw new IllegalArgumentException(
                        "snapshotRetention.keepCount (" + keepCount + ") must be between 1 and " + MAX_KEEP_COUNT);
            }
            if (maxAge != null && (maxAge.compareTo(MIN_MAX_AGE) < 0 || maxAge.compareTo(MAX_MAX_AGE) > 0)) {
                throw new IllegalArgumentException("snapshotRetention.maxAge (" + maxAge.toSeconds()
                        + " s) must be between " + MIN_MAX_AGE.toSeconds() + " s (one hour) and "
                        + MAX_MAX_AGE.toSeconds() + " s (365 days)");
            }
            return new SnapshotRetention(keepCount, maxAge);
        }
    }
}
