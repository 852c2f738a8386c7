package io.github.kdastepscaling.lambda;

import io.github.kdastepscaling.policy.CapacityRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The scaler's decision as a function: what it saw and what is stored in ({@link DecisionInputs}), what to do out
 * ({@link ScalingPlan}). No call is made here; {@link Scaler} gathers the inputs and {@link ScalingRealizer} carries
 * the plan out, as flink-autoscaler's ScalingExecutor and ScalingRealizer split the work.
 *
 * <p>The table: an application that is changing (UPDATING, AUTOSCALING) is answered InProgress, or Successful once it
 * runs where it is headed; one that is not RUNNING otherwise is answered Pending until it can be rescaled; a RUNNING
 * one at its desire is answered Successful (and the rescale record is cleared if the last rescale took); one at
 * another capacity is rescaled, unless its snapshots are off (and that is not allowed) or the rescale record shows
 * the same rescale has already failed to take {@link RescaleGuard#MAX_ATTEMPTS} times: then the answer is Failed,
 * with the reason.
 *
 * <p>Before the table, a pause: while the scalable target has a direction of dynamic scaling suspended
 * ({@link ScalingSuspension}), a desire in that direction is not pursued. The application is held where it is (or
 * where it is headed, for a capacity set by hand that is still being applied), and that capacity is stored as the
 * desire, so a capacity set by hand survives the scheduled reconcile and resuming starts from it.
 *
 * <p>Beside the table, the per-KPU rate the thresholds are set from ({@link LearnedRateDecision}): the configured
 * one, or with learning the stored learned one, which a scheduled reconcile first updates with the estimator.
 */
final class ScalingDecision {

    private ScalingDecision() {}

    static ScalingPlan decide(DecisionInputs in) {
        List<String> notes = new ArrayList<>();
        int desired = desiredCapacity(in, notes);
        OptionalInt adopted = LoadNeedRescale.decide(in, notes);
        if (adopted.isPresent()) {
            desired = adopted.getAsInt();
        }
        ScalingSuspension suspension = in.suspension();
        if (suspension.pausesScaling()) {
            int held = heldCapacity(in.seen());
            notes.add("scaling is paused: the scalable target has " + suspension.suspendedAttributes()
                    + ", so the scaler " + suspension.heldBack() + " until it is resumed");
            if (suspension.blocks(held, desired)) {
                notes.add("held the application at " + held + " KPUs rather than moving it to " + desired + " KPUs");
                desired = held;
                adopted = OptionalInt.of(held);
            }
        }
        LearnedRateDecision.Rates rates = LearnedRateDecision.decide(in, notes);
        return new ScalingPlan(
                notes, act(in, desired, notes), adopted, rates.thresholdRates(), rates.toStore(), rates.report());
    }

    /**
     * The capacity a pause holds: the one the application is headed for while it changes (a capacity set by hand
     * with UpdateApplication, say), the one it runs otherwise.
     */
    private static int heldCapacity(ApplicationState seen) {
        return seen.isChanging() ? seen.configuredCapacity() : seen.actualCapacity();
    }

    /** The table proper: what to do about the application for {@code desired} KPUs. */
    private static ScalingPlan.Action act(DecisionInputs in, int desired, List<String> notes) {
        ApplicationState seen = in.seen();
        int actual = seen.actualCapacity();
        if (seen.isChanging()) {
            boolean settled = desired == actual && seen.configuredCapacity() == actual;
            return answer(
                    seen,
                    desired,
                    settled ? ScalingStatus.Successful : ScalingStatus.InProgress,
                    seen.configuredCapacity());
        }
        if (!seen.isRunning()) {
            return answer(
                    seen,
                    desired,
                    desired == actual ? ScalingStatus.Successful : ScalingStatus.Pending,
                    seen.configuredCapacity());
        }
        if (desired == actual) {
            if (seen.autoScalingEnabled()) {
                notes.add("left the service's own autoscaling on: it is switched off with the next rescale");
            }
            boolean forget = false;
            if (in.lastRescale() instanceof RescaleRecord.Known known) {
                forget = RescaleGuard.took(known.last(), seen);
            } else if (in.lastRescale() instanceof RescaleRecord.Unreadable unreadable) {
                notes.add("could not clear " + in.configuration().rescaleAttemptParameterName() + ": "
                        + AwsFailure.describe(unreadable.cause()));
            }
            return new ScalingPlan.Answer(
                    new ScalingOutcome(new ScalingState(actual, desired, ScalingStatus.Successful, null), actual),
                    forget);
        }
        if (!seen.snapshotsEnabled() && !in.configuration().allowScalingWithoutSnapshots()) {
            String reason = "application " + in.configuration().applicationName() + " has snapshots disabled "
                    + "(ApplicationSnapshotConfiguration.SnapshotsEnabled is false), so a rescale would restart it "
                    + "without its state; enable snapshots, or set allowScalingWithoutSnapshots on the construct "
                    + "(environment variable ALLOW_SCALING_WITHOUT_SNAPSHOTS=true) to accept losing it";
            notes.add("refused to rescale from " + actual + " to " + desired + " KPUs: snapshots are disabled");
            return new ScalingPlan.Refuse(
                    new ScalingOutcome(new ScalingState(actual, desired, ScalingStatus.Failed, reason), actual));
        }
        Optional<RescaleAttempts.Attempt> last;
        if (in.lastRescale() instanceof RescaleRecord.Known known) {
            last = known.last();
        } else if (in.lastRescale() instanceof RescaleRecord.Unreadable unreadable) {
            return new ScalingPlan.CannotDecide(unreadable.cause());
        } else {
            throw new IllegalArgumentException("a rescale is decided with the rescale record read");
        }
        RescaleGuard.Verdict verdict = RescaleGuard.check(
                last,
                seen,
                desired,
                in.configuration().applicationName(),
                in.configuration().rescaleAttemptParameterName());
        if (verdict.note() != null) {
            notes.add(verdict.note());
        }
        if (verdict instanceof RescaleGuard.GiveUp giveUp) {
            return new ScalingPlan.Refuse(new ScalingOutcome(
                    new ScalingState(actual, desired, ScalingStatus.Failed, giveUp.reason()), actual));
        }
        return new ScalingPlan.Rescale(seen, desired, ((RescaleGuard.Proceed) verdict).attempt());
    }

    /** The capacity to reach: the one asked, else the one stored (within 1..kpuQuota), else the one that runs. */
    private static int desiredCapacity(DecisionInputs in, List<String> notes) {
        OptionalInt wanted = in.asked().isPresent() ? in.asked() : withinRange(in.stored(), in.configuration(), notes);
        return wanted.orElse(in.seen().actualCapacity());
    }

    /**
     * A desire stored under an earlier configuration may lie above today's KPU quota (kpuQuota lowered, say): the
     * quota wins. Not the construct's min..max: Application Auto Scaling owns the range and clamps each desire to
     * the target's current one before asking, so a desire within the quota is one it chose.
     */
    private static OptionalInt withinRange(OptionalInt stored, ScalerConfiguration configuration, List<String> notes) {
        CapacityRange accepted = configuration.acceptedCapacities();
        if (stored.isEmpty() || accepted.contains(stored.getAsInt())) {
            return stored;
        }
        int clamped = accepted.clamp(stored.getAsInt());
        notes.add("stored desired capacity " + stored.getAsInt() + " is outside 1..kpuQuota (" + accepted.minCapacity()
                + ".." + accepted.maxCapacity() + "): using " + clamped);
        return OptionalInt.of(clamped);
    }

    private static ScalingPlan.Answer answer(
            ApplicationState seen, int desired, ScalingStatus status, int thresholdCapacity) {
        return new ScalingPlan.Answer(
                new ScalingOutcome(new ScalingState(seen.actualCapacity(), desired, status, null), thresholdCapacity));
    }
}
