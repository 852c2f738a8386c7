package io.github.kdastepscaling;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.kinesis.StreamMode;
import software.amazon.awscdk.services.kinesis.StreamProps;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/** The README's "Many applications" snippet compiles, synthesizes, and is the same text as here. */
class FleetReadmeSnippetTest {

    static class MyStack extends Stack {
        MyStack(Construct scope, String id) {
            super(scope, id);
            // README:begin
            IBucket jobs = Bucket.fromBucketName(this, "Jobs", "my-flink-jobs");
            KdaStepScalingFleet fleet = new KdaStepScalingFleet(
                    this,
                    "Fleet",
                    KdaStepScalingFleetProps.builder()
                            .fleetId("orders") // letters, digits, '_'; names the SSM path and alarm prefix
                            .build());
            for (String name : List.of("checkout", "payments", "shipping")) {
                new KdaStepScaling(
                        this,
                        name,
                        KdaStepScalingProps.builder()
                                .fleet(fleet)
                                .streamProps(StreamProps.builder()
                                        .streamMode(StreamMode.ON_DEMAND)
                                        .build())
                                .applicationProps(FlinkApplicationProps.builder()
                                        .applicationName(name) // required in a fleet: it names its parameters
                                        .code(ApplicationCode.fromBucket(jobs, "orders/" + name + "-1.0.jar"))
                                        .runtime(FlinkRuntime.FLINK_1_20)
                                        .build())
                                .maxCapacity(8)
                                .build());
            }
            // README:end
        }
    }

    @Test
    void snippetSynthesizes() {
        Template template = Template.fromStack(new MyStack(new App(), "Readme"));
        template.resourceCountIs("AWS::ApiGateway::RestApi", 1);
        template.resourceCountIs("AWS::ApplicationAutoScaling::ScalableTarget", 3);
    }

    @Test
    void readmeShowsThisSnippet() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        Matcher block = Pattern.compile("<!-- fleet-snippet -->\\s*```java\\n(.*?)```", Pattern.DOTALL)
                .matcher(readme);
        assertTrue(block.find(), "README.md has no java block after <!-- fleet-snippet -->");
        String source = Files.readString(Path.of("src/test/java/io/github/kdastepscaling/FleetReadmeSnippetTest.java"));
        String snippet = source.substring(
                source.indexOf("// README:begin") + "// README:begin".length(), source.indexOf("// README:end"));
        assertTrue(
                block.group(1).contains(ReadmeSnippetTest.dedent(snippet)),
                "README.md's fleet snippet differs " + "from FleetReadmeSnippetTest; the README should contain:\n"
                        + ReadmeSnippetTest.dedent(snippet));
    }
}
