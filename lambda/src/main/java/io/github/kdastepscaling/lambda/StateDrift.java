package io.github.kdastepscaling.lambda;

import io.github.kdastepscaling.contract.ScalerMetrics;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * What a decision found deleted or disabled behind the scaler's back, among what the construct created and the scaler
 * relies on: the desired-capacity parameter, the scalable target (its scaling policies go with it), the scaling
 * alarms. Each stays unknown (null) until checked; the decision log line names what is wrong, and the scheduled
 * reconcile's decisions publish a metric for each check made, so a health-alarm child can count them
 * (docs/runbook.md). None of it costs a call of its own on the API Gateway path.
 */
final class StateDrift {

    private Boolean desiredCapacityParameterMissing;
    private Boolean scalableTargetMissing;
    private List<String> alarmProblems;

    /** Whether the desired-capacity parameter was found deleted. */
    void desiredCapacityParameterMissing(boolean missing) {
        this.desiredCapacityParameterMissing = missing;
    }

    /** True when it was found deleted; false when it exists or was not read. */
    boolean isDesiredCapacityParameterMissing() {
        return Boolean.TRUE.equals(desiredCapacityParameterMissing);
    }

    /** Whether the scalable target was found deregistered (null: not read). */
    void scalableTargetMissing(boolean missing) {
        this.scalableTargetMissing = missing;
    }

    /**
     * The scaling alarms checked: each entry names an alarm deleted or with its actions disabled, e.g.
     * {@code orders-scale-out: actions disabled}; empty when all are there and enabled.
     */
    void alarmProblems(List<String> problems) {
        this.alarmProblems = List.copyOf(problems);
    }

    /** The fields a problem adds to the decision's log line; nothing when all is in place or unchecked. */
    void writeFields(JsonWriter json) {
        if (isDesiredCapacityParameterMissing()) {
            json.writeFieldName("desiredCapacityParameterMissing").writeValue(true);
        }
        if (Boolean.TRUE.equals(scalableTargetMissing)) {
            json.writeFieldName("scalableTargetMissing").writeValue(true);
        }
        if (alarmProblems != null && !alarmProblems.isEmpty()) {
            json.writeFieldName("alarmsMissingOrDisabled").writeStartArray();
            alarmProblems.forEach(json::writeValue);
            json.writeEndArray();
        }
    }

    /** The metric of each check made: 0 when in place, so a child alarm sees the check run. */
    void addMetrics(Map<String, Number> counts) {
        if (desiredCapacityParameterMissing != null) {
            counts.put(ScalerMetrics.DESIRED_CAPACITY_PARAMETER_MISSING, desiredCapacityParameterMissing ? 1 : 0);
        }
        if (scalableTargetMissing != null) {
            counts.put(ScalerMetrics.SCALABLE_TARGET_MISSING, scalableTargetMissing ? 1 : 0);
        }
        if (alarmProblems != null) {
            counts.put(ScalerMetrics.ALARMS_MISSING_OR_DISABLED, alarmProblems.size());
        }
    }
}
