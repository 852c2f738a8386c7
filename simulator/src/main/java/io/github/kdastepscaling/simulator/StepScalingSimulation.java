package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.ScalingDirection;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.IntConsumer;

/**
 * Replays a trace through CloudWatch alarms and Application Auto Scaling step scaling, minute by minute. Capacity is
 * only ever changed through a {@link CapacityActuator}.
 *
 * <p>Each minute {@code m}: run the scheduled actions due (they move the target's range, and a capacity outside the
 * new range is moved into it at once, as Application Auto Scaling does); read the capacity in effect from the actuator (if it changed, the scaler has re-set
 * both thresholds for it: {@link ThresholdSetter#afterRescale}); the minute's datapoint is published; both alarms
 * evaluate their last N minutes against the thresholds they now hold (re-set too when a scheduled action moved the
 * minimum, since the scaler reads the target's range on every call); if the scale-out alarm is in ALARM its
 * policy is invoked, otherwise, if the scale-in alarm is, the scale-in policy; a resulting desired capacity is asked
 * for from minute {@code m + 1}.
 */
public final class StepScalingSimulation {

    private StepScalingSimulation() {
    }

    /** Runs {@code spec} over {@code trace}, starting at {@code initialCapacity}, with an in-memory actuator. */
    public static StepScalingRun run(Trace trace, StepScalingSpec spec, int initialCapacity) {
        return run(trace, spec, new InMemoryCapacityActuator(initialCapacity), minute -> { });
    }

    /**
     * Runs {@code spec} over {@code trace}, changing capacity only through {@code actuator}.
     *
     * @param progress told each minute done
     */
    public static StepScalingRun run(Trace trace, StepScalingSpec spec, CapacityActuator actuator,
                                     IntConsumer progress) {
        int minutes = trace.length();
        int[] capacities = new int[minutes];
        AlarmState[] outStates = new AlarmState[minutes];
        AlarmState[] inStates = new AlarmState[minutes];
        List<ScalingActivity> activities = new ArrayList<>();
        StepScalingPolicies policies = new StepScalingPolicies(spec);
        ScheduledRange range = new ScheduledRange(spec.capacityRange(), spec.scheduledActions(), trace);
        List<RangeChange> rangeChanges = new ArrayList<>();

        int thresholdCapacity = actuator.capacity(0);
        int thresholdMinimum = range.current().minCapacity();
        AlarmThresholds thresholds = spec.thresholds().initial(thresholdCapacity);
        AlarmState out = AlarmState.INSUFFICIENT_DATA;
        AlarmState in = AlarmState.INSUFFICIENT_DATA;
        for (int m = 0; m < minutes; m++) {
            for (var action : range.runDueAt(m)) {
                int before = actuator.capacity(m);
                int within = range.current().clamp(before);
                if (within != before) {
                    actuator.requestCapacity(within, m);
                    activities.add(new ScalingActivity(m, within > before ? ScalingDirection.SCALE_OUT
                            : ScalingDirection.SCALE_IN, before, within));
                }
                rangeChanges.add(new RangeChange(m, trace.timeOf(m).orElseThrow(), action.name(), range.current(),
                        before, within));
            }
            int capacity = actuator.capacity(m);
            capacities[m] = capacity;
            if (capacity != thresholdCapacity || range.current().minCapacity() != thresholdMinimum) {
                thresholds = spec.thresholds().forRange(capacity, range.current().minCapacity());
                thresholdCapacity = capacity;
                thresholdMinimum = range.current().minCapacity();
            }
            out = spec.scaleOutAlarm().evaluate(trace, m, thresholds.scaleOut(), out);
            in = spec.scaleInAlarm().evaluate(trace, m, thresholds.scaleIn(), in);
            outStates[m] = out;
            inStates[m] = in;
            long now = (m + 1) * 60L;
            double value = MetricAlarm.metricValue(trace, m);
            OptionalInt desired = OptionalInt.empty();
            ScalingDirection direction = null;
            if (out == AlarmState.ALARM) {
                direction = ScalingDirection.SCALE_OUT;
                desired = policies.invoke(direction, value, thresholds.scaleOut(), capacity, now, range.current());
            }
            if (desired.isEmpty() && in == AlarmState.ALARM) {
                direction = ScalingDirection.SCALE_IN;
                desired = policies.invoke(direction, value, thresholds.scaleIn(), capacity, now, range.current());
            }
            if (desired.isPresent() && m + 1 < minutes) {
                activities.add(new ScalingActivity(m + 1, direction, capacity, desired.getAsInt()));
                actuator.requestCapacity(desired.getAsInt(), m + 1);
            }
            progress.accept(m);
        }
        return new StepScalingRun(capacities, List.copyOf(activities), outStates, inStates, List.copyOf(rangeChanges));
    }
}
