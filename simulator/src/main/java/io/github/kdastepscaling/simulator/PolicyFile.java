package io.github.kdastepscaling.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kdastepscaling.policy.PolicySetting;
import io.github.kdastepscaling.policy.ScalingDirection;
import io.github.kdastepscaling.policy.ScalingPolicy;
import io.github.kdastepscaling.policy.ScalingStep;
import io.github.kdastepscaling.policy.ScheduleExpression;
import io.github.kdastepscaling.policy.ScheduledCapacityAction;
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

    /** The simulator-only fields, besides the policy's settings ({@link PolicySetting}). */
    private static final List<String> SIMULATION_FIELDS = List.of(
            "initialCapacity", "recordsPerSecondPerKpu", "restartMinutes", "pricePerKpuHour");
    private static final Set<String> FIELDS = new TreeSet<>();

    static {
        for (PolicySetting setting : PolicySetting.values()) {
            FIELDS.add(setting.fileField());
        }
        FIELDS.addAll(SIMULATION_FIELDS);
    }
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
        for (PolicySetting setting : PolicySetting.values()) {
            if (root.hasNonNull(setting.fileField())) {
                read(setting, root.get(setting.fileField()), builder);
            }
        }
        ScalingPolicy policy = builder.build();
        return new SimulationSettings(policy,
                integer(root, "initialCapacity", policy.capacityRange().minCapacity()),
                number(root, "recordsPerSecondPerKpu",
                        policy.thresholds().stepUnit(ScalingDirection.SCALE_OUT)),
                integer(root, "restartMinutes", SimulationSettings.DEFAULT_RESTART_MINUTES),
                number(root, "pricePerKpuHour", SimulationSettings.DEFAULT_PRICE_PER_KPU_HOUR));
    }

    /** Sets one setting from its field: an exhaustive switch, so a new setting cannot be left unread. */
    private static void read(PolicySetting setting, JsonNode value, ScalingPolicy.Builder builder) {
        String field = setting.fileField();
        Runnable apply = switch (setting) {
            case MIN_CAPACITY -> () -> builder.minCapacity(integer(value, field));
            case MAX_CAPACITY -> () -> builder.maxCapacity(integer(value, field));
            case KPU_QUOTA -> () -> builder.kpuQuota(integer(value, field));
            case SCALE_OUT_RECORDS_PER_SECOND_PER_KPU -> () -> builder.scaleOutRecordsPerSecondPerKpu(number(value, field));
            case SCALE_IN_RECORDS_PER_SECOND_PER_KPU -> () -> builder.scaleInRecordsPerSecondPerKpu(number(value, field));
            case SCALE_OUT_STEPS -> () -> builder.scaleOutSteps(steps(value, field));
            case SCALE_IN_STEPS -> () -> builder.scaleInSteps(steps(value, field));
            case SCALE_OUT_COOLDOWN -> () -> builder.scaleOutCooldownSeconds(integer(value, field));
            case SCALE_IN_COOLDOWN -> () -> builder.scaleInCooldownSeconds(integer(value, field));
            case SCALE_OUT_EVALUATION_PERIODS -> () -> builder.scaleOutEvaluationPeriods(integer(value, field));
            case SCALE_OUT_DATAPOINTS_TO_ALARM -> () -> builder.scaleOutDatapointsToAlarm(integer(value, field));
            case SCALE_IN_EVALUATION_PERIODS -> () -> builder.scaleInEvaluationPeriods(integer(value, field));
            case SCALE_IN_DATAPOINTS_TO_ALARM -> () -> builder.scaleInDatapointsToAlarm(integer(value, field));
            case EXPECTED_RESTART -> () -> builder.expectedRestartSeconds(integer(value, field));
            case SCHEDULED_CAPACITY -> () -> builder.scheduledActions(scheduledActions(value));
        };
        apply.run();
    }

    /**
     * The policy's settings as a policy file writes them (the report's effective policy): an exhaustive switch, so a
     * new setting cannot be left unwritten, and a report's policy reads back as the same policy.
     */
    public static ObjectNode write(ScalingPolicy policy, ObjectNode node) {
        for (PolicySetting setting : PolicySetting.values()) {
            JsonNode value = switch (setting) {
                case MIN_CAPACITY -> IntNode.valueOf(policy.capacityRange().minCapacity());
                case MAX_CAPACITY -> IntNode.valueOf(policy.capacityRange().maxCapacity());
                case KPU_QUOTA -> IntNode.valueOf(policy.kpuQuota());
                case SCALE_OUT_RECORDS_PER_SECOND_PER_KPU ->
                        DoubleNode.valueOf(policy.thresholds().scaleOutPerKpu());
                case SCALE_IN_RECORDS_PER_SECOND_PER_KPU ->
                        DoubleNode.valueOf(policy.thresholds().scaleInPerKpu());
                case SCALE_OUT_STEPS -> stepsJson(policy.steps(ScalingDirection.SCALE_OUT).steps());
                case SCALE_IN_STEPS -> stepsJson(policy.steps(ScalingDirection.SCALE_IN).steps());
                case SCALE_OUT_COOLDOWN -> IntNode.valueOf(policy.cooldownSeconds(ScalingDirection.SCALE_OUT));
                case SCALE_IN_COOLDOWN -> IntNode.valueOf(policy.cooldownSeconds(ScalingDirection.SCALE_IN));
                case SCALE_OUT_EVALUATION_PERIODS ->
                        IntNode.valueOf(policy.evaluation(ScalingDirection.SCALE_OUT).evaluationPeriods());
                case SCALE_OUT_DATAPOINTS_TO_ALARM ->
                        IntNode.valueOf(policy.evaluation(ScalingDirection.SCALE_OUT).datapointsToAlarm());
                case SCALE_IN_EVALUATION_PERIODS ->
                        IntNode.valueOf(policy.evaluation(ScalingDirection.SCALE_IN).evaluationPeriods());
                case SCALE_IN_DATAPOINTS_TO_ALARM ->
                        IntNode.valueOf(policy.evaluation(ScalingDirection.SCALE_IN).datapointsToAlarm());
                case EXPECTED_RESTART -> IntNode.valueOf(policy.expectedRestartSeconds());
                case SCHEDULED_CAPACITY -> scheduledJson(policy.scheduledActions());
            };
            node.set(setting.fileField(), value);
        }
        return node;
    }

    private static ArrayNode stepsJson(List<ScalingStep> steps) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (ScalingStep step : steps) {
            ObjectNode s = array.addObject();
            if (step.lowerBoundKpus() == null) {
                s.putNull("lowerBoundKpus");
            } else {
                s.put("lowerBoundKpus", step.lowerBoundKpus());
            }
            if (step.upperBoundKpus() == null) {
                s.putNull("upperBoundKpus");
            } else {
                s.put("upperBoundKpus", step.upperBoundKpus());
            }
            s.put("adjustmentKpus", step.adjustmentKpus());
        }
        return array;
    }

    private static ArrayNode scheduledJson(List<ScheduledCapacityAction> actions) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (ScheduledCapacityAction action : actions) {
            ObjectNode a = array.addObject();
            a.put("name", action.name());
            a.put("schedule", action.schedule().text());
            a.put("timeZone", action.timeZone().getId());
            if (action.startTime() != null) {
                a.put("startTime", action.startTime().toString());
            }
            if (action.endTime() != null) {
                a.put("endTime", action.endTime().toString());
            }
            if (action.minCapacity() != null) {
                a.put("minCapacity", action.minCapacity());
            }
            if (action.maxCapacity() != null) {
                a.put("maxCapacity", action.maxCapacity());
            }
        }
        return array;
    }

    private static int integer(JsonNode node, String field) {
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new IllegalArgumentException(field + " must be a whole number, found " + node);
        }
        return node.intValue();
    }

    private static double number(JsonNode node, String field) {
        if (!node.isNumber()) {
            throw new IllegalArgumentException(field + " must be a number, found " + node);
        }
        return node.doubleValue();
    }

    private static int integer(JsonNode root, String field, int fallback) {
        JsonNode node = root.get(field);
        return node == null || node.isNull() ? fallback : integer(node, field);
    }

    private static double number(JsonNode root, String field, double fallback) {
        JsonNode node = root.get(field);
        return node == null || node.isNull() ? fallback : number(node, field);
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
        return node == null || node.isNull() ? null : integer(node, where + "." + field);
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
