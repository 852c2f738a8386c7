package io.github.kdastepscaling.lambda.deploy;

import io.github.kdastepscaling.contract.ScalerEnvironment;
import io.github.kdastepscaling.policy.Capacity;
import io.github.kdastepscaling.policy.CapacityRange;
import java.util.Optional;
import java.util.OptionalInt;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The parallelism a deploy gives the application: the capacity the scaler last asked for (the stored desire), times
 * the tasks per KPU, or the initial capacity's when none was ever stored. A stack update that changes the application
 * (new code, new properties) then restarts it once, at the capacity it runs, instead of resetting it to the initial
 * capacity and waiting for the scaler to restore it with a second restart.
 *
 * <p>The alarms' thresholds are deployed for the same capacity ({@link DeployTimeThresholds}).
 *
 * <p>A read that fails stops the deploy with the reason rather than guess: a guess could restart the job at the
 * wrong capacity at the worst moment, and CloudFormation rolls the update back cleanly.
 */
final class DeployTimeCapacity {

    /** What the resource decided, for its response and the function's log. */
    record Result(int capacity, int parallelism, String reason) {}

    /** The capacity a deploy writes, and where it came from (for the log). */
    record StoredCapacity(int capacity, String reason) {}

    private final StoredDesire storedDesire;

    DeployTimeCapacity(StoredDesire storedDesire) {
        this.storedDesire = storedDesire;
    }

    /** Reads a parameter's value; empty when the parameter does not exist. */
    interface StoredDesire {
        Optional<String> read(String parameterName);
    }

    /**
     * @throws IllegalStateException with the reason the deploy must stop: the parameter cannot be read, or holds
     *     something other than a capacity
     */
    Result parallelism(String parameterName, int parallelismPerKpu, int initialCapacity, int kpuQuota) {
        StoredCapacity stored = storedCapacity(parameterName, initialCapacity, kpuQuota);
        return new Result(
                stored.capacity(), Capacity.parallelismFor(stored.capacity(), parallelismPerKpu), stored.reason());
    }

    /**
     * The capacity the scaler last asked for, clamped to the KPU quota, or {@code initialCapacity} when none was ever
     * stored: what the parallelism and the alarms' thresholds are deployed for.
     *
     * @throws IllegalStateException with the reason the deploy must stop: the parameter cannot be read, or holds
     *     something other than a capacity
     */
    StoredCapacity storedCapacity(String parameterName, int initialCapacity, int kpuQuota) {
        Optional<String> stored;
        try {
            stored = storedDesire.read(parameterName);
        } catch (SdkException e) {
            throw new IllegalStateException("could not read the desired capacity from SSM parameter " + parameterName
                    + " (" + e.getMessage() + "): the deploy stops rather than reset the application's capacity");
        }
        String value = stored.orElse(ScalerEnvironment.NO_DESIRED_CAPACITY);
        OptionalInt parsed;
        try {
            parsed = ScalerEnvironment.parseStoredCapacity(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("SSM parameter " + parameterName + " holds '" + value + "', which is not "
                    + "a capacity: the deploy stops rather than reset the application's capacity; put a positive "
                    + "integer or '" + ScalerEnvironment.NO_DESIRED_CAPACITY + "' in it");
        }
        if (parsed.isEmpty()) {
            return new StoredCapacity(
                    initialCapacity, "no desired capacity stored in " + parameterName + ": the initial capacity");
        }
        int desired = parsed.getAsInt();
        int capacity = new CapacityRange(1, kpuQuota).clamp(desired);
        return new StoredCapacity(
                capacity,
                "the desired capacity stored in " + parameterName + " (" + desired + ")"
                        + (capacity != desired ? ", clamped to the KPU quota" : ""));
    }
}
