package io.github.kdastepscaling.lambda;

import static io.github.kdastepscaling.lambda.LearnedRateDecisionTableTest.NOW;
import static io.github.kdastepscaling.lambda.LearnedRateDecisionTableTest.running;
import static io.github.kdastepscaling.lambda.LearnedRateDecisionTableTest.sees;
import static io.github.kdastepscaling.lambda.LearnedRateDecisionTableTest.stored;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kdastepscaling.policy.CapacityRange;
import io.github.kdastepscaling.policy.rate.LearnedRate;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The decision lowers a PATCH's scale-in straight to what the last minutes' load needs at the learned scale-in rate
 * (the stored need of the last reconcile), within the scalable target's minimum, and stores the lowered desire.
 */
class ScaleInTargetDecisionTest {

    /** The job runs 12 KPUs; the last minutes' load needs 5 at the learned scale-in rate. */
    private static final LearnedRate HOLDS_5 =
            new LearnedRate(700, 1000, 700, NOW - 120, NOW - 120).withLoadNeed(4, 5, NOW - 1);

    private static DecisionInputsBuilder patch(int asked, LearnedRate state, Optional<CapacityRange> range) {
        return sees(running(12, null), stored(state))
                .withAsked(OptionalInt.of(asked))
                .withTargetRange(range);
    }

    @Test
    void aScaleInGoesStraightToWhatTheLoadNeedsAndIsStored() {
        ScalingPlan plan = ScalingDecision.decide(
                patch(9, HOLDS_5, Optional.of(new CapacityRange(1, 32))).build());

        assertEquals(5, ((ScalingPlan.Rescale) plan.action()).desired());
        assertEquals(OptionalInt.of(5), plan.storeDesired());
        assertTrue(
                plan.notes()
                        .contains("lowered the scale-in from 9 to 5 KPUs: the load of the minutes to 28999999 needs 5 "
                                + "KPUs at the learned scale-in rate (scalable target minimum 1)"),
                plan.notes().toString());
    }

    @Test
    void aResizeIsHeldAtWhatTheLoadNeedsAtTheLearnedRateAndSaysSo() {
        // 12 KPUs sized for the configured 1,000; learned 1,300, and the recent load needs 10 at it
        LearnedRate resizing = new LearnedRate(1300, 1000, 1000, NOW - 120, NOW - 120)
                .withSizing(1000, NOW - 60)
                .withLoadNeed(10, 11, 10, NOW - 1);

        ScalingPlan plan = ScalingDecision.decide(
                patch(9, resizing, Optional.of(new CapacityRange(1, 32))).build());

        assertEquals(10, ((ScalingPlan.Rescale) plan.action()).desired());
        assertEquals(OptionalInt.of(10), plan.storeDesired());
        assertTrue(
                plan.notes()
                        .contains("held the scale-in at 10 KPUs instead of 9: a resize of a capacity sized for 1000 per"
                                + " KPU, and the recent load needs 10 KPUs at the learned 1300 per KPU"),
                plan.notes().toString());
    }

    @Test
    void aScaleInWhoseRestartWouldWakeTheLagGuardWaitsAndSaysSo() {
        // the job was behind at the last reconcile: under 9 KPUs a restart would leave it draining too slowly
        LearnedRate behind = new LearnedRate(700, 1000, 700, NOW - 120, NOW - 120).withLoadNeed(4, 5, 0, 9, NOW - 1);

        ScalingPlan plan = ScalingDecision.decide(
                patch(8, behind, Optional.of(new CapacityRange(1, 32))).build());

        assertTrue(plan.action() instanceof ScalingPlan.Answer, plan.action().toString());
        assertEquals(OptionalInt.of(12), plan.storeDesired(), "the running capacity stays the desire");
        assertTrue(
                plan.notes()
                        .contains("deferred the scale-in to 8 KPUs: at minute 28999999 the job was so far behind that"
                                + " a restart would take its lag to the lag guard's bound, and under 9 KPUs at the"
                                + " learned 700 per KPU it would drain too slowly for the guard, which would add KPUs"
                                + " back; it waits for the lag to fall, at 12 KPUs"),
                plan.notes().toString());
    }

    @Test
    void aDeferralNeverKeepsMoreThanTheTargetsMaximumNorTurnsIntoAScaleOutAfterAChange() {
        LearnedRate behind = new LearnedRate(700, 1000, 700, NOW - 120, NOW - 120).withLoadNeed(4, 5, 0, 9, NOW - 1);

        ScalingPlan lowered = ScalingDecision.decide(
                patch(8, behind, Optional.of(new CapacityRange(1, 8))).build());
        assertEquals(8, ((ScalingPlan.Rescale) lowered.action()).desired(), "a scheduled maximum of 8 wins");

        ScalingPlan held = ScalingDecision.decide(
                patch(6, behind, Optional.of(new CapacityRange(1, 8))).build());
        assertEquals(
                8, ((ScalingPlan.Rescale) held.action()).desired(), "as near the backlog's 9 as the maximum allows");
        assertTrue(
                held.notes()
                        .contains("held the scale-in at 8 KPUs instead of 6: at minute 28999999 the job was so far"
                                + " behind that under 9 KPUs at the learned 700 per KPU it would drain too slowly for"
                                + " the lag guard; it cannot wait at 12 KPUs, above the scalable target's maximum 8"),
                held.notes().toString());

        ScalingPlan changing = ScalingDecision.decide(
                sees(new ApplicationState("UPDATING", 10, 1, 12, false, true, "token", 7, null), stored(behind))
                        .withAsked(OptionalInt.of(8))
                        .withTargetRange(Optional.of(new CapacityRange(1, 32)))
                        .build());
        assertEquals(OptionalInt.of(10), changing.storeDesired(), "kept where the application is headed");

        ScalingPlan headedAboveTheMaximum = ScalingDecision.decide(
                sees(new ApplicationState("UPDATING", 12, 1, 10, false, true, "token", 7, null), stored(behind))
                        .withAsked(OptionalInt.of(8))
                        .withTargetRange(Optional.of(new CapacityRange(1, 10)))
                        .build());
        assertEquals(
                OptionalInt.of(9),
                headedAboveTheMaximum.storeDesired(),
                "headed for 12 above a maximum of 10: no waiting there, but no lower than the backlog's 9");
        assertTrue(
                headedAboveTheMaximum
                        .notes()
                        .toString()
                        .contains("it cannot wait at 12 KPUs, above the scalable" + " target's maximum 10"),
                headedAboveTheMaximum.notes().toString());
    }

    @Test
    void neverBelowTheTargetsMinimum() {
        ScalingPlan plan = ScalingDecision.decide(
                patch(9, HOLDS_5, Optional.of(new CapacityRange(7, 32))).build());
        assertEquals(7, ((ScalingPlan.Rescale) plan.action()).desired());
    }

    @Test
    void standsAsAskedWithoutAFreshNeedARangeOrAScaleInThatCutsTooLittle() {
        LearnedRate stale = HOLDS_5.withLoadNeed(4, 5, NOW - 60);
        LearnedRate written = HOLDS_5.withLoadNeed(4, 0, NOW - 1);
        Optional<CapacityRange> range = Optional.of(new CapacityRange(1, 32));
        for (DecisionInputsBuilder row : new DecisionInputsBuilder[] {
            patch(9, stale, range),
            patch(9, written, range),
            patch(9, HOLDS_5, Optional.empty()),
            patch(3, HOLDS_5, range),
            patch(9, null, range)
        }) {
            DecisionInputs in = row.build();
            ScalingPlan plan = ScalingDecision.decide(in);
            assertEquals(
                    in.asked().getAsInt(),
                    ((ScalingPlan.Rescale) plan.action()).desired(),
                    plan.notes().toString());
            assertEquals(OptionalInt.empty(), plan.storeDesired());
        }
    }

    @Test
    void aReconcileIsNotLowered() {
        ScalingPlan plan = ScalingDecision.decide(sees(running(12, null), stored(HOLDS_5))
                .withStored(OptionalInt.of(9))
                .withTargetRange(Optional.of(new CapacityRange(1, 32)))
                .build());
        assertEquals(9, ((ScalingPlan.Rescale) plan.action()).desired());
    }
}
