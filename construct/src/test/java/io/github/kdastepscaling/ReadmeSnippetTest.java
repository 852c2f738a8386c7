package io.github.kdastepscaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kdastepscaling.policy.ScalingStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.kinesis.StreamProps;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/** The README's usage snippet compiles, runs, and is the same text as here. */
class ReadmeSnippetTest {

    static class MyStack extends Stack {
        MyStack(Construct scope, String id) {
            super(scope, id);
            // README:begin
            IBucket jobs = Bucket.fromBucketName(this, "Jobs", "my-flink-jobs");
            KdaStepScaling scaling = KdaStepScaling.Builder.create(this, "Scaling")
                    .streamProps(StreamProps.builder().shardCount(4).build())
                    .applicationProps(FlinkApplicationProps.builder()
                            .code(ApplicationCode.fromBucket(jobs, "orders/orders-job-1.0.jar"))
                            .runtime(FlinkRuntime.FLINK_1_20) // the Flink version the job is built for
                            .parallelismPerKpu(2)
                            .build())
                    .minCapacity(2)
                    .maxCapacity(16)
                    .scaleOutRecordsPerSecondPerKpu(5000) // measured: what one KPU of this job sustains
                    .scaleInRecordsPerSecondPerKpu(4000)
                    .scaleOutSteps(List.of(
                            ScalingStep.between(0, 1, 1), // less than 1 KPU of load above the threshold: +1
                            ScalingStep.between(1, 3, 2), // 1 to 3 KPUs of load above it: +2
                            ScalingStep.from(3, 4))) // more: +4
                    .scaleInCooldown(Duration.minutes(15))
                    .build();
            scaling.getScaleOutAlarm(); // every resource has a getter
            // README:end
        }
    }

    @Test
    void snippetSynthesizes() {
        App app = new App();
        MyStack stack = new MyStack(app, "Readme");
        Template.fromStack(stack).resourceCountIs("AWS::ApplicationAutoScaling::ScalingPolicy", 3);
    }

    @Test
    void readmeShowsThisSnippet() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        Matcher block = Pattern.compile("<!-- usage-snippet -->\\s*```java\\n(.*?)```", Pattern.DOTALL)
                .matcher(readme);
        assertTrue(block.find(), "README.md has no java block after <!-- usage-snippet -->");
        String source = Files.readString(Path.of("src/test/java/io/github/kdastepscaling/ReadmeSnippetTest.java"));
        String snippet = source.substring(
                source.indexOf("// README:begin") + "// README:begin".length(), source.indexOf("// README:end"));
        assertTrue(
                block.group(1).contains(dedent(snippet)),
                "README.md's usage snippet differs from " + "ReadmeSnippetTest; the README should contain:\n"
                        + dedent(snippet));
    }

    static String dedent(String text) {
        List<String> lines = text.lines().filter(line -> !line.isBlank()).collect(Collectors.toList());
        int indent = lines.stream()
                .mapToInt(line -> line.length() - line.stripLeading().length())
                .min()
                .orElse(0);
        return lines.stream().map(line -> line.substring(indent)).collect(Collectors.joining("\n")) + "\n";
    }

    @Test
    void dedentRemovesTheCommonIndent() {
        assertEquals("a\n  b\n", dedent("    a\n      b\n"));
    }
}
