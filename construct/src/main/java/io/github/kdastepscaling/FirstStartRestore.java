package io.github.kdastepscaling;

/** What the first start of a created application restores ({@code ApplicationRestoreType}). */
public enum FirstStartRestore {
    /** Start without state: a new application has no snapshot yet. */
    SKIP_RESTORE_FROM_SNAPSHOT,
    /** Restore the latest snapshot, for an application replaced with snapshots kept. */
    RESTORE_FROM_LATEST_SNAPSHOT
}
