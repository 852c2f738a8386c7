package io.github.kdastepscaling.lambda;

import io.github.kdastepscaling.policy.CapacityRange;
import io.github.kdastepscaling.policy.rate.LearnedRate;
import io.github.kdastepscaling.policy.rate.RescaleUnderBacklog;
import io.github.kdastepscaling.policy.rate.ScaleInTarget;
import io.github.kdastepscaling.policy.rate.ScaleOutFloor;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * A PATCH's rescale moved to what the load needs at the learned rates, from the needs the last reconcile stored (no
 * metric read on a PATCH), with the decision log's note saying which need moved it and why:
 * <ul>
 *   <li>a scale-out asked for fewer KPUs than the latest load needs goes to that need, and while the job is behind to
 *       what drains its backlog ({@link ScaleOutFloor}, {@link RescaleUnderBacklog}), within the scalable target's
 *       maximum;</li>
 *   <li>a scale-in asked for more KPUs than the last minutes' load needs goes straight down to that need, no lower
 *       than a resize's need ({@link ScaleInTarget}), within the target's minimum, and waits while its restart would
 *       leave the lag at the lag guard's bound ({@link RescaleUnderBacklog}).</li>
 * </ul>
 */
final class LoadNeedRescale {

    private LoadNeedRescale() {}

    /** The capacity to go to instead of the one asked; empty when it stands as asked (or there is nothing to move). */
    static OptionalInt decide(DecisionInputs in, List<String> notes) {
        RateInputs rate = in.rate();
        if (in.asked().isEmpty()
                || rate == null
                || rate.stored() == null
                || in.targetRange().isEmpty()) {
            return OptionalInt.empty();
        }
        LearnedRate state = rate.stored().state();
        CapacityRange range = in.targetRange().get();
        int asked = in.asked().getAsInt();
        int current = in.seen().actualCapacity();
        int raised = ScaleOutFloor.apply(asked, current, state, rate.nowMinute(), range.maxCapacity());
        if (raised != asked) {
            notes.add(raisedNote(state, asked, raised, range));
            return OptionalInt.of(raised);
        }
        int lowered = ScaleInTarget.apply(asked, current, state, rate.nowMinute(), range);
        if (lowered == current && asked < current) {
            return deferral(in.seen(), state, asked, range, notes);
        }
        if (lowered != asked) {
            boolean heldAtMaximum = lowered > asked
                    && current > range.maxCapacity()
                    && lowered == ScaleInTarget.heldAtMaximum(asked, state, range);
            notes.add(
                    heldAtMaximum
                            ? heldAtMaximumNote(state, asked, lowered, current, range)
                            : scaleInNote(state, asked, lowered, range));
            return OptionalInt.of(lowered);
        }
        return OptionalInt.empty();
    }

    /**
     * A deferred scale-in ({@link ScaleInTarget} kept the running capacity): the application stays at the capacity it
     * runs, or while it changes at the one it is headed for (the one it runs would be a scale-out once the change
     * lands). When that is above the scalable target's maximum (a scheduled action lowered it) it cannot wait there:
     * the scale-in goes, no lower than the backlog's need within the maximum, as {@link ScaleInTarget} does from a
     * running capacity above it. Empty when the scale-in stands as asked.
     */
    private static OptionalInt deferral(
            ApplicationState seen, LearnedRate state, int asked, CapacityRange range, List<String> notes) {
        int kept = seen.isChanging() ? seen.configuredCapacity() : seen.actualCapacity();
        if (kept <= asked) {
            return OptionalInt.empty();
        }
        if (kept <= range.maxCapacity()) {
            notes.add(deferredNote(state, asked, kept));
            return OptionalInt.of(kept);
        }
        int held = ScaleInTarget.heldAtMaximum(asked, state, range);
        if (held == asked) {
            return OptionalInt.empty();
        }
        notes.add(heldAtMaximumNote(state, asked, held, kept, range));
        return OptionalInt.of(held);
    }

    private static String raisedNote(LearnedRate state, int asked, int raised, CapacityRange range) {
        if (state.backlogNeed() > state.loadNeed()) {
            return String.format(
                    Locale.ROOT,
                    "raised the scale-out from %d to %d KPUs: at minute %d the job was so far behind that %d KPUs at"
                            + " the learned %.0f per KPU are needed to drain its backlog, the restart's included, at"
                            + " the lag guard's draining pace (scalable target maximum %d)",
                    asked,
                    raised,
                    state.loadNeedAt(),
                    state.backlogNeed(),
                    state.rate(),
                    range.maxCapacity());
        }
        return String.format(
                Locale.ROOT,
                "raised the scale-out from %d to %d KPUs: the load of minute %d needs %d KPUs at the learned %.0f per"
                        + " KPU (scalable target maximum %d)",
                asked,
                raised,
                state.loadNeedAt(),
                state.loadNeed(),
                state.rate(),
                range.maxCapacity());
    }

    private static String deferredNote(LearnedRate state, int asked, int kept) {
        return String.format(
                Locale.ROOT,
                "deferred the scale-in to %d KPUs: at minute %d the job was so far behind that a restart would take its"
                        + " lag to the lag guard's bound, and under %d KPUs at the learned %.0f per KPU it would drain"
                        + " too slowly for the guard, which would add KPUs back; it waits for the lag to fall, at %d"
                        + " KPUs",
                asked,
                state.loadNeedAt(),
                state.backlogNeed(),
                state.rate(),
                kept);
    }

    private static String heldAtMaximumNote(LearnedRate state, int asked, int held, int kept, CapacityRange range) {
        return String.format(
                Locale.ROOT,
                "held the scale-in at %d KPUs instead of %d: at minute %d the job was so far behind that under %d"
                        + " KPUs at the learned %.0f per KPU it would drain too slowly for the lag guard; it cannot"
                        + " wait at %d KPUs, above the scalable target's maximum %d",
                held,
                asked,
                state.loadNeedAt(),
                state.backlogNeed(),
                state.rate(),
                kept,
                range.maxCapacity());
    }

    private static String scaleInNote(LearnedRate state, int asked, int lowered, CapacityRange range) {
        if (lowered > asked) {
            return String.format(
                    Locale.ROOT,
                    "held the scale-in at %d KPUs instead of %d: a resize of a capacity sized for %.0f per KPU, and the"
                            + " recent load needs %d KPUs at the learned %.0f per KPU",
                    lowered,
                    asked,
                    state.sizedFor(),
                    state.resizeNeed(),
                    state.rate());
        }
        return "lowered the scale-in from " + asked + " to " + lowered + " KPUs: the load of the minutes to "
                + state.loadNeedAt() + " needs " + state.scaleInNeed() + " KPUs at the learned scale-in rate "
                + "(scalable target minimum " + range.minCapacity() + ")";
    }
}
