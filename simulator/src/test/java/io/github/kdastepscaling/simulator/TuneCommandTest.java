package io.github.kdastepscaling.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kdastepscaling.policy.ScalingDirection;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TuneCommandTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    static final String RATE = "--true-records-per-second-per-kpu";

    private int run(String... args) {
        return SimulatorCommand.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
    }

    /** Three hours: 800 records/s with a 3,500 records/s hour in the middle of each of the three. */
    private Path trace() throws Exception {
        StringBuilder csv = new StringBuilder("minute,records_per_second\n");
        for (int m = 0; m < 180; m++) {
            csv.append(m)
                    .append(',')
                    .append(m % 60 >= 20 && m % 60 < 40 ? 3500 : 800)
                    .append('\n');
        }
        Path file = dir.resolve("trace.csv");
        Files.writeString(file, csv.toString());
        return file;
    }

    @Test
    void recommendsAPolicyWithinTheTargetAndWritesItsFiles() throws Exception {
        Path out = dir.resolve("out");
        int exit = run(
                "tune",
                "--trace",
                trace().toString(),
                "--max-delay-seconds",
                "300",
                "--out",
                out.toString(),
                "--no-progress",
                RATE,
                "1000");
        assertEquals(0, exit, err.toString());
        String md = Files.readString(out.resolve("recommendation.md"));
        assertTrue(md.contains("## Training part") && md.contains("## Held-out part"), md);
        assertTrue(md.contains("Trained on minutes 0 to 119 (120 minutes); held out minutes 120 to 179"), md);
        for (String row : new String[] {
            "| recommendation |", "| defaults |", "| aws-sample |", "| built-in |", "| oracle |", "| fixed-at-peak |"
        }) {
            assertTrue(md.contains(row), row + " in\n" + md);
        }
        assertTrue(
                md.contains("KdaStepScaling.Builder.create(this, \"Scaling\")")
                        && md.contains(".scaleOutRecordsPerSecondPerKpu(")
                        && md.contains(".scaleOutCooldown(Duration."),
                md);
        BufferedImage chart = ImageIO.read(out.resolve("frontier.png").toFile());
        assertTrue(chart.getWidth() > 0);
        assertTrue(err.toString().contains("held-out part: largest delay"), err.toString());
    }

    @Test
    void recommendationMdStatesTheWorstCaseOverTheStressedVariantsBesideTheDefaults() throws Exception {
        Path out = dir.resolve("out");
        assertEquals(
                0,
                run(
                        "tune",
                        "--trace",
                        trace().toString(),
                        "--max-delay-seconds",
                        "300",
                        "--out",
                        out.toString(),
                        "--no-progress",
                        RATE,
                        "1000"),
                err.toString());
        String md = Files.readString(out.resolve("recommendation.md"));
        assertTrue(md.contains("## What tomorrow may bring: the stressed variants"), md);
        for (String variant : new String[] {
            "| nominal |", "| busier (+15%) |", "| steeper (2x speed) |", "| reversed |", "| resampled #8 |"
        }) {
            assertTrue(md.contains(variant), variant + " in\n" + md);
        }
        assertTrue(
                md.matches("(?s).*\\*\\*Worst case: [0-9,]+ s\\*\\*, on the variant \\*[^*]+\\* \\((within|beyond) "
                        + "the target of 300 s; the defaults: [0-9,]+ s there; the recommendation uses ([0-9.]+% (fewer|more) "
                        + "KPU-hours than|as many KPU-hours as) the defaults there\\)\\..*"),
                md);
        assertTrue(err.toString().contains("worst case over 12 variants: "), err.toString());
    }

    @Test
    void withoutStressTheSearchJudgesTheTrainingPartAlone() throws Exception {
        Path out = dir.resolve("out");
        assertEquals(
                0,
                run(
                        "tune",
                        "--trace",
                        trace().toString(),
                        "--max-delay-seconds",
                        "300",
                        "--out",
                        out.toString(),
                        "--no-progress",
                        "--no-stress",
                        RATE,
                        "1000"),
                err.toString());
        String md = Files.readString(out.resolve("recommendation.md"));
        assertTrue(!md.contains("stressed variants") && md.contains("## Training part"), md);
        assertTrue(!err.toString().contains("worst case"), err.toString());
    }

    @Test
    void thePolicyFileReadsBackThroughConfigAsTheRecommendation() throws Exception {
        Path out = dir.resolve("out");
        assertEquals(
                0,
                run(
                        "tune",
                        "--trace",
                        trace().toString(),
                        "--max-delay-seconds",
                        "300",
                        "--out",
                        out.toString(),
                        "--no-progress",
                        "--true-records-per-second-per-kpu",
                        "800"),
                err.toString());
        SimulationSettings read = PolicyFile.read(out.resolve("policy.json"));
        assertEquals(800, read.trueRecordsPerSecondPerKpu());
        assertEquals(
                PolicySpace.maxCapacityFor(3500, 800, 1, 64),
                read.policy().capacityRange().maxCapacity());

        Path again = dir.resolve("again.json");
        RecommendationWriter.writePolicy(read, again);
        assertEquals(Files.readString(out.resolve("policy.json")), Files.readString(again), "round trip");

        Path report = dir.resolve("report");
        assertEquals(
                0,
                run(
                        "--trace",
                        trace().toString(),
                        "--config",
                        out.resolve("policy.json").toString(),
                        "--out",
                        report.toString()),
                err.toString());
        PolicyResult simulated = Simulator.run(TraceReader.read(trace()), read).result(Simulator.POLICY_UNDER_TEST);
        PolicySummary train = PolicySummary.of("train", simulated.workload().slice(0, 120), 0.11);
        String md = Files.readString(out.resolve("recommendation.md"));
        assertTrue(md.contains(String.format(Locale.ROOT, "| recommendation | %,.2f |", train.kpuHours())), md);
    }

    @Test
    void fixedFieldsKeepTheStartingPolicysValue() throws Exception {
        Path config = dir.resolve("start.json");
        Files.writeString(config, "{\"scaleOutCooldownSeconds\": 420, \"lagGuard\": false}");
        Path out = dir.resolve("out");
        assertEquals(
                0,
                run(
                        "tune",
                        "--trace",
                        trace().toString(),
                        "--max-delay-seconds",
                        "300",
                        "--out",
                        out.toString(),
                        "--no-progress",
                        "--config",
                        config.toString(),
                        "--fix",
                        "scaleOutCooldownSeconds,lagGuard",
                        RATE,
                        "1000"),
                err.toString());
        SimulationSettings read = PolicyFile.read(out.resolve("policy.json"));
        assertEquals(420, read.policy().cooldownSeconds(ScalingDirection.SCALE_OUT));
        assertTrue(!read.policy().lagGuard().enabled());
    }

    @Test
    void failsOnAnUnknownFixedField() throws Exception {
        assertEquals(
                1,
                run(
                        "tune",
                        "--trace",
                        trace().toString(),
                        "--max-delay-seconds",
                        "300",
                        "--out",
                        dir.resolve("out").toString(),
                        "--fix",
                        "scaleOutCoolDown",
                        RATE,
                        "1000"));
        assertTrue(err.toString().contains("error: --fix: unknown field 'scaleOutCoolDown' (known: "), err.toString());
    }

    @Test
    void failsOnAHeldOutFractionOfOne() throws Exception {
        assertEquals(
                1,
                run(
                        "tune",
                        "--trace",
                        trace().toString(),
                        "--max-delay-seconds",
                        "300",
                        "--out",
                        dir.resolve("out").toString(),
                        "--held-out-fraction",
                        "1"));
        assertTrue(err.toString().contains("--held-out-fraction (1.0) must be at least 0 and below 1"), err.toString());
    }

    @Test
    void failsOnANegativeDelayTarget() throws Exception {
        assertEquals(
                1,
                run(
                        "tune",
                        "--trace",
                        trace().toString(),
                        "--max-delay-seconds",
                        "-1",
                        "--out",
                        dir.resolve("out").toString()));
        assertTrue(err.toString().contains("error: --max-delay-seconds (-1.0) must be a number >= 0"), err.toString());
    }
}
