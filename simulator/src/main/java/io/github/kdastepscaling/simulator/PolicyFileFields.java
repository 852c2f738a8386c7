package io.github.kdastepscaling.simulator;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A policy file's objects as records, bound by Jackson: every record refuses a field it does not have
 * ({@code FAIL_ON_UNKNOWN_PROPERTIES}, the one unknown-field rule: a typo would otherwise silently test the default),
 * and takes no value of another type (no coercion: {@code "8"} is not 8, nor 2.5 a whole number). A failure is an
 * {@link IllegalArgumentException} naming the field by its path and the value found. A missing or null field is null:
 * the construct's default.
 */
final class PolicyFileFields {

    /** The top level: the construct's props ({@code PolicySetting}) and the simulator-only fields. */
    record Root(
            Integer minCapacity,
            Integer maxCapacity,
            Integer kpuQuota,
            Double scaleOutRecordsPerSecondPerKpu,
            Double scaleInRecordsPerSecondPerKpu,
            List<Step> scaleOutSteps,
            List<Step> scaleInSteps,
            Integer scaleOutCooldownSeconds,
            Integer scaleInCooldownSeconds,
            Integer scaleOutEvaluationPeriods,
            Integer scaleOutDatapointsToAlarm,
            Integer scaleInEvaluationPeriods,
            Integer scaleInDatapointsToAlarm,
            Integer expectedRestartSeconds,
            List<Scheduled> scheduledCapacity,
            JsonNode scalingSignal,
            JsonNode lagGuard,
            Integer initialCapacity,
            Double trueRecordsPerSecondPerKpu,
            Integer restartMinutes,
            Double pricePerKpuHour,
            Double bytesPerRecord) {}

    /** A load step: bounds in KPUs of load, a missing or null bound open. */
    record Step(Double lowerBoundKpus, Double upperBoundKpus, Integer adjustmentKpus) {}

    /** A lag step: bounds in multiples of {@code maxLagSeconds} beyond it. */
    record LagStep(Double lowerBound, Double upperBound, Integer adjustmentKpus) {}

    /** The construct's {@code ScheduledCapacity} props. */
    record Scheduled(
            String name,
            String schedule,
            String timeZone,
            String startTime,
            String endTime,
            Integer minCapacity,
            Integer maxCapacity) {}

    /** {@code lagGuard} as an object. */
    record Guard(
            Integer maxLagSeconds,
            Integer evaluationPeriods,
            Integer datapointsToAlarm,
            List<LagStep> steps,
            Integer cooldownSeconds,
            String lagMetric) {}

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            // nor is 5 a name: a number or a boolean where a string belongs is refused too
            .withCoercionConfig(
                    LogicalType.Textual,
                    text -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private PolicyFileFields() {}

    /** The record names of a record's fields, sorted: what an object of {@code type} may hold. */
    static TreeSet<String> fieldsOf(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents())
                .map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * {@code node} bound to {@code type}.
     *
     * @param at where {@code node} is in the file ({@code "lagGuard"}), empty for the top level: messages start there
     */
    static <T> T bind(JsonNode node, Class<T> type, String at) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (UnrecognizedPropertyException e) {
            List<JsonMappingException.Reference> path = e.getPath();
            String where = path(at, path.subList(0, Math.max(0, path.size() - 1)));
            String known = e.getKnownPropertyIds().stream()
                    .map(Object::toString)
                    .sorted()
                    .collect(Collectors.joining(", "));
            throw new IllegalArgumentException(
                    (where.isEmpty() ? "" : where + ": ") + "unknown field '" + e.getPropertyName() + "' (known: "
                            + known + ")",
                    e);
        } catch (MismatchedInputException e) {
            String where = path(at, e.getPath());
            JsonNode found = node.at(pointer(e.getPath()));
            throw new IllegalArgumentException(
                    (where.isEmpty() ? "the policy" : where) + " must be " + expected(e.getTargetType()) + ", found "
                            + found,
                    e);
        } catch (JsonProcessingException e) {
            String where = e instanceof JsonMappingException m ? path(at, m.getPath()) : at;
            throw new IllegalArgumentException((where.isEmpty() ? "" : where + ": ") + e.getOriginalMessage(), e);
        }
    }

    /** What a value of {@code type} is, for a message. */
    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type != null && List.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type != null && type.isRecord()) {
            @SuppressWarnings("unchecked")
            Class<? extends Record> record = (Class<? extends Record>) type;
            return "an object with " + String.join(", ", fieldsOf(record));
        }
        return "a " + (type == null ? "value" : type.getSimpleName());
    }

    /** {@code scaleOutSteps[0].adjustmentKpus}: the path of a field as messages name it. */
    private static String path(String at, List<JsonMappingException.Reference> path) {
        StringBuilder text = new StringBuilder(at);
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                text.append(text.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                text.append('[').append(reference.getIndex()).append(']');
            }
        }
        return text.toString();
    }

    private static JsonPointer pointer(List<JsonMappingException.Reference> path) {
        JsonPointer pointer = JsonPointer.empty();
        for (JsonMappingException.Reference reference : path) {
            pointer = reference.getFieldName() != null
                    ? pointer.appendProperty(reference.getFieldName())
                    : pointer.appendIndex(reference.getIndex());
        }
        return pointer;
    }
}
