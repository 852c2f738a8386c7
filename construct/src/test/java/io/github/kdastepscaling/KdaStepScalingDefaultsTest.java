package io.github.kdastepscaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kdastepscaling.contract.DeployTimeResources;
import io.github.kdastepscaling.contract.ScalerEnvironment;
import io.github.kdastepscaling.policy.ScalingDefaults;
import io.github.kdastepscaling.policy.ScalingStep;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.CfnAlarm;
import software.amazon.awscdk.services.cloudwatch.MathExpressionOptions;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.constructs.IConstruct;

/** A construct with default props and a new application: what each default produces. */
class KdaStepScalingDefaultsTest {

    private static Template template;
    private static KdaStepScaling scaling;
    private static Stack stack;

    @BeforeAll
    static void synthesize() {
        stack = TestStacks.stack("Defaults");
        scaling = TestStacks.construct(stack, props -> {});
        template = Template.fromStack(stack);
    }

    @Test
    void createsOneOfEachResource() {
        template.resourceCountIs("AWS::Kinesis::Stream", 1);
        template.resourceCountIs("AWS::KinesisAnalyticsV2::Application", 1);
        template.resourceCountIs("AWS::KinesisAnalyticsV2::ApplicationCloudWatchLoggingOption", 1);
        // The scaler, the deploy-time capacity handler and the provider framework's function.
        template.resourceCountIs("AWS::Lambda::Function", 3);
        template.resourceCountIs("Custom::KdaStepScalingDeployTimeCapacity", 1);
        template.resourceCountIs("Custom::KdaStepScalingStartOnCreate", 0);
        template.resourceCountIs("AWS::Lambda::Alias", 1);
        template.resourceCountIs("AWS::ApiGateway::RestApi", 1);
        template.resourceCountIs("AWS::ApiGateway::Method", 2);
        // Desired capacity, last rescale, rescale history and the learned rate.
        template.resourceCountIs("AWS::SSM::Parameter", 4);
        template.resourceCountIs("AWS::ApplicationAutoScaling::ScalableTarget", 1);
        // Scale out, scale in and the lag guard.
        template.resourceCountIs("AWS::ApplicationAutoScaling::ScalingPolicy", 3);
        // Their alarms, and the ten the health alarm combines.
        template.resourceCountIs("AWS::CloudWatch::Alarm", 16);
        template.resourceCountIs("AWS::CloudWatch::CompositeAlarm", 1);
        template.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
        template.resourceCountIs("AWS::Logs::QueryDefinition", 1);
        template.resourceCountIs("AWS::Events::Rule", 1);
        template.resourceCountIs("AWS::Logs::LogGroup", 5);
        template.resourceCountIs("AWS::ApiGateway::Account", 0);
    }

    @Test
    void exposesWhatItCreated() {
        assertNotNull(scaling.getStream());
        assertNotNull(scaling.getApplication());
        assertNotNull(scaling.getApplicationRole());
        assertNotNull(scaling.getApplicationLogGroup());
        assertNotNull(scaling.getScalerFunction());
        assertNotNull(scaling.getScalerRole());
        assertNotNull(scaling.getScalerLogGroup());
        assertNotNull(scaling.getApiAccessLogGroup());
        assertNotNull(scaling.getDesiredCapacityParameter());
        assertNotNull(scaling.getReconcileRule());
        assertEquals("live", scaling.getScalerAlias().getAliasName());
        assertEquals(scaling.getApplication().getRef(), scaling.getApplicationName());
        assertEquals(
                "Scaling/ScaleOut/Alarm",
                scaling.getScaleOutAlarm().getNode().getPath().substring("Defaults/".length()));
        assertEquals(
                "Scaling/ScaleIn/Policy",
                scaling.getScaleInPolicy().getNode().getPath().substring("Defaults/".length()));
        assertEquals(
                "Scaling/Application/Resource",
                scaling.getApplication().getNode().getPath().substring("Defaults/".length()));
    }

    @Test
    void newStreamIsEncryptedWithTheManagedKey() {
        template.hasResourceProperties(
                "AWS::Kinesis::Stream",
                Map.of("StreamEncryption", Map.of("EncryptionType", "KMS", "KeyId", "alias/aws/kinesis")));
    }

    @Test
    void applicationTurnsServiceAutoscalingOffAndTakesItsParallelismFromTheDeployTimeRead() {
        template.hasResourceProperties(
                "AWS::KinesisAnalyticsV2::Application",
                Match.objectLike(Map.of(
                        "RuntimeEnvironment",
                        "FLINK-1_20",
                        "ApplicationConfiguration",
                        Match.objectLike(Map.of(
                                "ApplicationSnapshotConfiguration", Map.of("SnapshotsEnabled", true),
                                "ApplicationCodeConfiguration",
                                        Map.of(
                                                "CodeContentType",
                                                "ZIPFILE",
                                                "CodeContent",
                                                Map.of(
                                                        "S3ContentLocation",
                                                        Match.objectLike(Map.of("FileKey", "jobs/job.jar")))),
                                "FlinkApplicationConfiguration",
                                        Match.objectLike(Map.of(
                                                "CheckpointConfiguration", Map.of("ConfigurationType", "DEFAULT"),
                                                "ParallelismConfiguration",
                                                        Map.of(
                                                                "ConfigurationType",
                                                                "CUSTOM",
                                                                "Parallelism",
                                                                Map.of(
                                                                        "Fn::GetAtt",
                                                                        List.of(
                                                                                Match.stringLikeRegexp(
                                                                                        "ScalingDeployTimeCapacity.*"),
                                                                                "Parallelism")),
                                                                "ParallelismPerKPU",
                                                                1,
                                                                "AutoScalingEnabled",
                                                                false))))))));
    }

    @Test
    void theHealthAlarmCombinesErrorsFailedAnswersThresholdFailuresAndSilenceWithoutAnAction() {
        Capture rule = new Capture();
        template.hasResourceProperties("AWS::CloudWatch::CompositeAlarm", Match.objectLike(Map.of("AlarmRule", rule)));
        assertTrue(json(rule.asObject()).contains(" OR "), json(rule.asObject()));
        assertFalse(
                json(template.findResources("AWS::CloudWatch::CompositeAlarm")).contains("AlarmActions"));
        List<String> alarms = template.findResources("AWS::CloudWatch::Alarm").values().stream()
                .map(KdaStepScalingDefaultsTest::json)
                .toList();
        for (String metric : List.of("Errors", "FailedRescales", "ThresholdFailures")) {
            assertTrue(
                    alarms.stream()
                            .anyMatch(alarm -> alarm.contains("\"MetricName\":\"" + metric + "\"")
                                    && alarm.contains("\"Namespace\":\"KdaStepScaling\"")
                                    && alarm.contains("\"Stat\":\"Sum\"")
                                    && alarm.contains("\"ComparisonOperator\":\"GreaterThanOrEqualToThreshold\"")
                                    && alarm.contains("\"TreatMissingData\":\"notBreaching\"")),
                    metric + " in " + alarms);
        }
        assertTrue(
                alarms.stream()
                        .anyMatch(alarm -> alarm.contains("\"MetricName\":\"ScheduledDecisions\"")
                                && alarm.contains("\"Stat\":\"Sum\"")
                                && alarm.contains("\"EvaluationPeriods\":3")
                                && alarm.contains("\"ComparisonOperator\":\"LessThanThreshold\"")
                                && alarm.contains("\"TreatMissingData\":\"breaching\"")),
                alarms.toString());
    }

    @Test
    void theDecisionsQueryReadsTheScalersLogGroup() {
        template.hasResourceProperties(
                "AWS::Logs::QueryDefinition",
                Match.objectLike(Map.of(
                        "LogGroupNames", List.of(Map.of("Ref", logicalId(scaling.getScalerLogGroup()))),
                        "QueryString", Match.stringLikeRegexp(".*filter event = \"scaling-decision\".*"))));
    }

    @Test
    void theDeployTimeReadGetsTheStoredDesireAndReRunsWhenTheApplicationChanges() {
        template.hasResourceProperties(
                "Custom::KdaStepScalingDeployTimeCapacity",
                Match.objectLike(Map.of(
                        "ParameterName", Map.of("Ref", logicalId(scaling.getDesiredCapacityParameter())),
                        "ParallelismPerKpu", "1",
                        "InitialCapacity", Integer.toString(ScalingDefaults.MIN_CAPACITY),
                        "KpuQuota", Integer.toString(ScalingDefaults.KPU_QUOTA),
                        "ConfigurationHash", Match.stringLikeRegexp("[0-9a-f]{64}"))));
        template.hasResourceProperties(
                "AWS::Lambda::Function",
                Match.objectLike(Map.of(
                        "Handler", "io.github.kdastepscaling.lambda.deploy.DeployTimeCapacityHandler::handleRequest",
                        "Runtime", "java25")));
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
                                        Match.arrayWith(List.of(Map.of(
                                                "Sid",
                                                "ReadDesiredCapacity",
                                                "Effect",
                                                "Allow",
                                                "Action",
                                                "ssm:GetParameter",
                                                "Resource",
                                                Match.anyValue()))))))))));
    }

    @Test
    void applicationLearnsItsStreamThroughThePropertyGroup() {
        template.hasResourceProperties(
                "AWS::KinesisAnalyticsV2::Application",
                Match.objectLike(Map.of(
                        "ApplicationConfiguration",
                        Match.objectLike(Map.of(
                                "EnvironmentProperties",
                                Map.of(
                                        "PropertyGroups",
                                        List.of(Map.of(
                                                "PropertyGroupId",
                                                "kda-step-scaling",
                                                "PropertyMap",
                                                Map.of(
                                                        "streamName",
                                                        Map.of(
                                                                "Ref",
                                                                stack.resolve(scaling.getStream()
                                                                                        .getStreamName())
                                                                                instanceof Map<?, ?> m
                                                                        ? m.get("Ref")
                                                                        : ""),
                                                        "region",
                                                        TestStacks.REGION)))))))));
    }

    @Test
    void applicationLogsToItsOwnLogStream() {
        template.hasResourceProperties(
                "AWS::KinesisAnalyticsV2::ApplicationCloudWatchLoggingOption",
                Map.of(
                        "ApplicationName",
                        Map.of("Ref", logicalId(scaling.getApplication())),
                        "CloudWatchLoggingOption",
                        Map.of("LogStreamARN", Match.objectLike(Map.of()))));
        template.hasResourceProperties("AWS::Logs::LogStream", Map.of("LogStreamName", "flink-application"));
    }

    @Test
    void applicationRoleOnlyReadsTheStreamAndTheCodeAndWritesItsLogStream() {
        Map<String, Map<String, Object>> role = template.findResources(
                "AWS::IAM::Role",
                Match.objectLike(Map.of(
                        "Properties",
                        Match.objectLike(Map.of(
                                "AssumeRolePolicyDocument",
                                Match.objectLike(Map.of(
                                        "Statement",
                                        List.of(Match.objectLike(Map.of(
                                                "Principal",
                                                Map.of("Service", "kinesisanalytics.amazonaws.com")))))))))));
        assertEquals(1, role.size());
        String json = json(role);
        assertTrue(json.contains("\"kinesis:GetRecords\""));
        assertTrue(json.contains(":s3:::my-code-bucket/jobs/job.jar"));
        assertTrue(json.contains(":log-stream:flink-application"));
        assertFalse(json.contains("kinesis:Put"), json);
        assertFalse(json.contains("ManagedPolicyArns"), json);
        template.hasResourceProperties(
                "AWS::IAM::Role",
                Match.objectLike(Map.of(
                        "AssumeRolePolicyDocument",
                                Match.objectLike(Map.of(
                                        "Statement",
                                        List.of(Match.objectLike(Map.of(
                                                "Principal", Map.of("Service", "kinesisanalytics.amazonaws.com")))))),
                        "Policies",
                                List.of(Map.of(
                                        "PolicyName",
                                        "Application",
                                        "PolicyDocument",
                                        Map.of(
                                                "Version",
                                                "2012-10-17",
                                                "Statement",
                                                List.of(
                                                        Map.of(
                                                                "Sid",
                                                                "ReadSourceStream",
                                                                "Effect",
                                                                "Allow",
                                                                "Action",
                                                                FlinkApplicationFactory.STREAM_READ_ACTIONS,
                                                                "Resource",
                                                                Map.of(
                                                                        "Fn::GetAtt",
                                                                        List.of(
                                                                                logicalId(scaling.getStream()),
                                                                                "Arn"))),
                                                        Match.objectLike(
                                                                Map.of("Sid", "ReadCode", "Action", "s3:GetObject")),
                                                        Match.objectLike(Map.of(
                                                                "Sid",
                                                                "DescribeLogGroups",
                                                                "Action",
                                                                "logs:DescribeLogGroups")),
                                                        Match.objectLike(Map.of(
                                                                "Sid",
                                                                "DescribeOwnLogStreams",
                                                                "Action",
                                                                "logs:DescribeLogStreams")),
                                                        Match.objectLike(Map.of(
                                                                "Sid",
                                                                "WriteOwnLogStream",
                                                                "Action",
                                                                "logs:PutLogEvents")))))))));
    }

    @Test
    void noIamStatementHasAWildcardResourceOrActionButWhereAwsAllowsNoArn() {
        String json = json(template.toJSON());
        assertFalse(
                json.replace(DESCRIBE_SCALABLE_TARGETS, "")
                        .replace(DEPLOY_TIME_DESCRIBE_SCALABLE_TARGETS, "")
                        .replace(GET_METRIC_DATA, "")
                        .contains("\"Resource\":\"*\""),
                "a statement other than the ones for DescribeScalableTargets and GetMetricData has Resource *");
        assertFalse(json.contains("\"Action\":\"*\""), "a statement has Action *");
        // The one service-wide action is a Deny: the dead-letter queue refuses every request not made over TLS.
        assertFalse(
                json.replace(
                                "\"Action\":\"sqs:*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}},"
                                        + "\"Effect\":\"Deny\"",
                                "")
                        .matches("(?s).*\"Action\":\"[a-z0-9-]+:\\*\".*"),
                "a statement has a service-wide action");
        assertFalse(json.contains("ManagedPolicyArns"), "a role has a managed policy");
    }

    /** The only statement with Resource *: the action supports no resource-level permissions. */
    private static final String DESCRIBE_SCALABLE_TARGETS = "{\"Action\":\"application-autoscaling:"
            + "DescribeScalableTargets\",\"Effect\":\"Allow\",\"Resource\":\"*\",\"Sid\":\"ReadScalableTargetRange\"}";

    /** The rate learning's one read per reconcile: GetMetricData takes no resource ARN either. */
    private static final String GET_METRIC_DATA = "{\"Action\":\"cloudwatch:GetMetricData\",\"Effect\":\"Allow\","
            + "\"Resource\":\"*\",\"Sid\":\"ReadLearningMetrics\"}";

    /** The same read by the deploy-time function, for the scale-in threshold at the target's current minimum. */
    private static final String DEPLOY_TIME_DESCRIBE_SCALABLE_TARGETS = "{\"Action\":\"application-autoscaling:"
            + "DescribeScalableTargets\",\"Effect\":\"Allow\",\"Resource\":\"*\",\"Sid\":\"ReadScalableTargetMinimum\"}";

    @Test
    void scalerRoleHasExactlyTheScalersPermissions() {
        Capture statements = new Capture();
        template.hasResourceProperties(
                "AWS::IAM::Role",
                Match.objectLike(Map.of(
                        "AssumeRolePolicyDocument",
                                Match.objectLike(Map.of(
                                        "Statement",
                                        List.of(Match.objectLike(
                                                Map.of("Principal", Map.of("Service", "lambda.amazonaws.com")))))),
                        "Policies",
                                List.of(Map.of(
                                        "PolicyName",
                                        "Scaler",
                                        "PolicyDocument",
                                        Map.of("Version", "2012-10-17", "Statement", statements))))));
        List<Object> list = statements.asArray();
        assertEquals(8, list.size());
        String json = json(list);
        assertTrue(json.contains(GET_METRIC_DATA), json);
        assertTrue(json.contains(logicalId(scaling.getLearnedRateParameter())), json);
        assertTrue(json.contains("\"Sid\":\"PruneOwnSnapshots\""), json);
        assertTrue(
                json.contains("[\"kinesisanalytics:ListApplicationSnapshots\","
                        + "\"kinesisanalytics:DeleteApplicationSnapshot\"]"),
                json);
        assertTrue(json.contains(DESCRIBE_SCALABLE_TARGETS), json);
        assertTrue(json.contains("[\"kinesisanalytics:DescribeApplication\",\"kinesisanalytics:UpdateApplication\"]"));
        assertTrue(json.contains(":kinesisanalytics:eu-west-1:123456789012:application/"));
        assertTrue(json.contains("[\"ssm:GetParameter\",\"ssm:PutParameter\"]"));
        assertTrue(json.contains("[\"cloudwatch:DescribeAlarms\",\"cloudwatch:PutMetricAlarm\"]"));
        assertTrue(json.contains(":alarm:" + alarmName(scaling.getScaleOutAlarm())), json);
        assertTrue(json.contains(":alarm:" + alarmName(scaling.getScaleInAlarm())), json);
        assertTrue(json.contains("\"Sid\":\"CheckLagAlarm\""), json);
        assertTrue(json.contains(":alarm:" + alarmName(scaling.getLagAlarm())), json);
        assertTrue(json.contains("[\"logs:CreateLogStream\",\"logs:PutLogEvents\"]"));
    }

    @Test
    void scalerFunctionIsJava25Arm64WithSnapStartBehindTheLiveAlias() {
        template.hasResourceProperties(
                "AWS::Lambda::Function",
                Match.objectLike(Map.of(
                        "Runtime",
                        "java25",
                        "Architectures",
                        List.of("arm64"),
                        "Handler",
                        "io.github.kdastepscaling.lambda.ScalerHandler::handleRequest",
                        "MemorySize",
                        512,
                        "Timeout",
                        30,
                        "SnapStart",
                        Map.of("ApplyOn", "PublishedVersions"),
                        "LoggingConfig",
                        Map.of("LogGroup", Map.of("Ref", logicalId(scaling.getScalerLogGroup()))))));
        template.hasResourceProperties(
                "AWS::Lambda::Alias",
                Match.objectLike(Map.of(
                        "Name",
                        "live",
                        "FunctionVersion",
                        Map.of("Fn::GetAtt", List.of(Match.stringLikeRegexp(".*CurrentVersion.*"), "Version")))));
        template.hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 30));
    }

    @Test
    void scalerEnvironmentNamesEveryContractVariable() {
        Capture variables = new Capture();
        template.hasResourceProperties(
                "AWS::Lambda::Function",
                Match.objectLike(
                        Map.of("Handler", ScalerFunction.HANDLER, "Environment", Map.of("Variables", variables))));
        Map<String, Object> env = variables.asObject();
        Map<String, String> stream = Map.of("Ref", logicalId(scaling.getStream()));
        assertEquals(
                Map.ofEntries(
                        Map.entry(
                                ScalerEnvironment.APPLICATION_NAME, Map.of("Ref", logicalId(scaling.getApplication()))),
                        Map.entry(
                                ScalerEnvironment.DESIRED_CAPACITY_PARAMETER_NAME,
                                Map.of("Ref", logicalId(scaling.getDesiredCapacityParameter()))),
                        Map.entry(
                                ScalerEnvironment.RESCALE_ATTEMPT_PARAMETER_NAME,
                                Map.of("Ref", logicalId(scaling.getRescaleAttemptParameter()))),
                        Map.entry(ScalerEnvironment.SCALE_OUT_ALARM_NAME, alarmName(scaling.getScaleOutAlarm())),
                        Map.entry(ScalerEnvironment.SCALE_IN_ALARM_NAME, alarmName(scaling.getScaleInAlarm())),
                        Map.entry(ScalerEnvironment.LAG_ALARM_NAME, alarmName(scaling.getLagAlarm())),
                        Map.entry(ScalerEnvironment.SIGNAL_KIND, "INCOMING_RECORDS"),
                        Map.entry(
                                ScalerEnvironment.SCALE_OUT_PER_KPU,
                                ScalerEnvironment.encodeNumber(ScalingDefaults.SCALE_OUT_RECORDS_PER_SECOND_PER_KPU)),
                        Map.entry(
                                ScalerEnvironment.SCALE_IN_PER_KPU,
                                ScalerEnvironment.encodeNumber(ScalingDefaults.SCALE_IN_RECORDS_PER_SECOND_PER_KPU)),
                        Map.entry(ScalerEnvironment.MIN_CAPACITY, Integer.toString(ScalingDefaults.MIN_CAPACITY)),
                        Map.entry(ScalerEnvironment.KPU_QUOTA, Integer.toString(ScalingDefaults.KPU_QUOTA)),
                        Map.entry(
                                ScalerEnvironment.SCALABLE_TARGET_RESOURCE_ID,
                                Map.of(
                                        "Fn::Join",
                                        List.of(
                                                "",
                                                List.of(
                                                        "https://",
                                                        Map.of("Ref", logicalId(scaling.getApi())),
                                                        ".execute-api.",
                                                        Map.of("Ref", "AWS::Region"),
                                                        ".",
                                                        Map.of("Ref", "AWS::URLSuffix"),
                                                        "/scaling/scalableTargetDimensions/",
                                                        Map.of("Ref", logicalId(scaling.getApplication())))))),
                        Map.entry(ScalerEnvironment.ALLOW_SCALING_WITHOUT_SNAPSHOTS, "false"),
                        Map.entry(
                                ScalerEnvironment.RESCALE_HISTORY_PARAMETER_NAME,
                                Map.of("Ref", logicalId(scaling.getRescaleHistoryParameter()))),
                        Map.entry(ScalerEnvironment.SNAPSHOT_RETENTION_KEEP_COUNT, "10"),
                        Map.entry(
                                ScalerEnvironment.LEARNED_RATE_PARAMETER_NAME,
                                Map.of("Ref", logicalId(scaling.getLearnedRateParameter()))),
                        Map.entry(ScalerEnvironment.LEARNING_WINDOW_MINUTES, "30"),
                        Map.entry(ScalerEnvironment.LAG_GUARD_MAX_LAG_SECONDS, "300"),
                        Map.entry(ScalerEnvironment.LAG_GUARD_DRAIN_MINUTES, "3"),
                        Map.entry(ScalerEnvironment.EXPECTED_RESTART_SECONDS, "120"),
                        Map.entry(
                                ScalerEnvironment.LEARNING_METRICS,
                                Map.of(
                                        "Fn::Join",
                                        List.of(
                                                "",
                                                List.of(
                                                        "consumed|AWS/Kinesis|GetRecords.Records|Sum|StreamName=",
                                                        stream,
                                                        ";lag|AWS/Kinesis|GetRecords.IteratorAgeMilliseconds|Maximum|StreamName=",
                                                        stream,
                                                        ";incoming|AWS/Kinesis|IncomingRecords|Sum|StreamName=",
                                                        stream,
                                                        ";throttled|AWS/Kinesis|ReadProvisionedThroughputExceeded|Sum|StreamName=",
                                                        stream,
                                                        ";busy|AWS/KinesisAnalytics|busyTimeMsPerSecond|Maximum|Application=",
                                                        Map.of("Ref", logicalId(scaling.getApplication()))))))),
                env);
        assertTrue(alarmName(scaling.getScaleOutAlarm()).startsWith("Defaults-Scaling-ScaleOut-"));
    }

    @Test
    void aRescaleThatCannotTakeRollsBackRatherThanStoppingTheApplication() {
        template.hasResourceProperties(
                "AWS::KinesisAnalyticsV2::Application",
                Match.objectLike(Map.of(
                        "ApplicationConfiguration",
                        Match.objectLike(
                                Map.of("ApplicationSystemRollbackConfiguration", Map.of("RollbackEnabled", true))))));
    }

    @Test
    void bothParametersStartWithNoDesireAndNoAttempt() {
        template.allResourcesProperties(
                "AWS::SSM::Parameter",
                Match.objectLike(Map.of("Type", "String", "Value", ScalerEnvironment.NO_DESIRED_CAPACITY)));
    }

    @Test
    void apiMethodsUseIamAndALambdaProxyToTheAlias() {
        for (String method : List.of("GET", "PATCH")) {
            template.hasResourceProperties(
                    "AWS::ApiGateway::Method",
                    Match.objectLike(Map.of(
                            "HttpMethod",
                            method,
                            "AuthorizationType",
                            "AWS_IAM",
                            "RequestParameters",
                            Map.of("method.request.path.scalableTargetDimensionId", true),
                            "Integration",
                            Match.objectLike(Map.of(
                                    "Type",
                                    "AWS_PROXY",
                                    "Uri",
                                    Match.objectLike(Map.of(
                                            "Fn::Join",
                                            List.of(
                                                    "",
                                                    Match.arrayWith(List.of(Map.of(
                                                            "Ref", logicalId(scaling.getScalerAlias()))))))))))));
        }
        template.hasResourceProperties(
                "AWS::ApiGateway::Resource",
                Map.of(
                        "PathPart",
                        "{scalableTargetDimensionId}",
                        "ParentId",
                        Match.anyValue(),
                        "RestApiId",
                        Match.anyValue()));
        template.hasResourceProperties(
                "AWS::ApiGateway::Method",
                Match.objectLike(
                        Map.of("HttpMethod", "PATCH", "RequestModels", Map.of("application/json", Match.anyValue()))));
        template.hasResourceProperties(
                "AWS::ApiGateway::RequestValidator",
                Map.of("RestApiId", Match.anyValue(), "ValidateRequestBody", true, "ValidateRequestParameters", true));
    }

    @Test
    void apiIsRegionalLogsAccessAndServesTheScalingStage() {
        template.hasResourceProperties(
                "AWS::ApiGateway::RestApi",
                Match.objectLike(Map.of("EndpointConfiguration", Map.of("Types", List.of("REGIONAL")))));
        template.hasResourceProperties(
                "AWS::ApiGateway::Stage",
                Match.objectLike(Map.of(
                        "StageName",
                        "scaling",
                        "AccessLogSetting",
                        Match.objectLike(Map.of(
                                "DestinationArn",
                                Map.of("Fn::GetAtt", List.of(logicalId(scaling.getApiAccessLogGroup()), "Arn")))))));
    }

    @Test
    void theApiHasNoResourcePolicySoTheRegisteringPrincipalIsNeverDenied() {
        template.hasResourceProperties("AWS::ApiGateway::RestApi", Match.objectLike(Map.of("Policy", Match.absent())));
    }

    @Test
    void scalableTargetIsTheEndpointUrlOfTheApplication() {
        template.hasResourceProperties(
                "AWS::ApplicationAutoScaling::ScalableTarget",
                Map.of(
                        "ServiceNamespace",
                        "custom-resource",
                        "ScalableDimension",
                        "custom-resource:ResourceType:Property",
                        "MinCapacity",
                        ScalingDefaults.MIN_CAPACITY,
                        "MaxCapacity",
                        ScalingDefaults.MAX_CAPACITY,
                        "ResourceId",
                        Map.of(
                                "Fn::Join",
                                List.of(
                                        "",
                                        List.of(
                                                "https://",
                                                Map.of("Ref", logicalId(scaling.getApi())),
                                                ".execute-api.",
                                                Map.of("Ref", "AWS::Region"),
                                                ".",
                                                Map.of("Ref", "AWS::URLSuffix"),
                                                "/",
                                                Map.of(
                                                        "Ref",
                                                        logicalId(
                                                                scaling.getApi().getDeploymentStage())),
                                                "/scalableTargetDimensions/",
                                                Map.of("Ref", logicalId(scaling.getApplication())))))));
        Map<String, Map<String, Object>> targets =
                template.findResources("AWS::ApplicationAutoScaling::ScalableTarget");
        String json = json(targets);
        assertFalse(json.contains("RoleARN"), "the service-linked role is used");
        assertFalse(json.contains("ScheduledActions"), "no scheduled capacity unless asked for");
        assertTrue(json.contains(logicalId(scaling.getApi().getDeploymentStage())), "depends on the stage");
        assertTrue(json.contains(logicalId(scaling.getScalerAlias())), "depends on the alias");
    }

    @Test
    void stepAdjustmentsAreInRecordsPerSecond() {
        template.hasResourceProperties(
                "AWS::ApplicationAutoScaling::ScalingPolicy",
                Map.of(
                        "PolicyName", alarmName(scaling.getScaleOutAlarm()),
                        "PolicyType", "StepScaling",
                        "ScalingTargetId", Map.of("Ref", logicalId(scaling.getScalableTarget())),
                        "StepScalingPolicyConfiguration",
                                Map.of(
                                        "AdjustmentType",
                                        "ChangeInCapacity",
                                        "MetricAggregationType",
                                        "Average",
                                        "Cooldown",
                                        ScalingDefaults.SCALE_OUT_COOLDOWN_SECONDS,
                                        "StepAdjustments",
                                        expectedSteps(
                                                ScalingDefaults.SCALE_OUT_STEPS,
                                                ScalingDefaults.SCALE_OUT_RECORDS_PER_SECOND_PER_KPU))));
        template.hasResourceProperties(
                "AWS::ApplicationAutoScaling::ScalingPolicy",
                Match.objectLike(Map.of(
                        "StepScalingPolicyConfiguration",
                        Map.of(
                                "AdjustmentType",
                                "ChangeInCapacity",
                                "MetricAggregationType",
                                "Average",
                                "Cooldown",
                                ScalingDefaults.SCALE_IN_COOLDOWN_SECONDS,
                                "StepAdjustments",
                                expectedSteps(
                                        ScalingDefaults.SCALE_IN_STEPS,
                                        ScalingDefaults.SCALE_IN_RECORDS_PER_SECOND_PER_KPU)))));
    }

    @Test
    void scaleOutAlarmFiresAtTheInitialCapacityThresholdAndIgnoresMissingData() {
        template.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Match.objectLike(Map.of(
                        "AlarmName", alarmName(scaling.getScaleOutAlarm()),
                        "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                        "EvaluationPeriods", ScalingDefaults.SCALE_OUT_EVALUATION.evaluationPeriods(),
                        "DatapointsToAlarm", ScalingDefaults.SCALE_OUT_EVALUATION.datapointsToAlarm(),
                        "TreatMissingData", "notBreaching",
                        "AlarmActions", List.of(Map.of("Ref", logicalId(scaling.getScaleOutPolicy()))),
                        "Metrics", incomingRecordsPerSecond())));
        assertEquals(
                ScalingDefaults.MIN_CAPACITY * ScalingDefaults.SCALE_OUT_RECORDS_PER_SECOND_PER_KPU,
                FirstDeploy.thresholdOf(template, alarmName(scaling.getScaleOutAlarm())));
    }

    @Test
    void scaleInAlarmCannotFireAtMinCapacityAndTreatsSilenceAsLowLoad() {
        template.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Match.objectLike(Map.of(
                        "AlarmName", alarmName(scaling.getScaleInAlarm()),
                        "ComparisonOperator", "LessThanThreshold",
                        "EvaluationPeriods", ScalingDefaults.SCALE_IN_EVALUATION.evaluationPeriods(),
                        "DatapointsToAlarm", ScalingDefaults.SCALE_IN_EVALUATION.datapointsToAlarm(),
                        "TreatMissingData", "breaching",
                        "AlarmActions", List.of(Map.of("Ref", logicalId(scaling.getScaleInPolicy()))),
                        "Metrics", incomingRecordsPerSecondUnlessBehind())));
        assertEquals(0, FirstDeploy.thresholdOf(template, alarmName(scaling.getScaleInAlarm())));
    }

    @Test
    void reconcileRuleInvokesTheAliasEveryMinute() {
        template.hasResourceProperties(
                "AWS::Events::Rule",
                Match.objectLike(Map.of(
                        "ScheduleExpression",
                        "rate(1 minute)",
                        "Targets",
                        List.of(Match.objectLike(Map.of("Arn", Map.of("Ref", logicalId(scaling.getScalerAlias()))))))));
        template.hasResourceProperties(
                "AWS::Lambda::Permission",
                Match.objectLike(Map.of(
                        "Principal",
                        "events.amazonaws.com",
                        "FunctionName",
                        Map.of("Ref", logicalId(scaling.getScalerAlias())))));
    }

    @Test
    void metricHelperIsTheSignalTheAlarmsWatch() {
        var metric = scaling.metricIncomingRecordsPerSecond();
        assertEquals("FILL(incoming, 0) / 60", metric.getExpression());
        assertEquals(60, metric.getPeriod().toSeconds().intValue());
        var incoming = (Metric) metric.getUsingMetrics().get("incoming");
        assertEquals("AWS/Kinesis", incoming.getNamespace());
        assertEquals("IncomingRecords", incoming.getMetricName());
        assertEquals("Sum", incoming.getStatistic());
        assertEquals(List.of("StreamName"), List.copyOf(incoming.getDimensions().keySet()));
        assertEquals(
                300,
                scaling.metricIncomingRecordsPerSecond(MathExpressionOptions.builder()
                                .period(Duration.minutes(5))
                                .build())
                        .getPeriod()
                        .toSeconds()
                        .intValue());
    }

    /** The scale-in alarm's metrics with the lag guard on: records per second, unless the iterator age is 5 min. */
    static Object incomingRecordsPerSecondUnlessBehind() {
        return Match.arrayWith(List.of(
                scaledLoad(),
                Match.objectLike(Map.of(
                        "Id",
                        "load",
                        "Expression",
                        "IF(FILL(lag, 0) >= 300000, 1000000000000000, signal)",
                        "ReturnData",
                        false)),
                Match.objectLike(Map.of(
                        "Id",
                        "lag",
                        "ReturnData",
                        false,
                        "MetricStat",
                        Map.of(
                                "Period",
                                60,
                                "Stat",
                                "Maximum",
                                "Metric",
                                Map.of(
                                        "Namespace",
                                        "AWS/Kinesis",
                                        "MetricName",
                                        "GetRecords.IteratorAgeMilliseconds",
                                        "Dimensions",
                                        List.of(Map.of("Name", "StreamName", "Value", Match.anyValue())))))),
                Match.objectLike(Map.of("Id", "signal", "Expression", "FILL(incoming, 0) / 60", "ReturnData", false)),
                Map.of(
                        "Id",
                        "incoming",
                        "ReturnData",
                        false,
                        "MetricStat",
                        Map.of(
                                "Period",
                                60,
                                "Stat",
                                "Sum",
                                "Metric",
                                Map.of(
                                        "Namespace",
                                        "AWS/Kinesis",
                                        "MetricName",
                                        "IncomingRecords",
                                        "Dimensions",
                                        List.of(Map.of("Name", "StreamName", "Value", Match.anyValue())))))));
    }

    /**
     * The query a load alarm compares when the scaler learns (the default): the load at the configured scale, {@code
     * load * 1000 / learned}, the learned rate as the deploy-time resource answers it.
     */
    static Object scaledLoad() {
        return Match.objectLike(Map.of(
                "Expression",
                Map.of(
                        "Fn::Join",
                        List.of(
                                "",
                                List.of(
                                        "load * 1000 / ",
                                        Map.of(
                                                "Fn::GetAtt",
                                                List.of(
                                                        Match.stringLikeRegexp("ScalingDeployTimeCapacityThresholds.*"),
                                                        DeployTimeResources.LEARNED_RATE_ATTRIBUTE))))),
                "ReturnData",
                true));
    }

    static Object incomingRecordsPerSecond() {
        return List.of(
                scaledLoad(),
                Match.objectLike(Map.of("Id", "load", "Expression", "FILL(incoming, 0) / 60", "ReturnData", false)),
                Map.of(
                        "Id",
                        "incoming",
                        "ReturnData",
                        false,
                        "MetricStat",
                        Map.of(
                                "Period",
                                60,
                                "Stat",
                                "Sum",
                                "Metric",
                                Map.of(
                                        "Namespace",
                                        "AWS/Kinesis",
                                        "MetricName",
                                        "IncomingRecords",
                                        "Dimensions",
                                        List.of(Map.of("Name", "StreamName", "Value", Match.anyValue()))))));
    }

    static String logicalId(IConstruct construct) {
        IConstruct resource = construct instanceof CfnElement
                ? construct
                : construct.getNode().getDefaultChild();
        return Stack.of(construct).getLogicalId((CfnElement) resource);
    }

    static String alarmName(Alarm alarm) {
        return ((CfnAlarm) alarm.getNode().getDefaultChild()).getAlarmName();
    }

    static String json(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The step adjustments a list of steps should become: bounds in KPUs of load times records/s per KPU. */
    static List<Object> expectedSteps(List<ScalingStep> steps, double perKpu) {
        return steps.stream()
                .sorted(Comparator.comparingDouble(
                        s -> s.lowerBoundKpus() == null ? Double.NEGATIVE_INFINITY : s.lowerBoundKpus()))
                .map(step -> {
                    Map<String, Object> expected = new LinkedHashMap<>();
                    if (step.lowerBoundKpus() != null) {
                        expected.put("MetricIntervalLowerBound", step.lowerBoundKpus() * perKpu);
                    }
                    if (step.upperBoundKpus() != null) {
                        expected.put("MetricIntervalUpperBound", step.upperBoundKpus() * perKpu);
                    }
                    expected.put("ScalingAdjustment", step.adjustmentKpus());
                    return (Object) expected;
                })
                .collect(Collectors.toList());
    }
}
