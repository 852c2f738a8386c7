package io.github.kdastepscaling.lambda;

import io.github.kdastepscaling.contract.ScalerEnvironment;
import io.github.kdastepscaling.policy.RecordedRescale;
import io.github.kdastepscaling.policy.SnapshotRetention;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rescales the scaler submitted with snapshots enabled, newest last, kept in an SSM parameter: what
 * {@link SnapshotPruner} needs to tell the snapshots the service took for them from a team's own (see
 * {@link io.github.kdastepscaling.policy.ScalerSnapshots}).
 *
 * <p>The value is {@code VERSION@EPOCH_MILLIS} entries separated by spaces, at most {@link #CAPACITY} of them (about
 * 3.3 KB, within a standard parameter's 4 KB): twice the most snapshots the retention can keep, so every snapshot it
 * keeps and the ones just beyond it can still be attributed. A rescale that falls off the end can no longer be told
 * apart from a manual snapshot, so its snapshot is kept: losing history only ever keeps more.
 */
final class RescaleHistory {

    /** The most rescales remembered. */
    static final int CAPACITY = 2 * SnapshotRetention.MAX_KEEP_COUNT;

    private static final Pattern ENTRY = Pattern.compile("(\\d{1,18})@(\\d{1,15})");

    private final SsmParameter parameter;

    RescaleHistory(SsmParameter parameter) {
        this.parameter = parameter;
    }

    String parameterName() {
        return parameter.name();
    }

    /**
     * The recorded rescales, oldest first; empty when none was recorded. An entry that does not parse is skipped:
     * the snapshot of a rescale nobody can read is then kept, never deleted.
     */
    List<RecordedRescale> recorded() {
        return decode(parameter.value().orElse(ScalerEnvironment.NO_DESIRED_CAPACITY));
    }

    /**
     * Records a rescale the scaler just submitted. A rescale with snapshots off is not recorded: no snapshot of the
     * service's is coming for it, and the first snapshot after it would be someone else's.
     *
     * @param versionAfterUpdate the version UpdateApplication created
     * @param submittedAt        the clock read just before UpdateApplication was sent
     * @param snapshotsEnabled   whether the application had snapshots enabled when it was updated
     */
    void record(long versionAfterUpdate, Instant submittedAt, boolean snapshotsEnabled) {
        if (!snapshotsEnabled) {
            return;
        }
        List<RecordedRescale> rescales = new ArrayList<>(recorded());
        rescales.add(new RecordedRescale(versionAfterUpdate, submittedAt));
        parameter.put(encode(rescales));
    }

    static String encode(List<RecordedRescale> rescales) {
        List<RecordedRescale> kept = rescales.subList(Math.max(0, rescales.size() - CAPACITY), rescales.size());
        StringBuilder value = new StringBuilder();
        for (RecordedRescale rescale : kept) {
            if (value.length() > 0) {
                value.append(' ');
            }
            value.append(rescale.versionAfterUpdate())
                    .append('@')
                    .append(rescale.submittedAt().toEpochMilli());
        }
        return value.length() == 0 ? ScalerEnvironment.NO_DESIRED_CAPACITY : value.toString();
    }

    static List<RecordedRescale> decode(String value) {
        List<RecordedRescale> rescales = new ArrayList<>();
        for (String entry : value.trim().split("\\s+")) {
            Matcher matcher = ENTRY.matcher(entry);
            if (matcher.matches() && Long.parseLong(matcher.group(1)) >= 1) {
                rescales.add(new RecordedRescale(
                        Long.parseLong(matcher.group(1)), Instant.ofEpochMilli(Long.parseLong(matcher.group(2)))));
            }
        }
        return rescales;
    }
}
