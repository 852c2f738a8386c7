package io.github.kdastepscaling.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kdastepscaling.contract.ScalerEnvironment;
import io.github.kdastepscaling.examples.FleetExampleStack;
import io.github.kdastepscaling.fakes.FakeApplication;
import io.github.kdastepscaling.fakes.FakeAws;
import io.github.kdastepscaling.fakes.RecordedCall;
import io.github.kdastepscaling.lambda.ScalerClients;
import io.github.kdastepscaling.lambda.ScalerHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.StackProps;

/**
 * The fleet scaler run against the synthesized fleet example (three applications): its function's environment, the
 * configuration and state parameters, scalable targets and alarms the template creates, over the fakes. Each
 * application is scaled out and in by PATCH and reconcile; every call the scaler made is allowed by the synthesized
 * shared role, which grants nothing it never called and is scoped to the fleet ({@link ScalerPermissions}).
 */
class FleetStackRunTest {

    private static SynthesizedStack stack;
    private static FakeAws aws;
    private static ScalerClients clients;
    private static ScalerHandler handler;
    private static List<String> applications;
    private static List<RecordedCall> calls;
    private static String roleId;

    @BeforeAll
    static void synthesizeAndRun() {
        FleetExampleStack example = new FleetExampleStack(
                new App(), FleetExampleStack.STACK_NAME, StackProps.builder().build(), 3);
        stack = SynthesizedStack.of(example);
        String functionId = example.resolve(((CfnResource)
                                example.getFleet().getScalerFunction().getNode().getDefaultChild())
                        .getLogicalId())
                .toString();
        roleId = SynthesizedStack.referencedLogicalId(stack.template()
                .path("Resources")
                .get(functionId)
                .path("Properties")
                .path("Role"));
        Map<String, String> environment = new HashMap<>();
        stack.properties(functionId)
                .path("Environment")
                .path("Variables")
                .properties()
                .forEach(variable ->
                        environment.put(variable.getKey(), variable.getValue().asText()));
        aws = ScalerRun.fakeAws();
        applications = new ArrayList<>();
        Map<String, JsonNode> configurations = new HashMap<>();
        for (String parameterId : stack.logicalIds("AWS::SSM::Parameter")) {
            String name = stack.deployment().physicalName(parameterId);
            String value = stack.properties(parameterId).path("Value").asText();
            aws.ssm().put(name, value);
            if (name.contains("/applications/")) {
                applications.add(name.substring(name.lastIndexOf('/') + 1));
                configurations.put(name.substring(name.lastIndexOf('/') + 1), read(value));
                seedLearningMetrics(value);
            }
        }
        for (String application : applications) {
            FakeApplication flink = aws.flink()
                    .addApplication(application)
                    .parallelismPerKpu(1)
                    .parallelism(1)
                    .autoScalingEnabled(false);
            seedOldRescalesBeyondTheRetention(flink, configurations.get(application));
        }
        for (String targetId : stack.logicalIds("AWS::ApplicationAutoScaling::ScalableTarget")) {
            JsonNode target = stack.properties(targetId);
            aws.applicationAutoScaling()
                    .register(
                            target.path("ServiceNamespace").asText(),
                            target.path("ResourceId").asText(),
                            target.path("ScalableDimension").asText(),
                            target.path("MinCapacity").asInt(),
                            target.path("MaxCapacity").asInt());
        }
        for (String alarmId : stack.scalingAlarmIds()) {
            aws.cloudWatch().putAlarm(ScalerRun.alarm(stack.properties(alarmId)));
        }
        clients = ScalerRun.clientsFor(aws);
        handler = new ScalerHandler(
                environment, clients, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        handler.beforeCheckpoint(null);
        for (String application : applications) {
            ScalerRun.expectStatus(
                    handler.handle(ScalerRun.apiEvent("PATCH", application, "{\"desiredCapacity\":3}")), 200);
        }
        aws.flink().completeTransitions();
        handler.handle(scheduled());
        for (String application : applications) {
            ScalerRun.expectStatus(
                    handler.handle(ScalerRun.apiEvent("PATCH", application, "{\"desiredCapacity\":1}")), 200);
        }
        aws.flink().completeTransitions();
        handler.handle(scheduled());
        calls = aws.calls();
    }

    /**
     * With snapshot retention on, rescales older than the retention keeps, each with its snapshot, so the first
     * reconcile prunes (as {@link ScalerRun} does for a single application).
     */
    private static void seedOldRescalesBeyondTheRetention(FakeApplication flink, JsonNode configuration) {
        String history = configuration
                .path(ScalerEnvironment.RESCALE_HISTORY_PARAMETER_NAME)
                .asText(null);
        if (history == null) {
            return;
        }
        int keep = Integer.parseInt(configuration
                .path(ScalerEnvironment.SNAPSHOT_RETENTION_KEEP_COUNT)
                .asText("10"));
        Instant longAgo = Instant.now().minus(Duration.ofDays(20));
        StringBuilder entries = new StringBuilder();
        for (int i = 0; i < keep + 2; i++) {
            Instant submitted = longAgo.plus(Duration.ofHours(i));
            entries.append(entries.length() == 0 ? "" : " ")
                    .append(i + 2)
                    .append('@')
                    .append(submitted.toEpochMilli());
            flink.addSnapshot("old-rescale-" + i, submitted.plusSeconds(30), i + 2, "READY");
        }
        aws.ssm().put(history, entries.toString());
    }

    /** Half an hour of every learning series a configuration names, so the reconcile's GetMetricData reads data. */
    private static void seedLearningMetrics(String configuration) {
        ScalerRun.seedLearningMetrics(
                aws,
                read(configuration).path(ScalerEnvironment.LEARNING_METRICS).asText(null));
    }

    @AfterAll
    static void close() {
        clients.close();
        aws.close();
    }

    @Test
    void everyApplicationWasScaledOutAndBackIn() {
        assertEquals(3, applications.size(), applications.toString());
        for (String application : applications) {
            FakeApplication flink = aws.flink().application(application).orElseThrow();
            assertEquals(1, flink.currentParallelism(), application);
            assertTrue(
                    calls.stream()
                                    .filter(call -> call.iamAction().equals("kinesisanalytics:UpdateApplication")
                                            && call.resourceArns().contains(flink.arn()))
                                    .count()
                            >= 2,
                    "out and in: " + application);
        }
    }

    @Test
    void everyCallIsAllowedByTheSynthesizedSharedRoleWhichIsScopedToTheFleet() {
        IamPolicy role = stack.rolePolicy(roleId);
        ScalerPermissions.assertEveryCallIsAllowed(role, calls);
        String fleetArn = "arn:aws:ssm:" + FakeDeployment.REGION + ":" + FakeDeployment.ACCOUNT
                + ":parameter/kda-step-scaling/fleets/" + FleetExampleStack.FLEET_ID;
        String alarmPrefix = "arn:aws:cloudwatch:" + FakeDeployment.REGION + ":" + FakeDeployment.ACCOUNT
                + ":alarm:kda-step-scaling-" + FleetExampleStack.FLEET_ID + "-";
        ScalerPermissions.assertFleetScoped(
                role,
                calls.stream()
                        .filter(call -> !ScalerPermissions.RUNTIME_ACTIONS.contains(call.iamAction()))
                        .toList(),
                fleetArn,
                alarmPrefix);
        assertTrue(calls.stream().anyMatch(call -> call.iamAction().equals("ssm:GetParametersByPath")));
    }

    private static String scheduled() {
        return "{\"version\":\"0\",\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\",\"detail\":{}}";
    }

    private static JsonNode read(String json) {
        try {
            return SynthesizedStack.JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
