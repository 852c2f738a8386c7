package io.github.kdastepscaling.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kdastepscaling.policy.LagGuard;
import io.github.kdastepscaling.policy.ScalingPolicy;
import io.github.kdastepscaling.policy.SignalKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code tune} needs and refuses (issue 23): the true rate or its estimate, a long enough trace, the guard. */
class TuneInputsTest {

    private static final String RATE = "--true-records-per-second-per-kpu";
    static final Instant START = Instant.parse("2026-03-02T00:00:00Z");

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return SimulatorCommand.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
    }

    /** {@code minutes} of 3,000 records/s with, if {@code bursts}, 7,000 for minutes 10 to 29 of every hour. */
    static double load(int minute, boolean bursts) {
        return bursts && minute % 60 >= 10 && minute % 60 < 30 ? 7000 : 3000;
    }

    private Path trace(int minutes, boolean bursts) throws Exception {
        StringBuilder csv = new StringBuilder("minute,records_per_second\n");
        for (int m = 0; m < minutes; m++) {
            csv.append(m).append(',').append(load(m, bursts)).append('\n');
        }
        Path file = dir.resolve("trace-" + minutes + ".csv");
        Files.writeString(file, csv.toString());
        return file;
    }

    /**
     * The metrics of a job at a fixed 4 KPUs that really processes {@code trueRate} records/s per KPU under
     * {@link #load}: a queue, minute by minute; the lag is the backlog over the arrival rate, Maximum of the minute's
     * start and end; the KPUs hourly, as CloudWatch publishes them.
     */
    static String jobMetrics(int minutes, boolean bursts, double trueRate) {
        StringBuilder times = new StringBuilder();
        StringBuilder consumed = new StringBuilder();
        StringBuilder lag = new StringBuilder();
        StringBuilder incoming = new StringBuilder();
        StringBuilder kpuTimes = new StringBuilder();
        StringBuilder kpus = new StringBuilder();
        double backlog = 0;
        double lagBefore = 0;
        for (int m = 0; m < minutes; m++) {
            double arriving = load(m, bursts) * 60;
            double read = Math.min(4 * trueRate * 60, backlog + arriving);
            backlog = backlog + arriving - read;
            double lagNow = backlog / load(m, bursts) * 1000;
            String sep = m == 0 ? "" : ",";
            times.append(sep).append('"').append(START.plusSeconds(60L * m)).append('"');
            consumed.append(sep).append(read);
            lag.append(sep).append(Math.max(lagBefore, lagNow));
            incoming.append(sep).append(arriving);
            lagBefore = lagNow;
            if (m % 60 == 0) {
                kpuTimes.append(m == 0 ? "" : ",")
                        .append('"')
                        .append(START.plusSeconds(60L * m))
                        .append('"');
                kpus.append(m == 0 ? "" : ",").append(4);
            }
        }
        return "{\"MetricDataResults\": ["
                + series("consumed", times, consumed) + "," + series("lag", times, lag) + ","
                + series("incoming", times, incoming) + "," + series("kpus", kpuTimes, kpus) + "]}";
    }

    private static String series(String id, CharSequence times, CharSequence values) {
        return "{\"Id\": \"" + id + "\", \"Label\": \"" + id + "\", \"Timestamps\": [" + times + "], \"Values\": ["
                + values + "], \"StatusCode\": \"Complete\"}";
    }

    private Path file(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void failsWithoutATrueRateOrItsEstimate() throws Exception {
        assertEquals(
                1,
                run(
                        "tune",
                        "--trace",
                        trace(360, true).toString(),
                        "--max-delay-seconds",
                        "300",
                        "--out",
                        dir.resolve("out").toString(),
                        "--no-progress"));
        assertTrue(
                err.toString()
                        .contains("error: tune needs the job's true rate per KPU: give "
                                + "--true-records-per-second-per-kpu RATE (measured), or --job-metrics FILE"),
                err.toString());
        assertTrue(!Files.exists(dir.resolve("out")));
    }

    @Test
    void failsWithBothATrueRateAndJobMetrics() throws Exception {
        Path metrics = file("metrics.json", jobMetrics(360, true, 1300));
        assertEquals(
                1,
                run(
                        "tune",
                        "--trace",
                        trace(360, true).toString(),
                        "--max-delay-seconds",
                        "300",
                        "--out",
                        dir.resolve("out").toString(),
                        "--no-progress",
                        RATE,
                        "1000",
                        "--job-metrics",
                        metrics.toString()));
        assertTrue(
                err.toString().contains("error: give --true-records-per-second-per-kpu (1000.0) or --job-metrics"),
                err.toString());
    }

    @Test
    void estimatesTheTrueRateFromTheJobsOwnMetricsAndTunesForIt() throws Exception {
        Path metrics = file("metrics.json", jobMetrics(360, true, 1300));
        Path out = dir.resolve("out");
        assertEquals(
                0,
                run(
                        "tune",
                        "--trace",
                        trace(360, true).toString(),
                        "--start",
                        START.toString(),
                        "--max-delay-seconds",
                        "300",
                        "--out",
                        out.toString(),
                        "--no-progress",
                        "--no-stress",
                        "--job-metrics",
                        metrics.toString()),
                err.toString());
        SimulationSettings read = PolicyFile.read(out.resolve("policy.json"));
        assertEquals(1300, read.trueRecordsPerSecondPerKpu(), 1300 * 0.03);
        String md = Files.readString(out.resolve("recommendation.md"));
        assertTrue(
                md.matches("(?s).*True rate: 1,[23][0-9]{2} records/s per KPU, estimated from the job's metrics by "
                        + "the scaler's RateEstimator: [0-9]+ lagging or busy-time minutes in [0-9]+ windows supported it, "
                        + "[0-9.]+% of the 360 minutes of history.*"),
                md);
        assertTrue(err.toString().contains("true rate: 1,"), err.toString());
    }

    @Test
    void warnsWhenTheJobMetricsShareNoMinuteWithTheTrace() throws Exception {
        Path metrics = file("metrics.json", jobMetrics(360, true, 1300));
        Path out = dir.resolve("out");
        assertEquals(
                0,
                run(
                        "tune",
                        "--trace",
                        trace(360, true).toString(),
                        "--start",
                        "2026-03-09T00:00:00Z",
                        "--max-delay-seconds",
                        "300",
                        "--out",
                        out.toString(),
                        "--no-progress",
                        "--no-stress",
                        "--job-metrics",
                        metrics.toString()),
                err.toString());
        assertTrue(
                err.toString()
                        .contains(
                                "warning: the job metrics (metrics.json, 2026-03-02T00:00:00Z to "
                                        + "2026-03-02T05:59:00Z) share no minute with the trace (2026-03-09T00:00:00Z, 360 minutes)"),
                err.toString());
    }

    @Test
    void theEstimateComesFromTheSameEstimatorWithEnoughSupport() throws Exception {
        HistoryRateEstimate estimate = HistoryRateEstimate.of(
                JobMetricsExport.parse(jobMetrics(360, true, 700), "m.json"),
                ScalingPolicy.builder().build().thresholds(),
                1000);
        assertTrue(estimate.usable(), estimate.weakness());
        assertEquals(700, estimate.recordsPerSecondPerKpu(), 700 * 0.03);
        assertTrue(estimate.supportingMinutes() >= HistoryRateEstimate.MIN_SUPPORTING_MINUTES);
        assertTrue(estimate.share() > 0 && estimate.share() < 1);
    }

    @Test
    void failsWhenTheJobNeverLaggedSoTheEstimateIsTooWeak() throws Exception {
        Path metrics = file("calm.json", jobMetrics(360, false, 1300));
        assertEquals(
                1,
                run(
                        "tune",
                        "--trace",
                        trace(360, false).toString(),
                        "--max-delay-seconds",
                        "300",
                        "--out",
                        dir.resolve("out").toString(),
                        "--no-progress",
                        "--job-metrics",
                        metrics.toString()));
        assertTrue(
                err.toString()
                        .contains("error: --job-metrics (calm.json): the estimate of the true rate is too "
                                + "weak to tune for: 0 lagging or busy-time minutes in 0 windows supported the estimate; "
                                + "at least 10 in 3 windows are needed"),
                err.toString());
    }

    @Test
    void failsOnJobMetricsWithoutTheCapacity() throws Exception {
        String json = jobMetrics(360, true, 1300).replace("\"Id\": \"kpus\"", "\"Id\": \"capacity\"");
        Path metrics = file("nokpus.json", json);
        assertEquals(
                1,
                run(
                        "tune",
                        "--trace",
                        trace(360, true).toString(),
                        "--max-delay-seconds",
                        "300",
                        "--out",
                        dir.resolve("out").toString(),
                        "--no-progress",
                        "--job-metrics",
                        metrics.toString()));
        assertTrue(
                err.toString()
                        .contains("error: nokpus.json: MetricDataResults[3].Id: 'capacity' is not one of "
                                + "consumed, lag, incoming, kpus, throttled, busy"),
                err.toString());
    }

    @Test
    void failsOnJobMetricsWithoutARequiredSeriesOrWithFractionalKpus() {
        String withoutLag = jobMetrics(120, true, 1300).replace("\"Id\": \"lag\"", "\"Id\": \"throttled\"");
        TraceFormatException missing =
                assertThrows(TraceFormatException.class, () -> JobMetricsExport.parse(withoutLag, "m.json"));
        assertEquals(
                "m.json: no datapoints with Id 'lag': --job-metrics needs the queries consumed, lag, incoming, "
                        + "kpus (docs/simulator.md, \"The job's own metrics\")",
                missing.getMessage());
        String fractional = jobMetrics(120, true, 1300).replace("\"Values\": [4,4]", "\"Values\": [4,2.5]");
        TraceFormatException kpus =
                assertThrows(TraceFormatException.class, () -> JobMetricsExport.parse(fractional, "m.json"));
        assertEquals(
                "m.json: kpus at 2026-03-02T01:00:00Z: 2.5 must be a whole number of KPUs >= 1 (export KPUs "
                        + "with Stat Maximum)",
                kpus.getMessage());
    }

    @Test
    void failsOnATraceShorterThanTwoHours() throws Exception {
        assertEquals(
                1,
                run(
                        "tune",
                        "--trace",
                        trace(100, true).toString(),
                        "--max-delay-seconds",
                        "300",
                        "--out",
                        dir.resolve("out").toString(),
                        "--no-progress",
                        RATE,
                        "1000"));
        assertTrue(
                err.toString()
                        .contains("error: --trace (trace-100.csv, 100 minutes) is shorter than 120 minutes: "
                                + "the slowest reaction the tuner searches takes an hour"),
                err.toString());
    }

    @Test
    void warnsOnATraceShorterThanADayOnStderrAndInTheRecommendation() throws Exception {
        Path out = dir.resolve("out");
        assertEquals(
                0,
                run(
                        "tune",
                        "--trace",
                        trace(180, true).toString(),
                        "--max-delay-seconds",
                        "300",
                        "--out",
                        out.toString(),
                        "--no-progress",
                        "--no-stress",
                        RATE,
                        "1000"),
                err.toString());
        String warning = "the trace (trace-180.csv) is 180 minutes, shorter than a day";
        assertTrue(err.toString().contains("warning: " + warning), err.toString());
        assertTrue(Files.readString(out.resolve("recommendation.md")).contains("> **Warning:** " + warning));
    }

    @Test
    void keepsTheLagGuardOnAndSaysWhatLowersProtection() throws Exception {
        Path out = dir.resolve("out");
        assertEquals(
                0,
                run(
                        "tune",
                        "--trace",
                        trace(360, true).toString(),
                        "--max-delay-seconds",
                        "600",
                        "--out",
                        out.toString(),
                        "--no-progress",
                        "--no-stress",
                        RATE,
                        "1300"),
                err.toString());
        assertTrue(
                PolicyFile.read(out.resolve("policy.json")).policy().lagGuard().enabled());
        String md = Files.readString(out.resolve("recommendation.md"));
        assertTrue(md.contains("## Settings that lower protection\n\n"), md);
        assertTrue(
                md.contains("Against the construct's defaults")
                        || md.contains("None: against the construct's " + "defaults"),
                md);
    }

    @Test
    void aConfigWithTheGuardOffKeepsItOff() throws Exception {
        Path config = file("off.json", "{\"lagGuard\": false}");
        Path out = dir.resolve("out");
        assertEquals(
                0,
                run(
                        "tune",
                        "--trace",
                        trace(180, true).toString(),
                        "--max-delay-seconds",
                        "300",
                        "--out",
                        out.toString(),
                        "--no-progress",
                        "--no-stress",
                        RATE,
                        "1000",
                        "--config",
                        config.toString()),
                err.toString());
        assertTrue(
                !PolicyFile.read(out.resolve("policy.json")).policy().lagGuard().enabled());
    }

    @Test
    void theSpaceNeverTurnsTheGuardOffByItself() {
        PolicySpace space = PolicySpace.of(ScalingPolicy.builder().build(), 1000, 5000, Set.of())
                .keepingTheLagGuard();
        assertTrue(
                space.neighbours(space.start(), PolicySpace.Dimension.LAG_GUARD).isEmpty());
        assertTrue(
                !space.neighbours(space.start(), PolicySpace.Dimension.MAX_LAG).isEmpty(), "still tuned");
    }

    @Test
    void explainsEachSettingThatLowersProtection() {
        ScalingPolicy reference = ScalingPolicy.builder().build();
        ScalingPolicy weaker = ScalingPolicy.builder()
                .lagGuard(LagGuard.disabled())
                .scaleOutCooldownSeconds(600)
                .scaleOutEvaluation(3, 3)
                .scaleOutRecordsPerSecondPerKpu(1000)
                .scaleInRecordsPerSecondPerKpu(900)
                .scaleOutSteps(PolicySpace.SCALE_OUT_STEPS.get(0))
                .build();
        List<String> changes = ProtectionChanges.of(reference, weaker, 1000, 1);
        String all = String.join("\n", changes);
        assertTrue(all.contains("**The lag guard is off.**"), all);
        assertTrue(all.contains("**A longer scale-out cooldown**: 600 s instead of 300 s"), all);
        assertTrue(all.contains("**A slower scale-out alarm**: 3 of 3 minutes instead of 1 of 1"), all);
        assertTrue(all.contains("**A smaller largest scale-out step**: at most +1 KPUs per alarm instead of +6"), all);
        assertTrue(ProtectionChanges.of(reference, reference, 1000, 1).isEmpty());
    }

    @Test
    void withAConfigTheRecommendationHasAYourPolicyRowAndIsComparedWithIt() throws Exception {
        Path config = file("mine.json", "{\"scaleOutCooldownSeconds\": 420, \"maxCapacity\": 12}");
        Path out = dir.resolve("out");
        assertEquals(
                0,
                run(
                        "tune",
                        "--trace",
                        trace(180, true).toString(),
                        "--max-delay-seconds",
                        "300",
                        "--out",
                        out.toString(),
                        "--no-progress",
                        RATE,
                        "1000",
                        "--config",
                        config.toString()),
                err.toString());
        String md = Files.readString(out.resolve("recommendation.md"));
        assertTrue(md.contains("| your policy |"), md);
        assertTrue(md.matches("(?s).*; your policy's worst case: [0-9,]+ s, on \\*[^*]+\\*\\)\\..*"), md);
        assertTrue(md.contains("Against your policy: the recommendation uses "), md);
        assertTrue(md.contains("Against your policy (--config)") || md.contains("None: against your policy"), md);
    }

    @Test
    void tunesABytesSignalPolicy() throws Exception {
        Path config = file(
                "bytes.json",
                "{\"scalingSignal\": {\"kind\": \"incomingBytes\", "
                        + "\"scaleOutBytesPerSecondPerKpu\": 1000000, \"scaleInBytesPerSecondPerKpu\": 900000}, "
                        + "\"bytesPerRecord\": 500}");
        Path out = dir.resolve("out");
        assertEquals(
                0,
                run(
                        "tune",
                        "--trace",
                        trace(180, true).toString(),
                        "--max-delay-seconds",
                        "300",
                        "--out",
                        out.toString(),
                        "--no-progress",
                        "--no-stress",
                        RATE,
                        "1000",
                        "--config",
                        config.toString()),
                err.toString());
        ScalingPolicy tuned = PolicyFile.read(out.resolve("policy.json")).policy();
        assertEquals(SignalKind.INCOMING_BYTES, tuned.thresholds().kind());
        // searched in bytes: 50% to 100% of 1,000 records/s x 500 bytes
        double out1 = tuned.thresholds().scaleOutPerKpu();
        assertTrue(out1 >= 250_000 && out1 <= 500_000 || out1 == 1_000_000, String.valueOf(out1));
        assertTrue(Files.readString(out.resolve("recommendation.md"))
                .contains(".scalingSignal(ScalingSignal" + ".incomingBytes("));
    }

    @Test
    void theRestartTheRunModelsIsThePolicysExpectedRestart() throws Exception {
        Path config = file("slow.json", "{\"expectedRestartSeconds\": 300}");
        assertEquals(5, PolicyFile.read(config).restartMinutes());
        Path out = dir.resolve("out");
        assertEquals(
                0,
                run(
                        "tune",
                        "--trace",
                        trace(180, true).toString(),
                        "--max-delay-seconds",
                        "900",
                        "--out",
                        out.toString(),
                        "--no-progress",
                        "--no-stress",
                        RATE,
                        "1000",
                        "--config",
                        config.toString()),
                err.toString());
        assertTrue(Files.readString(out.resolve("recommendation.md"))
                .contains("Restarts: 5 minutes, from the policy's expectedRestartSeconds (300 s)."));
        assertEquals(
                1,
                PolicyFile.read(file("override.json", "{\"expectedRestartSeconds\": 300, \"restartMinutes\": 1}"))
                        .restartMinutes(),
                "the override wins");
    }

    @Test
    void thoroughAddsThePairPassAndIsNeverWorseInTheTunersOrder() throws Exception {
        Trace trace = TraceReader.read(trace(360, true));
        SimulationSettings settings = SimulationSettings.defaults();
        PolicySpace space =
                PolicySpace.of(settings.policy(), 1000, trace.peak(), Set.of()).keepingTheLagGuard();
        var variants = StressVariants.nominalOnly(trace);
        Tuner plain = new Tuner(space, variants, settings.job(), 1, 300, (d, t) -> {});
        Tuner.Result quick = plain.tune();
        Tuner.Result thorough = new Tuner(space, variants, settings.job(), 1, 300, (d, t) -> {})
                .withSearch(Tuner.SEEDS, true)
                .tune();
        assertTrue(thorough.evaluated().size() > quick.evaluated().size());
        assertTrue(plain.order().compare(thorough.best(), quick.best()) <= 0, "never worse");
        Path out = dir.resolve("out");
        assertEquals(
                0,
                run(
                        "tune",
                        "--trace",
                        trace(360, true).toString(),
                        "--max-delay-seconds",
                        "300",
                        "--out",
                        out.toString(),
                        "--no-progress",
                        "--no-stress",
                        "--thorough",
                        RATE,
                        "1000"),
                err.toString());
    }

    @Test
    void failsOnAUtilizationSignalPolicy() {
        ScalingPolicy utilization =
                ScalingPolicy.builder().signal(SignalKind.UTILIZATION, 80, 40).build();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> PolicySpace.of(utilization, 1000, 5000, Set.of(), 1000));
        assertTrue(
                e.getMessage().contains("the tuner searches the incomingRecords or incomingBytes signal's rates"),
                e.getMessage());
    }
}
