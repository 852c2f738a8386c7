package io.github.kdastepscaling.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kdastepscaling.examples.ExampleStack;
import io.github.kdastepscaling.fakes.FakeAws;
import io.github.kdastepscaling.fakes.RecordedCall;
import io.github.kdastepscaling.lambda.ScalerClients;
import io.github.kdastepscaling.lambda.deploy.StartOnCreateHandler;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/**
 * The example stack's IAM matches what its scaler really does, and its other grants are what they must be.
 * Synthesized once; the scaler runs once, through a full scale-out and scale-in, against fakes.
 */
class ExampleStackProofTest {

    private static SynthesizedStack stack;
    private static ScalerRun run;
    private static DeployTimeRun deployTime;
    private static List<RecordedCall> calls;
    private static String functionId;
    private static String roleId;

    @BeforeAll
    static void synthesizeAndRun() {
        App app = new App();
        ExampleStack example = new ExampleStack(
                app, ExampleStack.STACK_NAME, StackProps.builder().build());
        stack = SynthesizedStack.of(example);
        functionId = stack.onlyLogicalId("AWS::Lambda::Function", "ScalerHandler::handleRequest");
        roleId = SynthesizedStack.referencedLogicalId(stack.template()
                .path("Resources")
                .get(functionId)
                .path("Properties")
                .path("Role"));
        JsonNode parallelism = stack.properties(stack.onlyLogicalId("AWS::KinesisAnalyticsV2::Application", ""))
                .at("/ApplicationConfiguration/FlinkApplicationConfiguration/ParallelismConfiguration");
        deployTime = new DeployTimeRun(stack);
        deployTime.deployThresholds("Create");
        run = new ScalerRun(
                stack, functionId, parallelism.get("ParallelismPerKPU").asInt(), deployTime.firstDeployParallelism());
        calls = run.scaleOutAndIn();
    }

    @AfterAll
    static void close() {
        run.close();
        deployTime.close();
    }

    @Test
    void theStartOnCreateCallsAreAllowedByTheirRolesAndNothingMore() throws Exception {
        String resourceId = stack.onlyLogicalId("Custom::KdaStepScalingStartOnCreate", "");
        JsonNode properties = stack.properties(resourceId);
        String name = properties.path("ApplicationName").asText();
        try (FakeAws aws = ScalerRun.fakeAws();
                ScalerClients clients = ScalerRun.clientsFor(aws)) {
            aws.flink().addApplication(name).status("READY");
            StartOnCreateHandler handler =
                    new StartOnCreateHandler(clients, new PrintStream(new ByteArrayOutputStream(), true));
            String started = handler.onEvent("{\"RequestType\":\"Create\",\"ResourceProperties\":" + properties + "}");
            List<RecordedCall> onEventCalls = aws.calls();
            aws.clearCalls();
            aws.flink().completeTransitions();
            String data = SynthesizedStack.JSON.readTree(started).path("Data").toString();
            assertEquals(
                    "{\"IsComplete\":true}",
                    handler.isComplete("{\"RequestType\":\"Create\"," + "\"ResourceProperties\":" + properties
                            + ",\"Data\":" + data + "}"));
            List<RecordedCall> isCompleteCalls = aws.calls();

            assertEquals(
                    "SKIP_RESTORE_FROM_SNAPSHOT",
                    aws.flink().application(name).orElseThrow().lastRestoreType());
            assertHandlerRoleAllowsExactly("StartOnCreateHandler::onEvent", onEventCalls);
            assertHandlerRoleAllowsExactly("StartOnCreateHandler::isComplete", isCompleteCalls);
        }
    }

    private static void assertHandlerRoleAllowsExactly(String handler, List<RecordedCall> handlerCalls) {
        String function = stack.onlyLogicalId("AWS::Lambda::Function", handler);
        JsonNode properties = stack.template().path("Resources").get(function).path("Properties");
        String role = SynthesizedStack.referencedLogicalId(properties.path("Role"));
        ScalerPermissions.assertEveryCallIsAllowed(stack.rolePolicy(role), handlerCalls);
        ScalerPermissions.assertNothingUnused(
                stack.rolePolicy(role),
                handlerCalls,
                stack.deployment()
                        .getAtt(
                                SynthesizedStack.referencedLogicalId(
                                        properties.path("LoggingConfig").path("LogGroup")),
                                "Arn"));
    }

    @Test
    void theDeployTimeReadsAreAllowedByTheirRoleAndNothingMore() {
        String function = stack.onlyLogicalId("AWS::Lambda::Function", "DeployTimeCapacityHandler");
        String role = SynthesizedStack.referencedLogicalId(stack.template()
                .path("Resources")
                .get(function)
                .path("Properties")
                .path("Role"));
        List<RecordedCall> deployCalls = deployTime.calls();
        assertEquals(
                List.of("application-autoscaling:DescribeScalableTargets", "ssm:GetParameter"),
                deployCalls.stream()
                        .map(RecordedCall::iamAction)
                        .distinct()
                        .sorted()
                        .toList());
        ScalerPermissions.assertEveryCallIsAllowed(stack.rolePolicy(role), deployCalls);
        String logGroup = SynthesizedStack.referencedLogicalId(stack.template()
                .path("Resources")
                .get(function)
                .path("Properties")
                .path("LoggingConfig")
                .path("LogGroup"));
        ScalerPermissions.assertNothingUnused(
                stack.rolePolicy(role), deployCalls, stack.deployment().getAtt(logGroup, "Arn"));
        assertEquals(1, deployTime.firstDeployParallelism(), "a first deploy runs at the initial capacity");
    }

    @Test
    void theScalerMadeEveryKindOfCall() {
        assertEquals(
                List.of(
                        "application-autoscaling:DescribeScalableTargets",
                        "cloudwatch:DescribeAlarms",
                        "cloudwatch:GetMetricData",
                        "cloudwatch:PutMetricAlarm",
                        "kinesisanalytics:DeleteApplicationSnapshot",
                        "kinesisanalytics:DescribeApplication",
                        "kinesisanalytics:ListApplicationSnapshots",
                        "kinesisanalytics:UpdateApplication",
                        "ssm:GetParameter",
                        "ssm:PutParameter"),
                calls.stream().map(RecordedCall::iamAction).distinct().sorted().toList());
    }

    @Test
    void theExampleLearnsAndItsReconcileReadTheSeriesTheTemplateNames() {
        List<RecordedCall> reads = calls.stream()
                .filter(c -> c.iamAction().equals("cloudwatch:GetMetricData"))
                .toList();
        assertFalse(reads.isEmpty(), "a scheduled reconcile reads the learning's metrics");
        assertTrue(reads.stream().allMatch(RecordedCall::succeeded), reads.toString());
        assertTrue(run.environment().containsKey("LEARNED_RATE_PARAMETER_NAME"));
        assertTrue(run.aws().cloudWatch().metricCount() >= 4, "the seeded series are stored");
    }

    @Test
    void theReconcileChecksTheLagAlarmWithTheScalingAlarmsInOneAllowedCall() {
        String lagAlarm = run.environment().get("LAG_ALARM_NAME");
        assertTrue(
                lagAlarm != null
                        && stack.scalingAlarmIds().stream()
                                .anyMatch(id -> stack.properties(id)
                                        .path("AlarmName")
                                        .asText()
                                        .equals(lagAlarm)),
                "the scaler is told the template's lag alarm");
        List<RecordedCall> checks = calls.stream()
                .filter(c -> c.iamAction().equals("cloudwatch:DescribeAlarms")
                        && c.resourceArns().contains(run.aws().cloudWatch().arn(lagAlarm)))
                .toList();
        assertFalse(checks.isEmpty(), "a scheduled reconcile reads the lag alarm");
        assertTrue(checks.stream().allMatch(c -> c.resourceArns().size() == 3 && c.succeeded()), checks.toString());
        assertTrue(stack.rolePolicy(roleId)
                .allows("cloudwatch:DescribeAlarms", run.aws().cloudWatch().arn(lagAlarm)));
        assertFalse(stack.rolePolicy(roleId)
                .allows("cloudwatch:DescribeAlarms", run.aws().cloudWatch().arn("other")));
        assertFalse(
                stack.rolePolicy(roleId)
                        .allows(
                                "cloudwatch:PutMetricAlarm",
                                run.aws().cloudWatch().arn(lagAlarm)),
                "the lag alarm's threshold is the template's: the scaler only reads it");
    }

    @Test
    void everyCallTheScalerMadeIsAllowedByItsRole() {
        ScalerPermissions.assertEveryCallIsAllowed(stack.rolePolicy(roleId), calls);
    }

    @Test
    void theRoleAllowsNothingTheScalerNeverDoes() {
        assertEquals(List.of(), stack.managedPolicies(roleId));
        String logGroupArn = stack.deployment().getAtt(scalerLogGroupId(), "Arn");
        ScalerPermissions.assertNothingUnused(stack.rolePolicy(roleId), calls, logGroupArn);
    }

    private static String scalerLogGroupId() {
        JsonNode loggingConfig = stack.template()
                .path("Resources")
                .get(functionId)
                .path("Properties")
                .path("LoggingConfig")
                .path("LogGroup");
        return SynthesizedStack.referencedLogicalId(loggingConfig);
    }

    @Test
    void theRoleRefusesTheSameActionsOnOtherResources() {
        IamPolicy policy = stack.rolePolicy(roleId);
        String other = "arn:aws:kinesisanalytics:" + FakeDeployment.REGION + ":" + FakeDeployment.ACCOUNT
                + ":application/someone-else";
        assertFalse(policy.allows("kinesisanalytics:UpdateApplication", other));
        assertFalse(policy.allows(
                "ssm:PutParameter",
                "arn:aws:ssm:" + FakeDeployment.REGION + ":" + FakeDeployment.ACCOUNT + ":parameter/other"));
        assertFalse(policy.allows(
                "cloudwatch:PutMetricAlarm",
                "arn:aws:cloudwatch:" + FakeDeployment.REGION + ":" + FakeDeployment.ACCOUNT + ":alarm:other"));
        assertFalse(policy.allows(
                "kinesisanalytics:DeleteApplication",
                run.aws()
                        .flink()
                        .application(run.environment().get("APPLICATION_NAME"))
                        .orElseThrow()
                        .arn()));
    }

    @Test
    void theScalerReadsTheRangeOfItsOwnScalableTarget() {
        String targetId = stack.onlyLogicalId("AWS::ApplicationAutoScaling::ScalableTarget", "");
        assertEquals(
                stack.properties(targetId).path("ResourceId").asText(),
                run.environment().get("SCALABLE_TARGET_RESOURCE_ID"));
    }

    /**
     * RegisterScalableTarget checks that its caller, the stack's CloudFormation execution role, may invoke GET and
     * PATCH: no statement of the API's resource policy may deny it, nor the service-linked role that calls later.
     */
    @Test
    void noResourcePolicyStatementDeniesTheRegisteringPrincipalOrTheServiceLinkedRole() throws Exception {
        String apiId = stack.onlyLogicalId("AWS::ApiGateway::RestApi", "");
        JsonNode policy = stack.properties(apiId).get("Policy");
        String apiArn = "arn:aws:execute-api:" + FakeDeployment.REGION + ":" + FakeDeployment.ACCOUNT + ":"
                + stack.deployment().ref(apiId);
        // API Gateway reads "execute-api:/..." in its resource policy as this API's own ARN.
        IamPolicy resourcePolicy = policy == null
                ? IamPolicy.of(List.of())
                : IamPolicy.of(List.of(SynthesizedStack.JSON.readTree(
                        policy.toString().replace("\"execute-api:/", "\"" + apiArn + "/"))));
        String method = apiArn + "/scaling/PATCH/scalableTargetDimensions/" + ExampleStack.APPLICATION_NAME;
        String deployRole = "arn:aws:iam::" + FakeDeployment.ACCOUNT + ":role/cdk-hnb659fds-cfn-exec-role-"
                + FakeDeployment.ACCOUNT + "-" + FakeDeployment.REGION;
        String serviceLinkedRole = "arn:aws:iam::" + FakeDeployment.ACCOUNT + ":role/aws-service-role/"
                + "custom-resource.application-autoscaling.amazonaws.com/"
                + "AWSServiceRoleForApplicationAutoScaling_CustomResource";
        String pipelineRole = "arn:aws:iam::" + FakeDeployment.ACCOUNT + ":role/pipeline-deployer";

        for (String principal : List.of(deployRole, serviceLinkedRole, pipelineRole)) {
            for (String verb : List.of("/GET/", "/PATCH/")) {
                assertFalse(
                        resourcePolicy.denies(
                                invoke(principal, FakeDeployment.ACCOUNT, method.replace("/PATCH/", verb))),
                        principal + " is denied " + verb);
            }
        }
    }

    private static IamPolicy.Request invoke(String principal, String account, String method) {
        return new IamPolicy.Request(
                principal,
                account,
                "execute-api:Invoke",
                method,
                Map.of("aws:PrincipalArn", principal, "aws:PrincipalAccount", account));
    }

    @Test
    void theApplicationRoleReadsTheStreamAndItsCodeAndNothingMore() {
        String applicationId = stack.onlyLogicalId("AWS::KinesisAnalyticsV2::Application", "");
        JsonNode application = stack.properties(applicationId);
        String applicationRoleId = SynthesizedStack.referencedLogicalId(stack.template()
                .path("Resources")
                .get(applicationId)
                .path("Properties")
                .path("ServiceExecutionRole"));
        IamPolicy policy = stack.rolePolicy(applicationRoleId);
        String streamId = stack.onlyLogicalId("AWS::Kinesis::Stream", "");
        String streamArn = stack.deployment().getAtt(streamId, "Arn");
        JsonNode s3 = application.at(
                "/ApplicationConfiguration/ApplicationCodeConfiguration/CodeContent" + "/S3ContentLocation");
        String codeObject =
                s3.get("BucketARN").asText() + "/" + s3.get("FileKey").asText();

        for (String read : List.of(
                "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStream", "kinesis:ListShards")) {
            assertTrue(policy.allows(read, streamArn), read + " on the source stream");
        }
        assertTrue(policy.allows("s3:GetObject", codeObject));
        for (String write : List.of("kinesis:PutRecord", "kinesis:PutRecords", "kinesis:DeleteStream")) {
            assertFalse(policy.allows(write, streamArn), write);
        }
        assertFalse(policy.allows("kinesis:GetRecords", streamArn.replace("stream/", "stream/other-")));
        assertFalse(policy.allows("s3:GetObject", s3.get("BucketARN").asText() + "/another-object.jar"));
        assertFalse(policy.allows("s3:PutObject", codeObject));
        for (IamPolicy.Statement statement : policy.statements()) {
            for (String action : statement.actions()) {
                assertTrue(
                        action.startsWith("kinesis:")
                                || action.startsWith("s3:Get")
                                || action.startsWith("logs:")
                                || action.startsWith("kms:Decrypt"),
                        "the application role grants " + action);
            }
        }
        assertEquals(List.of(), stack.managedPolicies(applicationRoleId));
    }
}
