package io.github.kdastepscaling;

import static io.github.kdastepscaling.KdaStepScalingDefaultsTest.alarmName;
import static io.github.kdastepscaling.KdaStepScalingDefaultsTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kdastepscaling.contract.DeployTimeResources;
import io.github.kdastepscaling.contract.ScalerEnvironment;
import io.github.kdastepscaling.policy.ScalingDefaults;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.kinesis.Stream;

/** An existing stream and an existing application: nothing is created for them, everything else is. */
class KdaStepScalingExistingResourcesTest {

    private static Template template;
    private static KdaStepScaling scaling;

    @BeforeAll
    static void synthesize() {
        Stack stack = TestStacks.stack("Existing");
        scaling = new KdaStepScaling(
                stack,
                "Scaling",
                KdaStepScalingProps.builder()
                        .existingStream(Stream.fromStreamArn(
                                stack, "Source", "arn:aws:kinesis:eu-west-1:123456789012:stream/clicks"))
                        .existingApplicationName("clicks-job")
                        .initialCapacity(4)
                        .build());
        template = Template.fromStack(stack);
    }

    @Test
    void createsNoStreamNoApplicationAndNoApplicationRole() {
        template.resourceCountIs("AWS::Kinesis::Stream", 0);
        template.resourceCountIs("AWS::KinesisAnalyticsV2::Application", 0);
        // The scaler's role, and the deploy-time thresholds function's and its provider framework's.
        template.resourceCountIs("AWS::IAM::Role", 3);
        template.resourceCountIs("AWS::Logs::LogGroup", 4);
        assertNull(scaling.getApplication());
        assertNull(scaling.getApplicationRole());
        assertEquals("clicks-job", scaling.getApplicationName());
    }

    @Test
    void theAlarmsThresholdsAreReadAtDeployTimeThoughNoParallelismIs() {
        template.resourceCountIs(DeployTimeResources.THRESHOLDS_TYPE, 1);
        template.resourceCountIs(DeployTimeResources.CAPACITY_TYPE, 0);
    }

    @Test
    void scalerAndTargetNameTheExistingApplication() {
        Capture variables = new Capture();
        template.hasResourceProperties(
                "AWS::Lambda::Function",
                Match.objectLike(Map.of(
                        "Handler",
                        "io.github.kdastepscaling.lambda.ScalerHandler::handleRequest",
                        "Environment",
                        Map.of("Variables", variables))));
        assertEquals("clicks-job", variables.asObject().get(ScalerEnvironment.APPLICATION_NAME));
        String roles = json(template.findResources("AWS::IAM::Role"));
        assertTrue(roles.contains(":kinesisanalytics:eu-west-1:123456789012:application/clicks-job"), roles);
        Capture parts = new Capture();
        template.hasResourceProperties(
                "AWS::ApplicationAutoScaling::ScalableTarget",
                Match.objectLike(Map.of("ResourceId", Map.of("Fn::Join", List.of("", parts)))));
        assertTrue(json(parts.asArray()).endsWith("\"/scalableTargetDimensions/clicks-job\"]"));
    }

    @Test
    void alarmsWatchTheExistingStreamAtTheGivenInitialCapacity() {
        template.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Match.objectLike(Map.of(
                        "ComparisonOperator",
                        "GreaterThanOrEqualToThreshold",
                        "Metrics",
                        Match.arrayWith(List.of(Match.objectLike(Map.of(
                                "MetricStat",
                                Match.objectLike(Map.of(
                                        "Metric",
                                        Match.objectLike(Map.of(
                                                "Dimensions",
                                                List.of(Map.of("Name", "StreamName", "Value", "clicks")))))))))))));
        assertEquals(
                4 * ScalingDefaults.SCALE_OUT_RECORDS_PER_SECOND_PER_KPU,
                FirstDeploy.thresholdOf(template, alarmName(scaling.getScaleOutAlarm())));
        assertEquals(
                3 * ScalingDefaults.SCALE_IN_RECORDS_PER_SECOND_PER_KPU,
                FirstDeploy.thresholdOf(template, alarmName(scaling.getScaleInAlarm())));
    }
}
