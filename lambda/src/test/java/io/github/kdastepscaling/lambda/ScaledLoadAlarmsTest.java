package io.github.kdastepscaling.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kdastepscaling.contract.ScalerEnvironment;
import io.github.kdastepscaling.fakes.Alarm;
import io.github.kdastepscaling.fakes.Fault;
import io.github.kdastepscaling.fakes.RecordedCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With learning, the load alarms measure {@code load * configured / learned} and keep the configured rate's thresholds
 * (issue 19: step bounds in the learned rate's units). Over the fakes: the scaler writes the expression and the
 * threshold in one {@code PutMetricAlarm} per alarm, gives an alarm still on the signal itself the learned thresholds
 * (as before the scaled load) and names it, and a failed write leaves the alarm as it was and is reported.
 */
class ScaledLoadAlarmsTest {

    private static final String PUT_ALARM = "cloudwatch:PutMetricAlarm";

    private final ScalerFixture fixture = new ScalerFixture(environment -> {
        environment.put(ScalerEnvironment.LEARNING_METRICS, LearnedRateDecisionTableTest.LEARNING_METRICS);
        environment.put(ScalerEnvironment.LEARNING_WINDOW_MINUTES, "30");
        environment.put(ScalerEnvironment.LEARNED_RATE_PARAMETER_NAME, LearningReconcileTest.LEARNED_RATE_PARAMETER);
    });

    ScaledLoadAlarmsTest() {
        // A rate learned earlier: 1,300 records/s per KPU against the configured 1,000.
        fixture.aws
                .ssm()
                .put(
                        LearningReconcileTest.LEARNED_RATE_PARAMETER,
                        "v1 rate=1300 configured=1000 anchor=1000 anchorAt=0 probeAt=0");
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private JsonNode lastThresholds() {
        return fixture.lastDecision().get("thresholds");
    }

    @Test
    void aRescaleWritesTheLearnedScaleAndTheConfiguredThresholdsInOneCallPerAlarm() {
        fixture.patchCapacity(3);

        assertEquals("load * 1000 / 1300", fixture.measures(ScalerFixture.SCALE_OUT_ALARM));
        assertEquals("load * 1000 / 1300", fixture.measures(ScalerFixture.SCALE_IN_ALARM));
        assertEquals(3000, fixture.threshold(ScalerFixture.SCALE_OUT_ALARM), 1e-9, "3 KPUs x the configured 1000");
        assertEquals(1500, fixture.threshold(ScalerFixture.SCALE_IN_ALARM), 1e-9, "2 KPUs x the configured 750");
        assertEquals(3900, fixture.firesAt(ScalerFixture.SCALE_OUT_ALARM), 1e-9, "3 KPUs x the learned 1300");
        assertEquals(
                2,
                fixture.aws.calls(PUT_ALARM).stream()
                        .filter(RecordedCall::succeeded)
                        .count(),
                "one write per alarm: threshold and expression together");
        JsonNode changed = lastThresholds().get("changed");
        assertEquals("load * 1000 / 1300", changed.get(0).get("measures").asText(), changed.toString());
        assertTrue(lastThresholds().get("aligned").asBoolean());
    }

    @Test
    void everyOtherFieldOfTheAlarmIsKept() {
        Alarm before = ScalerFixture.definition(
                fixture.aws.cloudWatch().alarm(ScalerFixture.SCALE_OUT_ALARM).orElseThrow());

        fixture.patchCapacity(3);

        Alarm after = ScalerFixture.definition(
                fixture.aws.cloudWatch().alarm(ScalerFixture.SCALE_OUT_ALARM).orElseThrow());
        assertEquals(before.metrics().size(), after.metrics().size());
        for (int i = 0; i < before.metrics().size(); i++) {
            Alarm.MetricQuery was = before.metrics().get(i);
            Alarm.MetricQuery is = after.metrics().get(i);
            assertEquals(was.id(), is.id());
            assertEquals(was.returnData(), is.returnData());
            assertEquals(was.metricStat(), is.metricStat());
            if (!Boolean.TRUE.equals(was.returnData())) {
                assertEquals(was.expression(), is.expression(), "only the compared query's expression changes");
            }
        }
        assertEquals(
                before.toBuilder().metrics(null).threshold(null).build(),
                after.toBuilder().metrics(null).threshold(null).build());
    }

    @Test
    void anAlarmOnTheSignalItselfGetsTheLearnedThresholdsAndIsNamed() {
        // A template from before the scaled load (the first minutes of an upgrade, before CloudFormation updates the
        // alarms) or an alarm edited by hand: its threshold must still follow the capacity, at the learned rate on
        // the signal itself, or it would keep firing after each rescale.
        fixture.aws
                .cloudWatch()
                .putAlarm(fixture.alarm(
                        ScalerFixture.SCALE_OUT_ALARM,
                        "GreaterThanOrEqualToThreshold",
                        2000,
                        "notBreaching",
                        "scale-out"));

        fixture.patchCapacity(3);

        assertEquals(3900, fixture.threshold(ScalerFixture.SCALE_OUT_ALARM), 1e-9, "3 KPUs x the learned 1300");
        assertNull(fixture.measures(ScalerFixture.SCALE_OUT_ALARM), "its metric left as it is");
        assertTrue(lastThresholds().get("aligned").asBoolean(), lastThresholds().toString());
        assertEquals(
                "[\"" + ScalerFixture.SCALE_OUT_ALARM + "\"]",
                lastThresholds().get("unscaled").toString());
        assertEquals("load * 1000 / 1300", fixture.measures(ScalerFixture.SCALE_IN_ALARM), "the other alarm is scaled");
        assertEquals(1500, fixture.threshold(ScalerFixture.SCALE_IN_ALARM), 1e-9);

        fixture.aws.flink().completeTransitions();
        fixture.patchCapacity(5);

        assertEquals(6500, fixture.threshold(ScalerFixture.SCALE_OUT_ALARM), 1e-9, "it follows the capacity");
    }

    @Test
    void aFailedWriteLeavesTheAlarmAsItWasAndIsReportedThenRepaired() {
        fixture.aws.faults().failAlways(PUT_ALARM, Fault.serverError());

        fixture.patchCapacity(3);

        assertEquals("load * 1000 / 1000", fixture.measures(ScalerFixture.SCALE_OUT_ALARM), "neither half written");
        assertEquals(2000, fixture.threshold(ScalerFixture.SCALE_OUT_ALARM), 1e-9);
        String problems = lastThresholds().get("problems").toString();
        assertTrue(problems.contains("measuring load * 1000 / 1300"), problems);

        fixture.aws.faults().clear();
        fixture.aws.flink().completeTransitions();
        fixture.reconcile();

        assertEquals("load * 1000 / 1300", fixture.measures(ScalerFixture.SCALE_OUT_ALARM));
        assertEquals(3000, fixture.threshold(ScalerFixture.SCALE_OUT_ALARM), 1e-9);
    }
}
