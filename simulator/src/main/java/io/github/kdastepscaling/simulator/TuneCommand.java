package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.ScalingPolicy;
import io.github.kdastepscaling.policy.SignalKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code java -jar kda-step-scaling-simulator.jar tune --trace TRACE --max-delay-seconds D --out DIR}: searches the
 * policy space ({@link PolicySpace}, {@link Tuner}) over the first part of the trace and reports the recommendation on
 * both parts. It needs the job's true rate per KPU ({@code --true-records-per-second-per-kpu}, or an estimate from
 * the job's own metrics, {@code --job-metrics}: {@link HistoryRateEstimate}) and a trace of two hours at least; it
 * keeps the lag guard as the starting policy has it and says in {@code recommendation.md} what lowers protection
 * ({@link ProtectionChanges}). Exit codes as the simulator's: 0 done, 1 an input or output error, 2 bad command line.
 */
@Command(
        name = "tune",
        mixinStandardHelpOptions = true,
        version = "kda-step-scaling-simulator tune",
        description = "Searches for the policy with the fewest KPU-hours whose largest processing delay over the "
                + "trace's training part stays within a target; writes DIR/policy.json, DIR/recommendation.md and "
                + "DIR/frontier.png.")
public final class TuneCommand extends ReportingCommand {

    @Mixin
    RunOptions run = new RunOptions();

    @Option(
            names = "--max-delay-seconds",
            required = true,
            paramLabel = "D",
            description = "The largest processing delay the policy may let the job fall behind, in seconds.")
    double maxDelaySeconds;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created if needed).")
    Path out;

    @Option(
            names = "--fix",
            split = ",",
            paramLabel = "FIELD",
            description = "Policy-file fields that keep the starting policy's value instead of being searched, "
                    + "e.g. scaleOutCooldownSeconds,lagGuard.")
    List<String> fix = List.of();

    @Option(
            names = "--held-out-fraction",
            paramLabel = "F",
            defaultValue = "0.3333333333333333",
            description = "The last part of the trace the search does not see, reported separately (default: a "
                    + "third; 0: none).")
    double heldOutFraction;

    @Option(
            names = "--stress",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Judge every candidate on stressed variants of the training part too (a busier day, "
                    + "steeper ramps, the history resampled...), within the target and never behind the defaults "
                    + "there (default: on; --no-stress: on the training part alone).")
    boolean stress;

    @Option(
            names = "--job-metrics",
            split = ",",
            paramLabel = "FILE",
            description = "The job's own metrics over the trace's period (aws cloudwatch get-metric-data JSON with "
                    + "the ids consumed, lag, incoming, kpus, and optionally throttled; one or more files): the "
                    + "scaler's rate estimator runs over them and the tuner tunes for the rate it learns. Give this "
                    + "or --true-records-per-second-per-kpu.")
    List<Path> jobMetrics = List.of();

    @Option(
            names = "--thorough",
            description = "End the search with a pass over every pair of settings around the winner: slower (about "
                    + "5 s more CPU on two weeks), finds what one setting at a time misses, and may pick a policy "
                    + "that saves 1%% on the history and is a little behind the defaults on a day it never saw "
                    + "(docs/tuning.md).")
    boolean thorough;

    /** Below this a trace is refused: see {@link #checkLength}. */
    static final int MIN_TRACE_MINUTES = 120;
    /** Below this a trace gets a warning: one day holds one daily cycle. */
    static final int WARN_TRACE_MINUTES = 1440;

    public TuneCommand(PrintWriter err) {
        super(err);
    }

    @Override
    int execute() throws IOException, TraceFormatException {
        if (!(maxDelaySeconds >= 0) || Double.isInfinite(maxDelaySeconds)) {
            throw new IllegalArgumentException("--max-delay-seconds (" + maxDelaySeconds + ") must be a number >= 0");
        }
        if (!(heldOutFraction >= 0 && heldOutFraction < 1)) {
            throw new IllegalArgumentException(
                    "--held-out-fraction (" + heldOutFraction + ") must be at least 0 and below 1");
        }
        Trace loaded = run.loadTrace();
        List<String> warnings = new ArrayList<>();
        checkLength(loaded).ifPresent(warnings::add);
        SimulationSettings settings = run.settings();
        TrueRate trueRate = trueRate(settings, loaded, warnings);
        settings = settings.withTrueRecordsPerSecondPerKpu(trueRate.recordsPerSecondPerKpu());
        for (String warning : warnings) {
            err.println("warning: " + warning);
        }
        // the starting policy's, as the construct would warn about it with learning on by default
        RunOptions.printWarnings(err, settings.policy(), true);
        int split = loaded.length() - (int) Math.round(loaded.length() * heldOutFraction);
        if (split < 1) {
            throw new IllegalArgumentException("--held-out-fraction (" + heldOutFraction + ") leaves no minute of "
                    + loaded.name() + " (" + loaded.length() + " minutes) to train on");
        }
        Trace train = loaded.slice(0, split);
        List<StressVariants.Variant> variants = stress ? StressVariants.of(train) : StressVariants.nominalOnly(train);
        Set<String> fixed = new LinkedHashSet<>(fix);
        PolicySpace space = PolicySpace.of(
                        settings.policy(),
                        settings.trueRecordsPerSecondPerKpu(),
                        train.peak(),
                        fixed,
                        settings.bytesPerRecord())
                .keepingTheLagGuard();
        long began = System.nanoTime();
        Tuner.Result result = search(space, train, variants, settings);
        double seconds = (System.nanoTime() - began) / 1e9;
        Optional<ScalingPolicy> yours = run.config == null ? Optional.empty() : Optional.of(settings.policy());
        Recommendation recommendation =
                Recommendation.of(loaded, split, settings, space, result, variants, seconds, yours);
        ScalingPolicy reference = yours.orElseGet(() -> result.defaults()
                .map(Tuner.Evaluation::policy)
                .orElse(ScalingPolicy.builder().build()));
        double units =
                settings.policy().thresholds().kind() == SignalKind.INCOMING_BYTES ? settings.bytesPerRecord() : 1;
        TuneNotes notes = new TuneNotes(
                trueRate.source(),
                warnings,
                ProtectionChanges.of(reference, result.best().policy(), settings.trueRecordsPerSecondPerKpu(), units),
                yours.isPresent() ? "your policy (--config)" : "the construct's defaults",
                restart(settings));
        Files.createDirectories(out);
        RecommendationWriter.writePolicy(recommendation.settings(), out.resolve("policy.json"));
        RecommendationWriter.writeMarkdown(recommendation, notes, out.resolve("recommendation.md"));
        FrontierChart.write(
                result,
                loaded.name() + ": " + result.evaluated().size() + " policies over the training part",
                out.resolve("frontier.png"));
        err.println(summary(recommendation));
        err.println("wrote " + out.resolve("policy.json") + ", " + out.resolve("recommendation.md") + ", "
                + out.resolve("frontier.png"));
        return 0;
    }

    /** The true rate the search tunes for, and the sentence that says where it came from. */
    private record TrueRate(double recordsPerSecondPerKpu, String source) {}

    /**
     * The true rate the search tunes for, and where it came from:
     * {@code --true-records-per-second-per-kpu}, else {@code --job-metrics} (estimated), else the config's
     * {@code trueRecordsPerSecondPerKpu}; none of them: refused (a tuner tuning for a guess recommends for the guess,
     * issue 23).
     */
    private TrueRate trueRate(SimulationSettings settings, Trace trace, List<String> warnings)
            throws IOException, TraceFormatException {
        if (run.trueRecordsPerSecondPerKpu != null && !jobMetrics.isEmpty()) {
            throw new IllegalArgumentException("give --true-records-per-second-per-kpu ("
                    + run.trueRecordsPerSecondPerKpu + ") or --job-metrics (" + jobMetrics + "), not both");
        }
        if (run.trueRecordsPerSecondPerKpu != null) {
            double rate = run.trueRecordsPerSecondPerKpu;
            return new TrueRate(
                    rate,
                    String.format(
                            Locale.ROOT,
                            "%,.0f records/s per KPU, as given (--true-records-per-second-per-kpu)",
                            rate));
        }
        if (!jobMetrics.isEmpty()) {
            JobMetricsExport export = JobMetricsExport.read(jobMetrics);
            overlap(export, trace).ifPresent(warnings::add);
            HistoryRateEstimate estimate =
                    HistoryRateEstimate.of(export, settings.policy().thresholds(), settings.bytesPerRecord());
            if (!estimate.usable()) {
                throw new IllegalArgumentException("--job-metrics (" + export.source() + "): the estimate of the "
                        + "true rate is too weak to tune for: " + estimate.weakness() + "; give "
                        + "--true-records-per-second-per-kpu if you know it");
            }
            err.println("true rate: " + estimate.describe());
            return new TrueRate(
                    estimate.recordsPerSecondPerKpu(),
                    estimate.describe() + ". Last measurement: " + estimate.lastMeasurement());
        }
        if (run.config != null && PolicyFile.hasField(run.config, PolicyFile.TRUE_RATE)) {
            double rate = settings.trueRecordsPerSecondPerKpu();
            return new TrueRate(
                    rate,
                    String.format(
                            Locale.ROOT,
                            "%,.0f records/s per KPU, from %s (trueRecordsPerSecondPerKpu)",
                            rate,
                            run.config.getFileName()));
        }
        throw new IllegalArgumentException("tune needs the job's true rate per KPU: give "
                + "--true-records-per-second-per-kpu RATE (measured), or --job-metrics FILE (the job's own metrics; "
                + "the tuner estimates the rate from them), or trueRecordsPerSecondPerKpu in --config; the tuner "
                + "no longer assumes the configured "
                + String.format(Locale.ROOT, "%,.0f", settings.configuredRecordsPerSecondPerKpu()));
    }

    /**
     * A warning when the export and the trace (when it has wall-clock time) share no minute: the rate is then the
     * job's at another time, which may not be the job the trace loads (a release in between).
     */
    static Optional<String> overlap(JobMetricsExport export, Trace trace) {
        if (trace.start().isEmpty() || export.minutes().isEmpty()) {
            return Optional.empty();
        }
        long first = Duration.ofSeconds(trace.start().get().getEpochSecond()).toMinutes();
        long last = first + trace.length() - 1;
        long from = export.minutes().get(0).minute();
        long to = export.minutes().get(export.minutes().size() - 1).minute();
        if (to < first || from > last) {
            return Optional.of("the job metrics (" + export.source() + ", " + Instant.ofEpochSecond(from * 60)
                    + " to " + Instant.ofEpochSecond(to * 60) + ") share no minute with the trace ("
                    + trace.start().get() + ", " + trace.length() + " minutes): the rate is the job's at another time");
        }
        return Optional.empty();
    }

    /**
     * Refuses a trace shorter than {@link #MIN_TRACE_MINUTES}: the slowest reaction the space holds (a 30-minute
     * scale-in evaluation, then a 30-minute cooldown) is an hour, so two hours (of which the search sees two thirds)
     * show one cycle of it at most, and candidates that differ in their slow settings cannot be told apart: there is
     * nothing to say. Warns below {@link #WARN_TRACE_MINUTES}: a day holds one daily cycle; less holds no night, no
     * peak the job has not yet seen.
     */
    static Optional<String> checkLength(Trace trace) {
        if (trace.length() < MIN_TRACE_MINUTES) {
            throw new IllegalArgumentException("--trace (" + trace.name() + ", " + trace.length() + " minutes) is "
                    + "shorter than " + MIN_TRACE_MINUTES + " minutes: the slowest reaction the tuner searches takes "
                    + "an hour, so a shorter trace cannot tell the policies apart; export at least a day");
        }
        if (trace.length() < WARN_TRACE_MINUTES) {
            return Optional.of(String.format(
                    Locale.ROOT,
                    "the trace (%s) is %,d minutes, shorter than a day: the "
                            + "recommendation has seen no daily cycle and is tuned to these hours only; export a week if you "
                            + "can",
                    trace.name(),
                    trace.length()));
        }
        return Optional.empty();
    }

    /** The restart the run models, and which setting it comes from. */
    private String restart(SimulationSettings settings) throws IOException {
        boolean overridden = run.config != null
                && PolicyFile.hasField(run.config, "restartMinutes")
                && settings.restartMinutes() != SimulationSettings.restartMinutesFor(settings.policy());
        return overridden
                ? "Restarts: " + settings.restartMinutes() + " minutes, the config's restartMinutes, which overrides "
                        + "the policy's expectedRestartSeconds ("
                        + settings.policy().expectedRestartSeconds() + " s)."
                : "Restarts: " + settings.restartMinutes() + " minutes, from the policy's expectedRestartSeconds ("
                        + settings.policy().expectedRestartSeconds() + " s).";
    }

    private Tuner.Result search(
            PolicySpace space, Trace train, List<StressVariants.Variant> variants, SimulationSettings settings) {
        if (!run.progressFor(train)) {
            return tune(space, variants, settings, (done, total) -> {});
        }
        // the total is the search's upper bound on candidates, revised as it goes: a percentage and the time left
        try (ProgressBar bar = RunOptions.progressBar("tuning on " + train.name(), 1, " candidates")) {
            return tune(space, variants, settings, (done, total) -> {
                synchronized (bar) {
                    bar.maxHint(total);
                    bar.stepTo(done);
                }
            });
        }
    }

    private Tuner.Result tune(
            PolicySpace space,
            List<StressVariants.Variant> variants,
            SimulationSettings settings,
            Tuner.Progress progress) {
        return new Tuner(space, variants, settings.job(), settings.initialCapacity(), maxDelaySeconds, progress)
                .withSearch(Tuner.SEEDS, thorough)
                .tune();
    }

    private static String summary(Recommendation r) {
        PolicySummary train = Recommendation.row(r.train(), Recommendation.RECOMMENDATION);
        PolicySummary oracle = Recommendation.row(r.train(), OracleCapacity.ORACLE);
        String text = String.format(
                Locale.ROOT,
                "%s policies (%d runs) simulated in %.1f s; training part: largest "
                        + "delay %.0f s, %.3fx the oracle's KPU-hours",
                r.result().evaluated().size(),
                r.result().simulations(),
                r.seconds(),
                train.maxProcessingDelaySeconds(),
                train.kpuHours() / oracle.kpuHours());
        if (r.result().stressed()) {
            Recommendation.VariantFigures hardest = r.hardest();
            text += String.format(
                    Locale.ROOT,
                    "; worst case over %d variants: %.0f s (%s)",
                    r.stress().size(),
                    hardest.recommendation().maxProcessingDelaySeconds(),
                    hardest.variant());
        }
        if (r.hasHeldOut()) {
            PolicySummary held = Recommendation.row(r.heldOut(), Recommendation.RECOMMENDATION);
            PolicySummary heldOracle = Recommendation.row(r.heldOut(), OracleCapacity.ORACLE);
            text += String.format(
                    Locale.ROOT,
                    "; held-out part: largest delay %.0f s, %.3fx the oracle's KPU-hours",
                    held.maxProcessingDelaySeconds(),
                    held.kpuHours() / heldOracle.kpuHours());
        }
        return r.result().withinTarget() ? text : text + "; no policy searched met the target";
    }
}
