package io.github.kdastepscaling.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kdastepscaling.examples.FleetExampleStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.StackProps;
import software.constructs.IConstruct;

/**
 * The fleet example's shared scaler role, as synthesized and resolved for one fake deployment, against the calls the
 * fleet scaler makes (issue 21's contract): it lists the fleet's configurations, reads each application's, reads and
 * writes its state, rescales it, prunes its snapshots, re-sets its three scaling alarms and reads the learning's
 * metrics. The role allows each of them for all fifteen applications, and nothing beside: not another fleet's
 * parameters, not an application outside the fleet, not the health alarms, not writing a configuration.
 *
 * <p>The calls are the contract's, written out here; once the fleet scaler runs over the fakes in this module, its
 * recorded calls replace them ({@link ScalerPermissions#assertEveryCallIsAllowed}).
 */
class FleetPermissionsProofTest {

    private static final String PATH = "/kda-step-scaling/fleets/" + FleetExampleStack.FLEET_ID;
    private static IamPolicy policy;
    private static IamPolicy capacityPolicy;
    private static IamPolicy startPolicy;
    private static IamPolicy startedPolicy;

    @BeforeAll
    static void synthesize() {
        App app = new App();
        FleetExampleStack example = new FleetExampleStack(
                app, FleetExampleStack.STACK_NAME, StackProps.builder().build());
        SynthesizedStack stack = SynthesizedStack.of(example);
        String roleId = example.resolve(((CfnResource)
                                example.getFleet().getScalerRole().getNode().getDefaultChild())
                        .getLogicalId())
                .toString();
        assertEquals(List.of(), stack.managedPolicies(roleId));
        policy = stack.rolePolicy(roleId);
        capacityPolicy = stack.rolePolicy(roleId(example, "DeployTimeCapacity", "Function"));
        startPolicy = stack.rolePolicy(roleId(example, "StartOnCreate", "StartFunction"));
        startedPolicy = stack.rolePolicy(roleId(example, "StartOnCreate", "StartedFunction"));
    }

    /** The logical id of the role of the fleet's deploy-time function {@code function} under {@code namespace}. */
    private static String roleId(FleetExampleStack example, String namespace, String function) {
        IConstruct role = example.getFleet()
                .getNode()
                .findChild(namespace)
                .getNode()
                .findChild(function)
                .getNode()
                .findChild("Role");
        return example.resolve(((CfnResource) role.getNode().getDefaultChild()).getLogicalId())
                .toString();
    }

    private static String arn(String service, String resource) {
        return "arn:" + FakeDeployment.PARTITION + ":" + service + ":" + FakeDeployment.REGION + ":"
                + FakeDeployment.ACCOUNT + ":" + resource;
    }

    private static String parameter(String name) {
        return arn("ssm", "parameter" + name);
    }

    /** The calls the fleet scaler makes for application {@code name}, as (action, resource) pairs. */
    private static List<Map.Entry<String, String>> callsFor(String name) {
        List<Map.Entry<String, String>> calls = new ArrayList<>(List.of(
                Map.entry("ssm:GetParametersByPath", parameter(PATH + "/applications")),
                Map.entry("ssm:GetParameter", parameter(PATH + "/applications/" + name)),
                Map.entry("kinesisanalytics:DescribeApplication", arn("kinesisanalytics", "application/" + name)),
                Map.entry("kinesisanalytics:UpdateApplication", arn("kinesisanalytics", "application/" + name)),
                Map.entry("kinesisanalytics:ListApplicationSnapshots", arn("kinesisanalytics", "application/" + name)),
                Map.entry("kinesisanalytics:DeleteApplicationSnapshot", arn("kinesisanalytics", "application/" + name)),
                Map.entry("application-autoscaling:DescribeScalableTargets", "*"),
                Map.entry("cloudwatch:GetMetricData", "*")));
        for (String state : List.of("DesiredCapacity", "LastRescale", "RescaleHistory", "LearnedRate")) {
            calls.add(Map.entry("ssm:GetParameter", parameter(PATH + "/state/" + name + "/" + state)));
            calls.add(Map.entry("ssm:PutParameter", parameter(PATH + "/state/" + name + "/" + state)));
        }
        for (String kind : List.of("ScaleOut", "ScaleIn", "Lag")) {
            String alarm =
                    arn("cloudwatch", "alarm:kda-step-scaling-" + FleetExampleStack.FLEET_ID + "-" + name + "-" + kind);
            calls.add(Map.entry("cloudwatch:DescribeAlarms", alarm));
            calls.add(Map.entry("cloudwatch:PutMetricAlarm", alarm));
        }
        return calls;
    }

    @Test
    void everyCallOfTheFleetScalerIsAllowedForEveryApplication() {
        for (int i = 1; i <= FleetExampleStack.APPLICATIONS; i++) {
            for (Map.Entry<String, String> call : callsFor(FleetExampleStack.applicationName(i))) {
                assertTrue(
                        policy.allows(call.getKey(), call.getValue()),
                        "the shared role does not allow " + call.getKey() + " on " + call.getValue());
            }
        }
    }

    @Test
    void theSharedDeployTimeFunctionsMayReadEachStateAndStartEachApplication() {
        for (int i = 1; i <= FleetExampleStack.APPLICATIONS; i++) {
            String name = FleetExampleStack.applicationName(i);
            String application = arn("kinesisanalytics", "application/" + name);
            for (String state : List.of("DesiredCapacity", "LearnedRate")) {
                assertTrue(capacityPolicy.allows("ssm:GetParameter", parameter(PATH + "/state/" + name + "/" + state)));
            }
            assertTrue(capacityPolicy.allows("application-autoscaling:DescribeScalableTargets", "*"));
            assertTrue(startPolicy.allows("kinesisanalytics:StartApplication", application));
            assertTrue(startPolicy.allows("kinesisanalytics:DescribeApplication", application));
            assertTrue(startedPolicy.allows("kinesisanalytics:DescribeApplication", application));
        }
        assertFalse(capacityPolicy.allows("ssm:PutParameter", parameter(PATH + "/state/x/DesiredCapacity")));
        assertFalse(capacityPolicy.allows(
                "ssm:GetParameter", parameter("/kda-step-scaling/fleets/other/state/x/" + "DesiredCapacity")));
        assertFalse(startPolicy.allows(
                "kinesisanalytics:StartApplication", arn("kinesisanalytics", "application/not-in-fleet")));
        assertFalse(startedPolicy.allows(
                "kinesisanalytics:StartApplication",
                arn("kinesisanalytics", "application/" + FleetExampleStack.applicationName(1))));
    }

    @Test
    void nothingOutsideTheFleetIsAllowed() {
        String name = FleetExampleStack.applicationName(1);
        List<Map.Entry<String, String>> refused = List.of(
                Map.entry("ssm:GetParameter", parameter("/kda-step-scaling/fleets/other/applications/" + name)),
                Map.entry(
                        "ssm:PutParameter",
                        parameter("/kda-step-scaling/fleets/other/state/" + name + "/DesiredCapacity")),
                Map.entry("ssm:PutParameter", parameter(PATH + "/applications/" + name)),
                Map.entry("ssm:GetParametersByPath", parameter(PATH)),
                Map.entry("ssm:DeleteParameter", parameter(PATH + "/state/" + name + "/DesiredCapacity")),
                Map.entry("kinesisanalytics:UpdateApplication", arn("kinesisanalytics", "application/not-in-fleet")),
                Map.entry("kinesisanalytics:StopApplication", arn("kinesisanalytics", "application/" + name)),
                Map.entry(
                        "cloudwatch:PutMetricAlarm",
                        arn(
                                "cloudwatch",
                                "alarm:kda-step-scaling-" + FleetExampleStack.FLEET_ID + "-" + name + "-Health")),
                Map.entry(
                        "cloudwatch:PutMetricAlarm",
                        arn("cloudwatch", "alarm:kda-step-scaling-other-" + name + "-ScaleOut")),
                Map.entry(
                        "cloudwatch:DeleteAlarms",
                        arn(
                                "cloudwatch",
                                "alarm:kda-step-scaling-" + FleetExampleStack.FLEET_ID + "-" + name + "-ScaleOut")));
        for (Map.Entry<String, String> call : refused) {
            assertFalse(
                    policy.allows(call.getKey(), call.getValue()),
                    "the shared role allows " + call.getKey() + " on " + call.getValue());
        }
    }

    @Test
    void resourceStarIsOnlyForActionsWithoutResourceLevelPermissions() {
        for (IamPolicy.Statement statement : policy.statements()) {
            assertFalse(statement.deny());
            if (statement.resources().contains("*")) {
                assertTrue(
                        ScalerPermissions.RESOURCELESS_ACTIONS.containsAll(statement.actions()),
                        "Resource * for " + statement.actions());
            }
        }
    }
}
