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
 * The decision raises a PATCH's scale-out to what the latest load needs at the learned rate (the stored need of the
 * last reconcile), or while the job is behind to what drains its backlog, within the scalable target's maximum, and
 * stores the raised desire; nothing else changes.
 */
class ScaleOutFloorDecisionTest {

    private static final LearnedRate NEEDS_7 =
            new LearnedRate(700, 1000, 700, NOW - 120, NOW - 120).withLoadNeed(7, 0, NOW - 1);

    private static DecisionInputsBuilder patch(int asked, LearnedRate state, OptionalInt max) {
        return sees(running(3, null), stored(state))
                .withAsked(OptionalInt.of(asked))
                .withTargetRange(
                        max.isPresent() ? Optional.of(new CapacityRange(1, max.getAsInt())) : Optional.empty());
    }

    @Test
    void aScaleOutGoesToWhatTheLoadNeedsAndIsStored() {
        ScalingPlan plan =
                ScalingDecision.decide(patch(4, NEEDS_7, OptionalInt.of(10)).build());

        assertEquals(7, ((ScalingPlan.Rescale) plan.action()).desired());
        assertEquals(OptionalInt.of(7), plan.storeDesired());
        assertTrue(
                plan.notes()
                        .contains("raised the scale-out from 4 to 7 KPUs: the load of minute 28999999 needs 7 KPUs "
                                + "at the learned 700 per KPU (scalable target maximum 10)"),
                plan.notes().toString());
    }

    @Test
    void aScaleOutOfAJobThatIsBehindGoesToWhatDrainsItsBacklogAndSaysSo() {
        LearnedRate behind = new LearnedRate(700, 1000, 700, NOW - 120, NOW - 120).withLoadNeed(7, 0, 0, 9, NOW - 1);

        ScalingPlan plan =
                ScalingDecision.decide(patch(4, behind, OptionalInt.of(10)).build());

        assertEquals(9, ((ScalingPlan.Rescale) plan.action()).desired());
        assertEquals(OptionalInt.of(9), plan.storeDesired());
        assertTrue(
                plan.notes()
                        .contains("raised the scale-out from 4 to 9 KPUs: at minute 28999999 the job was so far behind"
                                + " that 9 KPUs at the learned 700 per KPU are needed to drain its backlog, the"
                                + " restart's included, at the lag guard's draining pace (scalable target maximum 10)"),
                plan.notes().toString());
    }

    @Test
    void neverAboveTheTargetsMaximum() {
        ScalingPlan plan =
                ScalingDecision.decide(patch(4, NEEDS_7, OptionalInt.of(5)).build());
        assertEquals(5, ((ScalingPlan.Rescale) plan.action()).desired());
    }

    @Test
    void standsAsAskedWithoutAFreshNeedAMaximumOrAScaleOut() {
        LearnedRate stale = NEEDS_7.withLoadNeed(7, 0, NOW - 60);
        for (DecisionInputsBuilder row : new DecisionInputsBuilder[] {
            patch(4, stale, OptionalInt.of(10)),
            patch(4, NEEDS_7, OptionalInt.empty()),
            patch(2, NEEDS_7, OptionalInt.of(10)),
            patch(4, null, OptionalInt.of(10))
        }) {
            DecisionInputs in = row.build();
            ScalingPlan plan = ScalingDecision.decide(in);
            int asked = in.asked().getAsInt();
            assertEquals(
                    asked,
                    ((ScalingPlan.Rescale) plan.action()).desired(),
                    plan.notes().toString());
            assertEquals(OptionalInt.empty(), plan.storeDesired());
        }
    }

    @Test
    void aReconcileIsNotRaised() {
        ScalingPlan plan = ScalingDecision.decide(sees(running(3, null), stored(NEEDS_7))
                .withStored(OptionalInt.of(4))
                .withTargetRange(Optional.of(new CapacityRange(1, 10)))
                .build());
        assertEquals(4, ((ScalingPlan.Rescale) plan.action()).desired());
    }
}
