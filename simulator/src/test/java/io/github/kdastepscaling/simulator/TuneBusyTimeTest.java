package io.github.kdastepscaling.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kdastepscaling.policy.ScalingPolicy;
import org.junit.jupiter.api.Test;

/**
 * {@code tune --job-metrics} with the busiest task's busy time in the export: a job that never lagged (so the
 * lagging source has nothing) still gives the estimator its true rate, from the same code the scaler runs.
 */
class TuneBusyTimeTest {

    @Test
    void aJobThatNeverLaggedIsEstimatedFromItsBusyTime() throws Exception {
        String calm = TuneInputsTest.jobMetrics(360, false, 1300);
        StringBuilder times = new StringBuilder();
        StringBuilder busy = new StringBuilder();
        for (int m = 0; m < 360; m++) {
            String sep = m == 0 ? "" : ",";
            times.append(sep)
                    .append('"')
                    .append(TuneInputsTest.START.plusSeconds(60L * m))
                    .append('"');
            // the job keeps up: busy for the share of 4 KPUs x 1300 per second that the load needs
            busy.append(sep).append(TuneInputsTest.load(m, false) / (4 * 1300.0) * 1000);
        }
        String withBusy = calm.substring(0, calm.length() - 2) + ", {\"Id\": \"busy\", \"Label\": \"busy\", "
                + "\"Timestamps\": [" + times + "], \"Values\": [" + busy + "], \"StatusCode\": \"Complete\"}]}";

        JobMetricsExport export = JobMetricsExport.parse(withBusy, "busy.json");
        assertEquals(
                TuneInputsTest.load(10, false) / (4 * 1300.0) * 1000,
                export.minutes().get(10).busyMillisPerSecond(),
                1e-9);
        HistoryRateEstimate estimate =
                HistoryRateEstimate.of(export, ScalingPolicy.builder().build().thresholds(), 1000);
        assertTrue(estimate.usable(), estimate.weakness());
        assertEquals(1300, estimate.recordsPerSecondPerKpu(), 1300 * 0.03);
    }
}
