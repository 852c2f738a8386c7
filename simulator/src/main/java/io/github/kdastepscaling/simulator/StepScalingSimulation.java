package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.ScalingDirection;
import io.github.kdastepscaling.policy.ScalingThresholds;
import io.github.kdastepscaling.policy.rate.LearnedRate;
import io.github.kdastepscaling.policy.rate.RateEstimate;
import io.github.kdastepscaling.policy.rate.RateEstimator;
import io.github.kdastepscaling.policy.rate.RateObservation;
import io.github.kdastepscaling.policy.rate.ResizeAfterRaise;
import io.github.kdastepscaling.policy.rate.ScaleInFloor;
import io.github.kdastepscaling.policy.rate.ScaleInTarget;
import io.github.kdastepscaling.policy.rate.ScaleOutFloor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.IntConsumer;
import java.util.function.IntToDoubleFunction;

/**
 * Replays a trace through CloudWatch alarms and Application Auto Scaling step scaling, minute by minute, with the job
 * modelled inside the loop ({@link JobModel}) so that alarms on the job's state (lag, utilization) see it. Capacity is
 * only ever changed through a {@link CapacityActuator}.
 *
 * <p>Each minute {@code m}:
 * <ol>
 *   <li>run the scheduled actions due (they move the target's range, and a capacity outside the new range is moved
 *       into it at once, as Application Auto Scaling does);</li>
 *   <li>read the capacity in effect from the actuator; if it changed (or a scheduled action moved the minimum) the
 *       scaler has re-set the load thresholds for it ({@link ThresholdSetter#forRange}; for a utilization signal
 *       they are fixed);</li>
 *   <li>the job runs minute {@code m} at that capacity: arrivals, processing at the true rate, restarts, backlog,
 *       lag;</li>
 *   <li>minute {@code m}'s datapoints are published: the load signal ({@link LoadSignal}), the lag (the
 *       {@link SharedStream}'s {@link StreamLagMetric}: with another consumer on the stream, its iterator age is the
 *       larger of the two consumers' lags), and the scale-in
 *       alarm's metric, which with a lag guard is the signal unless the lag is at or above its bound
 *       ({@link LagGuardSpec#scaleInDatapoint}), and the lag alarm's metric, the lag unless the running capacity
 *       drains it under the bound in time ({@link LagGuardSpec#alarmDatapoint});</li>
 *   <li>the alarms evaluate their last N minutes against the thresholds they now hold;</li>
 *   <li>policies are invoked, in this order: the load scale-out policy if its alarm is in ALARM, the lag guard's
 *       policy if the lag alarm is; each computes its target from the capacity now, and the larger target wins (each
 *       policy that asked for more than the capacity now starts its own cooldown); only if neither asked for more,
 *       the scale-in policy if its alarm is in ALARM;</li>
 *   <li>a resulting desired capacity is asked for from minute {@code m + 1};</li>
 *   <li>with learning on ({@link LearningSettings}), the scaler's scheduled reconcile: the job's metrics of minute
 *       {@code m} are published ({@link SimulatedMetrics}), the {@link RateEstimator} (the scaler's code) reads the
 *       last {@code windowMinutes} of them with the capacity of minute {@code m}, whether the job runs, the first
 *       minute at that capacity and its previous state, and when the learned rate changed the thresholds are re-set
 *       from it ({@link ScalingThresholds#withLearnedScaleOut}) for minute {@code m + 1} on, as when a resize of a
 *       capacity sized for a lower rate starts or ends ({@link ResizeAfterRaise}). The step policies'
 *       bounds stay as deployed, in the configured rate's units, so the scaler moves a scale-out up to what the
 *       latest load needs ({@link ScaleOutFloor}) and a scale-in down to what the last minutes' load needs
 *       ({@link ScaleInTarget}), from the needs the reconcile stored.</li>
 * </ol>
 */
public final class StepScalingSimulation {

    private StepScalingSimulation() {}

    /**
     * Runs {@code spec} over {@code trace}, starting at {@code initialCapacity}, with an in-memory actuator and a job
     * sized right for the spec ({@link #sizedRight}).
     */
    public static StepScalingRun run(Trace trace, StepScalingSpec spec, int initialCapacity) {
        return run(trace, spec, sizedRight(spec), new InMemoryCapacityActuator(initialCapacity), minute -> {});
    }

    /** As {@link #run(Trace, StepScalingSpec, JobSettings, CapacityActuator, IntConsumer)} with a job sized right. */
    public static StepScalingRun run(
            Trace trace, StepScalingSpec spec, CapacityActuator actuator, IntConsumer progress) {
        return run(trace, spec, sizedRight(spec), actuator, progress);
    }

    /**
     * The job a records (or generic load) signal's spec is sized right for: a KPU processes the scale-out step unit,
     * 2-minute restarts.
     *
     * @throws IllegalArgumentException for another signal, whose per-KPU records rate the spec does not give
     */
    public static JobSettings sizedRight(StepScalingSpec spec) {
        return JobSettings.of(SimulationSettings.recordsPerSecondPerKpu(
                spec.signal(), spec.scaleOutStepUnit(), JobSettings.DEFAULT_BYTES_PER_RECORD));
    }

    /**
     * Runs {@code spec} over {@code trace} for the job {@code job}, changing capacity only through
     * {@code actuator}.
     *
     * @param progress told each minute done
     */
    public static StepScalingRun run(
            Trace trace, StepScalingSpec spec, JobSettings job, CapacityActuator actuator, IntConsumer progress) {
        return run(trace, spec, job, actuator, progress, null, LearningSettings.OFF, SharedStream.ALONE);
    }

    /**
     * As {@link #run(Trace, StepScalingSpec, JobSettings, CapacityActuator, IntConsumer)}, with the scaler learning
     * the per-KPU rate when {@code learning} is enabled, on a stream that {@code stream}'s other consumer also reads:
     * the lag guard (its alarm, its policy's step, the scale-in alarm's metric math) and the rate estimator read
     * {@code stream}'s lag metric, and the other consumer's reads count in the consumption the estimator reads.
     *
     * @param configured the policy's load thresholds, which the learned rate replaces the per-KPU rates of; only read
     *                   when learning is enabled
     */
    public static StepScalingRun run(
            Trace trace,
            StepScalingSpec spec,
            JobSettings job,
            CapacityActuator actuator,
            IntConsumer progress,
            ScalingThresholds configured,
            LearningSettings learning,
            SharedStream stream) {
        int minutes = trace.length();
        OtherConsumer.Series other = stream.over(trace);
        StreamLagMetric lagMetric = stream.lagMetric();
        double[] guardLag = new double[minutes];
        int[] capacities = new int[minutes];
        AlarmState[] outStates = new AlarmState[minutes];
        AlarmState[] inStates = new AlarmState[minutes];
        AlarmState[] lagStates = new AlarmState[minutes];
        double[] signal = new double[minutes];
        double[] scaleInMetric = new double[minutes];
        double[] lagAlarmMetric = new double[minutes];
        List<ScalingActivity> activities = new ArrayList<>();
        StepScalingPolicies policies = new StepScalingPolicies(spec);
        ScheduledRange range = new ScheduledRange(spec.capacityRange(), spec.scheduledActions(), trace);
        List<RangeChange> rangeChanges = new ArrayList<>();
        JobModel model =
                new JobModel(trace, job.trueRecordsPerSecondPerKpu(), job.restartMinutes(), job.warmUpMinutes());
        LagGuardSpec guard = spec.lagGuard();
        double[] learned = new double[minutes];
        Arrays.fill(learned, Double.NaN);
        ThresholdSetter setter = spec.thresholds();
        RateEstimator estimator = learning.enabled()
                ? new RateEstimator(learning.estimatorSettings(configured, spec.guardLimits()))
                : null;
        SimulatedMetrics metrics = learning.enabled()
                ? new SimulatedMetrics(
                        trace,
                        model,
                        spec.signal(),
                        job,
                        learning,
                        m -> guardLag[m],
                        other == null ? null : other.records())
                : null;
        LearnedRate state = null;
        int firstMinuteAtCapacity = 0;
        int resizeTo = 0;

        int thresholdCapacity = actuator.capacity(0);
        int thresholdMinimum = range.current().minCapacity();
        AlarmThresholds thresholds = setter.initial(thresholdCapacity);
        AlarmState out = AlarmState.INSUFFICIENT_DATA;
        AlarmState in = AlarmState.INSUFFICIENT_DATA;
        AlarmState lag = AlarmState.INSUFFICIENT_DATA;
        // Once, not per minute: the alarms read the arrays as they fill, times the scale their metric math holds now
        // (CloudWatch evaluates the whole window with the alarm's current expression, as with its current threshold).
        double[] alarmScale = {thresholds.signalScale()};
        IntToDoubleFunction signalAt = minute -> signal[minute] * alarmScale[0];
        IntToDoubleFunction scaleInMetricAt = minute -> scaleInMetric[minute] * alarmScale[0];
        IntToDoubleFunction lagAt = minute -> lagAlarmMetric[minute];
        for (int m = 0; m < minutes; m++) {
            for (var action : range.runDueAt(m)) {
                int before = actuator.capacity(m);
                int within = range.current().clamp(before);
                if (within != before) {
                    actuator.requestCapacity(within, m);
                    activities.add(new ScalingActivity(
                            m,
                            within > before ? ScalingDirection.SCALE_OUT : ScalingDirection.SCALE_IN,
                            before,
                            within));
                }
                rangeChanges.add(new RangeChange(
                        m, trace.timeOf(m).orElseThrow(), action.name(), range.current(), before, within));
            }
            int capacity = actuator.capacity(m);
            capacities[m] = capacity;
            if (m > 0 && capacity != capacities[m - 1]) {
                firstMinuteAtCapacity = m;
            }
            if (capacity != thresholdCapacity
                    || range.current().minCapacity() != thresholdMinimum
                    || setter.changesBetweenRescales()) {
                thresholds = setter.forRange(capacity, range.current().minCapacity());
                alarmScale[0] = thresholds.signalScale();
                thresholdCapacity = capacity;
                thresholdMinimum = range.current().minCapacity();
            }
            model.step(capacity);
            guardLag[m] = lagMetric.datapoint(model.lagMillis(m), other == null ? Double.NaN : other.lagMillis()[m]);
            double lagMillis = guardLag[m];
            signal[m] = LoadSignal.datapoint(spec.signal(), trace, model, job, capacity, m);
            scaleInMetric[m] = guard == null ? signal[m] : guard.scaleInDatapoint(signal[m], lagMillis);
            out = spec.scaleOutAlarm().evaluate(signalAt, m, thresholds.scaleOut(), out);
            in = spec.scaleInAlarm().evaluate(scaleInMetricAt, m, thresholds.scaleIn(), in);
            outStates[m] = out;
            inStates[m] = in;
            if (guard != null) {
                lagAlarmMetric[m] = guard.alarmDatapoint(lagMillis, m == 0 ? Double.NaN : guardLag[m - 1]);
                lag = guard.alarm().evaluate(lagAt, m, guard.thresholdMillis(), lag);
                lagStates[m] = lag;
            }
            long now = (m + 1) * 60L;
            OptionalInt desired = OptionalInt.empty();
            ScalingDirection direction = null;
            boolean byGuard = false;
            if (out == AlarmState.ALARM) {
                direction = ScalingDirection.SCALE_OUT;
                desired = policies.invoke(
                        direction, signalAt.applyAsDouble(m), thresholds.scaleOut(), capacity, now, range.current());
            }
            if (lag == AlarmState.ALARM && guard != null) {
                OptionalInt byLag = policies.invokeLagGuard(lagAlarmMetric[m], capacity, now, range.current());
                if (byLag.isPresent() && (desired.isEmpty() || byLag.getAsInt() > desired.getAsInt())) {
                    desired = byLag;
                    direction = ScalingDirection.SCALE_OUT;
                    byGuard = true;
                }
            }
            if (desired.isPresent() && direction == ScalingDirection.SCALE_OUT && estimator != null) {
                // the scaler raises a scale-out to what the latest load needs at the learned rate, and while the job
                // is behind to what drains the backlog at the lag guard's pace
                desired = OptionalInt.of(ScaleOutFloor.apply(
                        desired.getAsInt(),
                        capacity,
                        state,
                        m + 1,
                        range.current().maxCapacity()));
            }
            if (desired.isEmpty() && in == AlarmState.ALARM) {
                direction = ScalingDirection.SCALE_IN;
                desired = policies.invoke(
                        direction,
                        scaleInMetricAt.applyAsDouble(m),
                        thresholds.scaleIn(),
                        capacity,
                        now,
                        range.current());
                if (desired.isPresent() && estimator != null) {
                    // the scaler lowers a scale-in to what the recent load needs at the learned scale-in rate, and
                    // defers it while its restart would leave the lag at the lag guard's bound
                    int target = ScaleInTarget.apply(desired.getAsInt(), capacity, state, m + 1, range.current());
                    desired = target < capacity ? OptionalInt.of(target) : OptionalInt.empty(); // empty: deferred
                }
                if (desired.isPresent() && estimator != null && learning.scaleInFloorMinutes() > 0) {
                    double rate = state == null ? estimator.settings().configuredScaleOutPerKpu() : state.rate();
                    int floor = ScaleInFloor.apply(
                            desired.getAsInt(),
                            capacity,
                            Arrays.copyOfRange(signal, Math.max(0, m + 1 - learning.scaleInFloorMinutes()), m + 1),
                            rate);
                    desired = floor >= capacity ? OptionalInt.empty() : OptionalInt.of(floor);
                }
            }
            if (desired.isPresent() && m + 1 < minutes) {
                activities.add(new ScalingActivity(m + 1, direction, capacity, desired.getAsInt(), byGuard));
                actuator.requestCapacity(desired.getAsInt(), m + 1);
            }
            if (estimator != null) {
                metrics.publish(m);
                RateEstimate estimate = estimator.estimate(new RateObservation(
                        m + 1,
                        metrics.window(m, estimator.settings().windowMinutes()),
                        capacity,
                        !model.restarting(m),
                        firstMinuteAtCapacity,
                        state));
                state = estimate.state();
                learned[m] = estimate.scaleOutPerKpu();
                if (estimate.changed() || state.resizeNeed() != resizeTo) {
                    setter = ThresholdSetter.of(ResizeAfterRaise.thresholds(
                            configured.withLearnedScaleOut(estimate.scaleOutPerKpu()), state, m + 1));
                    resizeTo = state.resizeNeed();
                    thresholdCapacity = -1;
                }
            }
            progress.accept(m);
        }
        return new StepScalingRun(
                capacities,
                List.copyOf(activities),
                outStates,
                inStates,
                List.copyOf(rangeChanges),
                lagStates,
                model.workload(),
                learned);
    }
}
