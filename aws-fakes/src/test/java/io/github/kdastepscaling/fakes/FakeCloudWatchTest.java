package io.github.kdastepscaling.fakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterCombinationException;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MissingRequiredParameterException;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

class FakeCloudWatchTest {

    static FakeAws aws;
    static CloudWatchClient cw;

    @BeforeAll
    static void start() {
        aws = FakeAws.start();
        cw = Clients.cloudWatch(aws);
    }

    @AfterAll
    static void stop() {
        cw.close();
        aws.close();
    }

    static PutMetricAlarmRequest metricMathAlarm(String name) {
        return PutMetricAlarmRequest.builder()
                .alarmName(name)
                .alarmDescription("records per second above what the KPUs can take")
                .actionsEnabled(true)
                .alarmActions("arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:abc:resource/x:policyName/out")
                .okActions("arn:aws:sns:us-east-1:123456789012:ok")
                .insufficientDataActions(List.of())
                .evaluationPeriods(3)
                .datapointsToAlarm(2)
                .threshold(1000.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData("notBreaching")
                .metrics(
                        MetricDataQuery.builder()
                                .id("m1")
                                .returnData(false)
                                .metricStat(ms -> ms.metric(m -> m.namespace("AWS/Kinesis")
                                                .metricName("IncomingRecords")
                                                .dimensions(Dimension.builder()
                                                        .name("StreamName")
                                                        .value("orders")
                                                        .build()))
                                        .period(60)
                                        .stat("Sum"))
                                .build(),
                        MetricDataQuery.builder()
                                .id("e1")
                                .expression("m1 / 60")
                                .label("records per second")
                                .returnData(true)
                                .build())
                .build();
    }

    static MetricAlarm describe(String name) {
        DescribeAlarmsResponse r = cw.describeAlarms(d -> d.alarmNames(name));
        assertEquals(1, r.metricAlarms().size());
        return r.metricAlarms().get(0);
    }

    @Test
    void metricMathAlarmRoundTripsAndOnlyTheThresholdChanges() {
        cw.putMetricAlarm(metricMathAlarm("out"));
        MetricAlarm before = describe("out");
        assertEquals("arn:aws:cloudwatch:us-east-1:123456789012:alarm:out", before.alarmArn());
        assertEquals(StateValue.INSUFFICIENT_DATA, before.stateValue());
        assertNotNull(before.alarmConfigurationUpdatedTimestamp());
        assertEquals(2, before.metrics().size());
        MetricDataQuery m1 = before.metrics().get(0);
        assertEquals("IncomingRecords", m1.metricStat().metric().metricName());
        assertEquals("AWS/Kinesis", m1.metricStat().metric().namespace());
        assertEquals(
                List.of(Dimension.builder().name("StreamName").value("orders").build()),
                m1.metricStat().metric().dimensions());
        assertEquals("Sum", m1.metricStat().stat());
        assertEquals(60, m1.metricStat().period());
        assertFalse(m1.returnData());
        assertEquals("m1 / 60", before.metrics().get(1).expression());
        assertNull(before.metricName());
        assertNull(before.period());
        aws.cloudWatch().setAlarmState("out", "ALARM");

        // what a careful scaler does: copy every field back, change one
        cw.putMetricAlarm(PutMetricAlarmRequest.builder()
                .alarmName(before.alarmName())
                .alarmDescription(before.alarmDescription())
                .actionsEnabled(before.actionsEnabled())
                .okActions(before.okActions())
                .alarmActions(before.alarmActions())
                .insufficientDataActions(before.insufficientDataActions())
                .metricName(before.metricName())
                .namespace(before.namespace())
                .statistic(before.statistic())
                .extendedStatistic(before.extendedStatistic())
                .dimensions(before.dimensions())
                .period(before.period())
                .unit(before.unit())
                .evaluationPeriods(before.evaluationPeriods())
                .datapointsToAlarm(before.datapointsToAlarm())
                .threshold(2000.0)
                .comparisonOperator(before.comparisonOperator())
                .treatMissingData(before.treatMissingData())
                .evaluateLowSampleCountPercentile(before.evaluateLowSampleCountPercentile())
                .metrics(before.metrics())
                .thresholdMetricId(before.thresholdMetricId())
                .build());

        MetricAlarm after = describe("out");
        assertEquals(2000.0, after.threshold());
        assertEquals(StateValue.ALARM, after.stateValue(), "replacing an alarm keeps its state");
        MetricAlarm expected = before.toBuilder()
                .threshold(2000.0)
                .stateValue(after.stateValue())
                .stateReason(after.stateReason())
                .stateUpdatedTimestamp(after.stateUpdatedTimestamp())
                .alarmConfigurationUpdatedTimestamp(after.alarmConfigurationUpdatedTimestamp())
                .build();
        assertEquals(expected, after);
        assertEquals(2, aws.cloudWatch().putCount("out"));

        Alarm stored = aws.cloudWatch().alarm("out").orElseThrow();
        assertEquals(2000.0, stored.threshold());
        assertEquals("notBreaching", stored.treatMissingData());
        assertEquals(
                new Alarm.Metric(
                        "AWS/Kinesis", "IncomingRecords", List.of(new Alarm.Dimension("StreamName", "orders"))),
                stored.metrics().get(0).metricStat().metric());
    }

    @Test
    void putReplacesWholesaleClearingFieldsNotSent() {
        cw.putMetricAlarm(metricMathAlarm("wholesale"));
        cw.putMetricAlarm(r -> r.alarmName("wholesale")
                .evaluationPeriods(1)
                .threshold(5.0)
                .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                .metricName("KPUs")
                .namespace("AWS/KinesisAnalytics")
                .statistic(Statistic.MAXIMUM)
                .period(300)
                .dimensions(
                        Dimension.builder().name("Application").value("orders").build()));
        Alarm a = aws.cloudWatch().alarm("wholesale").orElseThrow();
        assertNull(a.alarmDescription());
        assertTrue(a.alarmActions().isEmpty());
        assertTrue(a.okActions().isEmpty());
        assertTrue(a.metrics().isEmpty());
        assertNull(a.treatMissingData());
        assertNull(a.datapointsToAlarm());
        assertEquals(Boolean.TRUE, a.actionsEnabled(), "CloudWatch defaults ActionsEnabled to true");
        assertEquals(300, a.period());
        MetricAlarm described = describe("wholesale");
        assertEquals(Statistic.MAXIMUM, described.statistic());
        assertEquals("Application", described.dimensions().get(0).name());
    }

    @Test
    void describeOmitsMissingNamesAndListsAllWithoutNames() {
        aws.cloudWatch()
                .putAlarm(Alarm.builder("listed-a")
                        .metricName("x")
                        .namespace("n")
                        .statistic("Sum")
                        .period(60)
                        .evaluationPeriods(1)
                        .threshold(1.0)
                        .comparisonOperator("GreaterThanThreshold")
                        .build());
        aws.cloudWatch()
                .putAlarm(Alarm.builder("listed-b")
                        .metricName("x")
                        .namespace("n")
                        .statistic("Sum")
                        .period(60)
                        .evaluationPeriods(1)
                        .threshold(1.0)
                        .comparisonOperator("GreaterThanThreshold")
                        .build());
        DescribeAlarmsResponse some = cw.describeAlarms(d -> d.alarmNames("listed-a", "no-such-alarm"));
        assertEquals(
                List.of("listed-a"),
                some.metricAlarms().stream().map(MetricAlarm::alarmName).toList());
        DescribeAlarmsResponse all = cw.describeAlarms();
        assertTrue(all.metricAlarms().stream()
                .map(MetricAlarm::alarmName)
                .toList()
                .containsAll(List.of("listed-a", "listed-b")));
        assertEquals(0, aws.cloudWatch().putCount("listed-a"), "test-side puts are not counted");
        assertEquals(StateValue.INSUFFICIENT_DATA, describe("listed-b").stateValue());
    }

    @Test
    void deleteAlarms() {
        cw.putMetricAlarm(metricMathAlarm("doomed"));
        cw.deleteAlarms(r -> r.alarmNames("doomed"));
        assertTrue(aws.cloudWatch().alarm("doomed").isEmpty());
        cw.putMetricAlarm(metricMathAlarm("kept"));
        // the SDK maps the code ResourceNotFound to DashboardNotFoundErrorException: check the code, not the class
        CloudWatchException e =
                assertThrows(CloudWatchException.class, () -> cw.deleteAlarms(r -> r.alarmNames("kept", "doomed")));
        assertEquals("ResourceNotFound", e.awsErrorDetails().errorCode());
        assertEquals(404, e.statusCode());
        assertTrue(aws.cloudWatch().alarm("kept").isPresent(), "nothing is deleted when one name is unknown");
    }

    @Test
    void disableAndEnableAlarmActionsChangeOnlyActionsEnabledAndIgnoreUnknownNames() {
        cw.putMetricAlarm(metricMathAlarm("muted"));
        aws.cloudWatch().setAlarmState("muted", "ALARM");
        cw.disableAlarmActions(r -> r.alarmNames("muted", "no-such-alarm"));
        MetricAlarm disabled = describe("muted");
        assertFalse(disabled.actionsEnabled());
        assertEquals(1000.0, disabled.threshold());
        assertEquals(StateValue.ALARM, disabled.stateValue(), "the state is kept");
        assertEquals(1, disabled.alarmActions().size(), "the actions are kept, only not run");
        assertTrue(aws.cloudWatch().alarm("no-such-alarm").isEmpty(), "an unknown name creates nothing");
        // PutMetricAlarm sends ActionsEnabled back as described: a threshold change keeps the alarm muted
        cw.putMetricAlarm(metricMathAlarm("muted").toBuilder()
                .actionsEnabled(disabled.actionsEnabled())
                .threshold(2000.0)
                .build());
        assertFalse(describe("muted").actionsEnabled());
        cw.enableAlarmActions(r -> r.alarmNames("muted"));
        assertTrue(describe("muted").actionsEnabled());
        assertEquals(2000.0, describe("muted").threshold());
    }

    @Test
    void failsMetricsCombinedWithMetricName() {
        InvalidParameterCombinationException e = assertThrows(
                InvalidParameterCombinationException.class,
                () -> cw.putMetricAlarm(metricMathAlarm("bad").toBuilder()
                        .metricName("IncomingRecords")
                        .build()));
        assertTrue(e.getMessage().contains("Metrics"), e.getMessage());
        assertTrue(aws.cloudWatch().alarm("bad").isEmpty());
    }

    @Test
    void failsWithoutEvaluationPeriods() {
        assertThrows(
                MissingRequiredParameterException.class,
                () -> cw.putMetricAlarm(metricMathAlarm("bad2").toBuilder()
                        .evaluationPeriods(null)
                        .build()));
    }
}
