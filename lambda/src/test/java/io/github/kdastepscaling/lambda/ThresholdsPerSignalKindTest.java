package io.github.kdastepscaling.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kdastepscaling.contract.ScalerEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * After a rescale the scaler re-sets the load alarms' thresholds for the new capacity when the signal's thresholds
 * follow capacity (records, bytes, any load metric: {@code capacity x per KPU}), and leaves them alone for a
 * utilization signal, whose thresholds are fixed. Through the fakes, as the Lambda runs.
 */
class ThresholdsPerSignalKindTest {

    private ScalerFixture fixture;

    @AfterEach
    void stop() {
        fixture.close();
    }

    private ScalerFixture withSignal(String kind, String scaleOutPerKpu, String scaleInPerKpu) {
        fixture = new ScalerFixture(environment -> {
            environment.put(ScalerEnvironment.SIGNAL_KIND, kind);
            if (scaleOutPerKpu == null) {
                environment.remove(ScalerEnvironment.SCALE_OUT_PER_KPU);
                environment.remove(ScalerEnvironment.SCALE_IN_PER_KPU);
            } else {
                environment.put(ScalerEnvironment.SCALE_OUT_PER_KPU, scaleOutPerKpu);
                environment.put(ScalerEnvironment.SCALE_IN_PER_KPU, scaleInPerKpu);
            }
        });
        return fixture;
    }

    @Test
    void incomingBytesThresholdsAreCapacityTimesBytesPerKpu() {
        withSignal("INCOMING_BYTES", "1048576", "943718.4").patchCapacity(4);

        assertEquals(4 * 1048576.0, fixture.threshold(ScalerFixture.SCALE_OUT_ALARM));
        assertEquals(3 * 943718.4, fixture.threshold(ScalerFixture.SCALE_IN_ALARM), 1e-6);
    }

    @Test
    void aLoadMetricsThresholdsAreCapacityTimesItsPerKpuValues() {
        withSignal("LOAD", "50", "40").patchCapacity(3);

        assertEquals(150, fixture.threshold(ScalerFixture.SCALE_OUT_ALARM));
        assertEquals(80, fixture.threshold(ScalerFixture.SCALE_IN_ALARM));
    }

    @Test
    void aUtilizationSignalsFixedThresholdsAreLeftAlone() {
        withSignal("UTILIZATION", null, null);
        double scaleOutBefore = fixture.threshold(ScalerFixture.SCALE_OUT_ALARM);
        double scaleInBefore = fixture.threshold(ScalerFixture.SCALE_IN_ALARM);

        ScalerFixture.Response response = fixture.patchCapacity(5);

        assertEquals("InProgress", response.scalingStatus());
        assertEquals(5, fixture.application.parallelism());
        assertEquals(scaleOutBefore, fixture.threshold(ScalerFixture.SCALE_OUT_ALARM));
        assertEquals(scaleInBefore, fixture.threshold(ScalerFixture.SCALE_IN_ALARM));
        assertEquals(0, fixture.aws.calls("cloudwatch:PutMetricAlarm").size());
        assertEquals(0, fixture.aws.calls("cloudwatch:DescribeAlarms").size());
    }
}
