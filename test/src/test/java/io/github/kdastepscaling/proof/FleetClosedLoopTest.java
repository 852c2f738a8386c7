package io.github.kdastepscaling.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kdastepscaling.contract.ScalerEnvironment;
import io.github.kdastepscaling.fakes.Alarm;
import io.github.kdastepscaling.fakes.FakeApplication;
import io.github.kdastepscaling.fakes.FakeAws;
import io.github.kdastepscaling.fakes.Fault;
import io.github.kdastepscaling.fakes.RecordedCall;
import io.github.kdastepscaling.lambda.ScalerClients;
import io.github.kdastepscaling.lambda.ScalerHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Three applications on one scaler in fleet mode, over the fakes, registered as issue 21's fleet contract says the
 * construct registers them: a PATCH for one changes only that one; a fault injected into one (every UpdateApplication
 * of it failing) leaves the other two decided and aligned (running at their desired capacity, thresholds re-set);
 * and every call the fleet made is allowed by a role of the contract's shape, which allows nothing it never calls.
 *
 * <p>The role here is built from the contract's ARN shapes, not synthesized: the fleet example stack is built on
 * another branch. Once it is merged, {@link #contractRole} should be replaced by the synthesized fleet template's
 * scaler role, as {@link ExampleStackProofTest} does for the single-application stack.
 */
class FleetClosedLoopTest {

    private static final String FLEET_ID = "loop-fleet";
    private static final String FLEET_PATH = "/kda-step-scaling/fleets/" + FLEET_ID;
    private static final String API =
            "https://a1b2c3d4e5.execute-api." + FakeDeployment.REGION + ".amazonaws.com/scaling/";
    private static final List<String> APPLICATIONS = List.of("orders", "clicks", "payments");
    private static final double SCALE_OUT_PER_KPU = 1000;
    private static final double SCALE_IN_PER_KPU = 750;
    /** The start of every alarm ARN of the fleet: the contract names its alarms kda-step-scaling-<fleetId>-... */
    private static final String ALARM_PREFIX_ARN = "arn:aws:cloudwatch:" + FakeDeployment.REGION + ":"
            + FakeDeployment.ACCOUNT + ":alarm:kda-step-scaling-" + FLEET_ID + "-";

    @Test
    void aPatchForOneApplicationChangesOnlyThatOne() {
        try (Fleet fleet = new Fleet()) {
            ScalerRun.expectStatus(fleet.patch("clicks", 4), 200);
            fleet.aws.flink().completeTransitions();
            fleet.reconcile();

            assertEquals(4, fleet.capacity("clicks"));
            fleet.assertAligned("clicks", 4);
            for (String other : List.of("orders", "payments")) {
                assertEquals(2, fleet.capacity(other), other);
                assertEquals(
                        Optional.of(ScalerEnvironment.NO_DESIRED_CAPACITY),
                        fleet.aws.ssm().value(state(other, "DesiredCapacity")),
                        other);
                fleet.assertAligned(other, 2);
            }
            assertEquals(
                    List.of(fleet.application("clicks").arn()),
                    fleet.aws.calls("kinesisanalytics:UpdateApplication").stream()
                            .flatMap(call -> call.resourceArns().stream())
                            .toList());
        }
    }

    @Test
    void aFaultInOneApplicationLeavesTheOtherTwoDecidedAndAligned() {
        try (Fleet fleet = new Fleet()) {
            fleet.aws
                    .faults()
                    .failAlwaysOn(
                            "kinesisanalytics:UpdateApplication",
                            fleet.application("clicks").arn(),
                            Fault.serverError());

            ScalerRun.expectStatus(fleet.patch("orders", 3), 200);
            ScalerRun.expectStatus(fleet.patch("clicks", 4), 502);
            ScalerRun.expectStatus(fleet.patch("payments", 5), 200);
            fleet.aws.flink().completeTransitions();
            String summary = fleet.reconcile();

            assertEquals(3, fleet.capacity("orders"));
            assertEquals(5, fleet.capacity("payments"));
            fleet.assertAligned("orders", 3);
            fleet.assertAligned("payments", 5);
            assertEquals(2, fleet.capacity("clicks"), "the faulty application stays where it was");
            assertEquals(
                    Optional.of("4"),
                    fleet.aws.ssm().value(state("clicks", "DesiredCapacity")),
                    "its desire is kept for a later call");
            JsonNode clicks = fleet.scheduledLine("clicks");
            assertEquals("AWS_FAILED", clicks.path("failure").asText(), clicks.toString());
            assertEquals(1, clicks.path("Errors").asInt());
            for (String healthy : List.of("orders", "payments")) {
                JsonNode line = fleet.scheduledLine(healthy);
                assertEquals("Successful", line.path("scalingStatus").asText(), line.toString());
                assertEquals(0, line.path("Errors").asInt());
            }
            assertTrue(summary.contains("\"application\":\"clicks\",\"failure\":\"AWS_FAILED\""), summary);
        }
    }

    @Test
    void everyCallOfTheFleetIsAllowedByTheContractsRoleAndNothingMore() {
        try (Fleet fleet = new Fleet()) {
            fleet.handler.beforeCheckpoint(null);
            ScalerRun.expectStatus(fleet.get("orders"), 200);
            ScalerRun.expectStatus(fleet.patch("orders", 4), 200);
            ScalerRun.expectStatus(fleet.patch("billing", 4), 404);
            fleet.aws.flink().completeTransitions();
            fleet.reconcile();
            ScalerRun.expectStatus(fleet.patch("orders", 1), 200);
            fleet.aws.flink().completeTransitions();
            fleet.reconcile();
            List<RecordedCall> calls = fleet.aws.calls();

            IamPolicy role = contractRole();
            ScalerPermissions.assertEveryCallIsAllowed(role, calls);
            ScalerPermissions.assertFleetScoped(role, calls, fleetArn(), ALARM_PREFIX_ARN);
            assertFalse(
                    role.allows(
                            "kinesisanalytics:UpdateApplication",
                            fleet.aws.flink().addApplication("not-in-the-fleet").arn()),
                    "only registered applications");
            assertFalse(
                    role.allows("ssm:PutParameter", fleet.aws.ssm().arn(FLEET_PATH + "/applications/orders")),
                    "the scaler never rewrites a configuration");
        }
    }

    private static String fleetArn() {
        return "arn:aws:ssm:" + FakeDeployment.REGION + ":" + FakeDeployment.ACCOUNT + ":parameter" + FLEET_PATH;
    }

    /**
     * The scaler role of a fleet in the contract's shape: SSM reads of the configurations and the state, writes of
     * the state only, by path; the listing on the applications path itself; each registered application by ARN; the
     * fleet's alarms by name prefix; the scalable targets' read on {@code *} (it takes no resource).
     */
    private static IamPolicy contractRole() {
        ObjectNode document = SynthesizedStack.JSON.createObjectNode();
        document.put("Version", "2012-10-17");
        ArrayNode statements = document.putArray("Statement");
        statement(
                statements,
                List.of("ssm:GetParameter"),
                List.of(fleetArn() + "/applications/*", fleetArn() + "/state/*"));
        statement(statements, List.of("ssm:PutParameter"), List.of(fleetArn() + "/state/*"));
        statement(statements, List.of("ssm:GetParametersByPath"), List.of(fleetArn() + "/applications"));
        List<String> applications = new ArrayList<>();
        for (String application : APPLICATIONS) {
            applications.add("arn:aws:kinesisanalytics:" + FakeDeployment.REGION + ":" + FakeDeployment.ACCOUNT
                    + ":application/" + application);
        }
        statement(
                statements,
                List.of("kinesisanalytics:DescribeApplication", "kinesisanalytics:UpdateApplication"),
                applications);
        statement(
                statements,
                List.of("cloudwatch:DescribeAlarms", "cloudwatch:PutMetricAlarm"),
                List.of(ALARM_PREFIX_ARN + "*"));
        statement(statements, List.of("application-autoscaling:DescribeScalableTargets"), List.of("*"));
        return IamPolicy.of(List.of(document));
    }

    private static void statement(ArrayNode statements, List<String> actions, List<String> resources) {
        ObjectNode statement = statements.addObject();
        statement.put("Effect", "Allow");
        actions.forEach(statement.putArray("Action")::add);
        resources.forEach(statement.putArray("Resource")::add);
    }

    private static String state(String application, String id) {
        return FLEET_PATH + "/state/" + application + "/" + id;
    }

    private static String alarmName(String application, String kind) {
        return "kda-step-scaling-" + FLEET_ID + "-" + application + "-" + kind;
    }

    /** The three applications, registered; the scaler in fleet mode over them. */
    private static final class Fleet implements AutoCloseable {
        final FakeAws aws = ScalerRun.fakeAws();
        final ScalerClients clients;
        final ScalerHandler handler;
        private final ByteArrayOutputStream log = new ByteArrayOutputStream();

        Fleet() {
            for (String application : APPLICATIONS) {
                register(application);
            }
            clients = ScalerRun.clientsFor(aws);
            handler = new ScalerHandler(
                    Map.of(ScalerEnvironment.FLEET_CONFIGURATION_PATH, FLEET_PATH),
                    clients,
                    new PrintStream(log, true, StandardCharsets.UTF_8));
        }

        private void register(String application) {
            aws.flink()
                    .addApplication(application)
                    .parallelismPerKpu(1)
                    .parallelism(2)
                    .autoScalingEnabled(false);
            aws.ssm().put(state(application, "DesiredCapacity"), ScalerEnvironment.NO_DESIRED_CAPACITY);
            aws.ssm().put(state(application, "LastRescale"), ScalerEnvironment.NO_DESIRED_CAPACITY);
            aws.applicationAutoScaling()
                    .register(
                            "custom-resource",
                            API + "scalableTargetDimensions/" + application,
                            "custom-resource:ResourceType:Property",
                            1,
                            10);
            aws.cloudWatch()
                    .putAlarm(alarm(application, "ScaleOut", "GreaterThanOrEqualToThreshold", 2 * SCALE_OUT_PER_KPU));
            aws.cloudWatch().putAlarm(alarm(application, "ScaleIn", "LessThanThreshold", SCALE_IN_PER_KPU));
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put(ScalerEnvironment.APPLICATION_NAME, application);
            settings.put(ScalerEnvironment.DESIRED_CAPACITY_PARAMETER_NAME, state(application, "DesiredCapacity"));
            settings.put(ScalerEnvironment.RESCALE_ATTEMPT_PARAMETER_NAME, state(application, "LastRescale"));
            settings.put(ScalerEnvironment.SCALE_OUT_ALARM_NAME, alarmName(application, "ScaleOut"));
            settings.put(ScalerEnvironment.SCALE_IN_ALARM_NAME, alarmName(application, "ScaleIn"));
            settings.put(ScalerEnvironment.SIGNAL_KIND, "INCOMING_RECORDS");
            settings.put(ScalerEnvironment.SCALE_OUT_PER_KPU, ScalerEnvironment.encodeNumber(SCALE_OUT_PER_KPU));
            settings.put(ScalerEnvironment.SCALE_IN_PER_KPU, ScalerEnvironment.encodeNumber(SCALE_IN_PER_KPU));
            settings.put(ScalerEnvironment.MIN_CAPACITY, "1");
            settings.put(ScalerEnvironment.KPU_QUOTA, "64");
            settings.put(
                    ScalerEnvironment.SCALABLE_TARGET_RESOURCE_ID, API + "scalableTargetDimensions/" + application);
            settings.put(ScalerEnvironment.ALLOW_SCALING_WITHOUT_SNAPSHOTS, "false");
            aws.ssm()
                    .put(
                            FLEET_PATH + "/applications/" + application,
                            SynthesizedStack.JSON.valueToTree(settings).toString());
        }

        private static Alarm alarm(String application, String kind, String comparison, double threshold) {
            Alarm.Metric incoming = new Alarm.Metric(
                    "AWS/Kinesis", "IncomingRecords", List.of(new Alarm.Dimension("StreamName", application)));
            return Alarm.builder(alarmName(application, kind))
                    .actionsEnabled(true)
                    .evaluationPeriods(2)
                    .threshold(threshold)
                    .comparisonOperator(comparison)
                    .metrics(List.of(
                            new Alarm.MetricQuery(
                                    "incoming",
                                    null,
                                    null,
                                    false,
                                    null,
                                    null,
                                    new Alarm.MetricStat(incoming, 60, "Sum", null)),
                            new Alarm.MetricQuery(
                                    "perSecond", "incoming / 60", "records per second", true, null, null, null)))
                    .build();
        }

        FakeApplication application(String name) {
            return aws.flink().application(name).orElseThrow();
        }

        int capacity(String name) {
            FakeApplication application = application(name);
            return application.currentParallelism() / application.parallelismPerKpu();
        }

        /** Running at {@code capacity}, its thresholds set for it (scale-in: one KPU fewer would do). */
        void assertAligned(String name, int capacity) {
            assertEquals(capacity, capacity(name), name);
            assertEquals(
                    capacity * SCALE_OUT_PER_KPU,
                    aws.cloudWatch()
                            .alarm(alarmName(name, "ScaleOut"))
                            .orElseThrow()
                            .threshold(),
                    name);
            assertEquals(
                    capacity == 1 ? SCALE_IN_PER_KPU : (capacity - 1) * SCALE_IN_PER_KPU,
                    aws.cloudWatch()
                            .alarm(alarmName(name, "ScaleIn"))
                            .orElseThrow()
                            .threshold(),
                    name);
        }

        String get(String dimensionId) {
            return handler.handle(ScalerRun.apiEvent("GET", dimensionId, null));
        }

        String patch(String dimensionId, int capacity) {
            return handler.handle(ScalerRun.apiEvent("PATCH", dimensionId, "{\"desiredCapacity\":" + capacity + "}"));
        }

        String reconcile() {
            return handler.handle("{\"version\":\"0\",\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\","
                    + "\"detail\":{}}");
        }

        /** The last scheduled decision line of {@code application}. */
        JsonNode scheduledLine(String application) {
            JsonNode found = null;
            for (String line : log.toString(StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode parsed = read(line);
                if (application.equals(parsed.path("application").asText(null))
                        && "schedule".equals(parsed.path("trigger").asText())) {
                    found = parsed;
                }
            }
            if (found == null) {
                throw new AssertionError("no scheduled decision line for " + application);
            }
            return found;
        }

        private static JsonNode read(String json) {
            try {
                return SynthesizedStack.JSON.readTree(json);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            clients.close();
            aws.close();
        }
    }
}
