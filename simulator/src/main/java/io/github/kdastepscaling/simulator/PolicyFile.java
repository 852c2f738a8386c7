package io.github.kdastepscaling.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kdastepscaling.math.ScalingDefaults;
import io.github.kdastepscaling.math.ScalingDirection;
import io.github.kdastepscaling.math.ScalingPolicy;
import io.github.kdastepscaling.math.ScalingStep;
import io.github.kdastepscaling.math.ScheduleExpression;
import io.github.kdastepscaling.math.ScheduledCapacityAction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
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
 * {@code scheduledCapacity} is an array of the construct's {@code ScheduledCapacity} props:
 * {@code {"name": "mornings", "schedule": "cron(30 7 ? * MON-FRI *)", "timeZone": "Europe/Berlin",
 * "startTime": "2026-03-01T00:00:00Z", "endTime": null, "minCapacity": 4, "maxCapacity": 12}}.
 * The policy is validated by {@link ScalingPolicy}, whose messages are passed on verbatim.
 */
public final class PolicyFile {

    private static final Set<String> FIELDS = new TreeSet<>(List.of(
            "minCapacity", "maxCapacity", "kpuQuota",
            "scaleOutRecordsPerSecondPerKpu", "scaleInRecordsPerSecondPerKpu",
            "scaleOutSteps", "scaleInSteps", "scaleOutCooldownSeconds", "scaleInCooldownSeconds",
            "scaleOutEvaluationPeriods", "scaleOutDatapointsToAlarm",
            "scaleInEvaluationPeriods", "scaleInDatapointsToAlarm", "expectedRestartSeconds",
            "scheduledCapacity",
            "initialCapacity", "recordsPerSecondPerKpu", "restartMinutes", "pricePerKpuHour"));
    private static final Set<String> SCHEDULED_FIELDS = new TreeSet<>(List.of(
            "name", "schedule", "timeZone", "startTime", "endTime", "minCapacity", "maxCapacity"));
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
        if (root.has("scheduledCapacity")) {
            builder.scheduledActions(scheduledActions(root.get("scheduledCapacity")));
        }
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

    private static List<ScheduledCapacityAction> scheduledActions(JsonNode node) {
        if (!node.isArray()) {
            throw new IllegalArgumentException("scheduledCapacity must be an array of scheduled actions, found " + node);
        }
        List<ScheduledCapacityAction> actions = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode action = node.get(i);
            String where = "scheduledCapacity[" + i + "]";
            if (!action.isObject()) {
                throw new IllegalArgumentException(where + " must be an object with name, schedule and minCapacity "
                        + "and/or maxCapacity, found " + action);
            }
            for (Iterator<String> names = action.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!SCHEDULED_FIELDS.contains(name)) {
                    throw new IllegalArgumentException(where + ": unknown field '" + name + "' (known: "
                            + String.join(", ", SCHEDULED_FIELDS) + ")");
                }
            }
            String name = text(action, "name", where);
            String schedule = text(action, "schedule", where);
            String label = where + (name == null ? "" : " '" + name + "'");
            try {
                String zone = text(action, "timeZone", where);
                actions.add(new ScheduledCapacityAction(name,
                        schedule == null ? null : ScheduleExpression.parse(schedule),
                        zone == null ? null : ZoneId.of(zone),
                        instant(action, "startTime", where), instant(action, "endTime", where),
                        optionalInteger(action, "minCapacity", where), optionalInteger(action, "maxCapacity", where)));
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(label + ".timeZone (" + action.get("timeZone").asText()
                        + ") is not an IANA time zone name");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(label + ": " + e.getMessage(), e);
            }
        }
        return actions;
    }

    private static String text(JsonNode object, String field, String where) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException(where + "." + field + " must be a string, found " + node);
        }
        return node.asText();
    }

    private static Instant instant(JsonNode object, String field, String where) {
        String text = text(object, field, where);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + "." + field + " (" + text + ") must be an ISO-8601 instant, "
                    + "e.g. 2026-03-01T00:00:00Z");
        }
    }

    private static Integer optionalInteger(JsonNode object, String field, String where) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new IllegalArgumentException(where + "." + field + " must be a whole number, found " + node);
        }
        return node.intValue();
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
