package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.ScalingPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar kda-step-scaling-simulator.jar --trace TRACE.csv [--config POLICY.json] --out DIR}; with
 * {@code tune} first, the tuner ({@link TuneCommand}).
 * Exit codes: 0 done, 1 an input or output error (message on stderr), 2 bad command line.
 */
@Command(name = "kda-step-scaling-simulator", mixinStandardHelpOptions = true, version = "kda-step-scaling-simulator",
        description = "Replays a load trace through a step-scaling policy and four baselines; writes "
                + "DIR/report.json, DIR/report.md and DIR/chart.png. 'tune --help': the tuner.")
public final class SimulatorCommand implements Callable<Integer> {

    /** Traces at least this long get a progress bar unless --no-progress. */
    public static final int PROGRESS_MIN_MINUTES = 1440;

    @Option(names = "--trace", required = true, paramLabel = "TRACE.csv",
            description = "CSV with the header minute,records_per_second and one row per minute, or the JSON of "
                    + "aws cloudwatch get-metric-data / get-metric-statistics (IncomingRecords, Sum, period 60).")
    Path trace;

    @Option(names = "--start", paramLabel = "INSTANT",
            description = "Wall-clock time of the trace's first minute, e.g. 2026-03-02T00:00:00Z; needed to place the "
                    + "policy's scheduled actions on a CSV trace.")
    Instant start;

    @Option(names = "--config", paramLabel = "POLICY.json",
            description = "The policy under test, in the construct's prop names (default: the construct's defaults).")
    Path config;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created if needed).")
    Path out;

    @Option(names = "--price-per-kpu-hour", paramLabel = "PRICE",
            description = "Price of one KPU-hour (default: the config's pricePerKpuHour, else 0.11).")
    Double pricePerKpuHour;

    @Option(names = "--true-records-per-second-per-kpu", paramLabel = "RATE",
            description = "Records per second one KPU really processes (default: the config's "
                    + "trueRecordsPerSecondPerKpu, else the policy's configured scale-out rate: sized right).")
    Double trueRecordsPerSecondPerKpu;

    @Option(names = "--bytes-per-record", paramLabel = "BYTES",
            description = "Average record size, for an incomingBytes signal (default: the config's bytesPerRecord, "
                    + "else 1000).")
    Double bytesPerRecord;

    @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Show a progress bar on stderr for traces of " + PROGRESS_MIN_MINUTES
                    + " minutes or more (default: on).")
    boolean progress;

    private final PrintWriter err;

    public SimulatorCommand(PrintWriter err) {
        this.err = err;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        if (args.length > 0 && args[0].equals("tune")) {
            return TuneCommand.execute(out, err, java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        CommandLine commandLine = new CommandLine(new SimulatorCommand(err));
        commandLine.setOut(out);
        commandLine.setErr(err);
        return commandLine.execute(args);
    }

    @Override
    public Integer call() {
        try {
            Trace loaded = TraceReader.read(trace);
            if (start != null) {
                loaded = loaded.startingAt(start);
            }
            SimulationSettings settings = config == null
                    ? SimulationSettings.defaults(ScalingPolicy.builder().build())
                    : PolicyFile.read(config);
            if (pricePerKpuHour != null) {
                settings = settings.withPricePerKpuHour(pricePerKpuHour);
            }
            if (bytesPerRecord != null) {
                boolean sizedRight = settings.trueRecordsPerSecondPerKpu() == settings.configuredRecordsPerSecondPerKpu();
                settings = settings.withBytesPerRecord(bytesPerRecord);
                if (sizedRight && trueRecordsPerSecondPerKpu == null) {
                    settings = settings.withTrueRecordsPerSecondPerKpu(settings.configuredRecordsPerSecondPerKpu());
                }
            }
            if (trueRecordsPerSecondPerKpu != null) {
                settings = settings.withTrueRecordsPerSecondPerKpu(trueRecordsPerSecondPerKpu);
            }
            Report report = simulate(loaded, settings);
            Files.createDirectories(out);
            ReportWriter.writeJson(report, out.resolve("report.json"));
            ReportWriter.writeMarkdown(report, out.resolve("report.md"));
            ChartRenderer.write(report, out.resolve("chart.png"));
            err.println("wrote " + out.resolve("report.json") + ", " + out.resolve("report.md") + ", "
                    + out.resolve("chart.png"));
            return 0;
        } catch (TraceFormatException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("error: " + e);
            return 1;
        }
    }

    private Report simulate(Trace loaded, SimulationSettings settings) {
        if (!progress || loaded.length() < PROGRESS_MIN_MINUTES) {
            return Simulator.run(loaded, settings);
        }
        try (ProgressBar bar = new ProgressBarBuilder().setTaskName("simulating " + loaded.name())
                .setInitialMax((long) loaded.length() * Simulator.PROGRESS_STEPS_PER_MINUTE)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" min", 1).setUpdateIntervalMillis(200)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build()) {
            IntConsumer step = minute -> bar.step();
            return Simulator.run(loaded, settings, step);
        }
    }
}
