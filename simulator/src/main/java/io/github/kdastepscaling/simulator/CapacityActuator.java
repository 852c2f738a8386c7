package io.github.kdastepscaling.simulator;

/**
 * The only way the step-scaling simulation changes capacity: it asks, as Application Auto Scaling does with a
 * {@code PATCH {"desiredCapacity": n}} on the custom-resource endpoint, and reads back the capacity in effect, as
 * with a {@code GET} ({@code actualCapacity}).
 *
 * <p>{@link InMemoryCapacityActuator} applies every request at once and is used by default. To close the loop, an
 * implementation can forward {@link #requestCapacity} to the real scaler (over the local fakes) and answer
 * {@link #capacity} from the fake application's parallelism; the simulation then records whatever capacities the
 * product actually produced.
 *
 * <p>Calls come in minute order: for each minute {@code m}, first {@code capacity(m)}, then at most one
 * {@code requestCapacity(n, m + 1)}. The policies work from the capacity {@link #capacity} reports, so while a
 * request has not taken effect the same capacity may be asked for again: requests must be idempotent (the scaler's
 * PATCH is).
 */
public interface CapacityActuator {

    /**
     * Asks for {@code desiredKpus} from {@code minute} on.
     *
     * @param desiredKpus the desired capacity, already clamped to the target's range
     * @param minute      the minute (0-based) from which it should be in effect
     */
    void requestCapacity(int desiredKpus, int minute);

    /** The capacity, in KPUs, in effect (billed, and processing unless restarting) during {@code minute}. */
    int capacity(int minute);
}
