package io.github.kdastepscaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.kinesis.Stream;

/**
 * Issue 24 and 25: the job-health metrics follow the application's runtime (Flink 2.2 renamed them), the default lag
 * of an imported stream is the application's own, every alarm links to its runbook entry, and the runbook's names are
 * stack outputs.
 */
class JobHealthAndRunbookTest {

    /** Names AWS lists as removed (fullRestarts) or deprecated (uptime, downtime) for Flink 2.2. */
    private static final List<String> NOT_ON_FLINK_2_2 = List.of("fullRestarts", "uptime", "downtime");

    private static String json(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Template template(FlinkRuntime runtime) {
        Stack stack = TestStacks.stack("Runtime");
        new KdaStepScaling(
                stack,
                "Scaling",
                KdaStepScalingProps.builder()
                        .applicationProps(
                                TestStacks.application(stack).runtime(runtime).build())
                        .build());
        return Template.fromStack(stack);
    }

    /** The alarms and dashboard of a template, as JSON text. */
    private static String alarmsAndDashboard(Template template) {
        return json(template.findResources("AWS::CloudWatch::Alarm"))
                + json(template.findResources("AWS::CloudWatch::Dashboard"));
    }

    private static boolean namesMetric(String text, String metric) {
        // In alarms the name is a JSON value; in the dashboard's body it is an escaped string in an array.
        return text.contains("\"MetricName\":\"" + metric + "\"") || text.contains("\\\"" + metric + "\\\"");
    }

    @Test
    void aFlink22ApplicationsDashboardAndAlarmsNameOnlyMetricsThatExistOn22() {
        String text = alarmsAndDashboard(template(FlinkRuntime.FLINK_2_2));
        for (String removed : NOT_ON_FLINK_2_2) {
            assertFalse(namesMetric(text, removed), removed + " in " + text);
        }
        for (String present : List.of("numRestarts", "runningTime", "restartingTime", "failingTime")) {
            assertTrue(namesMetric(text, present), present + " missing");
        }
    }

    @Test
    void aFlink1ApplicationStillShowsRestartsAndDowntime() {
        String text = alarmsAndDashboard(template(FlinkRuntime.FLINK_1_20));
        for (String present : List.of("fullRestarts", "downtime", "uptime")) {
            assertTrue(namesMetric(text, present), present + " missing");
        }
        assertFalse(namesMetric(text, "numRestarts"));
        assertFalse(namesMetric(text, "runningTime"));
    }

    @Test
    void anUnknownRuntimeGetsTheNewestFamilyWithAWarning() {
        Stack stack = TestStacks.stack("Unknown");
        new KdaStepScaling(
                stack,
                "Scaling",
                KdaStepScalingProps.builder()
                        .applicationProps(TestStacks.application(stack)
                                .runtime(FlinkRuntime.of("FLINK-2_3"))
                                .build())
                        .build());
        Annotations.fromStack(stack)
                .hasWarning(
                        "/Unknown/Scaling",
                        Match.stringLikeRegexp(".*FLINK-2_3.*not one this library knows.*numRestarts.*"));
        String text = alarmsAndDashboard(Template.fromStack(stack));
        assertTrue(namesMetric(text, "numRestarts"));
        assertFalse(namesMetric(text, "fullRestarts"));
    }

    @Test
    void theFamiliesFollowTheKnownRuntimes() {
        assertEquals(FlinkJobMetrics.Family.FLINK_1, FlinkJobMetrics.knownFamily(FlinkRuntime.FLINK_1_15));
        assertEquals(FlinkJobMetrics.Family.FLINK_1, FlinkJobMetrics.knownFamily(FlinkRuntime.of("FLINK-1_13")));
        assertEquals(FlinkJobMetrics.Family.FLINK_2, FlinkJobMetrics.knownFamily(FlinkRuntime.FLINK_2_2));
        assertEquals(null, FlinkJobMetrics.knownFamily(FlinkRuntime.of("FLINK-2_3")));
    }

    @Test
    void anImportedStreamsGuardWatchesTheApplicationsOwnLag() {
        Stack stack = TestStacks.stack("Imported");
        new KdaStepScaling(
                stack,
                "Scaling",
                KdaStepScalingProps.builder()
                        .existingStream(Stream.fromStreamArn(
                                stack, "Source", "arn:aws:kinesis:eu-west-1:123456789012:stream/clicks"))
                        .existingApplicationName("clicks-job")
                        .build());
        Template template = Template.fromStack(stack);
        String lagAlarm = json(template.findResources(
                "AWS::CloudWatch::Alarm",
                Match.objectLike(Map.of(
                        "Properties", Match.objectLike(Map.of("AlarmName", Match.stringLikeRegexp(".*LagGuard.*")))))));
        assertTrue(lagAlarm.contains("\"MetricName\":\"millisBehindLatest\""), lagAlarm);
        assertTrue(lagAlarm.contains("\"Namespace\":\"AWS/KinesisAnalytics\""), lagAlarm);
        assertTrue(lagAlarm.contains("{\"Name\":\"Application\",\"Value\":\"clicks-job\"}"), lagAlarm);
        assertTrue(lagAlarm.contains("{\"Name\":\"Flow\",\"Value\":\"Input\"}"), lagAlarm);
        assertTrue(lagAlarm.contains("{\"Name\":\"Id\",\"Value\":\"clicks\"}"), lagAlarm);
        assertFalse(lagAlarm.contains("IteratorAgeMilliseconds"), lagAlarm);
        // Not behind on -1 (no report yet) nor on a missing minute (a restart): >= a positive bound, notBreaching.
        assertTrue(lagAlarm.contains("\"ComparisonOperator\":\"GreaterThanOrEqualToThreshold\""), lagAlarm);
        assertTrue(lagAlarm.contains("\"TreatMissingData\":\"notBreaching\""), lagAlarm);
        // An existing application's runtime is not known: both families, combined.
        String text = alarmsAndDashboard(template);
        assertTrue(namesMetric(text, "fullRestarts") && namesMetric(text, "numRestarts"), text);
    }

    @Test
    void aCreatedStreamsGuardKeepsTheIteratorAge() {
        String lagAlarm = json(template(FlinkRuntime.FLINK_1_20)
                .findResources(
                        "AWS::CloudWatch::Alarm",
                        Match.objectLike(Map.of(
                                "Properties",
                                Match.objectLike(Map.of("AlarmName", Match.stringLikeRegexp(".*LagGuard.*")))))));
        assertTrue(lagAlarm.contains("GetRecords.IteratorAgeMilliseconds"), lagAlarm);
    }

    @Test
    void everyAlarmLinksToAnEntryOfTheRunbook() throws IOException {
        String runbook = Files.readString(Path.of("../docs/runbook.md"));
        // GitHub's anchor of a heading: lowercase, punctuation dropped, spaces as hyphens.
        Set<String> anchors = Pattern.compile("(?m)^#+ (.+)$")
                .matcher(runbook)
                .results()
                .map(m -> m.group(1)
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9 -]", "")
                        .replace(' ', '-'))
                .collect(Collectors.toSet());
        Template template = template(FlinkRuntime.FLINK_1_20);
        Map<String, Map<String, Object>> alarms = new HashMap<>(template.findResources("AWS::CloudWatch::Alarm"));
        alarms.putAll(template.findResources("AWS::CloudWatch::CompositeAlarm"));
        assertEquals(17, alarms.size(), alarms.keySet().toString());
        Pattern link = Pattern.compile(Pattern.quote(Runbook.URL) + "#([a-z-]+)");
        for (Map.Entry<String, Map<String, Object>> alarm : alarms.entrySet()) {
            Matcher found = link.matcher(json(alarm.getValue()));
            assertTrue(found.find(), alarm.getKey() + " has no runbook link");
            assertTrue(
                    anchors.contains(found.group(1)),
                    alarm.getKey() + ": no entry #" + found.group(1) + " in docs/runbook.md (" + anchors + ")");
        }
    }

    /** The health alarm's child {@code id}, as JSON text. */
    private static String child(Template template, String id) {
        return template.findResources("AWS::CloudWatch::Alarm").entrySet().stream()
                .filter(alarm -> alarm.getKey().matches("ScalingScalerHealth" + id + "[0-9A-F]{8}"))
                .map(alarm -> json(alarm.getValue()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(id));
    }

    @Test
    void theThresholdFailureAndNoDecisionChildrenCountReconcileIntervals() {
        Stack stack = TestStacks.stack("Interval");
        TestStacks.construct(stack, props -> props.reconcileInterval(Duration.minutes(5)));
        Template template = Template.fromStack(stack);
        String thresholds = child(template, "ThresholdFailures");
        for (String expected : List.of("\"Period\":300", "\"EvaluationPeriods\":3", "\"DatapointsToAlarm\":3")) {
            assertTrue(thresholds.contains(expected), expected + " in " + thresholds);
        }
        String silent = child(template, "NoDecisions");
        for (String expected : List.of(
                "\"MetricName\":\"ScheduledDecisions\"",
                "\"Period\":300",
                "\"Stat\":\"Sum\"",
                "\"EvaluationPeriods\":3",
                "\"TreatMissingData\":\"breaching\"")) {
            assertTrue(silent.contains(expected), expected + " in " + silent);
        }
    }

    @Test
    void theStateDriftChildrenCountTheReconcilesFindings() {
        Stack stack = TestStacks.stack("Drift");
        TestStacks.construct(stack, props -> props.reconcileInterval(Duration.minutes(2)));
        Template template = Template.fromStack(stack);
        Map<String, String> datapoints = Map.of(
                "DesiredCapacityParameterMissing", "2", "ScalableTargetMissing", "3", "AlarmsMissingOrDisabled", "3");
        datapoints.forEach((id, m) -> {
            String child = child(template, id);
            for (String expected : List.of(
                    "\"MetricName\":\"" + id + "\"",
                    "\"Namespace\":\"KdaStepScaling\"",
                    "\"Period\":120",
                    "\"Statistic\":\"Maximum\"",
                    "\"EvaluationPeriods\":3",
                    "\"DatapointsToAlarm\":" + m,
                    "\"TreatMissingData\":\"notBreaching\"",
                    "\"ComparisonOperator\":\"GreaterThanOrEqualToThreshold\"")) {
                assertTrue(child.contains(expected), expected + " in " + child);
            }
        });
        String health = json(template.findResources("AWS::CloudWatch::CompositeAlarm"));
        for (String id : datapoints.keySet()) {
            assertTrue(health.matches("(?s).*ScalingScalerHealth" + id + "[0-9A-F]{8}.*"), id + " in " + health);
        }
    }

    @Test
    void oneEventIsNotAnIncident() {
        Template template = template(FlinkRuntime.FLINK_1_20);
        for (String id : List.of("Errors", "FunctionErrors", "DeadLetters", "EndpointThrottles")) {
            assertTrue(child(template, id).contains("\"DatapointsToAlarm\":2"), id);
        }
        assertTrue(child(template, "FailedRescales").contains("\"DatapointsToAlarm\":1"));
        String restarts = child(template, "JobRestarts");
        assertTrue(
                restarts.contains("IF(DIFF(restarts) > 0, 1, 0)")
                        && restarts.contains("\"EvaluationPeriods\":60")
                        && restarts.contains("\"DatapointsToAlarm\":" + ObservabilityFactory.RESTART_MINUTES_PER_HOUR),
                restarts);
        String notRunning = child(template, "JobNotRunning");
        assertTrue(
                notRunning.contains("\"MetricName\":\"uptime\"")
                        && notRunning.contains("\"TreatMissingData\":" + "\"breaching\"")
                        && notRunning.contains("\"ComparisonOperator\":\"LessThanThreshold\""),
                notRunning);
    }

    @Test
    void throttlingIsCountedFromTheAccessLog() {
        Template template = template(FlinkRuntime.FLINK_1_20);
        template.hasResourceProperties(
                "AWS::Logs::MetricFilter", Match.objectLike(Map.of("FilterPattern", "{ $.status = \"429\" }")));
        String alarm = child(template, "EndpointThrottles");
        assertTrue(alarm.contains("EndpointThrottles-") && alarm.contains("\"Namespace\":\"KdaStepScaling\""), alarm);
    }

    @Test
    void theRunbooksNamesAreStackOutputs() {
        Map<String, Map<String, Object>> outputs =
                template(FlinkRuntime.FLINK_1_20).findOutputs("*");
        for (String name : List.of(
                "DesiredCapacityParameterName",
                "LastRescaleParameterName",
                "LearnedRateParameterName",
                "DeadLetterQueueName",
                "ScalerLogGroupName",
                "DecisionsQueryName",
                "ApplicationName",
                "ScalableTargetResourceId")) {
            assertTrue(
                    outputs.keySet().stream().anyMatch(id -> id.startsWith("ScalingOutputs" + name)),
                    name + " in " + outputs.keySet());
        }
    }
}
