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
import io.github.kdastepscaling.policy.ScalingThresholds;
import io.github.kdastepscaling.policy.ScheduleExpression;
import io.github.kdastepscaling.policy.ScheduledCapacityAction;
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
import java.util.function.Consumer;

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
 * Each object is bound to a record ({@link PolicyFileFields}: one rule refuses an unknown field or a value of
 * another type, naming its path and value); the policy is validated by {@link ScalingPolicy}, whose messages are
 * passed on verbatim. {@link #write} is the way back: a report's policy reads back as the same policy.
 */
public final class PolicyFile {

    static final String TRUE_RATE = "trueRecordsPerSecondPerKpu";
    private static final List<String> STEP_FIELDS = List.of("lowerBoundKpus", "upperBoundKpus", "adjustmentKpus");
    /** A lag step's bounds are multiples of maxLagSeconds beyond it, not KPUs of load. */
    private static final List<String> LAG_STEP_FIELDS = List.of("lowerBound", "upperBound", "adjustmentKpus");
    /**
     * The lag guard's metric ({@link StreamLagMetric}): simulator-side, as the construct's {@code LagMetric} is not
     * part of the shared policy.
     */
    static final String LAG_METRIC = "lagMetric";

    private static final String UTILIZATION_STEP_WIDTH = "utilizationStepWidth";

    private PolicyFile() {}

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
        PolicyFileFields.Root file = PolicyFileFields.bind(root, PolicyFileFields.Root.class, "");
        ScalingPolicy.Builder builder = ScalingPolicy.builder();
        PolicyFileFields.Guard guard = guard(file.lagGuard());
        for (PolicySetting setting : PolicySetting.values()) {
            read(setting, file, guard, builder);
        }
        ScalingPolicy policy = builder.build();
        double bytesPerRecord = or(file.bytesPerRecord(), SimulationSettings.DEFAULT_BYTES_PER_RECORD);
        // before the configured rate is derived from it, which a bad record size would make a bad true rate
        JobSettings.checkBytesPerRecord(bytesPerRecord);
        StreamLagMetric lagMetric = guard == null || guard.lagMetric() == null
                ? StreamLagMetric.ITERATOR_AGE
                : StreamLagMetric.parse(guard.lagMetric(), PolicySetting.LAG_GUARD.fileField() + "." + LAG_METRIC);
        return new SimulationSettings(
                        policy,
                        or(file.initialCapacity(), policy.capacityRange().minCapacity()),
                        or(
                                file.trueRecordsPerSecondPerKpu(),
                                SimulationSettings.configuredRecordsPerSecondPerKpu(
                                        policy, bytesPerRecord, Double.NaN)),
                        or(file.restartMinutes(), SimulationSettings.restartMinutesFor(policy)),
                        or(file.pricePerKpuHour(), SimulationSettings.DEFAULT_PRICE_PER_KPU_HOUR),
                        bytesPerRecord)
                .withSharedStream(SharedStream.ALONE.withLagMetric(lagMetric));
    }

    /**
     * Sets one setting from its field, when given: an exhaustive switch, so a new setting cannot be left unread
     * ({@code PolicyFileTest} checks that {@link PolicyFileFields.Root} has a field for each).
     */
    private static void read(
            PolicySetting setting, PolicyFileFields.Root file, PolicyFileFields.Guard guard, ScalingPolicy.Builder b) {
        switch (setting) {
            case MIN_CAPACITY -> ifGiven(file.minCapacity(), b::minCapacity);
            case MAX_CAPACITY -> ifGiven(file.maxCapacity(), b::maxCapacity);
            case KPU_QUOTA -> ifGiven(file.kpuQuota(), b::kpuQuota);
            case SCALE_OUT_RECORDS_PER_SECOND_PER_KPU ->
                ifGiven(file.scaleOutRecordsPerSecondPerKpu(), b::scaleOutRecordsPerSecondPerKpu);
            case SCALE_IN_RECORDS_PER_SECOND_PER_KPU ->
                ifGiven(file.scaleInRecordsPerSecondPerKpu(), b::scaleInRecordsPerSecondPerKpu);
            case SCALE_OUT_STEPS ->
                ifGiven(file.scaleOutSteps(), steps -> b.scaleOutSteps(steps(steps, "scaleOutSteps")));
            case SCALE_IN_STEPS -> ifGiven(file.scaleInSteps(), steps -> b.scaleInSteps(steps(steps, "scaleInSteps")));
            case SCALE_OUT_COOLDOWN -> ifGiven(file.scaleOutCooldownSeconds(), b::scaleOutCooldownSeconds);
            case SCALE_IN_COOLDOWN -> ifGiven(file.scaleInCooldownSeconds(), b::scaleInCooldownSeconds);
            case SCALE_OUT_EVALUATION_PERIODS ->
                ifGiven(file.scaleOutEvaluationPeriods(), b::scaleOutEvaluationPeriods);
            case SCALE_OUT_DATAPOINTS_TO_ALARM ->
                ifGiven(file.scaleOutDatapointsToAlarm(), b::scaleOutDatapointsToAlarm);
            case SCALE_IN_EVALUATION_PERIODS -> ifGiven(file.scaleInEvaluationPeriods(), b::scaleInEvaluationPeriods);
            case SCALE_IN_DATAPOINTS_TO_ALARM -> ifGiven(file.scaleInDatapointsToAlarm(), b::scaleInDatapointsToAlarm);
            case EXPECTED_RESTART -> ifGiven(file.expectedRestartSeconds(), b::expectedRestartSeconds);
            case SCHEDULED_CAPACITY ->
                ifGiven(file.scheduledCapacity(), actions -> b.scheduledActions(scheduledActions(actions)));
            case SCALING_SIGNAL -> ifGiven(file.scalingSignal(), node -> signal(node, file, b));
            case LAG_GUARD -> ifGiven(file.lagGuard(), node -> b.lagGuard(lagGuard(node, guard)));
        }
    }

    private static <T> void ifGiven(T value, Consumer<T> apply) {
        if (value != null && !(value instanceof JsonNode node && node.isNull())) {
            apply.accept(value);
        }
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
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
                case SCALE_OUT_RECORDS_PER_SECOND_PER_KPU ->
                    records ? DoubleNode.valueOf(policy.thresholds().scaleOutPerKpu()) : NullNode.getInstance();
                case SCALE_IN_RECORDS_PER_SECOND_PER_KPU ->
                    records ? DoubleNode.valueOf(policy.thresholds().scaleInPerKpu()) : NullNode.getInstance();
                case SCALE_OUT_STEPS ->
                    stepsJson(policy.steps(ScalingDirection.SCALE_OUT).steps());
                case SCALE_IN_STEPS ->
                    stepsJson(policy.steps(ScalingDirection.SCALE_IN).steps());
                case SCALE_OUT_COOLDOWN -> IntNode.valueOf(policy.cooldownSeconds(ScalingDirection.SCALE_OUT));
                case SCALE_IN_COOLDOWN -> IntNode.valueOf(policy.cooldownSeconds(ScalingDirection.SCALE_IN));
                case SCALE_OUT_EVALUATION_PERIODS ->
                    IntNode.valueOf(
                            policy.evaluation(ScalingDirection.SCALE_OUT).evaluationPeriods());
                case SCALE_OUT_DATAPOINTS_TO_ALARM ->
                    IntNode.valueOf(
                            policy.evaluation(ScalingDirection.SCALE_OUT).datapointsToAlarm());
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

    private static void signal(JsonNode node, PolicyFileFields.Root root, ScalingPolicy.Builder builder) {
        String field = PolicySetting.SCALING_SIGNAL.fileField();
        if (!node.isObject()) {
            throw new IllegalArgumentException(
                    field + " must be an object with kind and its two settings, found " + node);
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
        // which of the signal's fields apply depends on its kind: checked here, not by the binding
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new IllegalArgumentException(field + ": unknown field '" + name + "' for kind " + kind.propName()
                        + " (known: " + String.join(", ", known) + ")");
            }
        }
        if (kind == SignalKind.INCOMING_RECORDS) {
            for (ScalingDirection direction : ScalingDirection.values()) {
                String setting = kind.setting(direction);
                Double topLevel = direction == ScalingDirection.SCALE_OUT
                        ? root.scaleOutRecordsPerSecondPerKpu()
                        : root.scaleInRecordsPerSecondPerKpu();
                if (node.hasNonNull(setting) && topLevel != null) {
                    throw new IllegalArgumentException(
                            "give " + setting + " at the top level or in " + field + ", not both");
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
        kind.refuseRecordsRate(
                PolicySetting.SCALE_OUT_RECORDS_PER_SECOND_PER_KPU.fileField(), root.scaleOutRecordsPerSecondPerKpu());
        kind.refuseRecordsRate(
                PolicySetting.SCALE_IN_RECORDS_PER_SECOND_PER_KPU.fileField(), root.scaleInRecordsPerSecondPerKpu());
        double out = requiredNumber(node, kind.scaleOutSetting(), field, kind);
        double in = requiredNumber(node, kind.scaleInSetting(), field, kind);
        builder.signal(kind, out, in);
        if (node.hasNonNull(UTILIZATION_STEP_WIDTH)) {
            builder.utilizationStepWidth(
                    number(node.get(UTILIZATION_STEP_WIDTH), field + "." + UTILIZATION_STEP_WIDTH));
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

    /** {@code lagGuard} as an object, bound; null when absent, a boolean or null. */
    private static PolicyFileFields.Guard guard(JsonNode node) {
        return node == null || !node.isObject()
                ? null
                : PolicyFileFields.bind(node, PolicyFileFields.Guard.class, PolicySetting.LAG_GUARD.fileField());
    }

    private static LagGuard lagGuard(JsonNode node, PolicyFileFields.Guard guard) {
        String field = PolicySetting.LAG_GUARD.fileField();
        if (node.isBoolean()) {
            return node.booleanValue() ? LagGuard.defaults() : LagGuard.disabled();
        }
        if (guard == null) {
            throw new IllegalArgumentException(field + " must be false, true or an object with "
                    + String.join(", ", PolicyFileFields.fieldsOf(PolicyFileFields.Guard.class)) + ", found " + node);
        }
        LagGuard.Builder builder = LagGuard.builder();
        ifGiven(guard.maxLagSeconds(), builder::maxLagSeconds);
        ifGiven(guard.evaluationPeriods(), builder::evaluationPeriods);
        ifGiven(guard.datapointsToAlarm(), builder::datapointsToAlarm);
        ifGiven(guard.steps(), steps -> builder.steps(lagSteps(steps)));
        ifGiven(guard.cooldownSeconds(), builder::cooldownSeconds);
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

    private static double number(JsonNode node, String field) {
        if (!node.isNumber()) {
            throw new IllegalArgumentException(field + " must be a number, found " + node);
        }
        return node.doubleValue();
    }

    private static List<ScalingStep> steps(List<PolicyFileFields.Step> steps, String field) {
        List<ScalingStep> result = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            PolicyFileFields.Step step = steps.get(i);
            result.add(new ScalingStep(
                    step.lowerBoundKpus(),
                    step.upperBoundKpus(),
                    required(step.adjustmentKpus(), field + "[" + i + "].adjustmentKpus")));
        }
        return result;
    }

    private static List<ScalingStep> lagSteps(List<PolicyFileFields.LagStep> steps) {
        List<ScalingStep> result = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            PolicyFileFields.LagStep step = steps.get(i);
            result.add(new ScalingStep(
                    step.lowerBound(),
                    step.upperBound(),
                    required(
                            step.adjustmentKpus(),
                            PolicySetting.LAG_GUARD.fileField() + ".steps[" + i + "].adjustmentKpus")));
        }
        return result;
    }

    private static int required(Integer value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    private static List<ScheduledCapacityAction> scheduledActions(List<PolicyFileFields.Scheduled> given) {
        List<ScheduledCapacityAction> actions = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            PolicyFileFields.Scheduled action = given.get(i);
            String where = "scheduledCapacity[" + i + "]";
            String label = where + (action.name() == null ? "" : " '" + action.name() + "'");
            try {
                actions.add(new ScheduledCapacityAction(
                        action.name(),
                        action.schedule() == null ? null : ScheduleExpression.parse(action.schedule()),
                        action.timeZone() == null ? null : ZoneId.of(action.timeZone()),
                        instant(action.startTime(), where + ".startTime"),
                        instant(action.endTime(), where + ".endTime"),
                        action.minCapacity(),
                        action.maxCapacity()));
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(
                        label + ".timeZone (" + action.timeZone() + ") is not an IANA time zone name");
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(label + ": " + e.getMessage(), e);
            }
        }
        return actions;
    }

    private static Instant instant(String text, String field) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    field + " (" + text + ") must be an ISO-8601 instant, " + "e.g. 2026-03-01T00:00:00Z");
        }
    }
}
