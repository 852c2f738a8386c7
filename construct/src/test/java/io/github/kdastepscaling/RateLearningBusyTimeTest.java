package io.github.kdastepscaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kdastepscaling.contract.ScalerEnvironment;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Capture;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * {@code rateLearning.busyTime}: on by default, the scaler reads the application's busy time with the other learning
 * series and a created application publishes at MetricsLevel TASK; off, neither; a metrics level that publishes no
 * busy time is refused at synth, naming the prop.
 */
class RateLearningBusyTimeTest {

    private static final String BUSY_SERIES = "busy|AWS/KinesisAnalytics|busyTimeMsPerSecond|Maximum|Application=";

    private static Template template(Consumer<KdaStepScalingProps.Builder> customize) {
        Stack stack = TestStacks.stack("BusyTime");
        TestStacks.construct(stack, customize);
        return Template.fromStack(stack);
    }

    private static String learningMetrics(Template template) {
        Capture variables = new Capture();
        template.hasResourceProperties(
                "AWS::Lambda::Function",
                Match.objectLike(
                        Map.of("Handler", ScalerFunction.HANDLER, "Environment", Map.of("Variables", variables))));
        Object value = variables.asObject().get(ScalerEnvironment.LEARNING_METRICS);
        return value == null ? "" : KdaStepScalingDefaultsTest.json(value);
    }

    private static void hasMetricsLevel(Template template, String level) {
        template.hasResourceProperties(
                "AWS::KinesisAnalyticsV2::Application",
                Match.objectLike(Map.of(
                        "ApplicationConfiguration",
                        Match.objectLike(Map.of(
                                "FlinkApplicationConfiguration",
                                Match.objectLike(Map.of(
                                        "MonitoringConfiguration",
                                        Match.objectLike(Map.of("MetricsLevel", level)))))))));
    }

    /** The construct on a new application at {@code level}, customized further. */
    private static KdaStepScaling withLevel(
            Stack stack, FlinkMetricsLevel level, Consumer<KdaStepScalingProps.Builder> customize) {
        KdaStepScalingProps.Builder props = KdaStepScalingProps.builder()
                .applicationProps(
                        TestStacks.application(stack).metricsLevel(level).build());
        customize.accept(props);
        return new KdaStepScaling(stack, "Scaling", props.build());
    }

    @Test
    void onByDefaultTheScalerReadsBusyTimeAndTheApplicationPublishesItAtTaskLevel() {
        Template template = template(p -> {});
        String metrics = learningMetrics(template);
        assertTrue(metrics.contains(BUSY_SERIES), metrics);
        hasMetricsLevel(template, "TASK");
    }

    @Test
    void offTheScalerReadsNoBusyTimeAndTheApplicationKeepsTheApplicationLevel() {
        Template template = template(
                p -> p.rateLearning(RateLearningProps.builder().busyTime(false).build()));
        String metrics = learningMetrics(template);
        assertTrue(metrics.contains("consumed|"), metrics);
        assertFalse(metrics.contains(BUSY_SERIES), metrics);
        hasMetricsLevel(template, "APPLICATION");
        hasMetricsLevel(template(p -> p.rateLearning(RateLearningProps.disabled())), "APPLICATION");
    }

    @Test
    void aFinerLevelGivenIsKept() {
        Stack stack = TestStacks.stack("Operator");
        withLevel(stack, FlinkMetricsLevel.OPERATOR, p -> {});
        Template template = Template.fromStack(stack);
        hasMetricsLevel(template, "OPERATOR");
        assertTrue(learningMetrics(template).contains(BUSY_SERIES));
    }

    @Test
    void failsOnTheApplicationLevelWithBusyTimeOn() {
        Stack stack = TestStacks.stack("Conflict");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> withLevel(stack, FlinkMetricsLevel.APPLICATION, p -> {}));
        assertEquals(
                "applicationProps.metricsLevel (APPLICATION) publishes no busy time, which "
                        + "rateLearning.busyTime reads (AWS publishes busyTimeMsPerSecond at TASK level and finer): set "
                        + "metricsLevel TASK or leave it unset, or give rateLearning busyTime(false)",
                e.getMessage());
        Stack off = TestStacks.stack("NoBusyTime");
        withLevel(
                off,
                FlinkMetricsLevel.APPLICATION,
                p -> p.rateLearning(RateLearningProps.builder().busyTime(false).build()));
        hasMetricsLevel(Template.fromStack(off), "APPLICATION");
    }

    @Test
    void failsOnBusyTimeSetWithLearningOff() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> TestStacks.construct(
                        TestStacks.stack("Ignored"),
                        p -> p.rateLearning(RateLearningProps.builder()
                                .enabled(false)
                                .busyTime(true)
                                .build())));
        assertTrue(
                e.getMessage().startsWith("rateLearning.busyTime is set but rateLearning.enabled is false"),
                e.getMessage());
    }
}
