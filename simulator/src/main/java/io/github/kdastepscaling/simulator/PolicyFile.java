package io.github.kdastepscaling.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kdastepscaling.math.ScalingDefaults;
import io.github.kdastepscaling.math.ScalingDirection;
import io.github.kdastepscaling.math.ScalingPolicy;
import io.github.kdastepscaling.math.ScalingStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the policy under test from JSON whose fields are the construct's prop names (all optional; a missing
 * field takes the construct's default), plus the simulator-only fields {@code initialCapacity},
 * {@code recordsPerSecondPerKpu}, {@code restartMinutes} and {@code pricePerKpuHour}. Steps are arrays of
 * {@code {"lowerBoundKpus": 0, "upperBoundKpus": 1, "adjustmentKpus": 1}}, a missing or null bound being open.
 * The policy is validated by {@link ScalingPolicy}, whose messages are passed on verbatim.
 */
public final class PolicyFile {

    private static final Set<String> FIELDS = new TreeSet<>(List.of(
            "minCapacity", "maxCapacity", "kpuQuota",
            "scaleOutRecordsPerSecondPerKpu", "scaleInRecordsPerSecondPerKpu",
            "scaleOutSteps", "scaleInSteps", "scaleOutCooldownSeconds", "scaleInCooldownSeconds",
            "scaleOutEvaluationPeriods", "scaleOutDatapointsToAlarm",
            "scaleInEvaluationPeriods", "scaleInDatapointsToAlarm", "expectedRestartSeconds",
            "initialCapacity", "recordsPerSecondPerKpu", "restartMinutes", "pricePerKpuHour"));
    private static final Set<String> STEP_FIELDS = new TreeSet<>(List.of(
            "lowerBoundKpus", "upperBoundKpus", "adjustmentKpus"));

    private PolicyFile() {
    }

    /** @throws IllegalArgumentException for a malformed file or an invalid policy, naming the file */
    public static SimulationSettings read(Path file) throws IOException {
        String name = file.getFileName().toString();
        return parse(Files.readString(file), name);
    }

    /** @throws IllegalArgumentException for malformed JSON or an invalid policy, prefixed with {@code source} */
    public static SimulationSettings parse(String json, String source) {
        try {
            return parse(new ObjectMapper().readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static SimulationSettings parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object with the policy's props");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException("unknown field '" + field + "' (known: " + String.join(", ", FIELDS)
                        + ")");
            }
        }
        ScalingPolicy.Builder builder = ScalingPolicy.builder();
        integer(root, "minCapacity", ScalingDefaults.MIN_CAPACITY, builder::minCapacity);
        integer(root, "maxCapacity", ScalingDefaults.MAX_CAPACITY, builder::maxCapacity);
        integer(root, "kpuQuota", ScalingDefaults.KPU_QUOTA, builder::kpuQuota);
        builder.scaleOutRecordsPerSecondPerKpu(number(root, "scaleOutRecordsPerSecondPerKpu",
                ScalingDefaults.SCALE_OUT_RECORDS_PER_SECOND_PER_KPU));
        builder.scaleInRecordsPerSecondPerKpu(number(root, "scaleInRecordsPerSecondPerKpu",
                ScalingDefaults.SCALE_IN_RECORDS_PER_SECOND_PER_KPU));
        if (root.has("scaleOutSteps")) {
            builder.scaleOutSteps(steps(root.get("scaleOutSteps"), "scaleOutSteps"));
        }
        if (root.has("scaleInSteps")) {
            builder.scaleInSteps(steps(root.get("scaleInSteps"), "scaleInSteps"));
        }
        integer(root, "scaleOutCooldownSeconds", ScalingDefaults.SCALE_OUT_COOLDOWN_SECONDS,
                builder::scaleOutCooldownSeconds);
        integer(root, "scaleInCooldownSeconds", ScalingDefaults.SCALE_IN_COOLDOWN_SECONDS,
                builder::scaleInCooldownSeconds);
        builder.scaleOutEvaluation(
                integer(root, "scaleOutEvaluationPeriods", ScalingDefaults.SCALE_OUT_EVALUATION.evaluationPeriods()),
                integer(root, "scaleOutDatapointsToAlarm", ScalingDefaults.SCALE_OUT_EVALUATION.datapointsToAlarm()));
        builder.scaleInEvaluation(
                integer(root, "scaleInEvaluationPeriods", ScalingDefaults.SCALE_IN_EVALUATION.evaluationPeriods()),
                integer(root, "scaleInDatapointsToAlarm", ScalingDefaults.SCALE_IN_EVALUATION.datapointsToAlarm()));
        integer(root, "expectedRestartSeconds", ScalingDefaults.EXPECTED_RESTART_SECONDS,
                builder::expectedRestartSeconds);
        ScalingPolicy policy = builder.build();
        return new SimulationSettings(policy,
                integer(root, "initialCapacity", policy.capacityRange().minCapacity()),
                number(root, "recordsPerSecondPerKpu",
                        policy.thresholds().recordsPerSecondPerKpu(ScalingDirection.SCALE_OUT)),
                integer(root, "restartMinutes", SimulationSettings.DEFAULT_RESTART_MINUTES),
                number(root, "pricePerKpuHour", SimulationSettings.DEFAULT_PRICE_PER_KPU_HOUR));
    }

    private static void integer(JsonNode root, String field, int fallback, java.util.function.IntConsumer setter) {
        setter.accept(integer(root, field, fallback));
    }

    private static int integer(JsonNode root, String field, int fallback) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new IllegalArgumentException(field + " must be a whole number, found " + node);
        }
        return node.intValue();
    }

    private static double number(JsonNode root, String field, double fallback) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isNumber()) {
            throw new IllegalArgumentException(field + " must be a number, found " + node);
        }
        return node.doubleValue();
    }

    private static List<ScalingStep> steps(JsonNode node, String field) {
        if (!node.isArray()) {
            throw new IllegalArgumentException(field + " must be an array of steps, found " + node);
        }
        List<ScalingStep> steps = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode step = node.get(i);
            String where = field + "[" + i + "]";
            if (!step.isObject()) {
                throw new IllegalArgumentException(where + " must be an object with lowerBoundKpus, upperBoundKpus and "
                        + "adjustmentKpus, found " + step);
            }
            for (Iterator<String> names = step.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!STEP_FIELDS.contains(name)) {
                    throw new IllegalArgumentException(where + ": unknown field '" + name + "' (known: "
                            + String.join(", ", STEP_FIELDS) + ")");
                }
            }
            if (!step.has("adjustmentKpus")) {
                throw new IllegalArgumentException(where + ".adjustmentKpus is required");
            }
            JsonNode adjustment = step.get("adjustmentKpus");
            if (!adjustment.isIntegralNumber() || !adjustment.canConvertToInt()) {
                throw new IllegalArgumentException(where + ".adjustmentKpus must be a whole number, found " + adjustment);
            }
            steps.add(new ScalingStep(bound(step, "lowerBoundKpus", where), bound(step, "upperBoundKpus", where),
                    adjustment.intValue()));
        }
        return steps;
    }

    private static Double bound(JsonNode step, String field, String where) {
        JsonNode node = step.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw new IllegalArgumentException(where + "." + field + " must be a number or null, found " + node);
        }
        return node.doubleValue();
    }
}
