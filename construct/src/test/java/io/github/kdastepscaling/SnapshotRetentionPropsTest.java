package io.github.kdastepscaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kdastepscaling.contract.ScalerEnvironment;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The snapshotRetention prop: on by default (the history parameter, the scaler's environment, the two snapshot
 * actions on the application's ARN only), off with {@code SnapshotRetentionProps.disabled()}, validated with the
 * scaler's own rule.
 */
class SnapshotRetentionPropsTest {

    private static Template template(Consumer<KdaStepScalingProps.Builder> customize) {
        Stack stack = TestStacks.stack("Retention");
        TestStacks.construct(stack, customize);
        return Template.fromStack(stack);
    }

    private static String failure(Consumer<KdaStepScalingProps.Builder> customize) {
        return assertThrows(
                        IllegalArgumentException.class,
                        () -> TestStacks.construct(TestStacks.stack("Invalid"), customize))
                .getMessage();
    }

    @Test
    void onByDefaultWithTheHistoryParameterTheVariablesAndTheSnapshotActions() {
        Template template = template(p -> {});

        template.hasResourceProperties(
                "AWS::SSM::Parameter",
                Map.of("Value", "none", "Description", Match.stringLikeRegexp("tell its snapshots from yours.*")));
        template.hasResourceProperties(
                "AWS::Lambda::Function",
                Map.of(
                        "Environment",
                        Map.of(
                                "Variables",
                                Match.objectLike(Map.of(
                                        ScalerEnvironment.RESCALE_HISTORY_PARAMETER_NAME,
                                        Match.anyValue(),
                                        ScalerEnvironment.SNAPSHOT_RETENTION_KEEP_COUNT,
                                        "10")))));
        String json = template.toJSON().toString();
        assertTrue(json.contains("PruneOwnSnapshots"), "the statement is in the scaler's role");
        assertTrue(json.contains("kinesisanalytics:ListApplicationSnapshots"));
        assertTrue(json.contains("kinesisanalytics:DeleteApplicationSnapshot"));
        assertFalse(json.contains(ScalerEnvironment.SNAPSHOT_RETENTION_MAX_AGE_SECONDS), "no age limit by default");
    }

    @Test
    void aCountAndAnAgeReachTheScaler() {
        Template template = template(p -> p.snapshotRetention(SnapshotRetentionProps.builder()
                .keepCount(3)
                .maxAge(Duration.days(7))
                .build()));

        template.hasResourceProperties(
                "AWS::Lambda::Function",
                Map.of(
                        "Environment",
                        Map.of(
                                "Variables",
                                Match.objectLike(Map.of(
                                        ScalerEnvironment.SNAPSHOT_RETENTION_KEEP_COUNT,
                                        "3",
                                        ScalerEnvironment.SNAPSHOT_RETENTION_MAX_AGE_SECONDS,
                                        "604800")))));
    }

    @Test
    void disabledCreatesNoHistoryAndGrantsNoSnapshotAction() {
        Stack stack = TestStacks.stack("Off");
        KdaStepScaling scaling =
                TestStacks.construct(stack, p -> p.snapshotRetention(SnapshotRetentionProps.disabled()));
        String template = Template.fromStack(stack).toJSON().toString();

        assertNull(scaling.getRescaleHistoryParameter());
        assertFalse(template.contains("ListApplicationSnapshots"), "no snapshot action granted");
        assertFalse(template.contains(ScalerEnvironment.RESCALE_HISTORY_PARAMETER_NAME));
        assertTrue(template.contains(ScalerEnvironment.RESCALE_ATTEMPT_PARAMETER_NAME));
    }

    @Test
    void failsOnARetentionOutOfRange() {
        assertEquals(
                "snapshotRetention.keepCount (0) must be between 1 and 50",
                failure(p -> p.snapshotRetention(
                        SnapshotRetentionProps.builder().keepCount(0).build())));
        assertEquals(
                "snapshotRetention.keepCount (2.5) must be a whole number",
                failure(p -> p.snapshotRetention(
                        SnapshotRetentionProps.builder().keepCount(2.5).build())));
        assertEquals(
                "snapshotRetention.maxAge (1800 s) must be between 3600 s (one hour) and 31536000 s (365 days)",
                failure(p -> p.snapshotRetention(SnapshotRetentionProps.builder()
                        .maxAge(Duration.minutes(30))
                        .build())));
        assertEquals(
                "snapshotRetention.keepCount or snapshotRetention.maxAge is set but snapshotRetention.enabled "
                        + "is false: they have no effect",
                failure(p -> p.snapshotRetention(SnapshotRetentionProps.builder()
                        .enabled(false)
                        .keepCount(3)
                        .build())));
    }
}
