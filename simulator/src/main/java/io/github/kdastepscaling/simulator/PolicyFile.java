package io.github.kdastepscaling.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kdastepscaling.policy.LagGuard;
import io.github.kdastepscaling.policy.PolicySetting;
import io.github.kdastepscaling.policy.ScalingDirection;
import io.github.kdastepscaling.policy.ScalingPolicy;
import io.github.kdastepscaling.policy.ScalingStep;
import io.github.kdastepscaling.policy.ScheduleExpression;
import io.github.kdastepscaling.policy.ScheduledCapacityAction;
import io.github.kdastepscaling.policy.ScalingThresholds;
import io.github.kdastepscaling.policy.SignalKind;
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
 * {@code trueRecordsPerSecondPerKpu}, {@code restartMinutes}, {@code pricePerKpuHour} and {@code bytesPerRecord}. Steps are arrays of
 * {@code {"lowerBoundKpus": 0, "upperBoundKpus": 1, "adjustmentKpus": 1}}, a missing or null bound being open.
 * {@code scheduledCapacity} is an array of the construct's {@code ScheduledCapacity} props:
 * {@code {"name": "mornings", "schedule": "cron(30 7 ? * MON-FRI *)", "timeZone": "Europe/Berlin",
 * "startTime": "2026-03-01T00:00:00Z", "endTime": null, "minCapacity": 4, "maxCapacity": 12}}.
 * {@code scalingSignal} is {@code {"kind": "incomingRecords"}} (the default; the rates are the top-level
 * {@code scaleOut/InRecordsPerSecondPerKpu}, which may also be given inside), or another kind with its two settings
 * named as {@link SignalKind#scaleOutSetting()} names them: {@code {"kind": "incomingBytes",
 * "scaleOutBytesPerSecondPerKpu": 1000000, "scaleInBytesPerSecondPerKpu": 900000}}, {@code {"kind": "load",
 * "scaleOutPerKpu": .., "scaleInPerKpu": ..}}, {@code {"kind": "utilization", "scaleOutAbove": 80,
 * "scaleInBelow": 40, "utilizationStepWidth": 10}}. {@code lagGuard} is {@code false} (off), {@code true} (the
 * defaults) or {@code {"maxLagSeconds": 300, "evaluationPeriods": 2, "datapointsToAlarm": 2, "steps": [{"lowerBound":
 * 0, "upperBound": 1, "adjustmentKpus": 1}, ...], "cooldownSeconds": 300}}, every field optional, step bounds in
 * multiples of {@code maxLagSeconds} beyond it.
 * The policy is validated by {@link ScalingPolicy}, whose messages are passed on verbatim.
 */
public final class PolicyFile {

    static final String TRUE_RATE = "trueRecordsPerSecondPerKpu";
    /** The simulator-only fields, besides the policy's settings ({@link PolicySetting}). */
    private static final List<String> SIMULATION_FIELDS = List.of(
            "initialCapacity", TRUE_RATE, "restartMinutes", "pricePerKpuHour", "bytesPerRecord");
    private static final Set<String> FIELDS = new TreeSet<>();

    static {
        for (PolicySetting setting : PolicySetting.values()) {
            FIELDS.add(setting.fileField());
        }
        FIELDS.addAll(SIMULATION_FIELDS);
    }
    private static final Set<String> SCHEDULED_FIELDS = new TreeSet<>(List.of(
            "name", "schedule", "timeZone", "startTime", "endTime", "minCapacity", "maxCapacity"));
    private static final List<String> STEP_FIELDS = List.of("lowerBoundKpus", "upperBoundKpus", "adjustmentKpus");
    /** A lag step's bounds are multiples of maxLagSeconds beyond it, not KPUs of load. */
    private static final List<String> LAG_STEP_FIELDS = List.of("lowerBound", "upperBound", "adjustmentKpus");
    /**
     * The lag guard's metric ({@link StreamLagMetric}): simulator-side, as the construct's {@code LagMetric} is not
     * part of the shared policy.
     */
    static final String LAG_METRIC = "lagMetric";
    private static final Set<String> LAG_GUARD_FIELDS = new TreeSet<>(List.of(
            "maxLagSeconds", "evaluationPeriods", "datapointsToAlarm", "steps", "cooldownSeconds", LAG_METRIC));
    private static final String UTILIZATION_STEP_WIDTH = "utilizationStepWidth";

    private PolicyFile() {
    }

    /** @throws IllegalArgumentException for a malformed file or an invalid policy, naming the file */
    public static SimulationSettings read(Path file) throws IOException {
        String name = file.getFileName().toString();
        return parse(Files.readString(file), name);
    }

    /** Whether the (already read, valid) file sets {@code field} to a value. */
    static boolean hasField(Path file, String field) throws IOException {
        return new ObjectMapper().readTree(Files.readString(file)).hasNonNull(field);
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
        checkKnown(root, "", FIELDS);
        ScalingPolicy.Builder builder = ScalingPolicy.builder();
        for (PolicySetting setting : PolicySetting.values()) {
            if (root.hasNonNull(setting.fileField())) {
                read(setting, root.get(setting.fileField()), root, builder);
            }
        }
        ScalingPolicy policy = builder.build();
        double bytesPerRecord = number(root, "bytesPerRecord", SimulationSettings.DEFAULT_BYTES_PER_RECORD);
        // before the configured rate is derived from it, which a bad record size would make a bad true rate
        JobSettings.checkBytesPerRecord(bytesPerRecord);
        return new SimulationSettings(policy,
                integer(root, "initialCapacity", policy.capacityRange().minCapacity()),
                number(root, TRUE_RATE,
                        SimulationSettings.configuredRecordsPerSecondPerKpu(policy, bytesPerRecord, Double.NaN)),
                integer(root, "restartMinutes", SimulationSettings.restartMinutesFor(policy)),
                number(root, "pricePerKpuHour", SimulationSettings.DEFAULT_PRICE_PER_KPU_HOUR),
                bytesPerRecord).withSharedStream(SharedStream.ALONE.withLagMetric(lagMetric(root)));
    }

    /** Sets one setting from its field: an exhaustive switch, so a new setting cannot be left unread. */
    private static void read(PolicySetting setting, JsonNode value, JsonNode root, ScalingPolicy.Builder builder) {
        String field = setting.fileField();
        Runnable apply = switch (setting) {
            case MIN_CAPACITY -> () -> builder.minCapacity(integer(value, field));
            case MAX_CAPACITY -> () -> builder.maxCapacity(integer(value, field));
            case KPU_QUOTA -> () -> builder.kpuQuota(integer(value, field));
            case SCALE_OUT_RECORDS_PER_SECOND_PER_KPU -> () -> builder.scaleOutRecordsPerSecondPerKpu(number(value, field));
            case SCALE_IN_RECORDS_PER_SECOND_PER_KPU -> () -> builder.scaleInRecordsPerSecondPerKpu(number(value, field));
            case SCALE_OUT_STEPS -> () -> builder.scaleOutSteps(steps(value, field, STEP_FIELDS));
            case SCALE_IN_STEPS -> () -> builder.scaleInSteps(steps(value, field, STEP_FIELDS));
            case SCALE_OUT_COOLDOWN -> () -> builder.scaleOutCooldownSeconds(integer(value, field));
            case SCALE_IN_COOLDOWN -> () -> builder.scaleInCooldownSeconds(integer(value, field));
            case SCALE_OUT_EVALUATION_PERIODS -> () -> builder.scaleOutEvaluationPeriods(integer(value, field));
            case SCALE_OUT_DATAPOINTS_TO_ALARM -> () -> builder.scaleOutDatapointsToAlarm(integer(value, field));
            case SCALE_IN_EVALUATION_PERIODS -> () -> builder.scaleInEvaluationPeriods(integer(value, field));
            case SCALE_IN_DATAPOINTS_TO_ALARM -> () -> builder.scaleInDatapointsToAlarm(integer(value, field));
            case EXPECTED_RESTART -> () -> builder.expectedRestartSeconds(integer(value, field));
            case SCHEDULED_CAPACITY -> () -> builder.scheduledActions(scheduledActions(value));
            case SCALING_SIGNAL -> () -> signal(value, root, builder);
            case LAG_GUARD -> () -> builder.lagGuard(lagGuard(value));
        };
        apply.run();
    }

    /**
     * The policy's settings as a policy file writes them (the report's effective policy): an exhaustive switch, so a
     * new setting cannot be left unwritten, and a report's policy reads back as the same policy.
     */
    public static ObjectNode write(ScalingPolicy policy, ObjectNode node) {
        boolean records = policy.thresholds().kind() == SignalKind.INCOMING_RECORDS;
        for (PolicySetting setting : PolicySetting.values()) {
            JsonNode value = switch (setting) {
                case MIN_CAPACITY -> IntNode.valueOf(policy.capacityRange().minCapacity());
                case MAX_CAPACITY -> IntNode.valueOf(policy.capacityRange().maxCapacity());
                case KPU_QUOTA -> IntNode.valueOf(policy.kpuQuota());
                // Another signal's settings are written in scalingSignal; these stay null then.
                case SCALE_OUT_RECORDS_PER_SECOND_PER_KPU -> records
                        ? DoubleNode.valueOf(policy.thresholds().scaleOutPerKpu()) : NullNode.getInstance();
                case SCALE_IN_RECORDS_PER_SECOND_PER_KPU -> records
                        ? DoubleNode.valueOf(policy.thresholds().scaleInPerKpu()) : NullNode.getInstance();
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
                case SCALING_SIGNAL -> signalJson(policy.thresholds());
                case LAG_GUARD -> lagGuardJson(policy.lagGuard());
            };
            node.set(setting.fileField(), value);
        }
        return node;
    }

    private static ArrayNode stepsJson(List<ScalingStep> steps) {
        return stepsJson(steps, STEP_FIELDS);
    }

    private static ArrayNode stepsJson(List<ScalingStep> steps, List<String> fields) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (ScalingStep step : steps) {
            ObjectNode s = array.addObject();
            if (step.lowerBoundKpus() == null) {
                s.putNull(fields.get(0));
            } else {
                s.put(fields.get(0), step.lowerBoundKpus());
            }
            if (step.upperBoundKpus() == null) {
                s.putNull(fields.get(1));
            } else {
                s.put(fields.get(1), step.upperBoundKpus());
            }
            s.put(fields.get(2), step.adjustmentKpus());
        }
        return array;
    }

    private static ObjectNode signalJson(ScalingThresholds thresholds) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        SignalKind kind = thresholds.kind();
        node.put("kind", kind.propName());
        if (kind != SignalKind.INCOMING_RECORDS) {
            node.put(kind.scaleOutSetting(), thresholds.scaleOutPerKpu());
            node.put(kind.scaleInSetting(), thresholds.scaleInPerKpu());
        }
        if (!kind.followsCapacity()) {
            node.put(UTILIZATION_STEP_WIDTH, thresholds.utilizationStepWidth());
        }
        return node;
    }

    private static JsonNode lagGuardJson(LagGuard guard) {
        if (!guard.enabled()) {
            return BooleanNode.FALSE;
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("maxLagSeconds", guard.maxLagSeconds());
        node.put("evaluationPeriods", guard.evaluation().evaluationPeriods());
        node.put("datapointsToAlarm", guard.evaluation().datapointsToAlarm());
        node.set("steps", stepsJson(guard.steps().steps(), LAG_STEP_FIELDS));
        node.put("cooldownSeconds", guard.cooldownSeconds());
        return node;
    }

    private static void signal(JsonNode node, JsonNode root, ScalingPolicy.Builder builder) {
        String field = PolicySetting.SCALING_SIGNAL.fileField();
        if (!node.isObject()) {
            throw new IllegalArgumentException(field + " must be an object with kind and its two settings, found "
                    + node);
        }
        JsonNode kindNode = node.get("kind");
        if (kindNode == null || kindNode.isNull()) {
            throw new IllegalArgumentException(field + ".kind is required (one of " + kindNames() + ")");
        }
        SignalKind kind = null;
        for (SignalKind candidate : SignalKind.values()) {
            if (candidate.propName().equals(kindNode.asText()) && kindNode.isTextual()) {
                kind = candidate;
            }
        }
        if (kind == null) {
            throw new IllegalArgumentException(field + ".kind (" + kindNode + ") must be one of " + kindNames());
        }
        Set<String> known = new TreeSet<>(List.of("kind", kind.scaleOutSetting(), kind.scaleInSetting()));
        if (!kind.followsCapacity()) {
            known.add(UTILIZATION_STEP_WIDTH);
        }
        checkKnown(node, field + ": ", " for kind " + kind.propName(), known);
        if (kind == SignalKind.INCOMING_RECORDS) {
            for (ScalingDirection direction : ScalingDirection.values()) {
                String setting = kind.setting(direction);
                if (node.hasNonNull(setting) && root.hasNonNull(setting)) {
                    throw new IllegalArgumentException("give " + setting + " at the top level or in " + field
                            + ", not both");
                }
                if (node.hasNonNull(setting)) {
                    double value = number(node.get(setting), field + "." + setting);
                    if (direction == ScalingDirection.SCALE_OUT) {
                        builder.scaleOutRecordsPerSecondPerKpu(value);
                    } else {
                        builder.scaleInRecordsPerSecondPerKpu(value);
                    }
                }
            }
            return;
        }
        for (PolicySetting records : List.of(PolicySetting.SCALE_OUT_RECORDS_PER_SECOND_PER_KPU,
                PolicySetting.SCALE_IN_RECORDS_PER_SECOND_PER_KPU)) {
            String name = records.fileField();
            kind.refuseRecordsRate(name, root.hasNonNull(name) ? root.get(name) : null);
        }
        double out = requiredNumber(node, kind.scaleOutSetting(), field, kind);
        double in = requiredNumber(node, kind.scaleInSetting(), field, kind);
        builder.signal(kind, out, in);
        if (node.hasNonNull(UTILIZATION_STEP_WIDTH)) {
            builder.utilizationStepWidth(number(node.get(UTILIZATION_STEP_WIDTH),
                    field + "." + UTILIZATION_STEP_WIDTH));
        }
    }

    private static double requiredNumber(JsonNode node, String name, String field, SignalKind kind) {
        if (!node.hasNonNull(name)) {
            throw new IllegalArgumentException(field + "." + name + " is required for kind " + kind.propName());
        }
        return number(node.get(name), field + "." + name);
    }

    private static String kindNames() {
        List<String> names = new ArrayList<>();
        for (SignalKind kind : SignalKind.values()) {
            names.add(kind.propName());
        }
        return String.join(", ", names);
    }

    /** {@code lagGuard.lagMetric}, {@code iteratorAge} when absent. */
    private static StreamLagMetric lagMetric(JsonNode root) {
        String field = PolicySetting.LAG_GUARD.fileField();
        JsonNode guard = root.get(field);
        if (guard == null || !guard.isObject() || !guard.hasNonNull(LAG_METRIC)) {
            return StreamLagMetric.ITERATOR_AGE;
        }
        JsonNode value = guard.get(LAG_METRIC);
        return StreamLagMetric.parse(value.isTextual() ? value.textValue() : value.toString(),
                field + "." + LAG_METRIC);
    }

    private static LagGuard lagGuard(JsonNode node) {
        String field = PolicySetting.LAG_GUARD.fileField();
        if (node.isBoolean()) {
            return node.booleanValue() ? LagGuard.defaults() : LagGuard.disabled();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(field + " must be false, true or an object with "
                    + String.join(", ", LAG_GUARD_FIELDS) + ", found " + node);
        }
        checkKnown(node, field + ": ", LAG_GUARD_FIELDS);
        LagGuard.Builder builder = LagGuard.builder();
        if (node.hasNonNull("maxLagSeconds")) {
            builder.maxLagSeconds(integer(node.get("maxLagSeconds"), field + ".maxLagSeconds"));
        }
        if (node.hasNonNull("evaluationPeriods")) {
            builder.evaluationPeriods(integer(node.get("evaluationPeriods"), field + ".evaluationPeriods"));
        }
        if (node.hasNonNull("datapointsToAlarm")) {
            builder.datapointsToAlarm(integer(node.get("datapointsToAlarm"), field + ".datapointsToAlarm"));
        }
        if (node.hasNonNull("steps")) {
            builder.steps(steps(node.get("steps"), field + ".steps", LAG_STEP_FIELDS));
        }
        if (node.hasNonNull("cooldownSeconds")) {
            builder.cooldownSeconds(integer(node.get("cooldownSeconds"), field + ".cooldownSeconds"));
        }
        return builder.build();
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

    /**
     * The one unknown-field rule of every object in the file: a typo would otherwise silently test the default.
     *
     * @param prefix what the message starts with: where the object is ({@code "lagGuard: "}), empty at the top
     */
    private static void checkKnown(JsonNode object, String prefix, Set<String> known) {
        checkKnown(object, prefix, "", known);
    }

    private static void checkKnown(JsonNode object, String prefix, String context, Set<String> known) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new IllegalArgumentException(prefix + "unknown field '" + name + "'" + context + " (known: "
                        + String.join(", ", known) + ")");
            }
        }
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

    private static List<ScalingStep> steps(JsonNode node, String field, List<String> fields) {
        if (!node.isArray()) {
            throw new IllegalArgumentException(field + " must be an array of steps, found " + node);
        }
        List<ScalingStep> steps = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode step = node.get(i);
            String where = field + "[" + i + "]";
            if (!step.isObject()) {
                throw new IllegalArgumentException(where + " must be an object with " + fields.get(0) + ", "
                        + fields.get(1) + " and " + fields.get(2) + ", found " + step);
            }
            checkKnown(step, where + ": ", new TreeSet<>(fields));
            if (!step.has(fields.get(2))) {
                throw new IllegalArgumentException(where + "." + fields.get(2) + " is required");
            }
            JsonNode adjustment = step.get(fields.get(2));
            if (!adjustment.isIntegralNumber() || !adjustment.canConvertToInt()) {
                throw new IllegalArgumentException(where + "." + fields.get(2) + " must be a whole number, found "
                        + adjustment);
            }
            steps.add(new ScalingStep(bound(step, fields.get(0), where), bound(step, fields.get(1), where),
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
            checkKnown(action, where + ": ", SCHEDULED_FIELDS);
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
