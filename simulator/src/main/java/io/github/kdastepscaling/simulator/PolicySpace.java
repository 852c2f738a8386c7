package io.github.kdastepscaling.simulator;

import static io.github.kdastepscaling.policy.ScalingDirection.SCALE_IN;
import static io.github.kdastepscaling.policy.ScalingDirection.SCALE_OUT;

import io.github.kdastepscaling.policy.AlarmEvaluation;
import io.github.kdastepscaling.policy.LagGuard;
import io.github.kdastepscaling.policy.ScalingDefaults;
import io.github.kdastepscaling.policy.ScalingDirection;
import io.github.kdastepscaling.policy.ScalingPolicy;
import io.github.kdastepscaling.policy.ScalingStep;
import io.github.kdastepscaling.policy.SignalKind;
import io.github.kdastepscaling.simulator.Candidate.StepRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The policies the tuner may recommend: a {@link Candidate} per point, each setting from a short list of values
 * (below), the rest of the policy fixed (the starting policy's minimum, KPU quota, restart duration and scheduled
 * actions, and a maximum with headroom above the trace's peak, {@link #maxCapacityFor}). The starting policy's own
 * value of every setting is one of the values, so the search can always keep it. A setting the user fixes
 * ({@code --fix}) keeps the starting policy's value.
 *
 * <p>Rates are headroom on the job's true per-KPU rate: scale out at 50% to 100% of what a KPU really processes, scale
 * in at 60% to 95% of the scale-out rate.
 */
public final class PolicySpace {

    /** maxCapacity: this times the KPUs the peak needs at the true rate (and at least one KPU more than that). */
    public static final double MAX_CAPACITY_HEADROOM = 1.5;

    static final double[] SCALE_OUT_FRACTIONS = {0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0};
    static final double[] SCALE_IN_RATIOS = {0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95};
    static final List<List<ScalingStep>> SCALE_OUT_STEPS = List.of(
            List.of(ScalingStep.from(0, 1)),
            List.of(ScalingStep.between(0, 1, 1), ScalingStep.between(1, 2, 2), ScalingStep.from(2, 3)),
            ScalingDefaults.SCALE_OUT_STEPS,
            List.of(
                    ScalingStep.between(0, 1, 1),
                    ScalingStep.between(1, 2, 2),
                    ScalingStep.between(2, 3, 4),
                    ScalingStep.between(3, 4, 5),
                    ScalingStep.from(4, 6)),
            List.of(
                    ScalingStep.between(0, 1, 1),
                    ScalingStep.between(1, 2, 2),
                    ScalingStep.between(2, 4, 4),
                    ScalingStep.from(4, 8)));
    static final List<List<ScalingStep>> SCALE_IN_STEPS = List.of(
            List.of(ScalingStep.upTo(0, -1)),
            List.of(ScalingStep.upTo(-1, -2), ScalingStep.between(-1, 0, -1)),
            ScalingDefaults.SCALE_IN_STEPS,
            List.of(
                    ScalingStep.upTo(-3, -4),
                    ScalingStep.between(-3, -2, -3),
                    ScalingStep.between(-2, -1, -2),
                    ScalingStep.between(-1, 0, -1)));
    static final int[] SCALE_OUT_COOLDOWNS = {120, 180, 300, 600};
    static final int[] SCALE_IN_COOLDOWNS = {120, 300, 600, 900, 1800};
    static final List<AlarmEvaluation> SCALE_OUT_EVALUATIONS = List.of(
            new AlarmEvaluation(1, 1), new AlarmEvaluation(2, 2), new AlarmEvaluation(3, 2), new AlarmEvaluation(3, 3));
    static final List<AlarmEvaluation> SCALE_IN_EVALUATIONS = List.of(
            new AlarmEvaluation(3, 3),
            new AlarmEvaluation(5, 5),
            new AlarmEvaluation(10, 8),
            new AlarmEvaluation(10, 10),
            new AlarmEvaluation(15, 15),
            new AlarmEvaluation(30, 25));
    static final int[] MAX_LAGS = {120, 180, 300, 600, 900};
    static final List<AlarmEvaluation> LAG_GUARD_EVALUATIONS =
            List.of(new AlarmEvaluation(2, 2), new AlarmEvaluation(3, 3), new AlarmEvaluation(5, 5));
    static final List<List<ScalingStep>> LAG_GUARD_STEPS = List.of(
            List.of(ScalingStep.from(0, 1)),
            ScalingDefaults.LAG_GUARD_STEPS,
            List.of(ScalingStep.between(0, 1, 2), ScalingStep.from(1, 4)));
    static final int[] LAG_GUARD_COOLDOWNS = {300, 600, 900, 1800};

    /**
     * One searched setting, typed: how a point holds it, how a point with another value is made, and the values the
     * search tries besides the starting policy's (which may depend on the point: the scale-in rate is a ratio of its
     * scale-out rate).
     */
    private record Axis<T>(
            Function<Candidate, T> get,
            BiFunction<Candidate, T, Candidate> set,
            BiFunction<PolicySpace, Candidate, List<T>> values) {

        /** A setting of {@code direction}'s load rule. */
        static <T> Axis<T> ofRule(
                ScalingDirection direction,
                Function<StepRule, T> get,
                BiFunction<StepRule, T, StepRule> set,
                BiFunction<PolicySpace, Candidate, List<T>> values) {
            return new Axis<>(
                    c -> get.apply(c.rule(direction)),
                    (c, value) -> c.with(direction, set.apply(c.rule(direction), value)),
                    values);
        }

        /** A setting of the lag guard's rule. */
        static <T> Axis<T> ofGuard(
                Function<StepRule, T> get,
                BiFunction<StepRule, T, StepRule> set,
                BiFunction<PolicySpace, Candidate, List<T>> values) {
            return new Axis<>(
                    c -> get.apply(c.guard()), (c, value) -> c.withGuard(set.apply(c.guard(), value)), values);
        }

        /** {@code to} with this setting's value taken from {@code from}. */
        Candidate copy(Candidate from, Candidate to) {
            return set.apply(to, get.apply(from));
        }

        /** The points that differ from {@code c} in this setting only: the start's value first, then the list's. */
        List<Candidate> neighbours(PolicySpace space, Candidate c) {
            Set<T> tried = new LinkedHashSet<>();
            tried.add(get.apply(space.start()));
            tried.addAll(values.apply(space, c));
            tried.remove(get.apply(c));
            return tried.stream().map(value -> set.apply(c, value)).toList();
        }
    }

    /** The searched settings, in the order coordinate descent visits them. */
    public enum Dimension {
        SCALE_OUT_RATE(
                Axis.ofRule(SCALE_OUT, StepRule::bound, StepRule::withBound, (space, c) -> space.scaleOutRates()),
                "scaleOutRecordsPerSecondPerKpu"),
        SCALE_IN_RATE(
                Axis.ofRule(SCALE_IN, StepRule::bound, StepRule::withBound, (space, c) -> scaleInRates(c)),
                "scaleInRecordsPerSecondPerKpu"),
        SCALE_OUT_STEPS(
                Axis.ofRule(SCALE_OUT, StepRule::steps, StepRule::withSteps, (space, c) -> PolicySpace.SCALE_OUT_STEPS),
                "scaleOutSteps"),
        SCALE_IN_STEPS(
                Axis.ofRule(SCALE_IN, StepRule::steps, StepRule::withSteps, (space, c) -> PolicySpace.SCALE_IN_STEPS),
                "scaleInSteps"),
        SCALE_OUT_EVALUATION(
                Axis.ofRule(
                        SCALE_OUT, StepRule::evaluation, StepRule::withEvaluation, (space, c) -> SCALE_OUT_EVALUATIONS),
                "scaleOutEvaluationPeriods",
                "scaleOutDatapointsToAlarm"),
        SCALE_IN_EVALUATION(
                Axis.ofRule(
                        SCALE_IN, StepRule::evaluation, StepRule::withEvaluation, (space, c) -> SCALE_IN_EVALUATIONS),
                "scaleInEvaluationPeriods",
                "scaleInDatapointsToAlarm"),
        SCALE_OUT_COOLDOWN(
                Axis.ofRule(
                        SCALE_OUT,
                        StepRule::cooldownSeconds,
                        StepRule::withCooldownSeconds,
                        (space, c) -> seconds(SCALE_OUT_COOLDOWNS)),
                "scaleOutCooldownSeconds"),
        SCALE_IN_COOLDOWN(
                Axis.ofRule(
                        SCALE_IN,
                        StepRule::cooldownSeconds,
                        StepRule::withCooldownSeconds,
                        (space, c) -> seconds(SCALE_IN_COOLDOWNS)),
                "scaleInCooldownSeconds"),
        LAG_GUARD(
                new Axis<>(Candidate::lagGuard, Candidate::withLagGuard, (space, c) -> List.of(true, false)),
                "lagGuard"),
        MAX_LAG(
                Axis.ofGuard(StepRule::bound, StepRule::withBound, (space, c) -> lagBounds(MAX_LAGS)),
                "lagGuard.maxLagSeconds"),
        LAG_GUARD_EVALUATION(
                Axis.ofGuard(StepRule::evaluation, StepRule::withEvaluation, (space, c) -> LAG_GUARD_EVALUATIONS),
                "lagGuard.evaluationPeriods",
                "lagGuard.datapointsToAlarm"),
        LAG_GUARD_STEPS(
                Axis.ofGuard(StepRule::steps, StepRule::withSteps, (space, c) -> PolicySpace.LAG_GUARD_STEPS),
                "lagGuard.steps"),
        LAG_GUARD_COOLDOWN(
                Axis.ofGuard(
                        StepRule::cooldownSeconds,
                        StepRule::withCooldownSeconds,
                        (space, c) -> seconds(LAG_GUARD_COOLDOWNS)),
                "lagGuard.cooldownSeconds");

        private final Axis<?> axis;
        private final List<String> fields;

        Dimension(Axis<?> axis, String... fields) {
            this.axis = axis;
            this.fields = List.of(fields);
        }

        /** The policy-file fields this setting is written as; {@code --fix} accepts any of them. */
        public List<String> fields() {
            return fields;
        }

        boolean ofLagGuard() {
            return ordinal() > LAG_GUARD.ordinal();
        }
    }

    /** Fields {@code --fix} accepts that are never searched: always the starting policy's. */
    static final List<String> ALWAYS_FIXED =
            List.of("minCapacity", "kpuQuota", "expectedRestartSeconds", "scheduledCapacity");
    /** The one fixed field with a computed default: fixed, it keeps the starting policy's maximum. */
    static final String MAX_CAPACITY = "maxCapacity";

    private final ScalingPolicy start;
    private final double trueRecordsPerSecondPerKpu;
    private final int maxCapacity;
    private final Set<Dimension> fixed;
    /** The signal's units per record: 1 for records, the bytes per record for bytes. */
    private final double unitsPerRecord;

    private PolicySpace(
            ScalingPolicy start,
            double trueRecordsPerSecondPerKpu,
            int maxCapacity,
            Set<Dimension> fixed,
            double unitsPerRecord) {
        this.start = start;
        this.trueRecordsPerSecondPerKpu = trueRecordsPerSecondPerKpu;
        this.maxCapacity = maxCapacity;
        this.fixed = fixed;
        this.unitsPerRecord = unitsPerRecord;
    }

    /**
     * @param start       the starting policy: the search's first point, and the fixed part of every candidate
     * @param peak        the highest load the policy must serve, records per second (the training part's peak)
     * @param fixedFields policy-file fields that keep the starting policy's value
     * @throws IllegalArgumentException for an unknown field, or a starting policy on another signal than
     *                                  {@code incomingRecords}
     */
    public static PolicySpace of(
            ScalingPolicy start, double trueRecordsPerSecondPerKpu, double peak, Set<String> fixedFields) {
        return of(start, trueRecordsPerSecondPerKpu, peak, fixedFields, JobSettings.DEFAULT_BYTES_PER_RECORD);
    }

    /**
     * As {@link #of(ScalingPolicy, double, double, Set)}, for a starting policy on the {@code incomingRecords} or the
     * {@code incomingBytes} signal: a bytes signal's rates are searched in bytes per second per KPU, the same
     * fractions of the true rate times {@code bytesPerRecord}.
     *
     * @throws IllegalArgumentException also for a {@code load} or {@code utilization} signal: their units say nothing
     *                                  the tuner can relate to the true rate in records
     */
    public static PolicySpace of(
            ScalingPolicy start,
            double trueRecordsPerSecondPerKpu,
            double peak,
            Set<String> fixedFields,
            double bytesPerRecord) {
        SignalKind kind = start.thresholds().kind();
        if (kind != SignalKind.INCOMING_RECORDS && kind != SignalKind.INCOMING_BYTES) {
            throw new IllegalArgumentException("the tuner searches the incomingRecords or incomingBytes signal's "
                    + "rates; the starting policy's scalingSignal is " + kind.propName());
        }
        Set<Dimension> fixed = EnumSet.noneOf(Dimension.class);
        boolean fixedMax = false;
        for (String field : fixedFields) {
            if (field.equals(MAX_CAPACITY)) {
                fixedMax = true;
                continue;
            }
            if (ALWAYS_FIXED.contains(field)) {
                continue;
            }
            Dimension dimension = Arrays.stream(Dimension.values())
                    .filter(d -> d.fields().contains(field))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--fix: unknown field '" + field + "' (known: "
                            + String.join(", ", fixableFields()) + ")"));
            fixed.add(dimension);
            if (dimension == Dimension.LAG_GUARD) {
                fixed.addAll(EnumSet.range(Dimension.MAX_LAG, Dimension.LAG_GUARD_COOLDOWN));
            }
        }
        int max = fixedMax
                ? start.capacityRange().maxCapacity()
                : maxCapacityFor(
                        peak, trueRecordsPerSecondPerKpu, start.capacityRange().minCapacity(), start.kpuQuota());
        return new PolicySpace(
                start, trueRecordsPerSecondPerKpu, max, fixed, kind == SignalKind.INCOMING_BYTES ? bytesPerRecord : 1);
    }

    /**
     * This space with the lag guard's switch kept as the starting policy has it (its settings still searched while
     * it is on): the guard is the one protection against a wrong rate, so the tuner turns it neither off nor on by
     * itself (issue 23); a starting policy with the guard off is the user fixing it off.
     */
    public PolicySpace keepingTheLagGuard() {
        Set<Dimension> kept = EnumSet.noneOf(Dimension.class);
        kept.addAll(fixed);
        kept.add(Dimension.LAG_GUARD);
        return new PolicySpace(start, trueRecordsPerSecondPerKpu, maxCapacity, kept, unitsPerRecord);
    }

    /** The starting policy, as given. */
    public ScalingPolicy startPolicy() {
        return start;
    }

    /**
     * {@link #MAX_CAPACITY_HEADROOM} times the KPUs the peak needs at the true rate, rounded up, and at least one
     * more than those KPUs; within minCapacity and the KPU quota. The maximum costs nothing until it is used, and a
     * peak the trace has not shown must not find the job capped.
     */
    public static int maxCapacityFor(double peak, double trueRecordsPerSecondPerKpu, int minCapacity, int kpuQuota) {
        double needed = peak / trueRecordsPerSecondPerKpu;
        int max = (int) Math.max(Math.ceil(MAX_CAPACITY_HEADROOM * needed), Math.ceil(needed) + 1);
        return Math.min(kpuQuota, Math.max(minCapacity + 1, max));
    }

    /** Every field {@code --fix} accepts. */
    public static Set<String> fixableFields() {
        Set<String> fields = new TreeSet<>(ALWAYS_FIXED);
        fields.add(MAX_CAPACITY);
        for (Dimension dimension : Dimension.values()) {
            fields.addAll(dimension.fields());
        }
        return fields;
    }

    public int maxCapacity() {
        return maxCapacity;
    }

    public double trueRecordsPerSecondPerKpu() {
        return trueRecordsPerSecondPerKpu;
    }

    public boolean fixed(Dimension dimension) {
        return fixed.contains(dimension);
    }

    /** The dimensions the search varies, in order. */
    public List<Dimension> searched() {
        return Arrays.stream(Dimension.values()).filter(d -> !fixed.contains(d)).toList();
    }

    /** The starting policy as a point. */
    public Candidate start() {
        return candidate(start);
    }

    /** The construct's defaults ({@link ScalingDefaults}), with the starting policy's value of every fixed setting. */
    public Candidate defaults() {
        Candidate defaults = candidate(ScalingPolicy.builder().build());
        // the defaults' rates in the signal's units (bytes per second per KPU for a bytes signal)
        for (ScalingDirection direction : ScalingDirection.values()) {
            StepRule rule = defaults.rule(direction);
            defaults = defaults.with(direction, rule.withBound(Math.round(rule.bound() * unitsPerRecord)));
        }
        Candidate from = start();
        for (Dimension dimension : fixed) {
            defaults = dimension.axis.copy(from, defaults);
        }
        return defaults;
    }

    private static Candidate candidate(ScalingPolicy policy) {
        LagGuard guard = policy.lagGuard().enabled() ? policy.lagGuard() : LagGuard.defaults();
        return new Candidate(
                rule(policy, SCALE_OUT, policy.thresholds().scaleOutPerKpu()),
                rule(policy, SCALE_IN, policy.thresholds().scaleInPerKpu()),
                policy.lagGuard().enabled(),
                new StepRule(
                        guard.maxLagSeconds(), guard.evaluation(), guard.steps().steps(), guard.cooldownSeconds()));
    }

    private static StepRule rule(ScalingPolicy policy, ScalingDirection direction, double perKpu) {
        return new StepRule(
                perKpu,
                policy.evaluation(direction),
                policy.steps(direction).steps(),
                policy.cooldownSeconds(direction));
    }

    /** The scale-out rates the search tries: fractions of the true rate, in the signal's units. */
    private List<Double> scaleOutRates() {
        return Arrays.stream(SCALE_OUT_FRACTIONS)
                .mapToObj(fraction -> (double) Math.round(fraction * trueRecordsPerSecondPerKpu * unitsPerRecord))
                .toList();
    }

    /** The scale-in rates the search tries with {@code c}'s scale-out rate. */
    private static List<Double> scaleInRates(Candidate c) {
        return Arrays.stream(SCALE_IN_RATIOS)
                .mapToObj(ratio -> (double) Math.round(ratio * c.scaleOut().bound()))
                .toList();
    }

    private static List<Integer> seconds(int[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    /** The lag guard's bounds, whole seconds as the rule's bound holds them. */
    private static List<Double> lagBounds(int[] seconds) {
        return Arrays.stream(seconds).asDoubleStream().boxed().toList();
    }

    /**
     * The points that differ from {@code c} in {@code dimension} only (none for a fixed dimension, nor for the lag
     * guard's settings while it is off). A new scale-out rate keeps the ratio of the two rates, unless the scale-in
     * rate is fixed.
     */
    public List<Candidate> neighbours(Candidate c, Dimension dimension) {
        if (fixed.contains(dimension) || (dimension.ofLagGuard() && !c.lagGuard())) {
            return List.of();
        }
        List<Candidate> neighbours = dimension.axis.neighbours(this, c);
        if (dimension == Dimension.SCALE_OUT_RATE && !fixed.contains(Dimension.SCALE_IN_RATE)) {
            double ratio = c.scaleIn().bound() / c.scaleOut().bound();
            return neighbours.stream()
                    .map(next -> next.with(
                            SCALE_IN,
                            next.scaleIn()
                                    .withBound(
                                            Math.round(ratio * next.scaleOut().bound()))))
                    .toList();
        }
        return neighbours;
    }

    /**
     * Every point of the space (the starting policy's values for the fixed settings), when there are at most
     * {@code limit}: the tuner then searches it exhaustively. Empty when there are more.
     */
    public Optional<List<Candidate>> all(int limit) {
        List<Candidate> points = new ArrayList<>(List.of(start()));
        for (Dimension dimension : Dimension.values()) {
            List<Candidate> next = new ArrayList<>();
            for (Candidate c : points) {
                next.add(c);
                next.addAll(neighbours(c, dimension));
                if (next.size() > limit) {
                    return Optional.empty();
                }
            }
            points = next;
        }
        return Optional.of(List.copyOf(
                new LinkedHashSet<>(points.stream().map(Candidate::effective).toList())));
    }

    /** Every pair of the two rates' values (the search's seeding grid), the rest as in {@code c}. */
    public List<Candidate> rateGrid(Candidate c) {
        List<Candidate> grid = new ArrayList<>();
        List<Candidate> outs = new ArrayList<>(neighbours(c, Dimension.SCALE_OUT_RATE));
        outs.add(c);
        for (Candidate out : outs) {
            grid.add(out);
            grid.addAll(neighbours(out, Dimension.SCALE_IN_RATE));
        }
        return grid;
    }

    /**
     * The policy {@code c} stands for, validated by {@link ScalingPolicy} exactly as the construct validates its
     * props.
     *
     * @throws IllegalArgumentException when the construct would refuse it
     */
    public ScalingPolicy policy(Candidate c) {
        StepRule rule = c.guard();
        LagGuard guard = c.lagGuard()
                ? LagGuard.builder()
                        .maxLagSeconds((int) rule.bound())
                        .evaluationPeriods(rule.evaluation().evaluationPeriods())
                        .datapointsToAlarm(rule.evaluation().datapointsToAlarm())
                        .steps(rule.steps())
                        .cooldownSeconds(rule.cooldownSeconds())
                        .build()
                : LagGuard.disabled();
        return ScalingPolicy.builder()
                .minCapacity(start.capacityRange().minCapacity())
                .maxCapacity(maxCapacity)
                .kpuQuota(start.kpuQuota())
                .scheduledActions(start.scheduledActions())
                .expectedRestartSeconds(start.expectedRestartSeconds())
                .signal(
                        start.thresholds().kind(),
                        c.scaleOut().bound(),
                        c.scaleIn().bound())
                .scaleOutSteps(c.scaleOut().steps())
                .scaleInSteps(c.scaleIn().steps())
                .scaleOutCooldownSeconds(c.scaleOut().cooldownSeconds())
                .scaleInCooldownSeconds(c.scaleIn().cooldownSeconds())
                .scaleOutEvaluation(
                        c.scaleOut().evaluation().evaluationPeriods(),
                        c.scaleOut().evaluation().datapointsToAlarm())
                .scaleInEvaluation(
                        c.scaleIn().evaluation().evaluationPeriods(),
                        c.scaleIn().evaluation().datapointsToAlarm())
                .lagGuard(guard)
                .build();
    }
}
