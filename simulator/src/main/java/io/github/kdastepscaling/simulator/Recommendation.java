package io.github.kdastepscaling.simulator;

import java.util.ArrayList;
import java.util.List;

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
 * @param seconds     how long the search took
 */
public record Recommendation(Trace trace, int split, SimulationSettings settings, PolicySpace space,
                             Tuner.Result result, List<PolicySummary> train, List<PolicySummary> heldOut,
                             double seconds) {

    public static final String RECOMMENDATION = "recommendation";
    public static final String DEFAULTS = "defaults";
    static final List<String> BASELINES = List.of(AwsSamplePolicy.NAME, BuiltInAutoscaling.NAME, OracleCapacity.ORACLE,
            OracleCapacity.FIXED_AT_PEAK);

    /**
     * Runs the recommendation (with its baselines) and the defaults over the whole trace and reads both parts.
     *
     * @param start the starting settings (true rate, restarts, price, initial capacity)
     */
    public static Recommendation of(Trace trace, int split, SimulationSettings start, PolicySpace space,
                                    Tuner.Result result, double seconds) {
        SimulationSettings settings = start.withPolicy(result.best().policy());
        Report report = Simulator.run(trace, settings);
        List<PolicyResult> rows = new ArrayList<>();
        rows.add(new PolicyResult(rename(report.result(Simulator.POLICY_UNDER_TEST).summary(), RECOMMENDATION),
                report.result(Simulator.POLICY_UNDER_TEST).workload()));
        result.defaults().ifPresent(defaults -> {
            PolicyResult run = Simulator.run(trace, start.withPolicy(defaults.policy()))
                    .result(Simulator.POLICY_UNDER_TEST);
            rows.add(new PolicyResult(rename(run.summary(), DEFAULTS), run.workload()));
        });
        for (String baseline : BASELINES) {
            rows.add(report.result(baseline));
        }
        List<PolicySummary> train = new ArrayList<>();
        List<PolicySummary> heldOut = new ArrayList<>();
        for (PolicyResult row : rows) {
            train.add(PolicySummary.of(row.name(), row.workload().slice(0, split), settings.pricePerKpuHour()));
            if (split < trace.length()) {
                heldOut.add(PolicySummary.of(row.name(), row.workload().slice(split, trace.length()),
                        settings.pricePerKpuHour()));
            }
        }
        return new Recommendation(trace, split, settings, space, result, List.copyOf(train), List.copyOf(heldOut),
                seconds);
    }

    private static PolicySummary rename(PolicySummary s, String name) {
        return new PolicySummary(name, s.kpuHours(), s.cost(), s.minutesWithBacklog(), s.maxBacklogRecords(),
                s.maxProcessingDelaySeconds(), s.rescales(), s.restartDowntimeMinutes(), s.maxLagSeconds(),
                s.lagGuardScaleOuts());
    }

    /** The named row of {@code part} ({@link #train} or {@link #heldOut}). */
    public static PolicySummary row(List<PolicySummary> part, String name) {
        return part.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no row " + name));
    }

    public boolean hasHeldOut() {
        return !heldOut.isEmpty();
    }
}
