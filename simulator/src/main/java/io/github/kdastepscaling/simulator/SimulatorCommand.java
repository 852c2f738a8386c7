package io.github.kdastepscaling.simulator;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    RunOptions run = new RunOptions();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created if needed).")
    Path out;

    @Option(names = "--price-per-kpu-hour", paramLabel = "PRICE",
            description = "Price of one KPU-hour (default: the config's pricePerKpuHour, else 0.11).")
    Double pricePerKpuHour;

    @Option(names = "--bytes-per-record", paramLabel = "BYTES",
            description = "Average record size, for an incomingBytes signal (default: the config's bytesPerRecord, "
                    + "else 1000).")
    Double bytesPerRecord;

    @Option(names = "--learn-rate", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "The policy under test's scaler learns the job's per-KPU rate from its metrics (the "
                    + "scaler's RateEstimator) and re-sets the thresholds with it; --no-learn-rate keeps the "
                    + "configured rate (default: on, as the construct ships).")
    boolean learnRate;

    @Option(names = "--second-consumer",
            description = "Another polling consumer reads the whole stream: the consumption metric the learning "
                    + "reads counts it too (the estimator should then refuse it).")
    boolean secondConsumer;

    @Option(names = "--warm-up-minutes", paramLabel = "MINUTES",
            description = "Minutes after every restart in which the job processes at half its rate (default: 0).")
    Integer warmUpMinutes;

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
            Trace loaded = run.loadTrace();
            SimulationSettings settings = run.settings();
            if (pricePerKpuHour != null) {
                settings = settings.withPricePerKpuHour(pricePerKpuHour);
            }
            if (bytesPerRecord != null) {
                boolean sizedRight = settings.trueRecordsPerSecondPerKpu() == settings.configuredRecordsPerSecondPerKpu();
                settings = settings.withBytesPerRecord(bytesPerRecord);
                if (sizedRight && run.trueRecordsPerSecondPerKpu == null) {
                    settings = settings.withTrueRecordsPerSecondPerKpu(settings.configuredRecordsPerSecondPerKpu());
                }
            }
            if (run.trueRecordsPerSecondPerKpu != null) {
                settings = settings.withTrueRecordsPerSecondPerKpu(run.trueRecordsPerSecondPerKpu);
            }
            if (warmUpMinutes != null) {
                settings = settings.withWarmUpMinutes(warmUpMinutes);
            }
            if (learnRate || secondConsumer) {
                settings = settings.withLearning(LearningSettings.ON.withEnabled(learnRate)
                        .withSecondConsumer(secondConsumer));
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
        if (!run.progressFor(loaded)) {
            return Simulator.run(loaded, settings);
        }
        try (ProgressBar bar = RunOptions.progressBar("simulating " + loaded.name(),
                (long) loaded.length() * Simulator.PROGRESS_STEPS_PER_MINUTE, " min")) {
            return Simulator.run(loaded, settings, minute -> bar.step());
        }
    }
}
