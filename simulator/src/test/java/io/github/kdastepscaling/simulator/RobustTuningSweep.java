package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.ScalingPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Not a test: the measurements that chose the stress variants and the busier margin (docs/tuning.md, issue 20). For
 * each multi-day trace ({@link MultiDayTraces}, 3 and 7 days), tunes on all days but the last with the variants named
 * on the command line, and prints the recommendation on the last day beside the defaults and the oracle.
 * Run: java -cp simulator/target/test-classes:simulator/target/kda-step-scaling-simulator.jar
 * io.github.kdastepscaling.simulator.RobustTuningSweep [none|KIND,KIND...] [BUSIER] [DAYS,DAYS] [RESAMPLES]
 * (KIND: BUSIER, STEEPER, REVERSED, BUSIEST_DAY, RESAMPLED; default: the chosen ones, 1.15, 3,7, 8).
 */
public final class RobustTuningSweep {

    private RobustTuningSweep() {}

    /** The figures of one tune-and-replay. */
    record Replay(
            String trace,
            Recommendation recommendation,
            PolicySummary day,
            PolicySummary defaults,
            PolicySummary oracle) {

        double vsOracle() {
            return day.kpuHours() / oracle.kpuHours();
        }
    }

    /** Tunes on all days of {@code trace} but the last, with {@code variants}; reads the last day. */
    static Replay replay(
            Trace trace, int days, List<StressVariants.Kind> kinds, double busier, int resamples, double target) {
        SimulationSettings settings =
                SimulationSettings.defaults(ScalingPolicy.builder().build());
        int split = (days - 1) * StressVariants.DAY;
        Trace train = trace.slice(0, split);
        List<StressVariants.Variant> variants =
                kinds == null ? StressVariants.nominalOnly(train) : StressVariants.of(train, kinds, busier, resamples);
        // the lag guard kept, as tune keeps it (issue 23)
        PolicySpace space = PolicySpace.of(
                        settings.policy(), settings.trueRecordsPerSecondPerKpu(), train.peak(), Set.of())
                .keepingTheLagGuard();
        long began = System.nanoTime();
        Tuner.Result result =
                new Tuner(space, variants, settings.job(), settings.initialCapacity(), target, (d, t) -> {}).tune();
        Recommendation r = Recommendation.of(
                trace, split, settings, space, result, variants, (System.nanoTime() - began) / 1e9, Optional.empty());
        return new Replay(
                trace.name(),
                r,
                Recommendation.row(r.heldOut(), Recommendation.RECOMMENDATION),
                Recommendation.row(r.heldOut(), Recommendation.DEFAULTS),
                Recommendation.row(r.heldOut(), OracleCapacity.ORACLE));
    }

    public static void main(String[] args) {
        List<StressVariants.Kind> kinds = StressVariants.CHOSEN;
        if (args.length > 0) {
            kinds = args[0].equals("none") ? null : new ArrayList<>();
            if (kinds != null) {
                for (String k : args[0].split(",")) {
                    kinds.add(StressVariants.Kind.valueOf(k));
                }
            }
        }
        double busier = args.length > 1 ? Double.parseDouble(args[1]) : StressVariants.BUSIER;
        String daysArg = args.length > 2 ? args[2] : "3,7";
        int resamples = args.length > 3 ? Integer.parseInt(args[3]) : StressVariants.RESAMPLES;
        System.out.println("| trace | nominal: delay, vs oracle | worst case (variant) | bound | unseen day: delay "
                + "| defaults' delay | vs oracle | training: vs defaults | simulations | s |");
        System.out.println("|---|---|---|---:|---:|---:|---:|---:|---:|---:|");
        for (String d : daysArg.split(",")) {
            int days = Integer.parseInt(d);
            for (String pattern : MultiDayTraces.PATTERNS) {
                Replay r = replay(MultiDayTraces.generate(pattern, days), days, kinds, busier, resamples, 300);
                Tuner.Result result = r.recommendation().result();
                PolicySummary train = Recommendation.row(r.recommendation().train(), Recommendation.RECOMMENDATION);
                PolicySummary trainOracle =
                        Recommendation.row(r.recommendation().train(), OracleCapacity.ORACLE);
                double limitDelay = days == 3 ? 600 : 450;
                double limitCost = days == 3 ? 1.30 : 1.20;
                boolean pass = r.day().maxProcessingDelaySeconds() <= limitDelay
                        && r.day().maxProcessingDelaySeconds() <= r.defaults().maxProcessingDelaySeconds()
                        && r.vsOracle() <= limitCost;
                System.out.println(String.format(
                        Locale.ROOT,
                        "| %s | %.0f s, %.3fx | %.0f s (%s) | %.0f | %.0f s | %.0f s | %.3fx | %.3fx | %d | %.1f |%s",
                        r.trace(),
                        train.maxProcessingDelaySeconds(),
                        train.kpuHours() / trainOracle.kpuHours(),
                        result.best().worstDelaySeconds(),
                        result.best().hardestVariant(),
                        result.boundSeconds().stream()
                                .mapToDouble(Double::doubleValue)
                                .max()
                                .orElse(0),
                        r.day().maxProcessingDelaySeconds(),
                        r.defaults().maxProcessingDelaySeconds(),
                        r.vsOracle(),
                        train.kpuHours()
                                / Recommendation.row(r.recommendation().train(), Recommendation.DEFAULTS)
                                        .kpuHours(),
                        result.simulations(),
                        r.recommendation().seconds(),
                        pass ? "" : " FAIL"));
                if (!pass || System.getenv("SHOW") != null) {
                    System.out.println("    "
                            + RecommendationWriter.javaBuilder(result.best().policy())
                                    .replace("\n", " ")
                                    .replaceAll(" +", " "));
                }
            }
        }
    }
}
