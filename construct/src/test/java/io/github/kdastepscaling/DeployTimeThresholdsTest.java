package io.github.kdastepscaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kdastepscaling.contract.DeployTimeResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cloudwatch.Metric;

/**
 * Deploys never scale: a load signal's alarm thresholds in the template are the deploy-time thresholds resource's
 * attributes (the stored desired capacity's, by the shared formula), not numbers of {@code initialCapacity}, and that
 * resource carries the alarms' own configuration, so any deploy that updates an alarm re-reads the stored capacity.
 */
class DeployTimeThresholdsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode resources;

    @BeforeAll
    static void synthesize() {
        resources = resources(props -> props.initialCapacity(2));
    }

    private static JsonNode resources(Consumer<KdaStepScalingProps.Builder> customize) {
        Stack stack = TestStacks.stack("Thresholds");
        TestStacks.construct(stack, customize);
        return JSON.valueToTree(Template.fromStack(stack).toJSON()).path("Resources");
    }

    private static String onlyId(JsonNode resources, String type) {
        List<String> ids = new ArrayList<>();
        resources.properties().forEach(entry -> {
            if (entry.getValue().path("Type").asText().equals(type)) {
                ids.add(entry.getKey());
            }
        });
        assertEquals(1, ids.size(), type + ": " + ids);
        return ids.get(0);
    }

    private static JsonNode alarm(JsonNode resources, String pathPart) {
        List<JsonNode> alarms = new ArrayList<>();
        resources.properties().forEach(entry -> {
            if (entry.getValue().path("Type").asText().equals("AWS::CloudWatch::Alarm")
                    && entry.getKey().startsWith("Scaling" + pathPart + "Alarm")) {
                alarms.add(entry.getValue());
            }
        });
        assertEquals(1, alarms.size(), pathPart);
        return alarms.get(0).path("Properties");
    }

    @Test
    void theLoadAlarmsThresholdsAreTheDeployTimeResourcesAttributes() {
        String thresholds = onlyId(resources, DeployTimeResources.THRESHOLDS_TYPE);
        assertEquals(
                JSON.valueToTree(
                        Map.of("Fn::GetAtt", List.of(thresholds, DeployTimeResources.SCALE_OUT_THRESHOLD_ATTRIBUTE))),
                alarm(resources, "ScaleOut").path("Threshold"));
        assertEquals(
                JSON.valueToTree(
                        Map.of("Fn::GetAtt", List.of(thresholds, DeployTimeResources.SCALE_IN_THRESHOLD_ATTRIBUTE))),
                alarm(resources, "ScaleIn").path("Threshold"));
    }

    @Test
    void theResourceCarriesThePolicyTheStoredCapacityAndTheTarget() {
        JsonNode resource = resources.get(onlyId(resources, DeployTimeResources.THRESHOLDS_TYPE));
        JsonNode properties = resource.path("Properties");
        assertEquals(
                "INCOMING_RECORDS",
                properties.path(DeployTimeResources.SIGNAL_KIND).asText());
        assertEquals(
                "1000", properties.path(DeployTimeResources.SCALE_OUT_PER_KPU).asText());
        assertEquals(
                "900", properties.path(DeployTimeResources.SCALE_IN_PER_KPU).asText());
        assertEquals("1", properties.path(DeployTimeResources.MIN_CAPACITY).asText());
        assertEquals("2", properties.path(DeployTimeResources.INITIAL_CAPACITY).asText());
        assertEquals("64", properties.path(DeployTimeResources.KPU_QUOTA).asText());
        assertTrue(properties.path(DeployTimeResources.PARAMETER_NAME).has("Ref"));
        assertTrue(
                properties.path(DeployTimeResources.SCALABLE_TARGET_RESOURCE_ID).has("Fn::Join"));
        String target = onlyId(resources, "AWS::ApplicationAutoScaling::ScalableTarget");
        assertTrue(
                resource.path("DependsOn").toString().contains(target),
                "it reads the target's minimum after the deploy has created or updated the target");
        assertEquals(
                resources
                        .get(onlyId(resources, DeployTimeResources.CAPACITY_TYPE))
                        .path("Properties")
                        .path("ServiceToken"),
                properties.path("ServiceToken"),
                "one function serves both");
    }

    @Test
    void withLearningTheResourceReadsTheLearnedRateWithinTheScalersBounds() {
        JsonNode properties = resources
                .get(onlyId(resources, DeployTimeResources.THRESHOLDS_TYPE))
                .path("Properties");
        String learned = onlyId(resources, "AWS::SSM::Parameter", "ScalingLearnedRate");
        assertEquals(
                JSON.valueToTree(Map.of("Ref", learned)),
                properties.path(DeployTimeResources.LEARNED_RATE_PARAMETER_NAME));
        assertEquals(
                "500",
                properties.path(DeployTimeResources.LEARNING_MIN_RATE_PER_KPU).asText());
        assertEquals(
                "2000",
                properties.path(DeployTimeResources.LEARNING_MAX_RATE_PER_KPU).asText());
        String role = deployTimeRole(resources);
        assertTrue(role.contains("ScalingDesiredCapacity"), role);
        assertTrue(role.contains(learned), "the deploy-time function may read the learned rate: " + role);
        assertFalse(role.contains("ssm:PutParameter"), role);

        JsonNode off = resources(props -> props.initialCapacity(2).rateLearning(RateLearningProps.disabled()));
        JsonNode offProperties =
                off.get(onlyId(off, DeployTimeResources.THRESHOLDS_TYPE)).path("Properties");
        assertFalse(offProperties.has(DeployTimeResources.LEARNED_RATE_PARAMETER_NAME), offProperties.toString());
        assertFalse(deployTimeRole(off).contains("LearnedRate"));
    }

    private static String onlyId(JsonNode resources, String type, String prefix) {
        List<String> ids = new ArrayList<>();
        resources.properties().forEach(entry -> {
            if (entry.getValue().path("Type").asText().equals(type)
                    && entry.getKey().startsWith(prefix)) {
                ids.add(entry.getKey());
            }
        });
        assertEquals(1, ids.size(), type + ": " + ids);
        return ids.get(0);
    }

    private static String deployTimeRole(JsonNode resources) {
        List<String> roles = new ArrayList<>();
        resources.properties().forEach(entry -> {
            if (entry.getValue().path("Type").asText().equals("AWS::IAM::Role")
                    && entry.getKey().startsWith("ScalingDeployTimeCapacityFunctionRole")) {
                roles.add(entry.getValue().toString());
            }
        });
        assertEquals(1, roles.size(), roles.toString());
        return roles.get(0);
    }

    @Test
    void theResourceCarriesEachAlarmsConfigurationButItsThreshold() {
        JsonNode alarms = resources
                .get(onlyId(resources, DeployTimeResources.THRESHOLDS_TYPE))
                .path("Properties")
                .path(DeployTimeResources.ALARMS);
        assertEquals(List.of("ScaleIn", "ScaleOut"), fieldNames(alarms));
        for (String direction : List.of("ScaleOut", "ScaleIn")) {
            JsonNode carried = alarms.path(direction);
            JsonNode alarm = alarm(resources, direction);
            assertFalse(carried.has("Threshold"), direction);
            // The L1's own values, keys in its camel case: the same references, so the same changes; but for the
            // learned rate this resource answers with, which would make it depend on itself, a fixed word there.
            String ownAttribute = "{\"Fn::GetAtt\":[\"" + onlyId(resources, DeployTimeResources.THRESHOLDS_TYPE)
                    + "\",\"" + DeployTimeResources.LEARNED_RATE_ATTRIBUTE + "\"]}";
            assertTrue(
                    alarm.path("Metrics").toString().contains(ownAttribute),
                    alarm.path("Metrics").toString());
            assertEquals(
                    lowerCaseKeys(alarm.path("Metrics"))
                            .toString()
                            .replace(ownAttribute.replace("Fn::GetAtt", "fn::getatt"), "\"learned\""),
                    lowerCaseKeys(carried.path("Metrics")).toString(),
                    direction);
            assertEquals(alarm.path("AlarmActions"), carried.path("AlarmActions"), direction);
            assertEquals(alarm.path("EvaluationPeriods"), carried.path("EvaluationPeriods"), direction);
            assertEquals(alarm.path("AlarmName"), carried.path("AlarmName"), direction);
        }
    }

    @Test
    void theSameProgramGivesTheSameResourceAndAnAlarmChangeReRunsIt() {
        JsonNode thresholds = resources.get(onlyId(resources, DeployTimeResources.THRESHOLDS_TYPE));
        JsonNode again = resources(props -> props.initialCapacity(2));
        assertEquals(thresholds, again.get(onlyId(again, DeployTimeResources.THRESHOLDS_TYPE)));
        JsonNode changed = resources(
                props -> props.initialCapacity(2).scaleOutEvaluationPeriods(2).scaleOutDatapointsToAlarm(2));
        assertNotEquals(
                thresholds.path("Properties"),
                changed.get(onlyId(changed, DeployTimeResources.THRESHOLDS_TYPE))
                        .path("Properties"));
    }

    @Test
    void theDeployTimeFunctionMayReadTheTargetsRangeAndNothingMore() {
        List<String> roles = new ArrayList<>();
        resources.properties().forEach(entry -> {
            if (entry.getValue().path("Type").asText().equals("AWS::IAM::Role")
                    && entry.getKey().startsWith("ScalingDeployTimeCapacityFunctionRole")) {
                roles.add(entry.getValue().toString());
            }
        });
        assertEquals(1, roles.size(), roles.toString());
        String role = roles.get(0);
        assertTrue(role.contains("\"Sid\":\"ReadScalableTargetMinimum\""), role);
        assertTrue(role.contains("application-autoscaling:DescribeScalableTargets"), role);
        assertFalse(role.contains("cloudwatch:"), "the alarms are written by CloudFormation, not the function");
    }

    @Test
    void aUtilizationSignalsFixedThresholdsStayInTheTemplate() {
        JsonNode utilization = resources(props -> props.scalingSignal(ScalingSignal.utilization(
                Metric.Builder.create()
                        .namespace("AWS/KinesisAnalytics")
                        .metricName("containerCPUUtilization")
                        .period(Duration.minutes(1))
                        .statistic("Maximum")
                        .build(),
                75,
                20)));
        assertEquals(List.of(), idsOf(utilization, DeployTimeResources.THRESHOLDS_TYPE));
        assertEquals(75, alarm(utilization, "ScaleOut").path("Threshold").asInt());
        assertEquals(20, alarm(utilization, "ScaleIn").path("Threshold").asInt());
    }

    private static List<String> idsOf(JsonNode resources, String type) {
        List<String> ids = new ArrayList<>();
        resources.properties().forEach(entry -> {
            if (entry.getValue().path("Type").asText().equals(type)) {
                ids.add(entry.getKey());
            }
        });
        return ids;
    }

    private static JsonNode lowerCaseKeys(JsonNode node) {
        if (node.isObject()) {
            ObjectNode lowered = JSON.createObjectNode();
            node.properties()
                    .forEach(entry ->
                            lowered.set(entry.getKey().toLowerCase(Locale.ROOT), lowerCaseKeys(entry.getValue())));
            return lowered;
        }
        if (node.isArray()) {
            ArrayNode lowered = JSON.createArrayNode();
            node.forEach(element -> lowered.add(lowerCaseKeys(element)));
            return lowered;
        }
        return node;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
