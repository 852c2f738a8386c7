package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.PolicyWarnings;
import io.github.kdastepscaling.policy.ScalingPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Option;

/**
 * The options the simulator and {@code tune} share (a picocli mixin): the trace and its start, the policy file, the
 * job's true per-KPU rate and the progress bar; read the same way by both commands.
 */
final class RunOptions {

    /** Traces at least this long get a progress bar unless --no-progress. */
    static final int PROGRESS_MIN_MINUTES = 1440;

    @Option(
            names = "--trace",
            required = true,
            paramLabel = "TRACE.csv",
            description = "CSV with the header minute,records_per_second and one row per minute, or the JSON of "
                    + "aws cloudwatch get-metric-data / get-metric-statistics (IncomingRecords, Sum, period 60).")
    Path trace;

    @Option(
            names = "--start",
            paramLabel = "INSTANT",
            description = "Wall-clock time of a CSV trace's first minute, e.g. 2026-03-02T00:00:00Z (an export has "
                    + "its own); needed to place the policy's scheduled actions.")
    Instant start;

    @Option(
            names = "--config",
            paramLabel = "POLICY.json",
            description = "The policy, in the construct's prop names; for tune, the starting policy and the value of "
                    + "every fixed setting (default: the construct's defaults).")
    Path config;

    @Option(
            names = "--true-records-per-second-per-kpu",
            paramLabel = "RATE",
            description = "Records per second one KPU of your job really processes, as you measured it (default: "
                    + "the config's trueRecordsPerSecondPerKpu, else the policy's configured scale-out rate: sized "
                    + "right; tune has no default: this, --job-metrics or the config's).")
    Double trueRecordsPerSecondPerKpu;

    @Option(
            names = "--progress",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Show a progress bar on stderr for traces of " + PROGRESS_MIN_MINUTES
                    + " minutes or more (default: on).")
    boolean progress;

    /** The trace, placed at {@code --start} when given. */
    Trace loadTrace() throws IOException, TraceFormatException {
        Trace loaded = TraceReader.read(trace);
        return start == null ? loaded : loaded.startingAt(start);
    }

    /** The policy file's settings, or the construct's defaults, before any command-line override. */
    SimulationSettings settings() throws IOException {
        return config == null ? SimulationSettings.defaults() : PolicyFile.read(config);
    }

    /**
     * Prints the warnings the construct would give this policy at synthesis ({@link PolicyWarnings}): its scheduled
     * actions', and, with {@code learning} on (the construct's default), why the deployed scaler could not learn.
     */
    static void printWarnings(PrintWriter err, ScalingPolicy policy, boolean learning) {
        for (PolicyWarnings.Warning warning :
                learning ? PolicyWarnings.of(policy) : PolicyWarnings.scheduledActions(policy)) {
            err.println("warning: " + warning.message() + " (" + warning.id() + ")");
        }
    }

    /** Whether a run over {@code trace} shows a progress bar. */
    boolean progressFor(Trace trace) {
        return progress && trace.length() >= PROGRESS_MIN_MINUTES;
    }

    /** A progress bar on stderr; {@code max} -1 when the total is not known in advance. */
    static ProgressBar progressBar(String task, long max, String unit) {
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setStyle(ProgressBarStyle.ASCII)
                .setUnit(unit, 1)
                .setUpdateIntervalMillis(200)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .build();
    }
}
