package io.github.kdastepscaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kdastepscaling.contract.ScalerEnvironment;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cloudwatch.CfnCompositeAlarm;
import software.amazon.awscdk.services.kinesis.Stream;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.s3.IBucket;

/** A fleet of two applications: what is shared, what each creates, how they are named, and the fleet's refusals. */
class KdaStepScalingFleetTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Stack stack;
    private static KdaStepScalingFleet fleet;
    private static KdaStepScaling first;
    private static KdaStepScaling second;
    private static Template template;

    @BeforeAll
    static void synthesize() {
        stack = TestStacks.stack("Fleet");
        IBucket code = TestStacks.codeBucket(stack);
        fleet = new KdaStepScalingFleet(
                stack,
                "Fleet",
                KdaStepScalingFleetProps.builder().fleetId("orders").build());
        first = member(stack, code, "Checkout", "checkout", props -> {});
        second = member(stack, code, "Payments", "payments", props -> props.lagGuard(LagGuardProps.disabled()));
        template = Template.fromStack(stack);
    }

    private static KdaStepScaling member(
            Stack stack, IBucket code, String id, String name, Consumer<KdaStepScalingProps.Builder> customize) {
        KdaStepScalingProps.Builder props = KdaStepScalingProps.builder()
                .fleet(fleet)
                .applicationProps(FlinkApplicationProps.builder()
                        .applicationName(name)
                        .code(ApplicationCode.fromBucket(code, "jobs/" + name + ".jar"))
                        .runtime(FlinkRuntime.FLINK_1_20)
                        .startApplication(true)
                        .build());
        customize.accept(props);
        return new KdaStepScaling(stack, id, props.build());
    }

    private static String failure(Consumer<KdaStepScalingProps.Builder> customize) {
        Stack stack = TestStacks.stack("Refused");
        KdaStepScalingFleet fleet = new KdaStepScalingFleet(
                stack,
                "Fleet",
                KdaStepScalingFleetProps.builder().fleetId("refusing").build());
        KdaStepScalingProps.Builder props = KdaStepScalingProps.builder()
                .fleet(fleet)
                .applicationProps(
                        TestStacks.application(stack).applicationName("app").build());
        customize.accept(props);
        return assertThrows(IllegalArgumentException.class, () -> new KdaStepScaling(stack, "Scaling", props.build()))
                .getMessage();
    }

    private static String fleetFailure(Consumer<KdaStepScalingFleetProps.Builder> customize) {
        KdaStepScalingFleetProps.Builder props =
                KdaStepScalingFleetProps.builder().fleetId("fleet");
        customize.accept(props);
        return assertThrows(
                        IllegalArgumentException.class,
                        () -> new KdaStepScalingFleet(TestStacks.stack("Bad"), "Fleet", props.build()))
                .getMessage();
    }

    @Test
    void theSharedPartsExistOnce() {
        template.resourceCountIs("AWS::ApiGateway::RestApi", 1);
        template.resourceCountIs("AWS::Events::Rule", 1);
        template.resourceCountIs("AWS::SQS::Queue", 1);
        template.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
        template.resourceCountIs("AWS::Logs::QueryDefinition", 1);
        template.resourceCountIs("AWS::StepFunctions::StateMachine", 1);
        template.resourceCountIs("AWS::ApplicationAutoScaling::ScalableTarget", 2);
        template.resourceCountIs("Custom::KdaStepScalingStartOnCreate", 2);
        template.resourceCountIs("Custom::KdaStepScalingDeployTimeCapacity", 2);
        // The scaler, the capacity function and its framework function, the two start functions and their three.
        template.resourceCountIs("AWS::Lambda::Function", 8);
        assertSame(fleet.getApi(), first.getApi());
        assertSame(fleet.getScalerFunction(), second.getScalerFunction());
        assertSame(fleet.getDashboard(), first.getDashboard());
        assertEquals(List.of("checkout", "payments"), fleet.getApplicationNames());
    }

    @Test
    void theScalerRunsInFleetModeWithNoSingleApplicationVariable() {
        Map<String, Object> variables = functionEnvironment(fleet.getScalerFunction());
        assertEquals(Map.of(ScalerEnvironment.FLEET_CONFIGURATION_PATH, "/kda-step-scaling/fleets/orders"), variables);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> functionEnvironment(Function function) {
        String id = stack.resolve(((CfnResource) function.getNode().getDefaultChild()).getLogicalId())
                .toString();
        Map<String, Object> properties = (Map<String, Object>)
                (template.findResources("AWS::Lambda::Function").get(id)).get("Properties");
        return (Map<String, Object>) ((Map<String, Object>) properties.get("Environment")).get("Variables");
    }

    @Test
    void eachApplicationsConfigurationHoldsTheSingleApplicationVariables() throws Exception {
        Map<String, Map<String, Object>> parameters = template.findResources(
                "AWS::SSM::Parameter",
                Match.objectLike(Map.of(
                        "Properties",
                        Match.objectLike(Map.of("Name", "/kda-step-scaling/fleets/orders/applications/checkout")))));
        assertEquals(1, parameters.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> properties =
                (Map<String, Object>) parameters.values().iterator().next().get("Properties");
        assertEquals("Standard", properties.get("Tier"));
        String value = JSON.writeValueAsString(properties.get("Value"));
        for (String key : List.of(
                ScalerEnvironment.APPLICATION_NAME,
                ScalerEnvironment.DESIRED_CAPACITY_PARAMETER_NAME,
                ScalerEnvironment.RESCALE_ATTEMPT_PARAMETER_NAME,
                ScalerEnvironment.SCALE_OUT_ALARM_NAME,
                ScalerEnvironment.SCALE_IN_ALARM_NAME,
                ScalerEnvironment.SCALABLE_TARGET_RESOURCE_ID,
                ScalerEnvironment.MIN_CAPACITY,
                ScalerEnvironment.KPU_QUOTA)) {
            assertTrue(value.contains(key), key + " in " + value);
        }
        assertTrue(
                value.contains("{\"Ref\":\""
                        + stack.resolve(((CfnResource) first.getDesiredCapacityParameter()
                                        .getNode()
                                        .getDefaultChild())
                                .getLogicalId())
                        + "\"}"),
                value);
        assertTrue(value.contains("kda-step-scaling-orders-checkout-ScaleOut"), value);
    }

    @Test
    void stateParametersAndAlarmsAreNamedUnderTheFleet() {
        for (String name : List.of(
                "/kda-step-scaling/fleets/orders/state/checkout/DesiredCapacity",
                "/kda-step-scaling/fleets/orders/state/checkout/LastRescale",
                "/kda-step-scaling/fleets/orders/state/checkout/RescaleHistory",
                "/kda-step-scaling/fleets/orders/state/checkout/LearnedRate",
                "/kda-step-scaling/fleets/orders/state/payments/DesiredCapacity")) {
            template.hasResourceProperties("AWS::SSM::Parameter", Match.objectLike(Map.of("Name", name)));
        }
        for (String name : List.of(
                "kda-step-scaling-orders-checkout-ScaleOut",
                "kda-step-scaling-orders-checkout-ScaleIn",
                "kda-step-scaling-orders-checkout-Lag",
                "kda-step-scaling-orders-payments-ScaleIn")) {
            template.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of("AlarmName", name)));
        }
        assertNull(second.getLagAlarm());
    }

    @Test
    void theScalerRoleNamesThePathTheAlarmPatternsAndEachApplication() throws Exception {
        String role = stack.resolve(
                        ((CfnResource) fleet.getScalerRole().getNode().getDefaultChild()).getLogicalId())
                .toString();
        JsonNode policy = JSON.valueToTree(template.toJSON())
                .get("Resources")
                .get(role)
                .get("Properties")
                .get("Policies")
                .get(0)
                .get("PolicyDocument");
        String text = policy.toString();
        Set<String> sids = new TreeSet<>();
        policy.get("Statement")
                .forEach(statement -> sids.add(statement.get("Sid").asText()));
        assertEquals(
                new TreeSet<>(List.of(
                        "ListApplications",
                        "ReadApplicationConfiguration",
                        "StoreApplicationState",
                        "ResetAlarmThresholds",
                        "ReadScalableTargetRange",
                        "RescaleApplications",
                        "PruneOwnSnapshots",
                        "ReadLearningMetrics",
                        "WriteOwnLogs")),
                sids);
        assertTrue(text.contains(":parameter/kda-step-scaling/fleets/orders/applications\""), text);
        assertTrue(text.contains(":parameter/kda-step-scaling/fleets/orders/state/*"), text);
        assertTrue(text.contains(":alarm:kda-step-scaling-orders-*-ScaleOut"), text);
        assertTrue(text.contains(":application/checkout"), text);
        assertTrue(text.contains(":application/payments"), text);
    }

    @Test
    void theHealthAlarmHasOneCompositePerApplicationNamingIt() {
        assertTrue(stack.resolve(
                        fleet.getHealthAlarm().getNode().getDefaultChild() instanceof CfnCompositeAlarm cfn
                                ? cfn.getAlarmRule()
                                : "")
                .toString()
                .contains("ALARM"));
        assertNotSame(first.getScalerHealthAlarm(), fleet.getHealthAlarm());
        template.hasResourceProperties(
                "AWS::CloudWatch::CompositeAlarm",
                Match.objectLike(Map.of(
                        "AlarmDescription",
                        Match.stringLikeRegexp("kda-step-scaling health of application checkout .*"))));
        // The fleet's composite, and one per application.
        template.resourceCountIs("AWS::CloudWatch::CompositeAlarm", 3);
    }

    @Test
    void anExistingApplicationJoinsByItsName() {
        Stack stack = TestStacks.stack("Existing");
        KdaStepScalingFleet fleet = new KdaStepScalingFleet(
                stack,
                "Fleet",
                KdaStepScalingFleetProps.builder().fleetId("existing").build());
        KdaStepScaling member = new KdaStepScaling(
                stack,
                "Scaling",
                KdaStepScalingProps.builder()
                        .fleet(fleet)
                        .existingApplicationName("orders-enricher")
                        .existingStream(Stream.fromStreamArn(
                                stack, "Orders", "arn:aws:kinesis:eu-west-1:123456789012:stream/orders"))
                        .build());
        Template existing = Template.fromStack(stack);
        existing.hasResourceProperties(
                "AWS::SSM::Parameter",
                Match.objectLike(Map.of("Name", "/kda-step-scaling/fleets/existing/applications/orders-enricher")));
        existing.resourceCountIs("AWS::KinesisAnalyticsV2::Application", 0);
        existing.resourceCountIs("Custom::KdaStepScalingStartOnCreate", 0);
        assertEquals("orders-enricher", member.getApplicationName());
        assertEquals(List.of("orders-enricher"), fleet.getApplicationNames());
    }

    @Test
    void refusesPropsTheFleetOwns() {
        assertTrue(failure(props -> props.reconcileInterval(Duration.minutes(2)))
                .startsWith(
                        "reconcileInterval (Duration.minutes(2)) is set, but the application joins fleet (refusing)"));
        assertTrue(failure(props -> props.logRetention(RetentionDays.ONE_DAY))
                .contains("set logRetention on " + "KdaStepScalingFleetProps instead"));
        assertTrue(failure(props -> props.scalerConcurrency(ScalerConcurrency.unreserved()))
                .startsWith("scalerConcurrency ("));
        assertTrue(failure(props -> props.stageName("other")).startsWith("stageName (other) is set"));
        assertTrue(failure(props -> props.dashboard(false)).startsWith("dashboard (false) is set"));
        assertTrue(failure(props -> props.tracing(true)).startsWith("tracing (true) is set"));
    }

    @Test
    void refusesAnApplicationWithoutAKnownName() {
        Stack stack = TestStacks.stack("Unnamed");
        KdaStepScalingFleet fleet = new KdaStepScalingFleet(
                stack,
                "Fleet",
                KdaStepScalingFleetProps.builder().fleetId("unnamed").build());
        assertEquals(
                "applicationProps.applicationName (null) must be given, known at synthesis, for an application "
                        + "of fleet (unnamed): it names the application's parameters and alarms",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new KdaStepScaling(
                                        stack,
                                        "Scaling",
                                        KdaStepScalingProps.builder()
                                                .fleet(fleet)
                                                .applicationProps(TestStacks.application(stack)
                                                        .build())
                                                .build()))
                        .getMessage());
    }

    @Test
    void refusesTwoApplicationsOfOneName() {
        Stack stack = TestStacks.stack("Twice");
        KdaStepScalingFleet fleet = new KdaStepScalingFleet(
                stack,
                "Fleet",
                KdaStepScalingFleetProps.builder().fleetId("twice").build());
        FlinkApplicationProps application =
                TestStacks.application(stack).applicationName("same").build();
        new KdaStepScaling(
                stack,
                "First",
                KdaStepScalingProps.builder()
                        .fleet(fleet)
                        .applicationProps(application)
                        .build());
        assertEquals(
                "fleet (twice) already has an application named same: each application of a fleet needs its "
                        + "own name",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new KdaStepScaling(
                                        stack,
                                        "Second",
                                        KdaStepScalingProps.builder()
                                                .fleet(fleet)
                                                .applicationProps(application)
                                                .build()))
                        .getMessage());
    }

    @Test
    void refusesBadFleetProps() {
        assertEquals(
                "fleetId (a-b) must be 1 to 32 letters, digits or '_', known at synthesis (no '-': the fleet's "
                        + "alarm-name prefix must not start another fleet's)",
                fleetFailure(props -> props.fleetId("a-b")));
        assertTrue(fleetFailure(props -> props.fleetId("x".repeat(33))).startsWith("fleetId (xxx"));
        assertEquals(
                "fleetId is required: it names the fleet's SSM path and alarm prefix",
                fleetFailure(props -> props.fleetId(null)));
        assertEquals(
                "scalerMemorySize (64) must be between 128 and 10240 MB",
                fleetFailure(props -> props.scalerMemorySize(64)));
        assertEquals(
                "scalerReservedConcurrency (0) must be between 1 and 100: 0 would stop the scaler",
                fleetFailure(props -> props.scalerReservedConcurrency(0)));
        assertTrue(fleetFailure(props -> props.reconcileInterval(Duration.seconds(30)))
                .startsWith("reconcileInterval (30 seconds) must be a whole number of minutes"));
        assertTrue(fleetFailure(props -> props.dashboardName("no spaces")).startsWith("dashboardName (no spaces)"));
    }

    @Test
    void estimatesTheConfigurationWithEachTokenAtItsLongest() {
        int plain = FleetMembership.estimatedLength(Map.of("K", "v"));
        assertEquals(2 + 1 + 1 + 6, plain);
        assertTrue(FleetMembership.estimatedLength(
                        Map.of("K", stack.resolve("x") + fleet.getApi().getRestApiId()))
                > FleetMembership.MAX_TOKEN_CHARACTERS);
    }
}
