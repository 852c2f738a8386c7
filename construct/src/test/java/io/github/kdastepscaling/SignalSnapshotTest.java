package io.github.kdastepscaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cloudwatch.Metric;

/**
 * The scaling part of the template (alarms, step-scaling policies, the scaler's variables) for every signal kind and
 * for the lag guard on and off, as reviewed snapshots: a change to what any kind deploys shows as a diff. Regenerate
 * after an intended change with {@code mvn -B verify -pl construct -am -Dsnapshot.update=true} and review the diff.
 */
class SignalSnapshotTest {

    private static final Path SNAPSHOTS = Path.of("src/test/resources/snapshots/signals");
    private static final Metric ORDERS = Metric.Builder.create()
            .namespace("Shop")
            .metricName("OrdersPerSecond")
            .statistic("Average")
            .period(Duration.minutes(1))
            .build();
    private static final Metric CPU = Metric.Builder.create()
            .namespace("AWS/KinesisAnalytics")
            .metricName("containerCPUUtilization")
            .dimensionsMap(Map.of("Application", "orders"))
            .statistic("Average")
            .period(Duration.minutes(1))
            .build();

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of("incoming-records", (Consumer<KdaStepScalingProps.Builder>) props -> {}),
                Arguments.of("incoming-records-without-guard", (Consumer<KdaStepScalingProps.Builder>)
                        props -> props.lagGuard(LagGuardProps.disabled())),
                Arguments.of("incoming-bytes", (Consumer<KdaStepScalingProps.Builder>)
                        props -> props.scalingSignal(ScalingSignal.incomingBytes(1_000_000, 900_000))),
                Arguments.of("load", (Consumer<KdaStepScalingProps.Builder>)
                        props -> props.scalingSignal(ScalingSignal.load(ORDERS, 50, 40))),
                Arguments.of("utilization", (Consumer<KdaStepScalingProps.Builder>)
                        props -> props.scalingSignal(ScalingSignal.utilization(CPU, 75, 40))
                                .lagGuard(LagGuardProps.builder()
                                        .lagMetric(LagMetric.millisBehindLatest())
                                        .build())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void theScalingResourcesMatchTheSnapshot(String name, Consumer<KdaStepScalingProps.Builder> customize)
            throws IOException {
        Stack stack = TestStacks.stack("Signals");
        TestStacks.construct(stack, customize);
        Template template = Template.fromStack(stack);
        Map<String, Object> scaling = new LinkedHashMap<>();
        scaling.put("alarms", template.findResources("AWS::CloudWatch::Alarm"));
        scaling.put("policies", template.findResources("AWS::ApplicationAutoScaling::ScalingPolicy"));
        Map<?, ?> scaler = template.findResources("AWS::Lambda::Function").values().stream()
                .filter(function -> function.toString().contains("ScalerHandler::handleRequest"))
                .map(function -> (Map<?, ?>) function.get("Properties"))
                .findFirst()
                .orElseThrow();
        scaling.put("scalerEnvironment", scaler.get("Environment"));
        String actual = new ObjectMapper()
                        .enable(SerializationFeature.INDENT_OUTPUT)
                        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                        .writeValueAsString(scaling)
                        .replaceAll("[0-9a-f]{64}", "<asset-hash>")
                + "\n";

        Path snapshot = SNAPSHOTS.resolve(name + ".json");
        if (Boolean.getBoolean("snapshot.update")) {
            Files.createDirectories(SNAPSHOTS);
            Files.writeString(snapshot, actual);
        }
        assertTrue(
                Files.exists(snapshot),
                "no snapshot at " + snapshot.toAbsolutePath()
                        + ": run mvn -B verify -pl construct -am -Dsnapshot.update=true");
        assertEquals(
                Files.readString(snapshot),
                actual,
                "the " + name + " signal's scaling resources changed; if "
                        + "intended, regenerate with mvn -B verify -pl construct -am -Dsnapshot.update=true");
    }
}
