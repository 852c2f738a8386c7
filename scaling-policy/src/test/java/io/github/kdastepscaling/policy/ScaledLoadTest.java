package io.github.kdastepscaling.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScaledLoadTest {

    private final ScalingThresholds configured = new ScalingThresholds(1000, 900, 1);

    @Test
    void theExpressionMultipliesTheLoadByConfiguredOverLearned() {
        assertEquals("load * 1000 / 1300", ScaledLoad.expression(configured.withLearnedScaleOut(1300)));
        assertEquals("load * 1000 / 1000", ScaledLoad.expression(configured), "nothing learned: a scale of 1");
        assertEquals("load * 1000 / 712.5", ScaledLoad.expression(configured.withLearnedScaleOut(712.5)));
    }

    @Test
    void ratesAreWrittenWithoutAnExponentMetricMathWouldRefuse() {
        assertEquals("12500000.5", ScaledLoad.plain(12_500_000.5));
        assertEquals("2000000000", ScaledLoad.plain(2e9));
    }

    @Test
    void itRecognisesItsOwnExpressionOnly() {
        assertTrue(ScaledLoad.isScaledLoad("load * 1000 / 1300"));
        assertFalse(ScaledLoad.isScaledLoad("FILL(incoming, 0) / 60"));
        assertFalse(ScaledLoad.isScaledLoad("load * 2"));
        assertFalse(ScaledLoad.isScaledLoad(null));
    }

    @Test
    void itsScaleReadsBackFromTheExpression() {
        assertEquals(1000.0 / 1312.5, ScaledLoad.scaleOf("load * 1000 / 1312.5").orElseThrow(), 1e-15);
        assertTrue(ScaledLoad.scaleOf("FILL(incoming, 0) / 60").isEmpty());
        assertTrue(ScaledLoad.scaleOf("load * 1000 / learned").isEmpty(), "a rate that is not a number");
        assertTrue(ScaledLoad.scaleOf(null).isEmpty());
    }

    @Test
    void theScaledAlarmsKeepTheConfiguredThresholdsAndMeasureTheLoadAtTheLearnedRate() {
        ScalingThresholds learned = configured.withLearnedScaleOut(1300);
        assertEquals(1000.0 / 1300, learned.alarmScale(), 1e-12);
        ScalingThresholds alarms = learned.inAlarmUnits();
        for (int capacity = 1; capacity <= 8; capacity++) {
            // the alarm compares load x 1000/1300 with its threshold: the same as the load with the learned one
            assertEquals(
                    learned.scaleOutThreshold(capacity) * learned.alarmScale(),
                    alarms.scaleOutThreshold(capacity),
                    1e-9);
            assertEquals(
                    learned.scaleInThreshold(capacity) * learned.alarmScale(), alarms.scaleInThreshold(capacity), 1e-9);
            assertEquals(configured.scaleOutThreshold(capacity), alarms.scaleOutThreshold(capacity));
        }
    }

    @Test
    void aResizeAndTheMinimumCarryOverToTheAlarmUnits() {
        ScalingThresholds learned =
                configured.withLearnedScaleOut(1300).withResizeTo(2).withMinCapacity(2);
        ScalingThresholds alarms = learned.inAlarmUnits();
        assertEquals(2000, alarms.scaleInThreshold(3), "a resize scales in at the scale-out rate");
        assertEquals(0, alarms.scaleInThreshold(2), "nothing to remove at the minimum");
        assertEquals(learned.scaleInThreshold(3) * learned.alarmScale(), alarms.scaleInThreshold(3), 1e-9);
    }

    @Test
    void withoutLearningTheThresholdsAreTheirOwnAlarmUnits() {
        assertEquals(1.0, configured.alarmScale());
        assertSame(configured, configured.inAlarmUnits());
        assertEquals(1000, configured.withLearnedScaleOut(700).configuredScaleOutPerKpu());
    }
}
