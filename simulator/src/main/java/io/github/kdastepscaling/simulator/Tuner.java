package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.ScalingPolicy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Searches a {@link PolicySpace} for the policy with the fewest KPU-hours whose largest processing delay over a trace
 * stays within a target, under the simulator's model ({@link StepScalingSimulation}, {@link JobModel}).
 *
 * <p>The search: a grid over the two rates (the settings that decide the cost, and that interact most: the ratio of
 * the two is the hysteresis), whose best {@link #SEEDS} points each start a coordinate descent over every searched
 * setting (each pass tries every value of one setting with the others held, keeps the best, and moves on; passes
 * repeat until one changes nothing, at most {@link #MAX_PASSES}; the rates come last in a pass, as the grid has just
 * chosen them). A full grid over thirteen settings is millions of
 * policies; the cost is a step function of the settings, so nothing smoother than this applies; and the settings
 * other than the rates act mostly one at a time. The several seeds are against the local optima that coordinate
 * descent can stop in. Every point is simulated once (a cache), the values of one setting in parallel.
 *
 * <p>Order: a policy within the target beats one beyond it; within it, fewer KPU-hours, then fewer rescales, then
 * less delay; beyond it, less delay, then fewer KPU-hours.
 */
public final class Tuner {

    /** How many of the rate grid's best points start a descent. */
    public static final int SEEDS = 3;
    /** The most passes of one descent over all settings. */
    public static final int MAX_PASSES = 4;

    /**
     * A candidate simulated over the training part.
     *
     * @param policy the validated policy
     */
    public record Evaluation(Candidate candidate, ScalingPolicy policy, double kpuHours, double maxDelaySeconds,
                             int rescales) {
    }

    /**
     * @param best      the recommendation
     * @param start     the starting policy, when valid
     * @param defaults  the construct's defaults (with the fixed settings), when valid
     * @param evaluated every valid candidate simulated, in the order simulated
     * @param invalid   candidates the construct's validation refused (skipped)
     */
    public record Result(Evaluation best, Optional<Evaluation> start, Optional<Evaluation> defaults,
                         List<Evaluation> evaluated, int invalid, double maxDelaySeconds) {

        public boolean withinTarget() {
            return best.maxDelaySeconds() <= maxDelaySeconds;
        }
    }

    private final PolicySpace space;
    private final Trace trace;
    private final JobSettings job;
    private final int initialCapacity;
    private final double maxDelaySeconds;
    private final Runnable onSimulated;
    private final Map<Candidate, Optional<Evaluation>> cache = new ConcurrentHashMap<>();
    private final List<Evaluation> evaluated = new ArrayList<>();
    private final AtomicInteger invalid = new AtomicInteger();

    /**
     * @param trace           the training part
     * @param initialCapacity the capacity every candidate starts at (within its range)
     * @param onSimulated     told after every simulation (a progress bar)
     */
    public Tuner(PolicySpace space, Trace trace, JobSettings job, int initialCapacity, double maxDelaySeconds,
                 Runnable onSimulated) {
        if (!(maxDelaySeconds >= 0)) {
            throw new IllegalArgumentException("maxDelaySeconds (" + maxDelaySeconds + ") must be >= 0");
        }
        this.space = space;
        this.trace = trace;
        this.job = job;
        this.initialCapacity = initialCapacity;
        this.maxDelaySeconds = maxDelaySeconds;
        this.onSimulated = onSimulated;
    }

    public Result tune() {
        Candidate start = space.start();
        Optional<Evaluation> startEvaluation = evaluate(start);
        Optional<Evaluation> defaults = evaluate(space.defaults());
        List<Evaluation> seeds = evaluateAll(space.rateGrid(start)).stream().sorted(order()).limit(SEEDS).toList();
        Evaluation best = startEvaluation.orElse(null);
        for (Evaluation seed : seeds) {
            Evaluation found = descend(seed);
            if (best == null || order().compare(found, best) < 0) {
                best = found;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no candidate is a valid policy (" + invalid.get() + " refused): "
                    + "check the fixed settings");
        }
        synchronized (evaluated) {
            return new Result(best, startEvaluation, defaults, List.copyOf(evaluated), invalid.get(),
                    maxDelaySeconds);
        }
    }

    private Evaluation descend(Evaluation seed) {
        Evaluation current = seed;
        // The rates last: the grid has just chosen them, and a descent that moved them first would walk every seed
        // back to the grid's best point.
        List<PolicySpace.Dimension> order = new ArrayList<>(space.searched());
        List<PolicySpace.Dimension> rates = List.of(PolicySpace.Dimension.SCALE_OUT_RATE,
                PolicySpace.Dimension.SCALE_IN_RATE);
        order.removeAll(rates);
        order.addAll(rates.stream().filter(space.searched()::contains).toList());
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            boolean moved = false;
            for (PolicySpace.Dimension dimension : order) {
                for (Evaluation e : evaluateAll(space.neighbours(current.candidate(), dimension))) {
                    if (order().compare(e, current) < 0) {
                        current = e;
                        moved = true;
                    }
                }
            }
            if (!moved) {
                break;
            }
        }
        return current;
    }

    private List<Evaluation> evaluateAll(List<Candidate> candidates) {
        return candidates.parallelStream().map(this::evaluate).flatMap(Optional::stream).toList();
    }

    /** Simulates {@code c} over the training part once; empty when the construct would refuse it. */
    Optional<Evaluation> evaluate(Candidate c) {
        Candidate key = c.effective();
        Optional<Evaluation> known = cache.get(key);
        if (known != null) {
            return known;
        }
        Optional<Evaluation> result;
        ScalingPolicy policy;
        try {
            policy = space.policy(c);
        } catch (IllegalArgumentException e) {
            invalid.incrementAndGet();
            cache.put(key, Optional.empty());
            return Optional.empty();
        }
        StepScalingRun run = StepScalingSimulation.run(trace, StepScalingSpec.of(policy), job,
                new InMemoryCapacityActuator(policy.capacityRange().clamp(initialCapacity)), minute -> { });
        PolicySummary summary = PolicySummary.of("candidate", run.workload(), 0);
        result = Optional.of(new Evaluation(c, policy, summary.kpuHours(), summary.maxProcessingDelaySeconds(),
                summary.rescales()));
        if (cache.putIfAbsent(key, result) == null) {
            synchronized (evaluated) {
                evaluated.add(result.get());
            }
        }
        onSimulated.run();
        return result;
    }

    /** Best first: within the target before beyond it, then as the class comment says. */
    public Comparator<Evaluation> order() {
        return (a, b) -> {
            boolean aWithin = a.maxDelaySeconds() <= maxDelaySeconds;
            boolean bWithin = b.maxDelaySeconds() <= maxDelaySeconds;
            if (aWithin != bWithin) {
                return aWithin ? -1 : 1;
            }
            if (aWithin) {
                int byCost = Double.compare(round(a.kpuHours()), round(b.kpuHours()));
                if (byCost != 0) {
                    return byCost;
                }
                int byRescales = Integer.compare(a.rescales(), b.rescales());
                return byRescales != 0 ? byRescales : Double.compare(a.maxDelaySeconds(), b.maxDelaySeconds());
            }
            int byDelay = Double.compare(a.maxDelaySeconds(), b.maxDelaySeconds());
            return byDelay != 0 ? byDelay : Double.compare(a.kpuHours(), b.kpuHours());
        };
    }

    private static double round(double kpuHours) {
        return Math.round(kpuHours * 1e6) / 1e6;
    }
}
