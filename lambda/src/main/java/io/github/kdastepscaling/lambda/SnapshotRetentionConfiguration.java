package io.github.kdastepscaling.lambda;

import io.github.kdastepscaling.policy.SnapshotRetention;

/**
 * The snapshot retention the construct configured: where the scaler records its rescales, and how many and how old
 * of the snapshots they caused to keep.
 *
 * @param historyParameterName the SSM parameter of the {@link RescaleHistory}
 * @param retention            how many and how old
 */
public record SnapshotRetentionConfiguration(String historyParameterName, SnapshotRetention retention) {}
