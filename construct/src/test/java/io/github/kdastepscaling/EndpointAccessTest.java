package io.github.kdastepscaling;

import static io.github.kdastepscaling.KdaStepScalingDefaultsTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CliCredentialsStackSynthesizer;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.TimeZone;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.applicationautoscaling.Schedule;

/** The opt-in restricted endpoint with the CDK deploy role, and the warnings scheduled capacity can give. */
class EndpointAccessTest {

    @Test
    void restrictedToTheDeployRoleAdmitsTheBootstrapCloudFormationExecutionRole() {
        Stack stack = TestStacks.stack("DeployRole");
        TestStacks.construct(stack, p -> p.endpointAccess(EndpointAccess.restrictedToDeployRole()));

        Capture statements = new Capture();
        Template.fromStack(stack)
                .hasResourceProperties(
                        "AWS::ApiGateway::RestApi",
                        Match.objectLike(Map.of("Policy", Map.of("Version", "2012-10-17", "Statement", statements))));
        String json = json(statements.asArray());
        assertTrue(
                json.contains("[\"arn:\",{\"Ref\":\"AWS::Partition\"},\":iam::123456789012:role/"
                        + "cdk-hnb659fds-cfn-exec-role-123456789012-eu-west-1\"]"),
                json);
        assertFalse(json.contains("${"), "no placeholder only the CDK CLI would substitute: " + json);
    }

    @Test
    void failsWhenTheStackHasNoDeployRole() {
        Stack stack = new Stack(
                new App(),
                "CliCredentials",
                StackProps.builder()
                        .env(Environment.builder()
                                .account(TestStacks.ACCOUNT)
                                .region(TestStacks.REGION)
                                .build())
                        .synthesizer(new CliCredentialsStackSynthesizer())
                        .build());
        IllegalArgumentException e = Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> TestStacks.construct(stack, p -> p.endpointAccess(EndpointAccess.restrictedToDeployRole())));
        assertEquals(
                "endpointAccess: restrictedToDeployRole needs the stack's DefaultStackSynthesizer, which names "
                        + "the deploy role; the stack uses CliCredentialsStackSynthesizer: use restrictedTo with the deploying "
                        + "role's ARN",
                e.getMessage());
    }

    @Test
    void warnsAboutAScheduledMinimumAboveTheMaximumWithoutAMaximumAndAboutMaxParallelism() {
        Stack stack = TestStacks.stack("Warnings");
        new KdaStepScaling(
                stack,
                "Scaling",
                KdaStepScalingProps.builder()
                        .applicationProps(TestStacks.application(stack)
                                .parallelismPerKpu(4)
                                .build())
                        .maxCapacity(8)
                        .scheduledCapacity(List.of(
                                ScheduledCapacity.builder()
                                        .name("peak")
                                        .schedule(Schedule.expression("cron(0 7 ? * MON-FRI *)"))
                                        .minCapacity(10)
                                        .build(),
                                ScheduledCapacity.builder()
                                        .name("sale")
                                        .schedule(Schedule.expression("at(2026-11-27T06:00:00)"))
                                        .minCapacity(10)
                                        .maxCapacity(64)
                                        .build()))
                        .build());

        Annotations annotations = Annotations.fromStack(stack);
        annotations.hasWarning(
                "/Warnings/Scaling",
                Match.stringLikeRegexp("scheduled capacity 'peak' sets "
                        + "minCapacity \\(10\\) above maxCapacity \\(8\\) without the other bound.*"));
        annotations.hasWarning(
                "/Warnings/Scaling",
                Match.stringLikeRegexp("scheduled capacity 'sale' maxCapacity "
                        + "\\(64\\) x parallelismPerKpu \\(4\\) = 256 is above 128.*"));
    }

    @Test
    void warnsWhenAnAtScheduleHasATimeZone() {
        Stack stack = TestStacks.stack("AtZone");
        TestStacks.construct(
                stack,
                p -> p.dashboard(false)
                        .scheduledCapacity(List.of(ScheduledCapacity.builder()
                                .name("sale")
                                .schedule(Schedule.at(Instant.parse("2026-11-27T06:00:00Z")))
                                .timeZone(TimeZone.EUROPE_BERLIN)
                                .minCapacity(4)
                                .build())));

        Annotations.fromStack(stack)
                .hasWarning(
                        "/AtZone/Scaling",
                        Match.stringLikeRegexp(
                                "scheduled capacity 'sale' runs at\\(2026-11-27T06:00:00\\) in Europe/Berlin local time.*"));
    }

    @Test
    void theConfigurationHashChangesWithTheApplicationAndOnlyWithIt() {
        assertEquals(
                hash("jobs/job.jar", 2),
                hash("jobs/job.jar", 3),
                "a change to the scaling settings alone does not re-run the deploy-time read");
        assertFalse(hash("jobs/job.jar", 2).equals(hash("jobs/job-2.jar", 2)), "new code does");
    }

    private static String hash(String key, int maxCapacity) {
        Stack stack = TestStacks.stack("Hash");
        new KdaStepScaling(
                stack,
                "Scaling",
                KdaStepScalingProps.builder()
                        .applicationProps(FlinkApplicationProps.builder()
                                .code(ApplicationCode.fromBucket(TestStacks.codeBucket(stack), key))
                                .runtime(FlinkRuntime.FLINK_1_20)
                                .build())
                        .maxCapacity(maxCapacity)
                        .dashboard(false)
                        .build());
        return Template.fromStack(stack)
                .findResources("Custom::KdaStepScalingDeployTimeCapacity")
                .values()
                .iterator()
                .next()
                .get("Properties")
                .toString()
                .replaceAll(".*ConfigurationHash=([0-9a-f]{64}).*", "$1");
    }
}
