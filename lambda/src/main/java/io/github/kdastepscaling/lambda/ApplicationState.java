package io.github.kdastepscaling.lambda;

import io.github.kdastepscaling.policy.Capacity;
import java.time.Instant;

/**
 * What one {@code DescribeApplication} showed of the application, as far as scaling is concerned.
 *
 * @param status the application status, e.g. RUNNING or UPDATING
 * @param parallelism the configured parallelism (what the application runs once an update lands)
 * @param parallelismPerKpu the application's own tasks per KPU, kept on every rescale
 * @param currentParallelism the parallelism running now
 * @param autoScalingEnabled whether the service's own autoscaling is on
 * @param snapshotsEnabled whether the application snapshots its state when it is updated
 * @param conditionalToken the token that guards the next update against concurrent changes
 * @param versionId the application version
 * @param lastUpdated when the application was last updated ({@code LastUpdateTimestamp}: a rescale by anyone, or any
 *                    other update, each a restart), or null when the service did not say
 */
public record ApplicationState(
        String status,
        int parallelism,
        int parallelismPerKpu,
        int currentParallelism,
        boolean autoScalingEnabled,
        boolean snapshotsEnabled,
        String conditionalToken,
        long versionId,
        Instant lastUpdated) {

    public static final String RUNNING = "RUNNING";

    /** KPUs running now. */
    public int actualCapacity() {
        return Capacity.kpusFor(currentParallelism, parallelismPerKpu);
    }

    /** KPUs the application runs at once the update in flight, if any, has landed. */
    public int configuredCapacity() {
        return Capacity.kpusFor(parallelism, parallelismPerKpu);
    }

    public boolean isRunning() {
        return RUNNING.equals(status);
    }

    /** Whether the service is applying a change right now (ours or anyone's). */
    public boolean isChanging() {
        return "UPDATING".equals(status) || "AUTOSCALING".equals(status);
    }
}
