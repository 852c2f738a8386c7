package io.github.kdastepscaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kdastepscaling.policy.ScalingDefaults;
import io.github.kdastepscaling.policy.ScalingDirection;
import io.github.kdastepscaling.policy.ScalingStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The props' Javadoc shows default values rather than constant names; this keeps those values equal to
 * {@link ScalingDefaults}, the one place they are defined, and checks no {@code @default} names a constant.
 */
class PropsDocumentationTest {

    private static final Pattern DEFAULT_BEFORE_GETTER =
            Pattern.compile("@default ([^\\n]*)\\n\\s*\\*/\\n\\s*public \\S+ (get\\w+)\\(\\)");

    private static Map<String, String> documentedDefaults() throws IOException {
        return documentedDefaults("KdaStepScalingProps.java");
    }

    private static Map<String, String> documentedDefaults(String file) throws IOException {
        String source = Files.readString(Path.of("src/main/java/io/github/kdastepscaling/" + file));
        Matcher matcher = DEFAULT_BEFORE_GETTER.matcher(source);
        Map<String, String> defaults = new HashMap<>();
        while (matcher.find()) {
            defaults.put(matcher.group(2), matcher.group(1).trim());
        }
        return defaults;
    }

    private static String steps(List<ScalingStep> steps, ScalingDirection direction) {
        return steps.stream().map(step -> step.describe(direction)).collect(Collectors.joining(", "));
    }

    private static String whole(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    @Test
    void everyScalingDefaultInTheJavadocIsTheSharedOne() throws IOException {
        Map<String, String> documented = documentedDefaults();
        Map<String, String> expected = Map.ofEntries(
                Map.entry("getMinCapacity", Integer.toString(ScalingDefaults.MIN_CAPACITY)),
                Map.entry("getMaxCapacity", Integer.toString(ScalingDefaults.MAX_CAPACITY)),
                Map.entry("getKpuQuota", Integer.toString(ScalingDefaults.KPU_QUOTA)),
                Map.entry(
                        "getScaleOutRecordsPerSecondPerKpu",
                        whole(ScalingDefaults.SCALE_OUT_RECORDS_PER_SECOND_PER_KPU)),
                Map.entry(
                        "getScaleInRecordsPerSecondPerKpu", whole(ScalingDefaults.SCALE_IN_RECORDS_PER_SECOND_PER_KPU)),
                Map.entry("getScaleOutSteps", steps(ScalingDefaults.SCALE_OUT_STEPS, ScalingDirection.SCALE_OUT)),
                Map.entry("getScaleInSteps", steps(ScalingDefaults.SCALE_IN_STEPS, ScalingDirection.SCALE_IN)),
                Map.entry(
                        "getScaleOutCooldown",
                        "Duration.minutes(" + ScalingDefaults.SCALE_OUT_COOLDOWN_SECONDS / 60 + ")"),
                Map.entry(
                        "getScaleInCooldown",
                        "Duration.minutes(" + ScalingDefaults.SCALE_IN_COOLDOWN_SECONDS / 60 + ")"),
                Map.entry(
                        "getExpectedRestartDuration",
                        "Duration.minutes(" + ScalingDefaults.EXPECTED_RESTART_SECONDS / 60 + ")"),
                Map.entry(
                        "getScaleOutEvaluationPeriods",
                        Integer.toString(ScalingDefaults.SCALE_OUT_EVALUATION.evaluationPeriods())),
                Map.entry(
                        "getScaleOutDatapointsToAlarm",
                        Integer.toString(ScalingDefaults.SCALE_OUT_EVALUATION.datapointsToAlarm())),
                Map.entry(
                        "getScaleInEvaluationPeriods",
                        Integer.toString(ScalingDefaults.SCALE_IN_EVALUATION.evaluationPeriods())),
                Map.entry(
                        "getScaleInDatapointsToAlarm",
                        Integer.toString(ScalingDefaults.SCALE_IN_EVALUATION.datapointsToAlarm())));
        expected.forEach((getter, value) -> assertEquals(value, documented.get(getter), getter + "'s @default"));
        assertEquals(0, ScalingDefaults.SCALE_OUT_COOLDOWN_SECONDS % 60, "the Javadoc writes whole minutes");
    }

    @Test
    void theLagGuardsAndTheScalersConcurrencyDefaultsInTheJavadocAreTheOnesUsed() throws IOException {
        Map<String, String> guard = documentedDefaults("LagGuardProps.java");
        assertEquals(
                "Duration.minutes(" + ScalingDefaults.LAG_GUARD_MAX_LAG_SECONDS / 60 + ")", guard.get("getMaxLag"));
        assertEquals(0, ScalingDefaults.LAG_GUARD_MAX_LAG_SECONDS % 60, "the Javadoc writes whole minutes");
        assertEquals(
                Integer.toString(ScalingDefaults.LAG_GUARD_EVALUATION.evaluationPeriods()),
                guard.get("getEvaluationPeriods"));
        assertEquals(
                Integer.toString(ScalingDefaults.LAG_GUARD_EVALUATION.datapointsToAlarm()),
                guard.get("getDatapointsToAlarm"));
        assertEquals(steps(ScalingDefaults.LAG_GUARD_STEPS, ScalingDirection.SCALE_OUT), guard.get("getSteps"));
        assertEquals(
                "Duration.minutes(" + ScalingDefaults.LAG_GUARD_COOLDOWN_SECONDS / 60 + ")", guard.get("getCooldown"));
        assertEquals(0, ScalingDefaults.LAG_GUARD_COOLDOWN_SECONDS % 60, "the Javadoc writes whole minutes");
        assertEquals(
                "ScalerConcurrency.reserved(" + ResolvedProps.DEFAULT_SCALER_RESERVED_CONCURRENCY + ")",
                documentedDefaults().get("getScalerConcurrency"));
    }

    @Test
    void noDefaultNamesAConstant() throws IOException {
        for (Map.Entry<String, String> entry : documentedDefaults().entrySet()) {
            assertTrue(
                    !entry.getValue().contains("ScalingDefaults")
                            && !entry.getValue().contains("DEFAULT_"),
                    entry.getKey() + ": @default " + entry.getValue());
        }
    }
}
