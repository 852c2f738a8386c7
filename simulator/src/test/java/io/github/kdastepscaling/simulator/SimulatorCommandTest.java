package io.github.kdastepscaling.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorCommandTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return SimulatorCommand.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
    }

    /** An hour of 100 records/s. */
    private static String anHourAt100() {
        StringBuilder csv = new StringBuilder("minute,records_per_second\n");
        for (int m = 0; m < 60; m++) {
            csv.append(m).append(",100\n");
        }
        return csv.toString();
    }

    private Path trace(String csv) throws Exception {
        Path file = dir.resolve("trace.csv");
        Files.writeString(file, csv);
        return file;
    }

    @Test
    void writesTheReportTheTableAndTheChart() throws Exception {
        StringBuilder csv = new StringBuilder("minute,records_per_second\n");
        for (int m = 0; m < 60; m++) {
            csv.append(m).append(',').append(m >= 10 && m < 30 ? 3500 : 800).append('\n');
        }
        Path config = dir.resolve("policy.json");
        Files.writeString(config, "{\"maxCapacity\": 6}");
        Path out = dir.resolve("out");
        int exit = run(
                "--trace",
                trace(csv.toString()).toString(),
                "--config",
                config.toString(),
                "--out",
                out.toString(),
                "--price-per-kpu-hour",
                "0.5");
        assertEquals(0, exit, err.toString());

        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals("trace.csv", report.get("trace").get("name").asText());
        assertEquals(60, report.get("trace").get("minutes").asInt());
        assertEquals(0.5, report.get("settings").get("pricePerKpuHour").asDouble());
        assertEquals(6, report.get("settings").get("policy").get("maxCapacity").asInt());
        JsonNode policies = report.get("policies");
        assertEquals(6, policies.size());
        assertEquals("policy", policies.get(0).get("name").asText());
        assertEquals(60, policies.get(0).get("capacityByMinute").size());
        JsonNode fixed = policies.get(5);
        assertEquals("fixed-at-peak", fixed.get("name").asText());
        assertEquals(4.0, fixed.get("kpuHours").asDouble(), "4 KPUs for an hour");
        assertEquals(2.0, fixed.get("cost").asDouble());

        String md = Files.readString(out.resolve("report.md"));
        assertTrue(
                md.contains("| policy | KPU-hours | vs oracle | cost | minutes with backlog | max backlog (records) "
                        + "| max delay (s) | max lag (s) | rescales | by the lag guard | restart downtime (min) |"),
                md);
        assertTrue(md.contains("Lag guard: maxLag "), md);
        assertTrue(md.contains("| fixed-at-peak | 4.00 | "), md);

        BufferedImage chart = ImageIO.read(out.resolve("chart.png").toFile());
        assertEquals(1400, chart.getWidth());
        assertEquals(6 * 340, chart.getHeight(), "one panel per policy, its legend below the plot");
    }

    @Test
    void failsOnAMalformedTraceNamingTheLine() throws Exception {
        int exit = run(
                "--trace",
                trace("minute,records_per_second\n0,10\n1,-3\n").toString(),
                "--out",
                dir.resolve("out").toString());
        assertEquals(1, exit);
        assertEquals(
                "error: trace.csv line 3: records_per_second (-3) must not be negative",
                err.toString().strip());
    }

    @Test
    void failsOnAnInvalidPolicyWithItsMessage() throws Exception {
        Path config = dir.resolve("policy.json");
        Files.writeString(config, "{\"scaleInCooldownSeconds\": 60}");
        int exit = run(
                "--trace",
                trace("minute,records_per_second\n0,10\n").toString(),
                "--config",
                config.toString(),
                "--out",
                dir.resolve("out").toString());
        assertEquals(1, exit);
        assertTrue(
                err.toString()
                        .startsWith("error: policy.json: scaleInCooldown (60 s) must be at least "
                                + "expectedRestartDuration (120 s)"),
                err.toString());
    }

    @Test
    void failsWithoutATrace() {
        assertEquals(2, run("--out", dir.toString()));
        assertTrue(err.toString().contains("Missing required option: '--trace=TRACE.csv'"), err.toString());
    }

    @Test
    void placesScheduledActionsOnACsvTraceGivenItsStartAndReportsThem() throws Exception {
        Path config = dir.resolve("policy.json");
        Files.writeString(
                config,
                "{\"scheduledCapacity\": [{\"name\": \"mornings\", "
                        + "\"schedule\": \"cron(30 8 ? * MON-FRI *)\", \"timeZone\": \"Europe/Berlin\", \"minCapacity\": 3}]}");
        Path out = dir.resolve("out");
        Path tracePath = trace(anHourAt100());

        assertEquals(1, run("--trace", tracePath.toString(), "--config", config.toString(), "--out", out.toString()));
        assertTrue(
                err.toString().contains("has no wall-clock time: give its first minute with --start"), err.toString());

        assertEquals(
                0,
                run(
                        "--trace",
                        tracePath.toString(),
                        "--config",
                        config.toString(),
                        "--out",
                        out.toString(),
                        "--start",
                        "2026-03-02T07:00:00Z"),
                err.toString());
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        JsonNode change = report.get("scheduledActions").get(0);
        assertEquals(30, change.get("minute").asInt());
        assertEquals("2026-03-02T07:30:00Z", change.get("time").asText());
        assertEquals("mornings", change.get("action").asText());
        assertEquals(3, change.get("minCapacity").asInt());
        assertEquals(3, change.get("capacityAfter").asInt());
        assertEquals(
                3, report.get("policies").get(0).get("capacityByMinute").get(30).asInt());
        assertTrue(
                Files.readString(out.resolve("report.md"))
                        .contains("| 30 | 2026-03-02T07:30:00Z | mornings | 3..8 " + "| 1 -> 3 |"),
                Files.readString(out.resolve("report.md")));
    }

    @Test
    void printsThePolicysWarningsAsTheConstructGivesThemAndRunsWithoutAVerb() throws Exception {
        Path config = dir.resolve("policy.json");
        Files.writeString(
                config,
                "{\"scheduledCapacity\": [{\"name\": \"night\", "
                        + "\"schedule\": \"cron(0 22 * * ? *)\", \"minCapacity\": 10}], \"lagGuard\": false}");
        String[] args = {
            "--trace",
            trace(anHourAt100()).toString(),
            "--config",
            config.toString(),
            "--out",
            dir.resolve("out").toString(),
            "--start",
            "2026-03-02T07:00:00Z"
        };
        assertEquals(0, run(args), err.toString());
        assertTrue(
                err.toString()
                        .contains("warning: scheduled capacity 'night' sets minCapacity (10) above "
                                + "maxCapacity (8) without the other bound"),
                err.toString());
        assertTrue(err.toString().contains("(kda-step-scaling:scheduledCapacityBound)"), err.toString());
        assertTrue(
                err.toString().contains("warning: the scaler does not learn the per-KPU rate: the lag guard is off"),
                err.toString());

        err.getBuffer().setLength(0);
        String[] quiet = new String[args.length + 2];
        quiet[0] = "run";
        System.arraycopy(args, 0, quiet, 1, args.length);
        quiet[quiet.length - 1] = "--no-learn-rate";
        assertEquals(0, run(quiet), err.toString());
        assertTrue(!err.toString().contains("does not learn"), "--no-learn-rate says it is meant: " + err);
    }
}
