package io.github.kdastepscaling.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * The example stack, synthesized once (with the AwsSolutions checks, as {@code cdk synth} runs it): a snapshot of
 * its template, and cdk-nag's verdict.
 *
 * <p>Regenerate the snapshot after an intended change with
 * {@code mvn -B verify -pl examples/app -am -Dsnapshot.update=true} and review the diff.
 */
class ExampleStackTest {

    static final Path SNAPSHOT = Path.of("src/test/resources/snapshots/KdaStepScalingExample.template.json");

    private static ExampleStack stack;
    private static Template template;

    @BeforeAll
    static void synthesize() {
        App app = new App();
        stack = ExampleApp.create(app);
        CloudAssembly assembly = app.synth();
        assertTrue(assembly.getStacks().size() == 1);
        template = Template.fromStack(stack);
    }

    @Test
    void templateMatchesTheSnapshot() throws IOException {
        String actual = normalised(template.toJSON());
        if (Boolean.getBoolean("snapshot.update")) {
            Files.createDirectories(SNAPSHOT.getParent());
            Files.writeString(SNAPSHOT, actual);
        }
        assertTrue(
                Files.exists(SNAPSHOT),
                "no snapshot at " + SNAPSHOT.toAbsolutePath()
                        + ": run mvn -B verify -pl examples/app -am -Dsnapshot.update=true");
        assertEquals(
                Files.readString(SNAPSHOT),
                actual,
                "the example stack's template changed; if intended, "
                        + "regenerate the snapshot with: mvn -B verify -pl examples/app -am -Dsnapshot.update=true");
    }

    @Test
    void passesAwsSolutionsChecksWithNoUnsuppressedErrorsOrWarnings() {
        Annotations annotations = Annotations.fromStack(stack);
        assertEquals(List.of(), messages(annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))));
        assertEquals(List.of(), messages(annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*"))));
        assertEquals(List.of(), messages(annotations.findError("*", Match.anyValue())));
    }

    @Test
    void suppressionsSitOnResourcesNotOnTheStack() {
        Map<String, Object> json = template.toJSON();
        Object metadata = json.get("Metadata");
        assertFalse(
                metadata != null && metadata.toString().contains("cdk_nag"),
                "a cdk-nag rule is suppressed for the whole stack: " + metadata);
        String resources = json.get("Resources").toString();
        assertTrue(resources.contains("AwsSolutions-COG4"), "the methods carry their own suppression");
    }

    @Test
    void exampleRunsTheJobOnFlink119WithItsJarAsAnAsset() {
        template.hasResourceProperties(
                "AWS::KinesisAnalyticsV2::Application",
                Match.objectLike(Map.of(
                        "ApplicationName",
                        ExampleStack.APPLICATION_NAME,
                        "RuntimeEnvironment",
                        "FLINK-1_19",
                        "ApplicationConfiguration",
                        Match.objectLike(Map.of(
                                "ApplicationCodeConfiguration",
                                Map.of(
                                        "CodeContentType",
                                        "ZIPFILE",
                                        "CodeContent",
                                        Map.of(
                                                "S3ContentLocation",
                                                Map.of(
                                                        "BucketARN", Match.anyValue(),
                                                        "FileKey",
                                                                Match.stringLikeRegexp("^[0-9a-f]{64}\\.jar$")))))))));
    }

    @Test
    void theApplicationsParallelismComesFromTheDeployTimeReadAndTheJobIsStartedOnCreate() {
        template.hasResourceProperties(
                "AWS::KinesisAnalyticsV2::Application",
                Match.objectLike(Map.of(
                        "ApplicationConfiguration",
                        Match.objectLike(Map.of(
                                "FlinkApplicationConfiguration",
                                Match.objectLike(Map.of(
                                        "ParallelismConfiguration",
                                        Match.objectLike(Map.of(
                                                "Parallelism",
                                                Map.of(
                                                        "Fn::GetAtt",
                                                        List.of(
                                                                Match.stringLikeRegexp("ScalingDeployTimeCapacity.*"),
                                                                "Parallelism")))))))))));
        template.resourceCountIs("Custom::KdaStepScalingDeployTimeCapacity", 1);
        template.hasResourceProperties(
                "Custom::KdaStepScalingStartOnCreate",
                Match.objectLike(Map.of(
                        "ApplicationName",
                        Map.of("Ref", Match.stringLikeRegexp("ScalingApplication.*")),
                        "RestoreType",
                        "SKIP_RESTORE_FROM_SNAPSHOT")));
    }

    @Test
    void theLoadAlarmsThresholdsAreThoseOfTheStoredCapacityReadAtDeployTime() {
        template.resourceCountIs("Custom::KdaStepScalingDeployTimeThresholds", 1);
        for (String attribute : List.of("ScaleOutThreshold", "ScaleInThreshold")) {
            template.hasResourceProperties(
                    "AWS::CloudWatch::Alarm",
                    Match.objectLike(Map.of(
                            "Threshold",
                            Map.of(
                                    "Fn::GetAtt",
                                    List.of(
                                            Match.stringLikeRegexp("ScalingDeployTimeCapacityThresholds.*"),
                                            attribute)))));
        }
    }

    @Test
    void theLagGuardWatchesTheStreamsIteratorAgeAndBlocksScaleInWhileBehind() {
        template.resourceCountIs("AWS::ApplicationAutoScaling::ScalingPolicy", 3);
        template.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Match.objectLike(Map.of(
                        "ComparisonOperator",
                        "GreaterThanOrEqualToThreshold",
                        "Threshold",
                        300000,
                        "AlarmActions",
                        List.of(Map.of("Ref", Match.stringLikeRegexp("ScalingLagGuardPolicy.*"))),
                        // The guard's metric math (a backlog already draining does not breach) over the lag, Maximum.
                        "Metrics",
                        Match.arrayWith(List.of(Match.objectLike(Map.of(
                                "Id",
                                "lag",
                                "MetricStat",
                                Match.objectLike(Map.of(
                                        "Stat",
                                        "Maximum",
                                        "Metric",
                                        Match.objectLike(
                                                Map.of("MetricName", "GetRecords.IteratorAgeMilliseconds")))))))))));
        template.hasResourceProperties(
                "AWS::ApplicationAutoScaling::ScalingPolicy",
                Match.objectLike(Map.of(
                        "StepScalingPolicyConfiguration",
                        Match.objectLike(Map.of("MetricAggregationType", "Maximum")))));
        template.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Match.objectLike(Map.of(
                        "ComparisonOperator",
                        "LessThanThreshold",
                        "Metrics",
                        Match.arrayWith(List.of(Match.objectLike(
                                Map.of("Expression", "IF(FILL(lag, 0) >= 300000, 1000000000000000, signal)")))))));
    }

    // Annotations.find* still return cxapi.SynthesisMessage, deprecated in aws-cdk-lib with no replacement type in
    // the Java assertions API yet.
    @SuppressWarnings("deprecation")
    private static List<String> messages(List<SynthesisMessage> found) {
        return found.stream()
                .map(m -> m.getId() + ": " + m.getEntry().getData())
                .collect(Collectors.toList());
    }

    /**
     * The template as pretty JSON, with asset hashes (64 hex digits) and the hashes CDK appends to the logical ids
     * of Lambda versions and API deployments (32 hex digits) replaced, so the snapshot does not churn with code.
     */
    static String normalised(Map<String, Object> template) throws IOException {
        String json = new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .writeValueAsString(template);
        return json.replaceAll("[0-9a-f]{64}", "<asset-hash>")
                        .replaceAll("([0-9A-F]{8})[0-9a-f]{32}", "$1<content-hash>")
                        .replace("\r\n", "\n")
                + "\n";
    }
}
