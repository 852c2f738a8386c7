package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.ScalingDefaults;
import io.github.kdastepscaling.policy.ScalingPolicy;
import io.github.kdastepscaling.policy.rate.RateLearningSettings;
import io.github.kdastepscaling.simulator.ReferenceScenarios.Sizing;
import java.util.Locale;

/**
 * Issue 19's figures: the reference scenarios ({@link ReferenceScenarios}: the default policy, maxCapacity 12,
 * configured 1,000 records/s per KPU, true 700, 1,000 or 1,300) on every reference trace, with the scaler learning
 * its per-KPU rate ({@link LearningSettings#ON}) against the same policy without learning, the job warming up for
 * {@link #WARM_UP_MINUTES} minute after each restart in both.
 *
 * <p>{@code java -cp simulator/target/kda-step-scaling-simulator.jar
 * io.github.kdastepscaling.simulator.LearningScenarios [warm-up minutes] [second-consumer|sole-consumer]
 * [scale-in floor minutes] [probe]} prints the table of
 * docs/tuning.md (issue 19).
 */
public final class LearningScenarios {

    /** A restarted job processes at half its rate for a minute. */
    public static final int WARM_UP_MINUTES = 1;

    private LearningScenarios() {}

    /** The scenario's settings, learning as given. */
    public static SimulationSettings settings(Sizing sizing, LearningSettings learning, int warmUpMinutes) {
        return ReferenceScenarios.settings(ReferenceScenarios.defaultPolicy(), sizing)
                .withWarmUpMinutes(warmUpMinutes)
                .withLearning(learning);
    }

    /**
     * The same policy configured with the true rate (scale-in at the default 90% of it), learning off: what a
     * learner that knew the truth from the first minute would do; its rescales are the "same policy sized
     * right".
     */
    public static SimulationSettings configuredRight(Sizing sizing, int warmUpMinutes) {
        return configuredRight(sizing.trueRecordsPerSecondPerKpu(), ReferenceScenarios.MAX_CAPACITY, warmUpMinutes);
    }

    /** The default policy with {@code maxCapacity}, configured with the true {@code rate}, learning off. */
    public static SimulationSettings configuredRight(double rate, int maxCapacity, int warmUpMinutes) {
        ScalingPolicy policy = ScalingPolicy.builder()
                .maxCapacity(maxCapacity)
                .scaleOutRecordsPerSecondPerKpu(rate)
                .scaleInRecordsPerSecondPerKpu(rate
                        * ScalingDefaults.SCALE_IN_RECORDS_PER_SECOND_PER_KPU
                        / ScalingDefaults.SCALE_OUT_RECORDS_PER_SECOND_PER_KPU)
                .build();
        return SimulationSettings.defaults(policy)
                .withTrueRecordsPerSecondPerKpu(rate)
                .withWarmUpMinutes(warmUpMinutes);
    }

    public static Figures runConfiguredRight(String trace, Sizing sizing, int warmUpMinutes) {
        return figures(Simulator.run(ReferenceTraces.load(trace), configuredRight(sizing, warmUpMinutes)));
    }

    /** The policy under test's figures in {@code report}, with the oracle's and the learned rate if any. */
    public static Figures figures(Report report) {
        PolicyResult policy = report.result(Simulator.POLICY_UNDER_TEST);
        return new Figures(
                policy.summary(), report.result(OracleCapacity.ORACLE).summary(), policy.learnedRate());
    }

    /** The policy under test's figures and the oracle's. */
    public record Figures(PolicySummary policy, PolicySummary oracle, double[] learnedRate) {

        public double kpuHoursVsOracle() {
            return policy.kpuHours() / oracle.kpuHours();
        }

        /**
         * Simulated hours until the learned rate first comes within 10% of {@code trueRate}; NaN if it never does.
         */
        public double hoursToWithinTenPercent(double trueRate) {
            if (learnedRate == null) {
                return Double.NaN;
            }
            for (int m = 0; m < learnedRate.length; m++) {
                if (Math.abs(learnedRate[m] - trueRate) <= 0.1 * trueRate) {
                    return (m + 1) / 60.0;
                }
            }
            return Double.NaN;
        }

        /** The share of minutes after the first within 10% during which the learned rate stays within 10%. */
        public double shareWithinTenPercentAfter(double trueRate) {
            double first = hoursToWithinTenPercent(trueRate);
            if (Double.isNaN(first)) {
                return 0;
            }
            int from = (int) Math.round(first * 60) - 1;
            int within = 0;
            for (int m = from; m < learnedRate.length; m++) {
                within += Math.abs(learnedRate[m] - trueRate) <= 0.1 * trueRate ? 1 : 0;
            }
            return within / (double) (learnedRate.length - from);
        }
    }

    public static Figures run(String trace, Sizing sizing, LearningSettings learning, int warmUpMinutes) {
        return figures(Simulator.run(ReferenceTraces.load(trace), settings(sizing, learning, warmUpMinutes)));
    }

    public static void main(String[] args) {
        int warmUp = args.length > 0 ? Integer.parseInt(args[0]) : WARM_UP_MINUTES;
        boolean second = args.length > 1 && args[1].equals("second-consumer");
        int floor = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        boolean probe = args.length > 3 && args[3].equals("probe");
        LearningSettings on = LearningSettings.ON.withSecondConsumer(second).withScaleInFloorMinutes(floor);
        if (probe) {
            on = on.withEstimator(b -> b.probeStep(RateLearningSettings.MEASURED_PROBE_STEP));
        }
        LearningSettings off = LearningSettings.OFF;
        System.out.println("warm-up " + warmUp + " min" + (second ? ", a second consumer on the stream" : "")
                + (floor > 0 ? ", scale-in floor over " + floor + " min" : "")
                + (probe ? ", probing 5% an hour" : "") + "\n");
        System.out.println("| trace | true rate | learning | max delay (s) | KPU-h vs oracle | rescales "
                + "| vs configured right | learned at the end | hours to within 10% | then within 10% |");
        System.out.println("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        for (String name : ReferenceTraces.allNames()) {
            for (Sizing sizing : Sizing.values()) {
                Figures right = runConfiguredRight(name, sizing, warmUp);
                double rate = sizing.trueRecordsPerSecondPerKpu();
                row(name, rate, "configured right", right, right, rate);
                for (LearningSettings learning : new LearningSettings[] {off, on}) {
                    row(
                            name,
                            rate,
                            learning.enabled() ? "on" : "off",
                            run(name, sizing, learning, warmUp),
                            right,
                            rate);
                }
            }
        }
    }

    static void row(String name, double rate, String label, Figures f, Figures right, double trueRate) {
        System.out.println(String.format(
                Locale.ROOT,
                "| %s | %.0f | %s | %.0f | %.3fx | %d | %.2fx | %s | %s | %s |",
                name,
                rate,
                label,
                f.policy().maxProcessingDelaySeconds(),
                f.kpuHoursVsOracle(),
                f.policy().rescales(),
                f.policy().rescales() / (double) Math.max(1, right.policy().rescales()),
                f.learnedRate() == null
                        ? "-"
                        : String.format(Locale.ROOT, "%.0f", f.learnedRate()[f.learnedRate().length - 1]),
                f.learnedRate() == null
                        ? "-"
                        : Double.isNaN(f.hoursToWithinTenPercent(trueRate))
                                ? "never"
                                : String.format(Locale.ROOT, "%.1f", f.hoursToWithinTenPercent(trueRate)),
                f.learnedRate() == null
                        ? "-"
                        : String.format(Locale.ROOT, "%.0f%%", 100 * f.shareWithinTenPercentAfter(trueRate))));
    }
}
