package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.CapacityRange;
import io.github.kdastepscaling.policy.ScheduledCapacityAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The scalable target's range over a trace as scheduled actions move it: Application Auto Scaling runs each action
 * at the minute its schedule gives (in its time zone, between its start and end time), replacing the bounds it gives.
 * Actions due in the same minute run in the order the policy lists them (AWS does not document an order). A
 * {@code rate} schedule without a start time counts from the trace's first minute, as if the actions were created
 * then.
 */
final class ScheduledRange {

    private final List<ScheduledCapacityAction> actions;
    private final Instant traceStart;
    private CapacityRange current;

    /**
     * @throws IllegalArgumentException when there are actions but no wall-clock time to place them on
     */
    ScheduledRange(CapacityRange initial, List<ScheduledCapacityAction> actions, Trace trace) {
        if (!actions.isEmpty() && trace.start().isEmpty()) {
            throw new IllegalArgumentException("the policy has scheduled actions ("
                    + actions.stream()
                            .map(ScheduledCapacityAction::name)
                            .reduce((a, b) -> a + ", " + b)
                            .orElse("") + ") but trace "
                    + trace.name() + " has no wall-clock time: give its first minute with --start");
        }
        this.actions = List.copyOf(actions);
        this.traceStart = trace.start().orElse(null);
        this.current = initial;
    }

    /** The range in effect now. */
    CapacityRange current() {
        return current;
    }

    /** Runs the actions due in {@code minute} (0-based) and returns them, in the order they ran. */
    List<ScheduledCapacityAction> runDueAt(int minute) {
        if (actions.isEmpty()) {
            return List.of();
        }
        Instant now = traceStart.plusSeconds(60L * minute);
        List<ScheduledCapacityAction> ran = new ArrayList<>();
        for (ScheduledCapacityAction action : actions) {
            if (action.runsAt(now, traceStart)) {
                current = action.applyTo(current);
                ran.add(action);
            }
        }
        return ran;
    }
}
