package io.github.kdastepscaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kdastepscaling.contract.ScalerEnvironment;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.kinesis.Stream;

/**
 * The rateLearning prop: on by default (the learned-rate parameter, the scaler's variables, GetMetricData), the three
 * consumption sources, off with {@code RateLearningProps.disabled()}, off with a warning where it cannot run (or
 * refused when asked for), validated with the scaler's own rule.
 */
class RateLearningPropsTest {

    private static final Metric CPU = Metric.Builder.create()
            .namespace("AWS/KinesisAnalytics")
            .metricName("containerCPUUtilization")
            .statistic("Maximum")
            .period(Duration.minutes(1))
            .build();

    private static Template template(Consumer<KdaStepScalingProps.Builder> customize) {
        Stack stack = TestStacks.stack("Learning");
        TestStacks.construct(stack, customize);
        return Template.fromStack(stack);
    }

    private static String failure(Consumer<KdaStepScalingProps.Builder> customize) {
        return assertThrows(
                        IllegalArgumentException.class,
                        () -> TestStacks.construct(TestStacks.stack("Invalid"), customize))
                .getMessage();
    }

    private static Map<String, Object> environment(Template template) {
        Capture variables = new Capture();
        template.hasResourceProperties(
                "AWS::Lambda::Function",
                Match.objectLike(
                        Map.of("Handler", ScalerFunction.HANDLER, "Environment", Map.of("Variables", variables))));
        return variables.asObject();
    }

    private static String learningMetrics(Map<String, Object> environment) {
        return KdaStepScalingDefaultsTest.json(environment.get(ScalerEnvironment.LEARNING_METRICS));
    }

    @Test
    void onByDefaultWithTheParameterAndOnlyThePermissionsItNeeds() {
        Stack stack = TestStacks.stack("Default");
        KdaStepScaling scaling = TestStacks.construct(stack, p -> {});
        Template template = Template.fromStack(stack);

        assertNotNull(scaling.getLearnedRateParameter());
        template.hasResourceProperties(
                "AWS::SSM::Parameter",
                Map.of(
                        "Value",
                        "none",
                        "Description",
                        Match.stringLikeRegexp(".*per-KPU rate the kda-step-scaling scaler learned.*")));
        Map<String, Object> env = environment(template);
        assertEquals("30", env.get(ScalerEnvironment.LEARNING_WINDOW_MINUTES));
        for (String optional : List.of(
                ScalerEnvironment.LEARNING_MIN_RATE_PER_KPU,
                ScalerEnvironment.LEARNING_MAX_RATE_PER_KPU,
                ScalerEnvironment.LEARNING_MAX_MOVE_PER_HOUR,
                ScalerEnvironment.LEARNING_WARM_UP_MINUTES,
                ScalerEnvironment.LEARNING_PROBE_STEP)) {
            assertFalse(env.containsKey(optional), optional + " is the scaler's default");
        }
        String json = template.toJSON().toString();
        assertTrue(json.contains("cloudwatch:GetMetricData"));
        Annotations.fromStack(stack).hasNoWarning("*", Match.stringLikeRegexp(".*learn.*"));
    }

    @Test
    void theDashboardDrawsTheLearnedRateBesideTheConfiguredOneAndTheThresholdsFollowIt() {
        String dashboard = dashboard(template(p -> {}));
        assertTrue(dashboard.contains("[\"KdaStepScaling\",\"LearnedScaleOutPerKpu\""), dashboard);
        assertTrue(dashboard.contains("[\"KdaStepScaling\",\"ConfiguredScaleOutPerKpu\""), dashboard);
        assertTrue(dashboard.contains("capacity * learned"), dashboard);

        String off = dashboard(template(p -> p.rateLearning(RateLearningProps.disabled())));
        assertFalse(off.contains("LearnedScaleOutPerKpu"), off);
        assertTrue(off.contains("capacity * 1000"), off);
    }

    private static String dashboard(Template template) {
        return template.findResources("AWS::CloudWatch::Dashboard").toString();
    }

    @Test
    void theSettingsGivenReachTheScaler() {
        Map<String, Object> env = environment(template(p -> p.rateLearning(RateLearningProps.builder()
                .minRatePerKpu(600)
                .maxRatePerKpu(1500)
                .maxMovePerHour(0.25)
                .warmUp(Duration.minutes(5))
                .window(Duration.hours(1))
                .build())));

        assertEquals("600", env.get(ScalerEnvironment.LEARNING_MIN_RATE_PER_KPU));
        assertEquals("1500", env.get(ScalerEnvironment.LEARNING_MAX_RATE_PER_KPU));
        assertEquals("0.25", env.get(ScalerEnvironment.LEARNING_MAX_MOVE_PER_HOUR));
        assertEquals("5", env.get(ScalerEnvironment.LEARNING_WARM_UP_MINUTES));
        assertEquals("60", env.get(ScalerEnvironment.LEARNING_WINDOW_MINUTES));
    }

    @Test
    void theLagGuardAndRestartEstimateAScaleInWaitsByReachTheScaler() {
        Map<String, Object> defaults = environment(template(p -> {}));
        assertEquals("300", defaults.get(ScalerEnvironment.LAG_GUARD_MAX_LAG_SECONDS));
        assertEquals("3", defaults.get(ScalerEnvironment.LAG_GUARD_DRAIN_MINUTES));
        assertEquals("120", defaults.get(ScalerEnvironment.EXPECTED_RESTART_SECONDS));

        Map<String, Object> given = environment(template(p -> p.lagGuard(
                        LagGuardProps.builder().maxLag(Duration.minutes(10)).build())
                .expectedRestartDuration(Duration.minutes(3))));
        assertEquals("600", given.get(ScalerEnvironment.LAG_GUARD_MAX_LAG_SECONDS));
        assertEquals("180", given.get(ScalerEnvironment.EXPECTED_RESTART_SECONDS));

        Map<String, Object> off = environment(template(p -> p.rateLearning(RateLearningProps.disabled())));
        assertFalse(off.containsKey(ScalerEnvironment.LAG_GUARD_MAX_LAG_SECONDS), off.toString());
    }

    @Test
    void eachSourceReadsItsOwnMetric() {
        String fanOut = learningMetrics(environment(template(p -> p.rateLearning(RateLearningProps.builder()
                .source(RateLearningSource.enhancedFanOut("flink-efo"))
                .build()))));
        assertTrue(
                fanOut.contains("consumed|AWS/Kinesis|SubscribeToShardEvent.Records|Sum|ConsumerName=flink-efo,"
                        + "StreamName="),
                fanOut);

        String recordsIn = learningMetrics(environment(template(p -> p.rateLearning(RateLearningProps.builder()
                .source(RateLearningSource.applicationRecordsIn())
                .build()))));
        assertTrue(recordsIn.contains("consumed|AWS/KinesisAnalytics|numRecordsIn|Sum|Application="), recordsIn);

        String bytes = learningMetrics(
                environment(template(p -> p.scalingSignal(ScalingSignal.incomingBytes(1_000_000, 900_000)))));
        assertTrue(bytes.contains("consumed|AWS/Kinesis|GetRecords.Bytes|Sum|StreamName="), bytes);
        assertTrue(bytes.contains("incoming|AWS/Kinesis|IncomingBytes|Sum|StreamName="), bytes);
    }

    @Test
    void anImportedStreamLearnsFromTheApplicationsOwnLag() {
        Stack stack = TestStacks.stack("Imported");
        KdaStepScaling scaling = new KdaStepScaling(
                stack,
                "Scaling",
                KdaStepScalingProps.builder()
                        .existingApplicationName("orders-job")
                        .existingStream(Stream.fromStreamArn(
                                stack, "Orders", "arn:aws:kinesis:eu-west-1:123456789012:stream/orders"))
                        .build());
        String metrics = learningMetrics(environment(Template.fromStack(stack)));

        assertNotNull(scaling.getLearnedRateParameter());
        assertTrue(
                metrics.contains("lag|AWS/KinesisAnalytics|millisBehindLatest|Maximum|"
                        + "Application=orders-job,Flow=Input,Id=orders"),
                metrics);
        assertTrue(metrics.contains("consumed|AWS/Kinesis|GetRecords.Records|Sum|StreamName=orders"), metrics);
    }

    @Test
    void disabledCreatesNoParameterAndGrantsNoMetricRead() {
        Stack stack = TestStacks.stack("Off");
        KdaStepScaling scaling = TestStacks.construct(stack, p -> p.rateLearning(RateLearningProps.disabled()));
        String template = Template.fromStack(stack).toJSON().toString();

        assertNull(scaling.getLearnedRateParameter());
        assertFalse(template.contains("GetMetricData"), "no metric read granted");
        assertFalse(template.contains(ScalerEnvironment.LEARNING_METRICS));
        Annotations.fromStack(stack).hasNoWarning("*", Match.stringLikeRegexp(".*learn.*"));
    }

    @Test
    void aUtilizationSignalOrNoLagGuardTurnsLearningOffWithAWarning() {
        Stack utilization = TestStacks.stack("Utilization");
        assertNull(TestStacks.construct(utilization, p -> p.scalingSignal(ScalingSignal.utilization(CPU, 75, 40)))
                .getLearnedRateParameter());
        Annotations.fromStack(utilization)
                .hasWarning(
                        "/Utilization/Scaling",
                        Match.stringLikeRegexp(
                                "the scaler does not learn the per-KPU rate: the scaling signal is UTILIZATION.*"));

        Stack unguarded = TestStacks.stack("Unguarded");
        assertNull(TestStacks.construct(unguarded, p -> p.lagGuard(LagGuardProps.disabled()))
                .getLearnedRateParameter());
        Annotations.fromStack(unguarded)
                .hasWarning(
                        "/Unguarded/Scaling",
                        Match.stringLikeRegexp("the scaler does not learn the per-KPU rate: the lag guard is off.*"));
        assertFalse(Template.fromStack(unguarded).toJSON().toString().contains("GetMetricData"));
    }

    @Test
    void failsWhenLearningIsAskedForWhereItCannotRun() {
        assertEquals(
                "rateLearning is set but the lag guard is off: the scaler learns from the minutes the job "
                        + "lagged, which it reads from the lag guard's metric; remove rateLearning or give it "
                        + "RateLearningProps.disabled()",
                failure(p -> p.lagGuard(LagGuardProps.disabled())
                        .rateLearning(RateLearningProps.builder().build())));
        assertTrue(failure(p -> p.scalingSignal(ScalingSignal.utilization(CPU, 75, 40))
                        .rateLearning(RateLearningProps.builder()
                                .window(Duration.hours(1))
                                .build()))
                .startsWith("rateLearning is set but the scaling signal is UTILIZATION"));
    }

    @Test
    void failsOnALagMetricThatIsAMathExpression() {
        MathExpression lag = MathExpression.Builder.create()
                .expression("MAX([a])")
                .usingMetrics(Map.of("a", CPU))
                .period(Duration.minutes(1))
                .build();
        String message = failure(p ->
                p.lagGuard(LagGuardProps.builder().lagMetric(LagMetric.of(lag)).build()));
        assertTrue(
                message.startsWith("lagGuard.lagMetric (MAX([a])) is a math expression, but rateLearning reads the "
                        + "lag as one metric"),
                message);
        // Learning off: the same guard is fine.
        TestStacks.construct(
                TestStacks.stack("Off"),
                p -> p.lagGuard(LagGuardProps.builder()
                                .lagMetric(LagMetric.of(lag))
                                .build())
                        .rateLearning(RateLearningProps.disabled()));
    }

    @Test
    void failsOnSettingsGivenWithLearningOff() {
        assertEquals(
                "rateLearning.window is set but rateLearning.enabled is false: learning is off, so it would "
                        + "be ignored; remove window or turn learning on",
                failure(p -> p.rateLearning(RateLearningProps.builder()
                        .enabled(false)
                        .window(Duration.hours(1))
                        .build())));
    }

    @Test
    void failsOnSettingsOutOfRange() {
        assertEquals(
                "rateLearning.window in minutes (4) must be between 5 and 1440",
                failure(p -> p.rateLearning(
                        RateLearningProps.builder().window(Duration.minutes(4)).build())));
        assertEquals(
                "rateLearning.window (1 minute 30 seconds) must be a whole number of minutes",
                failure(p -> p.rateLearning(
                        RateLearningProps.builder().window(Duration.seconds(90)).build())));
        assertEquals(
                "rateLearning.minRatePerKpu (0) must be a positive number",
                failure(p -> p.rateLearning(
                        RateLearningProps.builder().minRatePerKpu(0).build())));
        assertTrue(failure(p -> p.rateLearning(RateLearningProps.builder()
                        .minRatePerKpu(1500)
                        .maxRatePerKpu(1200)
                        .build()))
                .startsWith("rateLearning.minRatePerKpu (1500) and " + "rateLearning.maxRatePerKpu (1200)"));
        assertEquals(
                "rateLearning.maxMovePerHour (1.5) must be above 0 up to 1",
                failure(p -> p.rateLearning(
                        RateLearningProps.builder().maxMovePerHour(1.5).build())));
        assertEquals(
                "rateLearning.warmUp in minutes (61) must be between 0 and 60",
                failure(p -> p.rateLearning(
                        RateLearningProps.builder().warmUp(Duration.minutes(61)).build())));
        assertEquals(
                "rateLearning.source (applicationRecordsIn) counts records, but the scaling signal is incoming"
                        + " bytes: choose soleConsumer() or enhancedFanOut(...)",
                failure(p -> p.scalingSignal(ScalingSignal.incomingBytes(1_000_000, 900_000))
                        .rateLearning(RateLearningProps.builder()
                                .source(RateLearningSource.applicationRecordsIn())
                                .build())));
        assertEquals(
                "rateLearning.source: enhancedFanOut consumerName () must not be empty",
                assertThrows(IllegalArgumentException.class, () -> RateLearningSource.enhancedFanOut(""))
                        .getMessage());
    }
}
