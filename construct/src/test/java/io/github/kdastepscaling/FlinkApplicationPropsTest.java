package io.github.kdastepscaling;

import static io.github.kdastepscaling.KdaStepScalingDefaultsTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.logs.LogGroup;

/** The application props the Managed Flink L2's users rely on, all set, synthesized once. */
class FlinkApplicationPropsTest {

    private static Template template;
    private static KdaStepScaling scaling;

    @BeforeAll
    static void synthesize() {
        Stack stack = TestStacks.stack("ApplicationProps");
        Vpc vpc = Vpc.Builder.create(stack, "Vpc").maxAzs(2).build();
        scaling = KdaStepScaling.Builder.create(stack, "Scaling")
                .applicationProps(FlinkApplicationProps.builder()
                        .code(ApplicationCode.fromBucket(TestStacks.codeBucket(stack), "jobs/job.jar", "v3"))
                        .runtime(FlinkRuntime.of("FLINK-2_2"))
                        .checkpointInterval(Duration.seconds(30))
                        .logLevel(FlinkLogLevel.WARN)
                        .metricsLevel(FlinkMetricsLevel.TASK)
                        .role(Role.fromRoleArn(
                                stack, "AppRole", "arn:aws:iam::" + TestStacks.ACCOUNT + ":role/flink-app"))
                        .logGroup(LogGroup.fromLogGroupName(stack, "AppLogs", "/flink/orders"))
                        .removalPolicy(RemovalPolicy.RETAIN)
                        .vpc(vpc)
                        .startApplication(true)
                        .firstStartRestore(FirstStartRestore.RESTORE_FROM_LATEST_SNAPSHOT)
                        .build())
                .dashboardName("orders-scaling")
                .build();
        template = Template.fromStack(stack);
    }

    private static Map<String, Object> application() {
        return template.findResources("AWS::KinesisAnalyticsV2::Application")
                .values()
                .iterator()
                .next();
    }

    @Test
    void checkpointsAndMonitoringAreTheGivenOnes() {
        template.hasResourceProperties(
                "AWS::KinesisAnalyticsV2::Application",
                Match.objectLike(Map.of(
                        "RuntimeEnvironment",
                        "FLINK-2_2",
                        "ApplicationConfiguration",
                        Match.objectLike(Map.of(
                                "FlinkApplicationConfiguration",
                                Match.objectLike(Map.of(
                                        "CheckpointConfiguration",
                                                Map.of(
                                                        "ConfigurationType",
                                                        "CUSTOM",
                                                        "CheckpointingEnabled",
                                                        true,
                                                        "CheckpointInterval",
                                                        30000,
                                                        "MinPauseBetweenCheckpoints",
                                                        5000),
                                        "MonitoringConfiguration",
                                                Map.of(
                                                        "ConfigurationType",
                                                        "CUSTOM",
                                                        "LogLevel",
                                                        "WARN",
                                                        "MetricsLevel",
                                                        "TASK"))))))));
    }

    @Test
    void theCodeObjectVersionIsPinned() {
        template.hasResourceProperties(
                "AWS::KinesisAnalyticsV2::Application",
                Match.objectLike(Map.of(
                        "ApplicationConfiguration",
                        Match.objectLike(Map.of(
                                "ApplicationCodeConfiguration",
                                Match.objectLike(Map.of(
                                        "CodeContent",
                                        Map.of(
                                                "S3ContentLocation",
                                                Match.objectLike(Map.of(
                                                        "FileKey", "jobs/job.jar", "ObjectVersion", "v3"))))))))));
    }

    @Test
    void theGivenRoleGetsTheStatementsAsAnAttachedPolicyAndNoRoleIsCreatedForTheApplication() {
        Capture statements = new Capture();
        template.hasResourceProperties(
                "AWS::IAM::Policy",
                Match.objectLike(Map.of(
                        "Roles", List.of("flink-app"),
                        "PolicyDocument", Match.objectLike(Map.of("Statement", statements)))));
        String json = json(statements.asArray());
        assertTrue(json.contains("\"Sid\":\"ReadSourceStream\""), json);
        assertTrue(json.contains("\"Sid\":\"ManageNetworkInterfacesInVpc\""), json);
        assertTrue(json.contains("ec2:CreateNetworkInterface"), json);
        assertEquals("/flink/orders", scaling.getApplicationLogGroup().getLogGroupName());
        assertFalse(
                json(template.findResources("AWS::IAM::Role")).contains("kinesisanalytics.amazonaws.com"),
                "no role for the application");
    }

    @Test
    void theLogStreamIsInTheGivenLogGroup() {
        template.hasResourceProperties(
                "AWS::Logs::LogStream", Map.of("LogGroupName", "/flink/orders", "LogStreamName", "flink-application"));
        assertFalse(
                json(template.findResources("AWS::Logs::LogGroup")).contains("ApplicationLogGroup"),
                "no log group is created for the application");
    }

    @Test
    void theApplicationRunsInThePrivateSubnetsWithANewSecurityGroup() {
        Capture subnets = new Capture();
        Capture groups = new Capture();
        template.hasResourceProperties(
                "AWS::KinesisAnalyticsV2::Application",
                Match.objectLike(Map.of(
                        "ApplicationConfiguration",
                        Match.objectLike(Map.of(
                                "VpcConfigurations",
                                List.of(Map.of("SubnetIds", subnets, "SecurityGroupIds", groups)))))));
        assertEquals(2, subnets.asArray().size());
        assertTrue(json(subnets.asArray()).contains("PrivateSubnet"), json(subnets.asArray()));
        assertEquals(1, groups.asArray().size());
        template.hasResourceProperties(
                "AWS::EC2::SecurityGroup",
                Match.objectLike(Map.of(
                        "GroupDescription", "Network interfaces of the Flink application scaled by kda-step-scaling")));
    }

    @Test
    void theApplicationIsStartedOnceAfterItIsCreatedWithTheChosenRestore() {
        template.hasResourceProperties(
                "Custom::KdaStepScalingStartOnCreate",
                Match.objectLike(Map.of(
                        "ApplicationName",
                        Map.of("Ref", Match.stringLikeRegexp("ScalingApplication.*")),
                        "RestoreType",
                        "RESTORE_FROM_LATEST_SNAPSHOT")));
        Map<String, Map<String, Object>> start = template.findResources("Custom::KdaStepScalingStartOnCreate");
        String json = json(start);
        assertTrue(json.contains("ScalingApplicationLogging"), "starts after the logging option is attached: " + json);
        template.hasResourceProperties(
                "AWS::IAM::Role",
                Match.objectLike(Map.of(
                        "Policies",
                        List.of(Map.of(
                                "PolicyName",
                                "DeployTime",
                                "PolicyDocument",
                                Match.objectLike(Map.of(
                                        "Statement",
                                        Match.arrayWith(List.of(Match.objectLike(Map.of(
                                                "Sid",
                                                "StartCreatedApplication",
                                                "Action",
                                                List.of(
                                                        "kinesisanalytics:DescribeApplication",
                                                        "kinesisanalytics:StartApplication"))))))))))));
        template.hasResourceProperties(
                "AWS::StepFunctions::StateMachine",
                Match.objectLike(Map.of("LoggingConfiguration", Match.objectLike(Map.of("Level", "ALL")))));
    }

    @Test
    void theDashboardHasTheGivenName() {
        template.hasResourceProperties(
                "AWS::CloudWatch::Dashboard", Match.objectLike(Map.of("DashboardName", "orders-scaling")));
    }

    @Test
    void theRemovalPolicyReachesTheApplication() {
        assertEquals("Retain", application().get("DeletionPolicy"));
    }
}
