package io.github.kdastepscaling;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.constructs.Construct;

/**
 * The health alarm's children that watch the scaler and its endpoint themselves. One application's own scaler and a
 * fleet's shared one have the same five, with the same ids, conditions and periods, worded for whom they page
 * ({@link Wording}).
 */
final class ScalerHealthChildren {

    private ScalerHealthChildren() {}

    /** The five children, in the order the composite alarm lists them. */
    enum Child {
        FUNCTION_ERRORS(new HealthChild("FunctionErrors", HealthCondition.HAPPENED, 2, 3)),
        ENDPOINT_ERRORS(new HealthChild("EndpointErrors", HealthCondition.HAPPENED, 1, 1)),
        ENDPOINT_THROTTLES(new HealthChild("EndpointThrottles", HealthCondition.HAPPENED, 2, 3)),
        // Messages sent, not visible: the queue keeps a message 14 days, and an alarm on what it holds would stay in
        // ALARM until someone purges it, hiding every later incident behind the composite.
        DEAD_LETTERS(new HealthChild("DeadLetters", HealthCondition.HAPPENED, 2, 6)),
        NO_DECISIONS(
                new HealthChild("NoDecisions", HealthCondition.ABSENT, null, ObservabilityFactory.SILENT_INTERVALS));

        private final HealthChild alarm;

        Child(HealthChild alarm) {
            this.alarm = alarm;
        }
    }

    /** What each child says, before its runbook link (whose anchor is the child's id in lower case). */
    record Wording(
            String functionErrors,
            String endpointErrors,
            String endpointThrottles,
            String deadLetters,
            String noDecisions) {

        String of(Child child) {
            return switch (child) {
                case FUNCTION_ERRORS -> functionErrors;
                case ENDPOINT_ERRORS -> endpointErrors;
                case ENDPOINT_THROTTLES -> endpointThrottles;
                case DEAD_LETTERS -> deadLetters;
                case NO_DECISIONS -> noDecisions;
            };
        }
    }

    /**
     * @param throttlesOwner what the endpoint-throttles metric's name carries after its own (a filter's metric can
     *     have no fixed dimension): the application's name, or the fleet's
     * @param scheduledDecisions the decisions the reconcile schedule triggered, summed over the interval
     */
    static List<IAlarm> create(
            Construct scope,
            ScalerParts parts,
            Duration interval,
            String throttlesOwner,
            IMetric scheduledDecisions,
            Wording wording) {
        Duration fiveMinutes = Duration.minutes(5);
        Duration fiveMinutesOrInterval = interval.toSeconds().intValue() > 300 ? interval : fiveMinutes;
        List<IAlarm> alarms = new ArrayList<>();
        for (Child child : Child.values()) {
            IMetric metric = switch (child) {
                case FUNCTION_ERRORS -> parts.alias().metricErrors(ObservabilityFactory.sum(fiveMinutesOrInterval));
                case ENDPOINT_ERRORS -> parts.api().metricServerError(ObservabilityFactory.sum(fiveMinutes));
                case ENDPOINT_THROTTLES ->
                    ObservabilityFactory.endpointThrottles(scope, parts.apiAccessLogs(), throttlesOwner);
                case DEAD_LETTERS ->
                    parts.deadLetterQueue().metricNumberOfMessagesSent(ObservabilityFactory.sum(fiveMinutes));
                case NO_DECISIONS -> scheduledDecisions;
            };
            alarms.add(child.alarm.alarm(scope, wording.of(child), metric));
        }
        return alarms;
    }
}
