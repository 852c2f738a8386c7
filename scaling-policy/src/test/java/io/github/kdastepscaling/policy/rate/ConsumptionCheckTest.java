package io.github.kdastepscaling.policy.rate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsumptionCheckTest {

    private static final double TOLERANCE = RateLearningSettings.DEFAULT_CONSUMER_TOLERANCE;

    /** {@code minutes} minutes at 1,200 records/s, the lag falling 100 s a minute from {@code lagSeconds}. */
    private static List<MinuteMetrics> catchingUp(int minutes, double lagSeconds, double consumedPerSecond) {
        List<MinuteMetrics> window = new ArrayList<>();
        for (int m = 0; m < minutes; m++) {
            window.add(MinuteMetrics.of(m, consumedPerSecond * 60, (lagSeconds - 100 * m) * 1000, 1200 * 60));
        }
        return window;
    }

    @Test
    void aSoleConsumerDrainingItsBacklogPasses() {
        // 15 minutes 600 s behind at first, 100 s less each minute: 1,200 arriving, 1,200 + 100 x 1,200 / 60 consumed
        List<MinuteMetrics> window = catchingUp(6, 600, 3200);
        for (int m = 6; m < 15; m++) {
            window.add(MinuteMetrics.of(m, 1200 * 60, 0, 1200 * 60));
        }
        assertNull(ConsumptionCheck.of(window).refusal(TOLERANCE));
    }

    @Test
    void caughtUpMinutesShowASecondConsumerWithoutABacklogEstimate() {
        // 10 minutes draining a 1,000 s backlog, then 6 caught up while a second consumer doubles the reads: over the
        // whole window the consumption is 1.18x what arrived and the backlog explain, within the tolerance
        List<MinuteMetrics> window = catchingUp(10, 1000, 3200);
        for (int m = 10; m < 16; m++) {
            window.add(MinuteMetrics.of(m, 2 * 1200 * 60, 0, 1200 * 60));
        }
        ConsumptionCheck check = ConsumptionCheck.of(window);
        assertEquals(1.18, check.consumedToExpected(), 0.01);
        assertEquals(2, check.caughtUpRatio(), 1e-9);
        assertEquals(
                "consumption is 2.00x what arrived and the backlog explain (another consumer on the stream, or other "
                        + "units)",
                check.refusal(TOLERANCE));
    }

    @Test
    void aBacklogThatOutweighsWhatArrivedCannotTellASecondConsumer() {
        // 3,000 s behind, draining 100 s a minute: the backlog is most of what the window expects to be consumed
        List<MinuteMetrics> window = catchingUp(12, 3000, 1200 + 2000);
        ConsumptionCheck check = ConsumptionCheck.of(window);
        assertEquals(
                "what arrived is only " + Math.round(100 * check.incomingShare())
                        + "% of the consumption the window expects (the backlog at its start outweighs it), too little "
                        + "to tell another consumer on the stream",
                check.refusal(TOLERANCE));
    }

    @Test
    void tooFewMinutesAreNotChecked() {
        assertEquals(
                "fewer than 10 minutes with consumption and lag in the window: too few to check the consumption "
                        + "against the incoming load",
                ConsumptionCheck.of(catchingUp(9, 600, 3200)).refusal(TOLERANCE));
    }
}
