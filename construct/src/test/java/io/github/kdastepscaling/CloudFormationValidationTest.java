package io.github.kdastepscaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;

/**
 * aws-cdk-lib validates every synthesized template with its bundled CloudFormation schema and rules and writes
 * {@code validation-report.json}: the construct's template has no finding with any of the library's Flink runtime
 * constants, each of which the schema accepts (the same check reports an unknown runtime, so the test can fail).
 */
class CloudFormationValidationTest {

    static List<FlinkRuntime> knownRuntimes() {
        return List.of(
                FlinkRuntime.FLINK_1_15,
                FlinkRuntime.FLINK_1_18,
                FlinkRuntime.FLINK_1_19,
                FlinkRuntime.FLINK_1_20,
                FlinkRuntime.FLINK_2_2);
    }

    @ParameterizedTest
    @MethodSource("knownRuntimes")
    void theTemplateHasNoValidationFindingWithEachKnownRuntime(FlinkRuntime runtime) throws IOException {
        assertEquals(List.of(), findings(runtime));
    }

    @Test
    void anUnknownRuntimeIsReported() throws IOException {
        String report = new ObjectMapper().writeValueAsString(findings(FlinkRuntime.of("FLINK-9_99")));
        assertTrue(report.contains("FLINK-9_99") && report.contains("FLINK-2_2"), report);
    }

    private static List<?> findings(FlinkRuntime runtime) throws IOException {
        Path outdir = Files.createTempDirectory("kda-step-scaling-validation");
        App app = new App(AppProps.builder().outdir(outdir.toString()).build());
        Stack stack = new Stack(
                app,
                "Validated",
                StackProps.builder()
                        .env(Environment.builder()
                                .account(TestStacks.ACCOUNT)
                                .region(TestStacks.REGION)
                                .build())
                        .build());
        new KdaStepScaling(
                stack,
                "Scaling",
                KdaStepScalingProps.builder()
                        .applicationProps(
                                TestStacks.application(stack).runtime(runtime).build())
                        .build());
        app.synth();
        Map<?, ?> report = new ObjectMapper()
                .readValue(outdir.resolve("validation-report.json").toFile(), Map.class);
        return (List<?>) report.get("pluginReports");
    }
}
