package io.github.kdastepscaling.policy;

/**
 * Conversions between a Flink application's parallelism and its capacity in KPUs.
 *
 * <p>Managed Service for Apache Flink bills {@code ceil(Parallelism / ParallelismPerKPU)} KPUs (plus one for
 * orchestration, which does not change with scaling and is left out here). The scaler keeps the application's own
 * {@code ParallelismPerKPU} and changes only the parallelism, so capacity and parallelism convert both ways.
 */
public final class Capacity {

    /** The largest {@code ParallelismPerKPU} the service accepts. */
    public static final int MAX_PARALLELISM_PER_KPU = 8;

    private Capacity() {}

    /** KPUs needed to run {@code parallelism} tasks at {@code parallelismPerKpu} tasks per KPU. */
    public static int kpusFor(int parallelism, int parallelismPerKpu) {
        requirePerKpu(parallelismPerKpu);
        if (parallelism < 0) {
            throw new IllegalArgumentException("parallelism (" + parallelism + ") must be >= 0");
        }
        return (parallelism + parallelismPerKpu - 1) / parallelismPerKpu;
    }

    /** The parallelism that fills {@code kpus} KPUs at {@code parallelismPerKpu} tasks per KPU. */
    public static int parallelismFor(int kpus, int parallelismPerKpu) {
        requirePerKpu(parallelismPerKpu);
        if (kpus < 1) {
            throw new IllegalArgumentException("capacity (" + kpus + ") must be >= 1 KPU");
        }
        return Math.multiplyExact(kpus, parallelismPerKpu);
    }

    private static void requirePerKpu(int parallelismPerKpu) {
        if (parallelismPerKpu < 1 || parallelismPerKpu > MAX_PARALLELISM_PER_KPU) {
            throw new IllegalArgumentException(
                    "parallelismPerKpu (" + parallelismPerKpu + ") must be between 1 and " + MAX_PARALLELISM_PER_KPU);
        }
    }
}
