package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.ScalingPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code tune} found, with the figures to judge it by: the recommendation, the construct's defaults and the four
 * baselines, each over the training part and the held-out part. Both parts are read from one run over the whole trace
 * (the policy keeps running into the held-out part, as it would in production); the model is causal, so the training
 * part's figures are those of a run over that part alone, which is what the search saw.
 *
 * @param trace       the whole trace
 * @param split       the first held-out minute ({@code trace.length()} when nothing is held out)
 * @param settings    the recommendation with the run's settings (true rate, restarts, price): {@code policy.json}
 * @param space       the space searched
 * @param result      the search's result
 * @param train       the figures over the training part: recommendation, defaults (when valid), baselines
 * @param heldOut     the same over the held-out part (empty when nothing is held out)
 * @param stress      the recommendation and the defaults on each variant the search judged them on (nominal first)
 * @param seconds     how long the search took
 */
public record Recommendation(
        Trace trace,
        int split,
        SimulationSettings settings,
        PolicySpace space,
        Tuner.Result result,
        List<PolicySummary> train,
        List<PolicySummary> heldOut,
        List<VariantFigures> stress,
        double seconds) {

    /**
     * One stressed variant of the training part.
     *
     * @param recommendation the recommendation's figures on it
     * @param defaults       the defaults' (when valid)
     */
    public record VariantFigures(
            String variant,
            PolicySummary recommendation,
            Optional<PolicySummary> defaults,
            Optional<PolicySummary> yours) {

        public VariantFigures(String variant, PolicySummary recommendation, Optional<PolicySummary> defaults) {
            this(variant, recommendation, defaults, Optional.empty());
        }
    }

    /** The variant where the recommendation's largest delay is largest (the first such). */
    public VariantFigures hardest() {
        VariantFigures hardest = stress.get(0);
        for (VariantFigures v : stress) {
            if (v.recommendation().maxProcessingDelaySeconds()
                    > hardest.recommendation().maxProcessingDelaySeconds()) {
                hardest = v;
            }
        }
        return hardest;
    }

    public static final String RECOMMENDATION = "recommendation";
    public static final String DEFAULTS = "defaults";
    /** The row of the user's {@code --config} policy, as given. */
    public static final String YOUR_POLICY = "your policy";

    static final List<String> BASELINES =
            List.of(AwsSamplePolicy.NAME, BuiltInAutoscaling.NAME, OracleCapacity.ORACLE, OracleCapacity.FIXED_AT_PEAK);

    /**
     * Runs the recommendation (with its baselines) and the defaults over the whole trace and reads both parts.
     *
     * @param start the starting settings (true rate, restarts, price, initial capacity)
     */
    public static Recommendation of(
            Trace trace, int split, SimulationSettings start, PolicySpace space, Tuner.Result result, double seconds) {
        return of(
                trace,
                split,
                start,
                space,
                result,
                StressVariants.nominalOnly(trace.slice(0, split)),
                seconds,
                Optional.empty());
    }

    /**
     * As {@link #of(Trace, int, SimulationSettings, PolicySpace, Tuner.Result, double)}, and the recommendation and
     * the defaults on each of {@code variants} (those the search judged on), with a {@link #YOUR_POLICY} row when
     * {@code yours} is given: the user's {@code --config} policy exactly as given (its own maximum), on both parts and
     * on every variant.
     */
    public static Recommendation of(
            Trace trace,
            int split,
            SimulationSettings start,
            PolicySpace space,
            Tuner.Result result,
            List<StressVariants.Variant> variants,
            double seconds,
            Optional<ScalingPolicy> yours) {
        SimulationSettings settings = start.withPolicy(result.best().policy());
        Report report = Simulator.run(trace, settings);
        Map<String, Workload> rows = new LinkedHashMap<>();
        rows.put(RECOMMENDATION, report.result(Simulator.POLICY_UNDER_TEST).workload());
        yours.ifPresent(policy -> rows.put(YOUR_POLICY, workload(trace, start.withPolicy(policy))));
        // The defaults need their own step-scaling run only; the baselines are the recommendation's report's.
        result.defaults()
                .ifPresent(defaults -> rows.put(DEFAULTS, workload(trace, start.withPolicy(defaults.policy()))));
        for (String baseline : BASELINES) {
            rows.put(baseline, report.result(baseline).workload());
        }
        List<PolicySummary> train = new ArrayList<>();
        List<PolicySummary> heldOut = new ArrayList<>();
        rows.forEach((name, workload) -> {
            train.add(PolicySummary.of(name, workload.slice(0, split), settings.pricePerKpuHour()));
            if (split < trace.length()) {
                heldOut.add(PolicySummary.of(name, workload.slice(split, trace.length()), settings.pricePerKpuHour()));
            }
        });
        List<VariantFigures> stress = variants.stream()
                .map(v -> new VariantFigures(
                        v.name(),
                        summary(v.trace(), settings),
                        result.defaults().map(d -> summary(v.trace(), start.withPolicy(d.policy()))),
                        yours.map(p -> summary(v.trace(), start.withPolicy(p)))))
                .toList();
        return new Recommendation(
                trace, split, settings, space, result, List.copyOf(train), List.copyOf(heldOut), stress, seconds);
    }

    /**
     * One step-scaling run of {@code settings}' policy over {@code trace}, from its initial capacity (which
     * {@link SimulationSettings#withPolicy} keeps in the policy's range).
     */
    private static Workload workload(Trace trace, SimulationSettings settings) {
        return StepScalingSimulation.run(
                        trace,
                        StepScalingSpec.of(settings.policy()),
                        settings.job(),
                        new InMemoryCapacityActuator(settings.initialCapacity()),
                        minute -> {})
                .workload();
    }

    /** Whether the table has a {@link #YOUR_POLICY} row. */
    public boolean hasYourPolicy() {
        return train.stream().anyMatch(p -> p.name().equals(YOUR_POLICY));
    }

    private static PolicySummary summary(Trace trace, SimulationSettings settings) {
        return PolicySummary.of("variant", workload(trace, settings), settings.pricePerKpuHour());
    }

    /** The named row of {@code part} ({@link #train} or {@link #heldOut}). */
    public static PolicySummary row(List<PolicySummary> part, String name) {
        return part.stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no row " + name));
    }

    public boolean hasHeldOut() {
        return !heldOut.isEmpty();
    }
}
