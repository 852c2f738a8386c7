package io.github.kdastepscaling.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kdastepscaling.contract.ScalerMetrics;
import io.github.kdastepscaling.examples.ExampleStack;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/**
 * The example's dashboard, resolved as CloudFormation would deploy it: every metric names a resource of the stack
 * (namespace, metric and dimensions), every alarm it shows exists, and its log widget reads the scaler's log group.
 */
class DashboardProofTest {

    private static SynthesizedStack stack;
    private static JsonNode body;
    private static final List<JsonNode> METRICS = new ArrayList<>();

    @BeforeAll
    static void synthesize() throws Exception {
        stack = SynthesizedStack.of(new ExampleStack(
                new App(), ExampleStack.STACK_NAME, StackProps.builder().build()));
        String dashboard = stack.onlyLogicalId("AWS::CloudWatch::Dashboard", "");
        body = SynthesizedStack.JSON.readTree(
                stack.properties(dashboard).path("DashboardBody").asText());
        for (JsonNode widget : body.path("widgets")) {
            for (JsonNode metric : widget.at("/properties/metrics")) {
                METRICS.add(metric);
            }
        }
    }

    /** The metrics of {@code namespace}, as [namespace, name, dimension, value, ...] arrays. */
    private static List<JsonNode> metrics(String namespace) {
        return METRICS.stream()
                .filter(m -> m.get(0).isTextual() && m.get(0).asText().equals(namespace))
                .toList();
    }

    @Test
    void theScalersMetricsAreThoseItPublishesForTheApplication() {
        Set<String> names = new HashSet<>();
        for (JsonNode metric : metrics(ScalerMetrics.NAMESPACE)) {
            assertEquals(ScalerMetrics.APPLICATION_DIMENSION, metric.get(2).asText());
            assertEquals(ExampleStack.APPLICATION_NAME, metric.get(3).asText());
            names.add(metric.get(1).asText());
        }
        assertEquals(
                Set.of(
                        ScalerMetrics.DESIRED_CAPACITY,
                        ScalerMetrics.ACTUAL_CAPACITY,
                        ScalerMetrics.MIN_CAPACITY,
                        ScalerMetrics.RESCALES,
                        ScalerMetrics.FAILED_RESCALES,
                        ScalerMetrics.THRESHOLD_FAILURES,
                        ScalerMetrics.ERRORS,
                        ScalerMetrics.DURATION,
                        ScalerMetrics.LEARNED_SCALE_OUT_PER_KPU,
                        ScalerMetrics.CONFIGURED_SCALE_OUT_PER_KPU),
                names);
    }

    @Test
    void theServiceMetricsNameTheStacksStreamApplicationAndApi() {
        String stream = stack.deployment().physicalName(stack.onlyLogicalId("AWS::Kinesis::Stream", ""));
        for (JsonNode metric : metrics("AWS/Kinesis")) {
            assertEquals("StreamName", metric.get(2).asText());
            assertEquals(stream, metric.get(3).asText());
        }
        assertEquals(Set.of("IncomingRecords", "GetRecords.IteratorAgeMilliseconds"), names(metrics("AWS/Kinesis")));
        for (JsonNode metric : metrics("AWS/KinesisAnalytics")) {
            assertEquals("Application", metric.get(2).asText());
            assertEquals(ExampleStack.APPLICATION_NAME, metric.get(3).asText());
        }
        assertEquals(Set.of("KPUs", "fullRestarts", "downtime"), names(metrics("AWS/KinesisAnalytics")));
        String api = stack.deployment().physicalName(stack.onlyLogicalId("AWS::ApiGateway::RestApi", ""));
        for (JsonNode metric : metrics("AWS/ApiGateway")) {
            assertEquals("ApiName", metric.get(2).asText());
            assertEquals(api, metric.get(3).asText());
        }
        assertEquals(Set.of("4XXError", "5XXError"), names(metrics("AWS/ApiGateway")));
    }

    @Test
    void theThresholdLinesAreTheFormulaOnTheRunningCapacityAndTheLearnedRate() {
        // The example learns: the scaler sets the thresholds from the rate it learned (configured 1000, scale-in
        // 800, so the scale-in rate is 0.8 of the learned one), which it publishes.
        List<String> expressions = METRICS.stream()
                .filter(m -> m.get(0).isObject() && m.get(0).has("expression"))
                .map(m -> m.get(0).get("expression").asText())
                .toList();
        assertTrue(expressions.contains("capacity * learned"), expressions.toString());
        assertTrue(
                expressions.contains("IF(capacity > minimum, (capacity - 1) * learned * 0.8, 0)"),
                expressions.toString());
        assertTrue(
                METRICS.stream()
                        .anyMatch(m -> m.get(0).asText().equals(ScalerMetrics.NAMESPACE)
                                && m.get(1).asText().equals(ScalerMetrics.LEARNED_SCALE_OUT_PER_KPU)
                                && m.get(m.size() - 1).path("id").asText().equals("learned")),
                "the learned rate feeds the lines");
    }

    @Test
    void everyAlarmShownExistsAndTheLogWidgetReadsTheScalersLogs() {
        Set<String> alarmArns = new HashSet<>();
        for (String id : stack.logicalIds("AWS::CloudWatch::Alarm")) {
            alarmArns.add(stack.deployment().getAtt(id, "Arn"));
        }
        for (String id : stack.logicalIds("AWS::CloudWatch::CompositeAlarm")) {
            alarmArns.add(stack.deployment().getAtt(id, "Arn"));
        }
        int shown = 0;
        for (JsonNode widget : body.path("widgets")) {
            for (JsonNode alarm : widget.at("/properties/alarms")) {
                assertTrue(alarmArns.contains(alarm.asText()), alarm.asText());
                shown++;
            }
        }
        assertEquals(3, shown);
        String scaler = stack.onlyLogicalId("AWS::Lambda::Function", "ScalerHandler::handleRequest");
        String logGroup = stack.deployment()
                .physicalName(SynthesizedStack.referencedLogicalId(stack.template()
                        .path("Resources")
                        .get(scaler)
                        .path("Properties")
                        .path("LoggingConfig")
                        .path("LogGroup")));
        String query = body.path("widgets").findValue("query").asText();
        assertTrue(query.startsWith("SOURCE '" + logGroup + "'"), query);
        assertFalse(query.isBlank());
    }

    private static Set<String> names(List<JsonNode> metrics) {
        Set<String> names = new HashSet<>();
        metrics.forEach(metric -> names.add(metric.get(1).asText()));
        return names;
    }
}
