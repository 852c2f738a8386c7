package io.github.kdastepscaling.simulator;

import static io.github.kdastepscaling.simulator.AlarmState.ALARM;
import static io.github.kdastepscaling.simulator.AlarmState.INSUFFICIENT_DATA;
import static io.github.kdastepscaling.simulator.AlarmState.OK;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kdastepscaling.policy.AlarmComparison;
import io.github.kdastepscaling.policy.AlarmEvaluation;
import io.github.kdastepscaling.policy.MissingDataTreatment;
import io.github.kdastepscaling.policy.ScalingPolicy;
import org.junit.jupiter.api.Test;

class MetricAlarmTest {

    private static final double NONE = Double.NaN;

    private static MetricAlarm above(int n, int m, MissingDataTreatment missing) {
        return new MetricAlarm(AlarmComparison.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, new AlarmEvaluation(n, m), missing);
    }

    @Test
    void alarmsWhenMOfTheLastNDatapointsBreach() {
        Trace trace = Trace.of("t", 5, 20, 5, 20, 20, 5);
        MetricAlarm twoOfThree = above(3, 2, MissingDataTreatment.MISSING);
        assertEquals(INSUFFICIENT_DATA, twoOfThree.evaluate(trace, 1, 10, OK), "fewer than N minutes so far");
        assertEquals(OK, twoOfThree.evaluate(trace, 2, 10, OK), "5 20 5: one breach");
        assertEquals(ALARM, twoOfThree.evaluate(trace, 3, 10, OK), "20 5 20");
        assertEquals(ALARM, twoOfThree.evaluate(trace, 4, 10, OK), "5 20 20");
        assertEquals(ALARM, twoOfThree.evaluate(trace, 5, 10, OK), "20 20 5");
        assertEquals(
                OK, above(3, 3, MissingDataTreatment.MISSING).evaluate(trace, 5, 10, OK), "3 of 3 needs all three");
    }

    @Test
    void comparesAtTheThresholdAsTheOperatorSays() {
        Trace trace = Trace.of("t", 10);
        AlarmEvaluation one = new AlarmEvaluation(1, 1);
        assertEquals(
                ALARM,
                new MetricAlarm(AlarmComparison.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, one, MissingDataTreatment.MISSING)
                        .evaluate(trace, 0, 10, OK));
        assertEquals(
                OK,
                new MetricAlarm(AlarmComparison.GREATER_THAN_THRESHOLD, one, MissingDataTreatment.MISSING)
                        .evaluate(trace, 0, 10, OK));
        assertEquals(
                OK,
                new MetricAlarm(AlarmComparison.LESS_THAN_THRESHOLD, one, MissingDataTreatment.MISSING)
                        .evaluate(trace, 0, 10, OK));
        assertEquals(
                ALARM,
                new MetricAlarm(AlarmComparison.LESS_THAN_OR_EQUAL_TO_THRESHOLD, one, MissingDataTreatment.MISSING)
                        .evaluate(trace, 0, 10, OK));
    }

    @Test
    void countsMissingDataAsTheTreatmentSays() {
        Trace trace = Trace.of("t", 20, NONE, NONE);
        assertEquals(ALARM, above(3, 3, MissingDataTreatment.BREACHING).evaluate(trace, 2, 10, OK));
        assertEquals(OK, above(3, 2, MissingDataTreatment.NOT_BREACHING).evaluate(trace, 2, 10, OK));
        assertEquals(
                OK,
                above(3, 2, MissingDataTreatment.MISSING).evaluate(trace, 2, 10, OK),
                "only one datapoint breaches");
        assertEquals(ALARM, above(3, 1, MissingDataTreatment.MISSING).evaluate(trace, 2, 10, OK));
    }

    @Test
    void withoutAnyDatapointMissingGivesInsufficientDataAndIgnoreKeepsTheState() {
        Trace trace = Trace.of("t", NONE, NONE);
        assertEquals(
                INSUFFICIENT_DATA, above(2, 1, MissingDataTreatment.MISSING).evaluate(trace, 1, 10, ALARM));
        assertEquals(ALARM, above(2, 1, MissingDataTreatment.IGNORE).evaluate(trace, 1, 10, ALARM));
        assertEquals(OK, above(2, 1, MissingDataTreatment.IGNORE).evaluate(trace, 1, 10, OK));
    }

    @Test
    void theScaleInAlarmOfTheConstructTreatsASilentStreamAsBreaching() {
        MetricAlarm scaleIn = StepScalingSpec.of(
                        ScalingPolicy.builder().scaleInEvaluation(2, 2).build())
                .scaleInAlarm();
        assertEquals(ALARM, scaleIn.evaluate(Trace.of("t", NONE, NONE), 1, 900, OK));
        assertEquals(
                0,
                MetricAlarm.metricValue(Trace.of("t", NONE).datapoint(0).orElse(Double.NaN)),
                "no datapoint is no writes");
    }
}
