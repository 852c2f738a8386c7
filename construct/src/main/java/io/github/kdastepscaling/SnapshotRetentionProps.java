package io.github.kdastepscaling;

import software.amazon.awscdk.Duration;

/**
 * The snapshot retention: with snapshots on, Managed Service for Apache Flink snapshots the application on every
 * rescale and never deletes a snapshot, and automatic snapshots count toward the per-application quota. The scaler
 * keeps the snapshots its own rescales caused within {@link #getKeepCount()} and {@link #getMaxAge()}; it never
 * deletes the newest snapshot, the newest READY one, one it did not cause (your manual snapshots) or one not READY.
 * On by default. Build with {@link #builder()}; an unset property takes its default.
 */
public final class SnapshotRetentionProps {

    private final Boolean enabled;
    private final Number keepCount;
    private final Duration maxAge;

    private SnapshotRetentionProps(Builder b) {
        this.enabled = b.enabled;
        this.keepCount = b.keepCount;
        this.maxAge = b.maxAge;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The retention turned off: the scaler records no rescale and deletes no snapshot. */
    public static SnapshotRetentionProps disabled() {
        return builder().enabled(false).build();
    }

    /**
     * Whether the scaler prunes the snapshots its rescales caused.
     *
     * @default true
     */
    public Boolean getEnabled() {
        return enabled;
    }

    /**
     * How many of the scaler's own snapshots to keep, 1 to 50.
     *
     * @default 10
     */
    public Number getKeepCount() {
        return keepCount;
    }

    /**
     * The age beyond which the scaler's own snapshots are deleted (the newest is always kept), one hour to 365 days.
     *
     * @default - no age limit
     */
    public Duration getMaxAge() {
        return maxAge;
    }

    /** Collects the properties; {@link KdaStepScaling} validates them. */
    public static final class Builder {
        private Boolean enabled;
        private Number keepCount;
        private Duration maxAge;

        private Builder() {}

        /** @see SnapshotRetentionProps#getEnabled() */
        public Builder enabled(Boolean value) {
            this.enabled = value;
            return this;
        }

        /** @see SnapshotRetentionProps#getKeepCount() */
        public Builder keepCount(Number value) {
            this.keepCount = value;
            return this;
        }

        /** @see SnapshotRetentionProps#getMaxAge() */
        public Builder maxAge(Duration value) {
            this.maxAge = value;
            return this;
        }

        public SnapshotRetentionProps build() {
            return new SnapshotRetentionProps(this);
        }
    }
}
