package io.github.kdastepscaling;

import static io.github.kdastepscaling.KdaStepScalingDefaultsTest.alarmName;
import static io.github.kdastepscaling.KdaStepScalingDefaultsTest.json;
import static io.github.kdastepscaling.KdaStepScalingDefaultsTest.logicalId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kdastepscaling.contract.ScalerEnvironment;
import io.github.kdastepscaling.policy.ScalingStep;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.TimeZone;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.applicationautoscaling.CronOptions;
import software.amazon.awscdk.services.applicationautoscaling.Schedule;
import software.amazon.awscdk.services.kinesis.StreamEncryption;
import software.amazon.awscdk.services.kinesis.StreamProps;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.RetentionDays;

/** Every prop set to a non-default value, synthesized once: the effect of each prop. */
class KdaStepScalingPropsTest {

    private static Template template;
    private static KdaStepScaling scaling;
    private static Key key;

    private static final String DEPLOYER = "arn:aws:iam::123456789012:role/deployer";

    @BeforeAll
    static void synthesize() {
        Stack stack = TestStacks.stack("Custom");
        key = new Key(stack, "StreamKey");
        scaling = new KdaStepScaling(
                stack,
                "Scaling",
                KdaStepScalingProps.builder()
                        .streamProps(StreamProps.builder()
                                .streamName("orders")
                                .shardCount(4)
                                .encryption(StreamEncryption.KMS)
                                .encryptionKey(key)
                                .build())
                        .applicationProps(TestStacks.application(stack)
                                .applicationName("orders-job")
                                .runtime(FlinkRuntime.FLINK_1_19)
                                .parallelismPerKpu(4)
                                .snapshotsEnabled(false)
                                .propertyGroups(Map.of("job", Map.of("windowSeconds", "10")))
                                .build())
                        .minCapacity(2)
                        .maxCapacity(20)
                        .kpuQuota(32)
                        .initialCapacity(3)
                        .scaleOutRecordsPerSecondPerKpu(2000.0)
                        .scaleInRecordsPerSecondPerKpu(1000.0)
                        .scaleOutSteps(List.of(ScalingStep.between(0, 2, 2), ScalingStep.from(2, 5)))
                        .scaleInSteps(List.of(ScalingStep.upTo(-1, -2), ScalingStep.between(-1, 0, -1)))
                        .scaleOutCooldown(Duration.minutes(4))
                        .scaleInCooldown(Duration.minutes(15))
                        .expectedRestartDuration(Duration.minutes(3))
                        .scaleOutEvaluationPeriods(3)
                        .scaleOutDatapointsToAlarm(2)
                        .scaleInEvaluationPeriods(15)
                        .scaleInDatapointsToAlarm(12)
                        .allowScalingWithoutSnapshots(true)
                        .reconcileInterval(Duration.minutes(5))
                        .logRetention(RetentionDays.ONE_WEEK)
                        .scalerMemorySize(1024)
                        .stageName("prod")
                        .endpointAccess(EndpointAccess.restrictedTo(List.of(DEPLOYER)))
                        .dashboard(false)
                        .scheduledCapacity(List.of(
                                ScheduledCapacity.builder()
                                        .name("weekday-mornings")
                                        .schedule(Schedule.cron(CronOptions.builder()
                                                .weekDay("MON-FRI")
                                                .hour("7")
                                                .minute("30")
                                                .build()))
                                        .timeZone(TimeZone.EUROPE_BERLIN)
                                        .minCapacity(4)
                                        .maxCapacity(28)
                                        .build(),
                                ScheduledCapacity.builder()
                                        .name("black-friday")
                                        .schedule(Schedule.expression("at(2026-11-27T06:00:00)"))
                                        .startTime(Instant.parse("2026-11-01T00:00:00Z"))
                                        .endTime(Instant.parse("2026-11-30T00:00:00Z"))
                                        .minCapacity(10.0)
                                        .build()))
                        .build());
        template = Template.fromStack(stack);
    }

    @Test
    void streamPropsAreKeptAndAKmsKeyIsUsed() {
        template.hasResourceProperties(
                "AWS::Kinesis::Stream",
                Map.of(
                        "Name",
                        "orders",
                        "ShardCount",
                        4,
                        "RetentionPeriodHours",
                        24,
                        "StreamEncryption",
                        Map.of(
                                "EncryptionType",
                                "KMS",
                                "KeyId",
                                Map.of("Fn::GetAtt", List.of(logicalId(key), "Arn")))));
    }

    @Test
    void applicationRoleMayDecryptTheStreamKey() {
        template.hasResourceProperties(
                "AWS::IAM::Role",
                Match.objectLike(Map.of(
                        "Policies",
                        List.of(Match.objectLike(Map.of(
                                "PolicyDocument",
                                Match.objectLike(Map.of(
                                        "Statement",
                                        Match.arrayWith(List.of(Map.of(
                                                "Sid", "DecryptSourceStream",
                                                "Effect", "Allow",
                                                "Action", "kms:Decrypt",
                                                "Resource",
                                                        Map.of("Fn::GetAtt", List.of(logicalId(key), "Arn")))))))))))));
    }

    @Test
    void applicationPropsShapeTheApplication() {
        template.hasResourceProperties(
                "AWS::KinesisAnalyticsV2::Application",
                Match.objectLike(Map.of(
                        "ApplicationName", "orders-job",
                        "RuntimeEnvironment", "FLINK-1_19",
                        "ApplicationConfiguration",
                                Match.objectLike(Map.of(
                                        "ApplicationSnapshotConfiguration", Map.of("SnapshotsEnabled", false),
                                        "EnvironmentProperties",
                                                Map.of(
                                                        "PropertyGroups",
                                                        List.of(
                                                                Match.objectLike(
                                                                        Map.of("PropertyGroupId", "kda-step-scaling")),
                                                                Map.of(
                                                                        "PropertyGroupId",
                                                                        "job",
                                                                        "PropertyMap",
                                                                        Map.of("windowSeconds", "10")))),
                                        "FlinkApplicationConfiguration",
                                                Match.objectLike(Map.of(
                                                        "ParallelismConfiguration",
                                                        Map.of(
                                                                "ConfigurationType",
                                                                "CUSTOM",
                                                                "Parallelism",
                                                                Match.objectLike(
                                                                        Map.of("Fn::GetAtt", Match.anyValue())),
                                                                "ParallelismPerKPU",
                                                                4,
                                                                "AutoScalingEnabled",
                                                                false))))))));
    }

    @Test
    void noDashboardWhenTurnedOffButTheHealthAlarmStays() {
        template.resourceCountIs("AWS::CloudWatch::Dashboard", 0);
        template.resourceCountIs("AWS::CloudWatch::CompositeAlarm", 1);
        assertEquals(null, scaling.getDashboard());
    }

    @Test
    void theDeployTimeReadKnowsTheInitialCapacityAndTheTasksPerKpu() {
        template.hasResourceProperties(
                "Custom::KdaStepScalingDeployTimeCapacity",
                Match.objectLike(Map.of("ParallelismPerKpu", "4", "InitialCapacity", "3", "KpuQuota", "32")));
    }

    @Test
    void scheduledCapacityBecomesTheTargetsScheduledActions() {
        template.hasResourceProperties(
                "AWS::ApplicationAutoScaling::ScalableTarget",
                Match.objectLike(Map.of(
                        "ScheduledActions",
                        List.of(
                                Map.of(
                                        "ScheduledActionName",
                                        "weekday-mornings",
                                        "Schedule",
                                        "cron(30 7 ? * MON-FRI *)",
                                        "Timezone",
                                        "Europe/Berlin",
                                        "ScalableTargetAction",
                                        Map.of("MinCapacity", 4, "MaxCapacity", 28)),
                                Map.of(
                                        "ScheduledActionName",
                                        "black-friday",
                                        "Schedule",
                                        "at(2026-11-27T06:00:00)",
                                        "StartTime",
                                        "2026-11-01T00:00:00Z",
                                        "EndTime",
                                        "2026-11-30T00:00:00Z",
                                        "ScalableTargetAction",
                                        Map.of("MinCapacity", 10))))));
    }

    @Test
    void restrictedEndpointAccessAdmitsTheServiceLinkedRoleAndTheNamedDeployer() {
        Capture statements = new Capture();
        template.hasResourceProperties(
                "AWS::ApiGateway::RestApi",
                Match.objectLike(Map.of("Policy", Map.of("Version", "2012-10-17", "Statement", statements))));
        String json = json(statements.asArray());
        assertEquals(2, statements.asArray().size());
        assertTrue(json.contains("\"Sid\":\"AllowApplicationAutoScalingAndTheRegisteringPrincipal\""), json);
        assertTrue(json.contains("\"Sid\":\"DenyEveryoneElse\""), json);
        assertTrue(json.contains("\"ArnNotEquals\":{\"aws:PrincipalArn\":[{\"Fn::Join\""), json);
        assertTrue(json.contains("\"" + DEPLOYER + "\"]"), json);
        assertTrue(json.contains("execute-api:/prod/GET/scalableTargetDimensions/*"), json);
    }

    @Test
    void capacityAndRatesReachTheTargetAndTheScaler() {
        template.hasResourceProperties(
                "AWS::ApplicationAutoScaling::ScalableTarget",
                Match.objectLike(Map.of("MinCapacity", 2, "MaxCapacity", 20)));
        Capture variables = new Capture();
        template.hasResourceProperties(
                "AWS::Lambda::Function",
                Match.objectLike(Map.of("MemorySize", 1024, "Environment", Map.of("Variables", variables))));
        Map<String, Object> env = variables.asObject();
        assertEquals(Map.of("Ref", logicalId(scaling.getApplication())), env.get(ScalerEnvironment.APPLICATION_NAME));
        assertEquals("2000", env.get(ScalerEnvironment.SCALE_OUT_PER_KPU));
        assertEquals("1000", env.get(ScalerEnvironment.SCALE_IN_PER_KPU));
        assertEquals("2", env.get(ScalerEnvironment.MIN_CAPACITY));
        assertEquals("32", env.get(ScalerEnvironment.KPU_QUOTA));
        assertTrue(json(env.get(ScalerEnvironment.SCALABLE_TARGET_RESOURCE_ID))
                .contains("/prod/scalableTargetDimensions/"));
        assertEquals("true", env.get(ScalerEnvironment.ALLOW_SCALING_WITHOUT_SNAPSHOTS));
    }

    @Test
    void scalableTargetUsesTheStageNameAndTheApplicationName() {
        Capture parts = new Capture();
        template.hasResourceProperties(
                "AWS::ApplicationAutoScaling::ScalableTarget",
                Match.objectLike(Map.of("ResourceId", Map.of("Fn::Join", List.of("", parts)))));
        String joined = json(parts.asArray());
        assertTrue(
                joined.endsWith(
                        "\"/scalableTargetDimensions/\",{\"Ref\":\"" + logicalId(scaling.getApplication()) + "\"}]"),
                joined);
        template.hasResourceProperties("AWS::ApiGateway::Stage", Match.objectLike(Map.of("StageName", "prod")));
        template.hasResourceProperties(
                "AWS::ApiGateway::RestApi",
                Match.objectLike(Map.of(
                        "Policy",
                        Match.objectLike(Map.of(
                                "Statement",
                                Match.arrayWith(List.of(Match.objectLike(Map.of(
                                        "Resource",
                                        List.of(
                                                "execute-api:/prod/GET/scalableTargetDimensions/*",
                                                "execute-api:/prod/PATCH/scalableTargetDimensions/*"))))))))));
    }

    @Test
    void stepsCooldownsAndRatesShapeThePolicies() {
        template.hasResourceProperties(
                "AWS::ApplicationAutoScaling::ScalingPolicy",
                Match.objectLike(Map.of(
                        "PolicyName", alarmName(scaling.getScaleOutAlarm()),
                        "StepScalingPolicyConfiguration",
                                Match.objectLike(Map.of(
                                        "Cooldown",
                                        240,
                                        "StepAdjustments",
                                        List.of(
                                                Map.of(
                                                        "MetricIntervalLowerBound",
                                                        0,
                                                        "MetricIntervalUpperBound",
                                                        4000,
                                                        "ScalingAdjustment",
                                                        2),
                                                Map.of("MetricIntervalLowerBound", 4000, "ScalingAdjustment", 5)))))));
        template.hasResourceProperties(
                "AWS::ApplicationAutoScaling::ScalingPolicy",
                Match.objectLike(Map.of(
                        "PolicyName", alarmName(scaling.getScaleInAlarm()),
                        "StepScalingPolicyConfiguration",
                                Match.objectLike(Map.of(
                                        "Cooldown",
                                        900,
                                        "StepAdjustments",
                                        List.of(
                                                Map.of("MetricIntervalUpperBound", -1000, "ScalingAdjustment", -2),
                                                Map.of(
                                                        "MetricIntervalLowerBound",
                                                        -1000,
                                                        "MetricIntervalUpperBound",
                                                        0,
                                                        "ScalingAdjustment",
                                                        -1)))))));
    }

    @Test
    void aFirstDeploysAlarmThresholdsAreThoseOfTheInitialCapacity() {
        // scale out at 3 x 2000; scale in below (3 - 1) x 1000
        template.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Match.objectLike(Map.of(
                        "AlarmName",
                        alarmName(scaling.getScaleOutAlarm()),
                        "EvaluationPeriods",
                        3,
                        "DatapointsToAlarm",
                        2)));
        template.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Match.objectLike(Map.of(
                        "AlarmName",
                        alarmName(scaling.getScaleInAlarm()),
                        "EvaluationPeriods",
                        15,
                        "DatapointsToAlarm",
                        12)));
        assertEquals(6000, FirstDeploy.thresholdOf(template, alarmName(scaling.getScaleOutAlarm())));
        assertEquals(2000, FirstDeploy.thresholdOf(template, alarmName(scaling.getScaleInAlarm())));
    }

    @Test
    void reconcileIntervalAndRetentionApply() {
        template.hasResourceProperties(
                "AWS::Events::Rule", Match.objectLike(Map.of("ScheduleExpression", "rate(5 minutes)")));
        template.allResourcesProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 7));
    }
}
