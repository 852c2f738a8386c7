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
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;

/**
 * aws-cdk-lib validates every synthesized template with its bundled CloudFormation schema and rules and writes
 * {@code validation-report.json}: the construct's template has no finding, and the default runtime is one the
 * schema accepts (the same check reports an unknown runtime, so the test can fail).
 */
class CloudFormationValidationTest {

    @Test
    void defaultTemplateHasNoValidationFinding() throws IOException {
        assertEquals(List.of(), findings(FlinkApplicationProps.DEFAULT_RUNTIME));
    }

    @Test
    void anUnknownRuntimeIsReported() throws IOException {
        String report = new ObjectMapper().writeValueAsString(findings("FLINK-9_99"));
        assertTrue(report.contains("FLINK-9_99") && report.contains("FLINK-2_3"), report);
    }

    private static List<?> findings(String runtime) throws IOException {
        Path outdir = Files.createTempDirectory("kda-step-scaling-validation");
        App app = new App(AppProps.builder().outdir(outdir.toString()).build());
        Stack stack = new Stack(app, "Validated", StackProps.builder()
                .env(Environment.builder().account(TestStacks.ACCOUNT).region(TestStacks.REGION).build())
                .build());
        new KdaStepScaling(stack, "Scaling", KdaStepScalingProps.builder()
                .applicationProps(TestStacks.application(stack).runtime(runtime).build())
                .build());
        app.synth();
        Map<?, ?> report = new ObjectMapper().readValue(outdir.resolve("validation-report.json").toFile(), Map.class);
        return (List<?>) report.get("pluginReports");
    }
}
