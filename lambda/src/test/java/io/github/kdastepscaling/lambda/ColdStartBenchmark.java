package io.github.kdastepscaling.lambda;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A benchmark, not a test: the scaler's start-up and warm latency against the local fakes.
 * <ul>
 *   <li>cold: a fresh JVM on the shaded jar constructs the handler from its environment and answers one GET
 *       (process start to exit), beside a hello-world JVM on the same machine, alternating, median of N runs
 *       each, reported as a ratio because the machine is shared and noisy;</li>
 *   <li>warm: one handler answers 1000 GETs in a row (after 100 to warm up), p50 and p99.</li>
 * </ul>
 * Run: {@code mvn -B -pl lambda -am install -DskipTests && mvn -B -pl lambda exec:java@cold-start-benchmark}
 * (optional {@code -Dbenchmark.runs=N}, {@code -Dbenchmark.jvmOptions="..."}; the child JVMs are the JDK Maven runs
 * on, so {@code JAVA_HOME=... mvn ...} picks another). See docs/benchmarks.md for recorded figures.
 */
public final class ColdStartBenchmark {

    private ColdStartBenchmark() {}

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("benchmark.runs", 15);
        Path jar = Path.of(System.getProperty("benchmark.jar"));
        Path testClasses = Path.of(System.getProperty("benchmark.testClasses", "lambda/target/test-classes"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("build the shaded jar first: " + jar.toAbsolutePath() + " is missing");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try (ScalerFixture fixture = new ScalerFixture()) {
            Path event = Files.createTempFile("get-event", ".json");
            Files.writeString(
                    event,
                    ScalerFixture.event("get-scalable-target.json", ScalerFixture.APPLICATION, null)
                            .toString());
            List<String> jvmOptions = jvmOptions();
            List<String> coldClasspath = command(
                    java,
                    jvmOptions,
                    "-cp",
                    jar + File.pathSeparator + testClasses,
                    FirstGetMain.class.getName(),
                    event.toString());
            List<String> helloClasspath =
                    command(java, jvmOptions, "-cp", testClasses.toString(), HelloWorldMain.class.getName());
            Map<String, String> lambdaEnvironment = new HashMap<>(fixture.environment);
            lambdaEnvironment.put("AWS_REGION", "us-east-1");
            fixture.aws.acceptCredentials("AKIDBENCHMARK", "benchmark-secret");
            lambdaEnvironment.put("AWS_ACCESS_KEY_ID", "AKIDBENCHMARK");
            lambdaEnvironment.put("AWS_SECRET_ACCESS_KEY", "benchmark-secret");
            lambdaEnvironment.put("AWS_ENDPOINT_URL", fixture.aws.endpoint().toString());

            // Warm the file cache for both, then alternate so drift on the machine hits both alike.
            time(helloClasspath, Map.of());
            time(coldClasspath, lambdaEnvironment);
            double[] hello = new double[runs];
            double[] cold = new double[runs];
            for (int i = 0; i < runs; i++) {
                hello[i] = time(helloClasspath, Map.of());
                cold[i] = time(coldClasspath, lambdaEnvironment);
            }
            double[] warm = warmGets(fixture, 100, 1000);

            System.out.printf("java: %s (%s), options: %s%n", System.getProperty("java.version"), java, jvmOptions);
            System.out.printf("cores: %d%n", Runtime.getRuntime().availableProcessors());
            System.out.printf("shaded jar: %.2f MB (%d bytes)%n", Files.size(jar) / 1_000_000.0, Files.size(jar));
            System.out.printf("cold runs: %d each%n", runs);
            System.out.printf("hello-world JVM, median: %.0f ms%n", median(hello));
            System.out.printf(
                    "fresh JVM + first GET, median: %.0f ms (min %.0f, max %.0f)%n",
                    median(cold), min(cold), max(cold));
            System.out.printf("ratio first GET / hello world: %.2f%n", median(cold) / median(hello));
            System.out.printf(
                    "warm GET over 1000 calls: p50 %.2f ms, p99 %.2f ms%n", percentile(warm, 50), percentile(warm, 99));
        }
    }

    /** JVM options for both child JVMs, e.g. {@code -Dbenchmark.jvmOptions="-XX:TieredStopAtLevel=1"}. */
    private static List<String> jvmOptions() {
        String options = System.getProperty("benchmark.jvmOptions", "").trim();
        return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
    }

    private static List<String> command(String java, List<String> jvmOptions, String... rest) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        command.addAll(List.of(rest));
        return command;
    }

    private static double time(List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        int exit = process.waitFor();
        double millis = (System.nanoTime() - start) / 1e6;
        String text = new String(output, StandardCharsets.UTF_8);
        if (exit != 0 || !(text.contains("\"statusCode\":200") || text.equals("hello\n"))) {
            throw new IllegalStateException("run failed (exit " + exit + "): " + text);
        }
        return millis;
    }

    private static double[] warmGets(ScalerFixture fixture, int warmUp, int measured) {
        String event = ScalerFixture.event("get-scalable-target.json", ScalerFixture.APPLICATION, null)
                .toString();
        for (int i = 0; i < warmUp; i++) {
            fixture.handler().handle(event);
        }
        double[] latencies = new double[measured];
        for (int i = 0; i < measured; i++) {
            long start = System.nanoTime();
            fixture.handler().handle(event);
            latencies[i] = (System.nanoTime() - start) / 1e6;
        }
        return latencies;
    }

    private static double median(double[] values) {
        return percentile(values, 50);
    }

    private static double percentile(double[] values, double percentile) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
