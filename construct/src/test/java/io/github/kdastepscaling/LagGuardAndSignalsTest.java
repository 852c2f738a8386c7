package io.github.kdastepscaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.kdastepscaling.contract.ScalerEnvironment;
import io.github.kdastepscaling.policy.ScalingStep;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;

/** The lag guard's alarm and policy, and the alarms, steps and scaler variables of each signal kind. */
class LagGuardAndSignalsTest {

    private static final Metric CPU = Metric.Builder.create()
            .namespace("AWS/KinesisAnalytics")
            .metricName("containerCPUUtilization")
            .dimensionsMap(Map.of("Application", "app"))
            .statistic("Average")
            .period(Duration.minutes(1))
            .build();
    private static final Metric ORDERS = Metric.Builder.create()
            .namespace("Shop")
            .metricName("OrdersPerSecond")
            .statistic("Average")
            .period(Duration.minutes(1))
            .build();

    private record Synth(KdaStepScaling scaling, Template template) {}

    private static Synth synth(Consumer<KdaStepScalingProps.Builder> customize) {
        Stack stack = TestStacks.stack("Signals");
        KdaStepScaling scaling = TestStacks.construct(stack, customize);
        return new Synth(scaling, Template.fromStack(stack));
    }

    private static String failure(Consumer<KdaStepScalingProps.Builder> customize) {
        Stack stack = TestStacks.stack("Invalid");
        return assertThrows(IllegalArgumentException.class, () -> TestStacks.construct(stack, customize))
                .getMessage();
    }

    private static Map<String, Object> alarm(Synth synth, Alarm alarm) {
        String id = KdaStepScalingDefaultsTest.logicalId(alarm);
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>)
                (synth.template().findResources("AWS::CloudWatch::Alarm").get(id)).get("Properties");
        return properties;
    }

    private static Map<String, Object> variables(Synth synth) {
        Capture variables = new Capture();
        synth.template()
                .hasResourceProperties(
                        "AWS::Lambda::Function",
                        Match.objectLike(Map.of(
                                "Handler", ScalerFunction.HANDLER, "Environment", Map.of("Variables", variables))));
        return variables.asObject();
    }

    @Test
    void theLagGuardAddsCapacityInStepsOfTheBoundAndAggregatesWithMaximum() {
        Synth synth = synth(props -> {});

        synth.template()
                .hasResourceProperties(
                        "AWS::CloudWatch::Alarm",
                        Match.objectLike(
                                Map.of(
                                        "AlarmName",
                                        KdaStepScalingDefaultsTest.alarmName(
                                                synth.scaling().getLagAlarm()),
                                        "ComparisonOperator",
                                        "GreaterThanOrEqualToThreshold",
                                        "Threshold",
                                        300000,
                                        "EvaluationPeriods",
                                        3,
                                        "DatapointsToAlarm",
                                        3,
                                        "TreatMissingData",
                                        "notBreaching",
                                        "AlarmActions",
                                        List.of(Map.of(
                                                "Ref",
                                                KdaStepScalingDefaultsTest.logicalId(
                                                        synth.scaling().getLagPolicy()))),
                                        "Metrics",
                                        List.of(
                                                Match.objectLike(Map.of(
                                                        "ReturnData",
                                                        true,
                                                        "Expression",
                                                        "IF(lag >= 300000 AND (FILL(DIFF(lag), 0) > -10000 OR lag + 3 * FILL(DIFF(lag), 0) >= 300000), "
                                                                + "lag, 0)")),
                                                Match.objectLike(
                                                        Map.of(
                                                                "Id",
                                                                "lag",
                                                                "ReturnData",
                                                                false,
                                                                "MetricStat",
                                                                Map.of(
                                                                        "Period",
                                                                        60,
                                                                        "Stat",
                                                                        "Maximum",
                                                                        "Metric",
                                                                        Map.of(
                                                                                "Namespace",
                                                                                "AWS/Kinesis",
                                                                                "MetricName",
                                                                                "GetRecords.IteratorAgeMilliseconds",
                                                                                "Dimensions",
                                                                                List.of(
                                                                                        Map.of(
                                                                                                "Name",
                                                                                                "StreamName",
                                                                                                "Value",
                                                                                                Map.of(
                                                                                                        "Ref",
                                                                                                        KdaStepScalingDefaultsTest
                                                                                                                .logicalId(
                                                                                                                        synth.scaling()
                                                                                                                                .getStream()))))))))))));
        synth.template()
                .hasResourceProperties(
                        "AWS::ApplicationAutoScaling::ScalingPolicy",
                        Match.objectLike(Map.of(
                                "PolicyType",
                                "StepScaling",
                                "StepScalingPolicyConfiguration",
                                Map.of(
                                        "AdjustmentType",
                                        "ChangeInCapacity",
                                        "MetricAggregationType",
                                        "Maximum",
                                        "Cooldown",
                                        900,
                                        "StepAdjustments",
                                        List.of(
                                                Map.of(
                                                        "MetricIntervalLowerBound",
                                                        0,
                                                        "MetricIntervalUpperBound",
                                                        300000,
                                                        "ScalingAdjustment",
                                                        1),
                                                Map.of(
                                                        "MetricIntervalLowerBound",
                                                        300000,
                                                        "MetricIntervalUpperBound",
                                                        900000,
                                                        "ScalingAdjustment",
                                                        2),
                                                Map.of("MetricIntervalLowerBound", 900000, "ScalingAdjustment", 4))))));
    }

    @Test
    void theLagGuardIsTunableAndCanUseTheApplicationsMillisBehindLatest() {
        Synth synth = synth(props -> props.lagGuard(LagGuardProps.builder()
                .lagMetric(LagMetric.millisBehindLatest())
                .maxLag(Duration.minutes(2))
                .evaluationPeriods(3)
                .datapointsToAlarm(2)
                .steps(List.of(ScalingStep.between(0, 2, 2), ScalingStep.from(2, 5)))
                .cooldown(Duration.minutes(4))
                .build()));

        Map<String, Object> lag = alarm(synth, synth.scaling().getLagAlarm());
        assertEquals(120000, ((Number) lag.get("Threshold")).intValue());
        assertEquals(3, lag.get("EvaluationPeriods"));
        assertEquals(2, lag.get("DatapointsToAlarm"));
        String metrics = KdaStepScalingDefaultsTest.json(lag.get("Metrics"));
        assertEquals(true, metrics.contains("\"MetricName\":\"millisBehindLatest\""), metrics);
        assertEquals(true, metrics.contains("\"Namespace\":\"AWS/KinesisAnalytics\""), metrics);
        assertEquals(true, metrics.contains("{\"Name\":\"Flow\",\"Value\":\"Input\"}"), metrics);
        synth.template()
                .hasResourceProperties(
                        "AWS::ApplicationAutoScaling::ScalingPolicy",
                        Match.objectLike(Map.of(
                                "StepScalingPolicyConfiguration",
                                Match.objectLike(Map.of(
                                        "MetricAggregationType",
                                        "Maximum",
                                        "Cooldown",
                                        240,
                                        "StepAdjustments",
                                        List.of(
                                                Map.of(
                                                        "MetricIntervalLowerBound",
                                                        0,
                                                        "MetricIntervalUpperBound",
                                                        240000,
                                                        "ScalingAdjustment",
                                                        2),
                                                Map.of(
                                                        "MetricIntervalLowerBound",
                                                        240000,
                                                        "ScalingAdjustment",
                                                        5)))))));
        String scaleIn =
                KdaStepScalingDefaultsTest.json(alarm(synth, synth.scaling().getScaleInAlarm()));
        assertEquals(true, scaleIn.contains("IF(FILL(lag, 0) >= 120000, 1000000000000000, signal)"), scaleIn);
    }

    @Test
    void theScalerIsToldTheLagAlarmsNameAndMayDescribeThatAlarmOnly() {
        Synth synth = synth(props -> {});
        String lagAlarm = KdaStepScalingDefaultsTest.alarmName(synth.scaling().getLagAlarm());

        assertEquals(lagAlarm, variables(synth).get(ScalerEnvironment.LAG_ALARM_NAME));
        String policy = KdaStepScalingDefaultsTest.json(synth.template()
                .findResources(
                        "AWS::IAM::Role",
                        Match.objectLike(Map.of(
                                "Properties",
                                Match.objectLike(Map.of(
                                        "Description", Match.stringLikeRegexp("Rescales one Flink application.*")))))));
        Matcher statement = Pattern.compile(
                        "\\{\"Action\":\"cloudwatch:DescribeAlarms\",\"Effect\":\"Allow\",\"Resource\":(.*?),"
                                + "\"Sid\":\"CheckLagAlarm\"\\}")
                .matcher(policy);
        assertEquals(true, statement.find(), policy);
        assertEquals(true, statement.group(1).contains(":alarm:" + lagAlarm + "\""), statement.group(1));
        assertFalse(statement.group(1).contains("\"*\""), statement.group(1));
    }

    @Test
    void withTheGuardOffThereIsNoLagAlarmAndScaleInWatchesTheLoadAlone() {
        Synth synth = synth(props -> props.lagGuard(LagGuardProps.disabled()));

        synth.template().resourceCountIs("AWS::ApplicationAutoScaling::ScalingPolicy", 2);
        assertNull(synth.scaling().getLagAlarm());
        assertNull(variables(synth).get(ScalerEnvironment.LAG_ALARM_NAME));
        assertFalse(KdaStepScalingDefaultsTest.json(synth.template().findResources("AWS::IAM::Role"))
                .contains("CheckLagAlarm"));
        assertNull(synth.scaling().getLagPolicy());
        assertNull(synth.scaling().metricLag());
        String scaleIn = KdaStepScalingDefaultsTest.json(
                alarm(synth, synth.scaling().getScaleInAlarm()).get("Metrics"));
        assertFalse(scaleIn.contains("IF("), scaleIn);
        assertFalse(synth.scaling().getScalingPolicy().lagGuard().enabled());
    }

    @Test
    void incomingBytesThresholdsAndStepsAreInBytesPerKpu() {
        Synth synth = synth(props -> props.scalingSignal(ScalingSignal.incomingBytes(1_000_000, 900_000))
                .initialCapacity(2));

        Map<String, Object> scaleOut = alarm(synth, synth.scaling().getScaleOutAlarm());
        assertEquals(2_000_000, (int) FirstDeploy.threshold(synth.template(), scaleOut.get("Threshold")));
        String metrics = KdaStepScalingDefaultsTest.json(scaleOut.get("Metrics"));
        assertEquals(true, metrics.contains("\"Expression\":\"FILL(bytes, 0) / 60\""), metrics);
        assertEquals(true, metrics.contains("\"MetricName\":\"IncomingBytes\""), metrics);
        assertEquals(900_000, (int) FirstDeploy.threshold(
                synth.template(),
                alarm(synth, synth.scaling().getScaleInAlarm()).get("Threshold")));
        synth.template()
                .hasResourceProperties(
                        "AWS::ApplicationAutoScaling::ScalingPolicy",
                        Match.objectLike(Map.of(
                                "StepScalingPolicyConfiguration",
                                Match.objectLike(Map.of(
                                        "MetricAggregationType",
                                        "Average",
                                        "StepAdjustments",
                                        Match.arrayWith(List.of(Map.of(
                                                "MetricIntervalLowerBound",
                                                0,
                                                "MetricIntervalUpperBound",
                                                1_000_000,
                                                "ScalingAdjustment",
                                                1))))))));
        Map<String, Object> env = variables(synth);
        assertEquals("INCOMING_BYTES", env.get(ScalerEnvironment.SIGNAL_KIND));
        assertEquals("1000000", env.get(ScalerEnvironment.SCALE_OUT_PER_KPU));
        assertEquals("900000", env.get(ScalerEnvironment.SCALE_IN_PER_KPU));
    }

    @Test
    void aLoadMetricKeepsItsOwnMetricAndDoesNotScaleInOnMissingData() {
        Synth synth = synth(props -> props.scalingSignal(ScalingSignal.load(ORDERS, 50, 40))
                .minCapacity(2)
                .initialCapacity(3));

        Map<String, Object> scaleOut = alarm(synth, synth.scaling().getScaleOutAlarm());
        assertEquals(150, (int) FirstDeploy.threshold(synth.template(), scaleOut.get("Threshold")));
        assertEquals("OrdersPerSecond", scaleOut.get("MetricName"));
        Map<String, Object> scaleIn = alarm(synth, synth.scaling().getScaleInAlarm());
        assertEquals(80, (int) FirstDeploy.threshold(synth.template(), scaleIn.get("Threshold")));
        assertEquals("notBreaching", scaleIn.get("TreatMissingData"));
        assertEquals(
                true, KdaStepScalingDefaultsTest.json(scaleIn.get("Metrics")).contains("OrdersPerSecond"));
        assertEquals("LOAD", variables(synth).get(ScalerEnvironment.SIGNAL_KIND));
    }

    @Test
    void aUtilizationSignalHasFixedThresholdsAndGivesTheScalerNothingToReSet() {
        Synth synth = synth(props ->
                props.scalingSignal(ScalingSignal.utilization(CPU, 75, 40, 5)).initialCapacity(4));

        assertEquals(
                75, ((Number) alarm(synth, synth.scaling().getScaleOutAlarm()).get("Threshold")).intValue());
        assertEquals(40, (int) FirstDeploy.threshold(
                synth.template(),
                alarm(synth, synth.scaling().getScaleInAlarm()).get("Threshold")));
        synth.template()
                .hasResourceProperties(
                        "AWS::ApplicationAutoScaling::ScalingPolicy",
                        Match.objectLike(Map.of(
                                "StepScalingPolicyConfiguration",
                                Match.objectLike(Map.of(
                                        "StepAdjustments",
                                        Match.arrayWith(List.of(Map.of(
                                                "MetricIntervalLowerBound",
                                                5,
                                                "MetricIntervalUpperBound",
                                                10,
                                                "ScalingAdjustment",
                                                2))))))));
        Map<String, Object> env = variables(synth);
        assertEquals("UTILIZATION", env.get(ScalerEnvironment.SIGNAL_KIND));
        assertFalse(env.containsKey(ScalerEnvironment.SCALE_OUT_PER_KPU));
        assertFalse(env.containsKey(ScalerEnvironment.SCALE_IN_PER_KPU));
    }

    @Test
    void missingSignalValuesAndMetricsAreNamed() {
        assertEquals(
                "scalingSignal.scaleOutBytesPerSecondPerKpu is required",
                assertThrows(IllegalArgumentException.class, () -> ScalingSignal.incomingBytes(null, 900))
                        .getMessage());
        assertEquals(
                "scalingSignal.metric is required",
                assertThrows(IllegalArgumentException.class, () -> ScalingSignal.utilization(null, 75, 40))
                        .getMessage());
        assertEquals(
                "lagGuard.lagMetric has a period of 5 minutes; it must be 1 minute: the alarms evaluate "
                        + "one-minute periods",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> LagMetric.of(ORDERS.with(MetricOptions.builder()
                                        .period(Duration.minutes(5))
                                        .build())))
                        .getMessage());
    }

    @Test
    void wrongSignalAndGuardPropsFailAtSynthesisNamingThePropAndTheValue() {
        assertEquals(
                "scaleOutRecordsPerSecondPerKpu (800) applies to the incomingRecords signal only; "
                        + "scalingSignal is incomingBytes, which carries its own scaleOutBytesPerSecondPerKpu and "
                        + "scaleInBytesPerSecondPerKpu",
                failure(props -> props.scalingSignal(ScalingSignal.incomingBytes(1000, 900))
                        .scaleOutRecordsPerSecondPerKpu(800)));
        assertEquals(
                "scaleInBytesPerSecondPerKpu (1000) must be below scaleOutBytesPerSecondPerKpu (1000), or every "
                        + "scale-in would be followed by a scale-out",
                failure(props -> props.scalingSignal(ScalingSignal.incomingBytes(1000, 1000))));
        assertEquals(
                "scaleInBelow (80) must be below scaleOutAbove (75), or every scale-in would be followed by a "
                        + "scale-out",
                failure(props -> props.scalingSignal(ScalingSignal.utilization(CPU, 75, 80))));
        assertEquals(
                "scalingSignal.metric has a period of 5 minutes; it must be 1 minute: the alarms evaluate "
                        + "one-minute periods",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> ScalingSignal.load(
                                        ORDERS.with(MetricOptions.builder()
                                                .period(Duration.minutes(5))
                                                .build()),
                                        10,
                                        5))
                        .getMessage());
        assertEquals(
                "lagGuard.maxLag (30 s) must be between 60 s (one alarm period) and 86400 s (one day)",
                failure(props -> props.lagGuard(
                        LagGuardProps.builder().maxLag(Duration.seconds(30)).build())));
        assertEquals(
                "lagGuard.datapointsToAlarm (4) must be between 1 and lagGuard.evaluationPeriods (3)",
                failure(props -> props.lagGuard(
                        LagGuardProps.builder().datapointsToAlarm(4).build())));
        assertEquals(
                "lagGuard.cooldown (60 s) must be at least expectedRestartDuration (120 s): a rescale restarts "
                        + "the job, and a policy that acts again before the restart is over stacks restarts on a "
                        + "capacity that has not landed yet",
                failure(props -> props.lagGuard(
                        LagGuardProps.builder().cooldown(Duration.minutes(1)).build())));
        assertEquals(
                true,
                failure(props -> props.lagGuard(LagGuardProps.builder()
                                .steps(List.of(ScalingStep.from(0, -1)))
                                .build()))
                        .startsWith("lagGuard.steps[0]"));
    }
}
