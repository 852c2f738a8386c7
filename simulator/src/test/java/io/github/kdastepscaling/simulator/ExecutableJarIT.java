package io.github.kdastepscaling.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published executable jar (classifier {@code all}) as a user meets it: {@code java -jar} on the jar alone, from a
 * directory outside the repository, with a trace taken out of the jar. Run by failsafe after {@code package}.
 */
class ExecutableJarIT {

    private static final Path JAR = Path.of(
                    System.getProperty("simulator.jar", "target/kda-step-scaling-simulator.jar"))
            .toAbsolutePath();

    @TempDir
    Path elsewhere;

    private record Result(int exitCode, String out, String err) {}

    private Result javaJar(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path stdout = elsewhere.resolve("stdout.txt");
        Path stderr = elsewhere.resolve("stderr.txt");
        Process process = new ProcessBuilder(command)
                .directory(elsewhere.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile())
                .start();
        // A guard against a hung child, not a measurement.
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("java -jar " + String.join(" ", args) + " did not finish");
        }
        return new Result(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }

    @Test
    void manifestNamesTheMainClass() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            assertNotNull(jar.getManifest(), JAR + " has no manifest");
            assertEquals(
                    SimulatorCommand.class.getName(),
                    jar.getManifest().getMainAttributes().getValue(Attributes.Name.MAIN_CLASS));
            for (String shaded : List.of(
                    "picocli/CommandLine.class",
                    "org/knowm/xchart/XYChart.class",
                    "com/fasterxml/jackson/databind/ObjectMapper.class",
                    "me/tongfei/progressbar/ProgressBar.class",
                    "io/github/kdastepscaling/policy/ScalingPolicy.class",
                    "traces/step.csv")) {
                assertNotNull(jar.getEntry(shaded), JAR + " lacks " + shaded);
            }
        }
    }

    @Test
    void runHelpAndTuneHelpPrintTheirUsage() throws Exception {
        Result run = javaJar("run", "--help");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Usage: kda-step-scaling-simulator run"), run.out());
        assertTrue(run.out().contains("--trace"), run.out());

        Result tune = javaJar("tune", "--help");
        assertEquals(0, tune.exitCode(), tune.err());
        assertTrue(tune.out().contains("--max-delay-seconds"), tune.out());
    }

    @Test
    void runsAReferenceTraceTakenOutOfTheJar() throws Exception {
        Path trace = elsewhere.resolve("step.csv");
        try (JarFile jar = new JarFile(JAR.toFile())) {
            ZipEntry entry = jar.getEntry("traces/step.csv");
            try (InputStream in = jar.getInputStream(entry)) {
                Files.copy(in, trace);
            }
        }
        Result result = javaJar("run", "--trace", "step.csv", "--out", "out", "--no-progress");
        assertEquals(0, result.exitCode(), result.err());

        Path out = elsewhere.resolve("out");
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals("step.csv", report.get("trace").get("name").asText());
        assertEquals(360, report.get("policies").get(0).get("capacityByMinute").size());
        assertTrue(Files.readString(out.resolve("report.md"), StandardCharsets.UTF_8)
                .contains("| policy |"));
        assertTrue(Files.size(out.resolve("chart.png")) > 0);
    }

    @Test
    void versionIsTheProjects() throws Exception {
        Result result = javaJar("--version");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(
                "kda-step-scaling-simulator " + System.getProperty("simulator.version"),
                result.out().strip());
    }

    @Test
    void withoutTheWordRunItStillRuns() throws Exception {
        Result result = javaJar("--help");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("--trace"), result.out());
    }
}
