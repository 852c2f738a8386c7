package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.ScalingPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Searches a {@link PolicySpace} for the policy with the fewest KPU-hours over the training trace whose largest
 * processing delay stays within a bound on the trace <em>and on each of its stressed variants</em>
 * ({@link StressVariants}: what tomorrow may bring), under the simulator's model ({@link StepScalingSimulation},
 * {@link JobModel}).
 *
 * <p><b>The bound</b> is the target ({@code --max-delay-seconds}), and never more than the construct's defaults'
 * worst case over the same variants: a user can always deploy the defaults, so a recommendation that is cheaper by
 * falling further behind than they would on a harder day is not one (issue 20). Without stress (one variant, the trace
 * itself) the bound is the target alone, as before issue 20.
 *
 * <p><b>The search</b>: when the space has at most {@link #EXHAUSTIVE_LIMIT} points, every one of them (so that no
 * policy of the space beats the recommendation). Otherwise a grid over the two rates (the settings that decide the
 * cost, and that interact most: the ratio of the two is the hysteresis), whose best {@link #SEEDS} points each start a
 * coordinate descent over every searched setting (each pass tries every value of one setting with the others held,
 * keeps the best, and moves on; passes repeat until one changes nothing, at most {@link #MAX_PASSES}; the rates come
 * last in a pass, as the grid has just chosen them). A full grid over thirteen settings is millions of policies; the
 * cost is a step function of the settings, so nothing smoother applies; the settings other than the rates act mostly
 * one at a time, and the seeds are against the local optima a descent can stop in. On request
 * ({@link #withSearch}, {@code tune --thorough}), last, a pass over the winner's neighbourhood in every pair of
 * settings ({@link #PAIR_ROUNDS} rounds at most): issue 23 found a recommendation that a policy of the space beat,
 * because two settings had to move together. On the reference traces no slower search (twelve descents and the pair
 * pass) beats the default search; on a week of bursts one did, and the pair pass finds it; on a week of the diurnal
 * trace the pair pass finds a policy 1% cheaper that is 1.6 s behind the defaults on the unseen day, against issue
 * 20's bar, so it is not the default (docs/tuning.md, {@code SearchCheckSweep}).
 *
 * <p><b>Stopping early</b>: a candidate is simulated on the nominal trace first; when an incumbent within the bound
 * exists and the candidate already costs more, or one of its variants already exceeds the bound, its remaining
 * variants are not simulated: it cannot win ({@link Evaluation#complete()} false). The variants go hardest first (the
 * one that most often exceeded the bound so far). Candidates are simulated in parallel (the common fork-join pool),
 * each point once (a cache).
 *
 * <p><b>Order</b>: a policy within the bound beats one beyond it; within it, fewer KPU-hours on the nominal trace,
 * then fewer rescales, then less worst-case delay; beyond it, less worst-case delay, then fewer KPU-hours.
 */
public final class Tuner {

    /** How many of the rate grid's best points start a descent. */
    public static final int SEEDS = 3;
    /** The most passes of one descent over all settings. */
    public static final int MAX_PASSES = 4;
    /** Spaces with at most this many points are searched exhaustively. */
    public static final int EXHAUSTIVE_LIMIT = 400;
    /** The most rounds of the final pass over every pair of settings around the winner. */
    public static final int PAIR_ROUNDS = 2;

    /**
     * A candidate simulated over the training trace and (some of) its variants.
     *
     * @param policy             the validated policy
     * @param kpuHours           over the nominal trace
     * @param maxDelaySeconds    over the nominal trace
     * @param rescales           over the nominal trace
     * @param worstDelaySeconds  the largest delay over the variants simulated
     * @param hardestVariant     the variant of {@code worstDelaySeconds}
     * @param withinBound        whether every variant simulated is within its bound
     * @param complete           whether every variant was simulated (false: stopped early, it could not win)
     */
    public record Evaluation(
            Candidate candidate,
            ScalingPolicy policy,
            double kpuHours,
            double maxDelaySeconds,
            int rescales,
            double worstDelaySeconds,
            String hardestVariant,
            boolean withinBound,
            boolean complete) {

        Evaluation worse(double delay, String variant, boolean within) {
            boolean worst = delay > worstDelaySeconds;
            return with(
                    worst ? delay : worstDelaySeconds, worst ? variant : hardestVariant, withinBound && within, false);
        }

        Evaluation completed() {
            return with(worstDelaySeconds, hardestVariant, withinBound, true);
        }

        private Evaluation with(double worstDelay, String hardest, boolean within, boolean done) {
            return new Evaluation(
                    candidate, policy, kpuHours, maxDelaySeconds, rescales, worstDelay, hardest, within, done);
        }
    }

    /**
     * @param best            the recommendation
     * @param start           the starting policy, when valid
     * @param defaults        the construct's defaults (with the fixed settings), when valid
     * @param evaluated       every valid candidate simulated, in the order simulated
     * @param invalid         candidates the construct's validation refused (skipped)
     * @param maxDelaySeconds the target
     * @param boundSeconds    per variant (as {@code variants}), the bound its largest delay was held to: the
     *                        target, or the defaults' largest delay on that variant if lower
     * @param variants        the variants' names, nominal first
     * @param simulations     runs simulated (one per candidate and variant)
     * @param exhaustive      whether every point of the space was tried
     */
    public record Result(
            Evaluation best,
            Optional<Evaluation> start,
            Optional<Evaluation> defaults,
            List<Evaluation> evaluated,
            int invalid,
            double maxDelaySeconds,
            List<Double> boundSeconds,
            List<String> variants,
            int simulations,
            boolean exhaustive) {

        /** Whether the recommendation is within the bound on every variant. */
        public boolean withinTarget() {
            return best.withinBound();
        }

        /** Whether the search judged candidates on stressed variants, not on the trace alone. */
        public boolean stressed() {
            return variants.size() > 1;
        }
    }

    /** Told as the search moves on: {@code done} of an estimated {@code total} candidates. */
    public interface Progress {
        void update(long done, long total);
    }

    private final PolicySpace space;
    private final List<StressVariants.Variant> variants;
    private final JobSettings job;
    private final int initialCapacity;
    private final double maxDelaySeconds;
    private final Progress progress;
    private final Map<Candidate, Optional<Evaluation>> cache = new ConcurrentHashMap<>();
    private int seeds = SEEDS;
    private boolean pairPass = false;
    private final List<Evaluation> evaluated = new ArrayList<>();
    private final AtomicInteger invalid = new AtomicInteger();
    private final AtomicInteger simulations = new AtomicInteger();
    private final AtomicIntegerArray exceeded;
    private final AtomicInteger done = new AtomicInteger();
    private volatile long total = 1;
    private volatile double[] bounds;

    /**
     * @param variants        the training trace and its stressed variants, nominal first ({@link StressVariants})
     * @param initialCapacity the capacity every candidate starts at (within its range)
     * @param progress        told as candidates are judged (a progress bar)
     */
    public Tuner(
            PolicySpace space,
            List<StressVariants.Variant> variants,
            JobSettings job,
            int initialCapacity,
            double maxDelaySeconds,
            Progress progress) {
        if (!(maxDelaySeconds >= 0)) {
            throw new IllegalArgumentException("maxDelaySeconds (" + maxDelaySeconds + ") must be >= 0");
        }
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("variants must hold at least the training trace");
        }
        this.space = space;
        this.variants = List.copyOf(variants);
        this.job = job;
        this.initialCapacity = initialCapacity;
        this.maxDelaySeconds = maxDelaySeconds;
        this.progress = progress;
        this.exceeded = new AtomicIntegerArray(variants.size());
        this.bounds = new double[variants.size()];
        Arrays.fill(bounds, maxDelaySeconds);
    }

    /**
     * Over the trace alone, without stress (the search before issue 20).
     *
     * @param onSimulated told as the search moves on (once per batch of candidates judged)
     */
    public Tuner(
            PolicySpace space,
            Trace trace,
            JobSettings job,
            int initialCapacity,
            double maxDelaySeconds,
            Runnable onSimulated) {
        this(
                space,
                StressVariants.nominalOnly(trace),
                job,
                initialCapacity,
                maxDelaySeconds,
                (d, t) -> onSimulated.run());
    }

    /**
     * Another search (docs/tuning.md, issue 23): {@code n} seeds instead of {@link #SEEDS}, and with or without the
     * final pass over every pair of settings (off by default; {@code tune --thorough}).
     */
    Tuner withSearch(int n, boolean pairs) {
        this.seeds = n;
        this.pairPass = pairs;
        return this;
    }

    public Result tune() {
        if (variants.size() > 1) {
            capBoundsByTheDefaults();
        }
        Optional<Evaluation> defaults = evaluate(space.defaults(), null);
        Optional<Evaluation> startEvaluation = evaluate(space.start(), null);
        Evaluation best = better(startEvaluation.orElse(null), defaults.orElse(null));
        Optional<List<Candidate>> all = space.all(EXHAUSTIVE_LIMIT);
        if (all.isPresent()) {
            best = better(best, exhaustive(all.get(), best));
        } else {
            best = better(best, descents(best));
            if (pairPass) {
                best = better(best, pairs(best));
            }
        }
        if (best == null) {
            throw new IllegalArgumentException(
                    "no candidate is a valid policy (" + invalid.get() + " refused): " + "check the fixed settings");
        }
        progress.update(total, total);
        List<String> names = variants.stream().map(StressVariants.Variant::name).toList();
        synchronized (evaluated) {
            return new Result(
                    best,
                    startEvaluation,
                    defaults,
                    List.copyOf(evaluated),
                    invalid.get(),
                    maxDelaySeconds,
                    Arrays.stream(bounds).boxed().toList(),
                    names,
                    simulations.get(),
                    all.isPresent());
        }
    }

    /** Each variant's bound: the target, or the defaults' largest delay on that variant if lower. */
    private void capBoundsByTheDefaults() {
        ScalingPolicy defaults;
        try {
            defaults = space.policy(space.defaults());
        } catch (IllegalArgumentException e) {
            return;
        }
        double[] capped = new double[variants.size()];
        for (int v = 0; v < capped.length; v++) {
            double theirs = delay(defaults, variants.get(v).trace());
            // the history is held to the target; what tomorrow may bring to the defaults' delay on it
            capped[v] = v == 0 ? Math.min(maxDelaySeconds, theirs) : theirs;
        }
        bounds = capped;
    }

    /** Every point: cheapest on the nominal trace first, so that the costlier ones stop after one run. */
    private Evaluation exhaustive(List<Candidate> points, Evaluation incumbent) {
        total = points.size() * 2L;
        return cheapestFirst(points, incumbent);
    }

    /**
     * The final pass over the winner's neighbourhood in every pair of settings (issue 23: coordinate descent moves
     * one setting at a time and stops where no single change helps, while two changed together may): every point
     * that differs from the winner in at most two searched settings; when one wins, again around it, at most
     * {@link #PAIR_ROUNDS} times. Most points cost more on the nominal trace and stop after one run.
     */
    private Evaluation pairs(Evaluation incumbent) {
        if (incumbent == null) {
            return null;
        }
        Evaluation current = incumbent;
        for (int round = 0; round < PAIR_ROUNDS; round++) {
            List<Candidate> around = pairNeighbourhood(current.candidate());
            total += around.size();
            Evaluation next = better(current, cheapestFirst(around, current));
            if (next == current) { // NOPMD: better() returns its argument when nothing beats it
                break;
            }
            current = next;
        }
        return current;
    }

    /** The points that differ from {@code c} in exactly two searched settings. */
    List<Candidate> pairNeighbourhood(Candidate c) {
        List<PolicySpace.Dimension> dims = space.searched();
        Set<Candidate> points = new LinkedHashSet<>();
        for (int i = 0; i < dims.size(); i++) {
            for (Candidate a : space.neighbours(c, dims.get(i))) {
                for (int j = i + 1; j < dims.size(); j++) {
                    points.addAll(space.neighbours(a, dims.get(j)));
                }
            }
        }
        return List.copyOf(points);
    }

    private Evaluation cheapestFirst(List<Candidate> points, Evaluation incumbent) {
        List<Evaluation> nominal = new ArrayList<>(evaluateAll(points, incumbent));
        nominal.sort(Comparator.comparingDouble(Evaluation::kpuHours));
        Evaluation best = incumbent;
        int batch = Math.max(1, Runtime.getRuntime().availableProcessors());
        for (int i = 0; i < nominal.size(); i += batch) {
            Evaluation bar = best;
            for (Evaluation e : evaluateAll(
                    nominal.subList(i, Math.min(nominal.size(), i + batch)).stream()
                            .map(Evaluation::candidate)
                            .toList(),
                    bar)) {
                best = better(best, e);
            }
        }
        return best;
    }

    private Evaluation descents(Evaluation incumbent) {
        List<Candidate> grid = space.rateGrid(space.start());
        int perPass = space.searched().stream()
                .mapToInt(d -> space.neighbours(space.start(), d).size())
                .sum();
        total = grid.size() + (long) seeds * MAX_PASSES * perPass;
        List<Evaluation> seeds = seeds(grid);
        Evaluation best = incumbent;
        for (Evaluation seed : seeds) {
            best = better(best, descend(seed, perPass));
        }
        return best;
    }

    /** The grid's best {@link #SEEDS} points, simulated cheapest first so that the rest can stop early. */
    private List<Evaluation> seeds(List<Candidate> grid) {
        List<Evaluation> nominal = new ArrayList<>(evaluateAll(grid, null));
        nominal.sort(Comparator.comparingDouble(Evaluation::kpuHours));
        List<Evaluation> seeds = new ArrayList<>();
        int batch = Math.max(1, Runtime.getRuntime().availableProcessors());
        for (int i = 0; i < nominal.size(); i += batch) {
            // a point that loses to the SEEDS-th seed so far is not a seed
            Evaluation bar = seeds.size() < this.seeds ? null : seeds.get(this.seeds - 1);
            seeds.addAll(evaluateAll(
                            nominal.subList(i, Math.min(nominal.size(), i + batch)).stream()
                                    .map(Evaluation::candidate)
                                    .toList(),
                            bar)
                    .stream()
                    .filter(Evaluation::complete)
                    .toList());
            seeds.sort(order());
        }
        return seeds.stream().limit(this.seeds).toList();
    }

    private Evaluation descend(Evaluation seed, int perPass) {
        Evaluation current = seed;
        // The rates last: the grid has just chosen them, and a descent that moved them first would walk every seed
        // back to the grid's best point.
        List<PolicySpace.Dimension> order = new ArrayList<>(space.searched());
        List<PolicySpace.Dimension> rates =
                List.of(PolicySpace.Dimension.SCALE_OUT_RATE, PolicySpace.Dimension.SCALE_IN_RATE);
        order.removeAll(rates);
        order.addAll(rates.stream().filter(space.searched()::contains).toList());
        int pass = 0;
        while (pass < MAX_PASSES) {
            pass++;
            boolean moved = false;
            for (PolicySpace.Dimension dimension : order) {
                Evaluation bar = current;
                for (Evaluation e : evaluateAll(space.neighbours(current.candidate(), dimension), bar)) {
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
        // the passes not needed count as done, so that the bar's estimate stays an upper bound
        advance((MAX_PASSES - pass) * perPass);
        return current;
    }

    private List<Evaluation> evaluateAll(List<Candidate> candidates, Evaluation bar) {
        List<Evaluation> result = candidates.parallelStream()
                .map(c -> evaluate(c, bar))
                .flatMap(Optional::stream)
                .toList();
        advance(candidates.size());
        return result;
    }

    private void advance(long candidates) {
        progress.update(Math.min(total, done.addAndGet((int) candidates)), total);
    }

    /**
     * Simulates {@code c} over the nominal trace and then its variants until done or until it cannot beat
     * {@code bar} (null: no early stop); once per point. Empty when the construct would refuse it.
     */
    Optional<Evaluation> evaluate(Candidate c, Evaluation bar) {
        Candidate key = c.effective();
        Optional<Evaluation> known = cache.get(key);
        if (known != null && (known.isEmpty() || known.get().complete() || losesTo(known.get(), bar))) {
            return known;
        }
        ScalingPolicy policy;
        try {
            policy = space.policy(c);
        } catch (IllegalArgumentException e) {
            if (cache.putIfAbsent(key, Optional.empty()) == null) {
                invalid.incrementAndGet();
            }
            return Optional.empty();
        }
        Evaluation e = known == null ? nominal(c, policy) : known.get();
        boolean complete = true;
        for (int v : variantOrder()) {
            if (losesTo(e, bar)) {
                complete = false;
                break;
            }
            double delay = delay(policy, variants.get(v).trace());
            e = e.worse(delay, variants.get(v).name(), delay <= bounds[v]);
            if (delay > bounds[v]) {
                exceeded.incrementAndGet(v);
            }
        }
        if (complete) {
            e = e.completed();
        }
        // the variants a partial evaluation skipped are simulated again if a later, weaker bar needs them
        cache.put(key, Optional.of(e));
        synchronized (evaluated) {
            evaluated.removeIf(x -> x.candidate().effective().equals(key));
            evaluated.add(e);
        }
        return Optional.of(e);
    }

    private Evaluation nominal(Candidate c, ScalingPolicy policy) {
        PolicySummary summary = PolicySummary.of(
                "candidate", run(policy, variants.get(0).trace()).workload(), 0);
        double delay = summary.maxProcessingDelaySeconds();
        return new Evaluation(
                c,
                policy,
                summary.kpuHours(),
                delay,
                summary.rescales(),
                delay,
                variants.get(0).name(),
                delay <= bounds[0],
                variants.size() == 1);
    }

    private double delay(ScalingPolicy policy, Trace trace) {
        Workload workload = run(policy, trace).workload();
        double max = 0;
        for (double d : workload.delaySeconds()) {
            max = Math.max(max, d);
        }
        return max;
    }

    private StepScalingRun run(ScalingPolicy policy, Trace trace) {
        simulations.incrementAndGet();
        return StepScalingSimulation.run(
                trace,
                StepScalingSpec.of(policy),
                job,
                new InMemoryCapacityActuator(policy.capacityRange().clamp(initialCapacity)),
                minute -> {});
    }

    /** The variants after the nominal one, the one that most often exceeded the bound first. */
    private List<Integer> variantOrder() {
        List<Integer> order = new ArrayList<>();
        for (int v = 1; v < variants.size(); v++) {
            order.add(v);
        }
        order.sort(Comparator.comparingInt(v -> -exceeded.get(v)));
        return order;
    }

    /**
     * Whether {@code e}, though not simulated on every variant, is already sure to lose to {@code bar}: the bar is
     * within the bound, and {@code e} costs more or has a variant beyond the bound. The figures {@code e} has then
     * make it lose in {@link #order()} as well.
     */
    private boolean losesTo(Evaluation e, Evaluation bar) {
        if (bar == null || !bar.complete() || !bar.withinBound()) {
            return false;
        }
        return !e.withinBound() || round(e.kpuHours()) > round(bar.kpuHours());
    }

    private Evaluation better(Evaluation a, Evaluation b) {
        if (a == null) {
            return b;
        }
        if (b == null || !b.complete()) {
            return a;
        }
        return order().compare(b, a) < 0 ? b : a;
    }

    /** Best first: within the bound before beyond it, then as the class comment says. */
    public Comparator<Evaluation> order() {
        return (a, b) -> {
            boolean aWithin = a.withinBound();
            boolean bWithin = b.withinBound();
            if (aWithin != bWithin) {
                return aWithin ? -1 : 1;
            }
            if (aWithin) {
                int byCost = Double.compare(round(a.kpuHours()), round(b.kpuHours()));
                if (byCost != 0) {
                    return byCost;
                }
                int byRescales = Integer.compare(a.rescales(), b.rescales());
                if (byRescales != 0) {
                    return byRescales;
                }
                int byWorst = Double.compare(a.worstDelaySeconds(), b.worstDelaySeconds());
                return byWorst != 0 ? byWorst : Double.compare(a.maxDelaySeconds(), b.maxDelaySeconds());
            }
            int byDelay = Double.compare(a.worstDelaySeconds(), b.worstDelaySeconds());
            return byDelay != 0 ? byDelay : Double.compare(a.kpuHours(), b.kpuHours());
        };
    }

    private static double round(double kpuHours) {
        return Math.round(kpuHours * 1e6) / 1e6;
    }
}
