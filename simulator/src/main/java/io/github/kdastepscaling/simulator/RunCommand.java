package io.github.kdastepscaling.simulator;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kda-step-scaling-simulator run --trace TRACE.csv [--config POLICY.json] --out DIR} (the word {@code run} may
 * be left out, {@link SimulatorCommand}): replays the trace through the policy and the baselines and writes the report.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = SimulatorCommand.JarVersion.class,
        description = "Replays a load trace through a step-scaling policy and four baselines; writes "
                + "DIR/report.json, DIR/report.md and DIR/chart.png. 'run' may be left out; 'tune --help': the tuner.")
public final class RunCommand extends ReportingCommand {

    @Mixin
    RunOptions run = new RunOptions();

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory (created if needed).")
    Path out;

    @Option(
            names = "--price-per-kpu-hour",
            paramLabel = "PRICE",
            description = "Price of one KPU-hour (default: the config's pricePerKpuHour, else 0.11).")
    Double pricePerKpuHour;

    @Option(
            names = "--bytes-per-record",
            paramLabel = "BYTES",
            description = "Average record size, for an incomingBytes signal (default: the config's bytesPerRecord, "
                    + "else 1000).")
    Double bytesPerRecord;

    @Option(
            names = "--learn-rate",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "The policy under test's scaler learns the job's per-KPU rate from its metrics (the "
                    + "scaler's RateEstimator) and re-sets the thresholds with it; --no-learn-rate keeps the "
                    + "configured rate (default: on, as the construct ships).")
    boolean learnRate;

    @Option(
            names = "--busy-time",
            paramLabel = "SHARE|none",
            defaultValue = "1",
            description = "With learning on: the job publishes its busiest task's busyTimeMsPerSecond, which the "
                    + "estimator reads (the construct's default: MetricsLevel TASK). SHARE is that task's busy time "
                    + "over the bottleneck's: 1 (default) when the busiest task is the bottleneck, below 1 when it is "
                    + "busy less (busy time then overstates the rate), above 1 when busy on other work; none: no busy "
                    + "time (the legacy FlinkKinesisConsumer source, or MetricsLevel APPLICATION).")
    String busyTime;

    @Option(
            names = "--second-consumer",
            description = "Another polling consumer reads the whole stream and keeps up: the same as "
                    + "--other-consumer-lag behind=0 (the consumption metric the learning reads counts it too).")
    boolean secondConsumer;

    @Option(
            names = OtherConsumer.OPTION,
            paramLabel = "SPEC",
            description = "Another polling consumer of the stream with its own lag: behind=SECONDS (how far behind "
                    + "it reads), at=HH:MM,for=MINUTES (only then, every day), rate=RECORDS_PER_SECOND (the most it "
                    + "processes: behind at peaks), down=HH:MM/MINUTES (with rate: stopped that long every day, "
                    + "then catching up); e.g. behind=600,at=01:00,for=120. The stream's iterator age is "
                    + "the larger lag; its reads count in the consumption metric.")
    String otherConsumerLag;

    @Option(
            names = "--lag-metric",
            paramLabel = "METRIC",
            description = "The lag the guard and the learning read: iteratorAge (the stream's, the slowest polling "
                    + "consumer's) or millisBehindLatest (the application's own) (default: the config's "
                    + "lagGuard.lagMetric, else iteratorAge).")
    String lagMetric;

    @Option(
            names = "--warm-up-minutes",
            paramLabel = "MINUTES",
            description = "Minutes after every restart in which the job processes at half its rate (default: 0).")
    Integer warmUpMinutes;

    public RunCommand(PrintWriter err) {
        super(err);
    }

    @Override
    int execute() throws IOException, TraceFormatException {
        Trace loaded = run.loadTrace();
        SimulationSettings settings = run.settings();
        if (pricePerKpuHour != null) {
            settings = settings.withPricePerKpuHour(pricePerKpuHour);
        }
        if (bytesPerRecord != null) {
            // a policy sized right stays sized right at the new record size (an incomingBytes signal's
            // configured records/s depends on it); a true rate given on the command line is applied below
            boolean sizedRight = settings.trueRecordsPerSecondPerKpu() == settings.configuredRecordsPerSecondPerKpu();
            settings = settings.withBytesPerRecord(bytesPerRecord);
            if (sizedRight) {
                settings = settings.withTrueRecordsPerSecondPerKpu(settings.configuredRecordsPerSecondPerKpu());
            }
        }
        if (run.trueRecordsPerSecondPerKpu != null) {
            settings = settings.withTrueRecordsPerSecondPerKpu(run.trueRecordsPerSecondPerKpu);
        }
        if (warmUpMinutes != null) {
            settings = settings.withWarmUpMinutes(warmUpMinutes);
        }
        if (learnRate) {
            settings = settings.withLearning(LearningSettings.ON.withBusyTime(BusyTimeModel.parse(busyTime)));
        }
        settings = settings.withSharedStream(sharedStream(settings.sharedStream()));
        RunOptions.printWarnings(err, settings.policy(), learnRate);
        Report report = simulate(loaded, settings);
        Files.createDirectories(out);
        ReportWriter.writeJson(report, out.resolve("report.json"));
        ReportWriter.writeMarkdown(report, out.resolve("report.md"));
        ChartRenderer.write(report, out.resolve("chart.png"));
        err.println("wrote " + out.resolve("report.json") + ", " + out.resolve("report.md") + ", "
                + out.resolve("chart.png"));
        return 0;
    }

    /** The policy file's shared stream with the command line's other consumer and lag metric. */
    private SharedStream sharedStream(SharedStream fromFile) {
        if (secondConsumer && otherConsumerLag != null) {
            throw new IllegalArgumentException("give --second-consumer or " + OtherConsumer.OPTION + ", not both "
                    + "(--second-consumer is " + OtherConsumer.OPTION + " behind=0)");
        }
        SharedStream stream = fromFile;
        if (secondConsumer) {
            stream = stream.withOtherConsumer(OtherConsumer.KEEPING_UP);
        } else if (otherConsumerLag != null) {
            stream = stream.withOtherConsumer(OtherConsumer.parse(otherConsumerLag));
        }
        if (lagMetric != null) {
            stream = stream.withLagMetric(StreamLagMetric.parse(lagMetric, "--lag-metric"));
        }
        return stream;
    }

    private Report simulate(Trace loaded, SimulationSettings settings) {
        if (!run.progressFor(loaded)) {
            return Simulator.run(loaded, settings);
        }
        try (ProgressBar bar = RunOptions.progressBar(
                "simulating " + loaded.name(), (long) loaded.length() * Simulator.PROGRESS_STEPS_PER_MINUTE, " min")) {
            return Simulator.run(loaded, settings, minute -> bar.step());
        }
    }
}
