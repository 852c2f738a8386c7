package io.github.kdastepscaling.lambda;

import io.github.kdastepscaling.policy.ScalingThresholds;
import io.github.kdastepscaling.policy.rate.MinuteMetrics;
import io.github.kdastepscaling.policy.rate.RateEstimator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ConcurrentModificationException;

/**
 * Decides, on every call, what the application's capacity should be and moves it there.
 *
 * <p>Every call (GET, PATCH or the scheduled reconcile) runs the same decision: read the scalable target (its
 * minimum capacity and whether scaling is suspended), describe the application, read the desired capacity, apply it if
 * the application is RUNNING at another capacity, nothing is in flight and scaling that way is not suspended, then
 * align the alarm thresholds. So a desire recorded while the application was busy is applied by whichever
 * call comes next, and a threshold that could not be set is set then too.
 *
 * <p>This class gathers what the decision takes in (the calls that read), hands it to the pure
 * {@link ScalingDecision}, and has the {@link ScalingRealizer} carry the plan out.
 *
 * <p>With learning configured, every call reads the stored learned rate (the thresholds follow it), and the scheduled
 * reconcile alone reads the learning metrics first (one GetMetricData call; a failed or partial read keeps the
 * previous estimate), so a GET or a PATCH never waits for CloudWatch. With snapshot retention configured, the
 * reconcile prunes snapshots after the decision ({@link #afterReconcile}).
 *
 * <p>Updates are guarded by the conditional token from the describe just made. When someone changed the
 * application in between, the service refuses with ConcurrentModificationException and the scaler describes again
 * and decides again: never a blind retry, so concurrent calls asking for the same capacity end in one update.
 */
public final class Scaler {

    /** Decisions made in one call before giving up on an application that keeps changing under us. */
    static final int MAX_DECISIONS = 3;

    private final ScalerConfiguration configuration;
    private final FlinkApplication application;
    private final DesiredCapacityStore desiredCapacity;
    private final RescaleAttempts rescaleAttempts;
    private final ScalingRealizer realizer;
    private final AlarmThresholdWriter alarmThresholds;
    private final ScalableTargetView scalableTarget;
    private final LearnedRateStore learnedRate;
    private final RateEstimator estimator;
    private final MetricWindowReader metrics;
    private final SnapshotHousekeeping snapshots;
    private final ScalerClients clients;
    private final StateDriftChecks driftChecks;
    private final Clock clock;

    public Scaler(ScalerConfiguration configuration, ScalerClients clients) {
        this(configuration, clients, Clock.systemUTC());
    }

    /** @param clock the time: when rescales are submitted, which minutes to learn from, when to prune */
    public Scaler(ScalerConfiguration configuration, ScalerClients clients, Clock clock) {
        this.configuration = configuration;
        this.clients = clients;
        this.clock = clock;
        this.application = new FlinkApplication(clients.flink(), configuration.applicationName());
        this.desiredCapacity =
                new DesiredCapacityStore(clients.ssm().parameter(configuration.desiredCapacityParameterName()));
        this.rescaleAttempts =
                new RescaleAttempts(clients.ssm().parameter(configuration.rescaleAttemptParameterName()));
        LearningConfiguration learning = configuration.learning();
        this.learnedRate = learning == null
                ? null
                : new LearnedRateStore(clients.ssm().parameter(learning.learnedRateParameterName()));
        this.estimator = learning == null ? null : new RateEstimator(learning.settings());
        this.metrics =
                learning == null ? null : new MetricWindowReader(clients.cloudWatch(), learning.metrics(), clock);
        SnapshotRetentionConfiguration retention = configuration.snapshotRetention();
        RescaleHistory history = retention == null
                ? null
                : new RescaleHistory(clients.ssm().parameter(retention.historyParameterName()));
        this.snapshots = retention == null
                ? null
                : new SnapshotHousekeeping(
                        new SnapshotPruner(clients.flink(), configuration.applicationName(), retention.retention()),
                        history,
                        clock);
        this.realizer = new ScalingRealizer(application, desiredCapacity, rescaleAttempts, history, learnedRate, clock);
        // A utilization signal's thresholds are fixed: there is nothing to re-set after a rescale.
        this.alarmThresholds = configuration.signalKind().followsCapacity()
                ? new AlarmThresholdWriter(
                        clients.cloudWatch(),
                        configuration.scaleOutAlarmName(),
                        configuration.scaleInAlarmName(),
                        configuration.learning() != null)
                : null;
        this.scalableTarget = new ScalableTargetView(
                clients.scalableTargets(), configuration.scalableTargetResourceId(), configuration.minCapacity());
        List<String> alarms =
                new ArrayList<>(List.of(configuration.scaleOutAlarmName(), configuration.scaleInAlarmName()));
        if (configuration.lagAlarmName() != null) {
            alarms.add(configuration.lagAlarmName());
        }
        this.driftChecks = new StateDriftChecks(desiredCapacity, clients.cloudWatch(), alarms);
    }

    /**
     * Decides and acts, recording in {@code decision} what it saw and did. A desire in {@code decision}
     * ({@link Decision#asked()}) is stored durably before anything else; the caller has checked it is a whole capacity
     * from 1 to the KPU quota (Application Auto Scaling has already clamped it to the scalable target's current range,
     * which it owns). Without one, the stored desire is applied when the application is ready for it.
     *
     * @return the state to answer
     * @throws ScalerFailure when the decision cannot be answered with a state; {@code decision} records it too
     */
    ScalingState decide(Decision decision) {
        try {
            if (decision.asked().isPresent()) {
                desiredCapacity.write(decision.asked().getAsInt());
                decision.did("stored desired capacity " + decision.asked().getAsInt() + " in "
                        + desiredCapacity.parameterName());
            }
            // Read once, before deciding: whether scaling is paused decides whether the application may move.
            ScalableTargetView.Reading target = scalableTarget.read();
            decision.suspension(target.suspension());
            if (target.suspensionNote() != null) {
                decision.did(target.suspensionNote());
            }
            boolean holdForMissingTarget = decision.isScheduled() && target.missing();
            if (holdForMissingTarget) {
                decision.did("the scalable target is not registered: its scaling policies went with it, so nothing "
                        + "asks for capacity; the reconcile holds the application where it is rather than pursue the "
                        + "stored desire (docs/runbook.md, scalabletargetmissing)");
            }
            RateInputs rate = readRate(decision);
            Settled settled = decideUntilSettled(decision, target, rate, holdForMissingTarget);
            if (decision.isScheduled() && target.registered() != null) {
                // Once the application was seen: while a new stack creates it, before its target, nothing is missing.
                decision.drift().scalableTargetMissing(target.missing());
            }
            ScalableTargetView.Minimum minimum = target.minimum();
            if (minimum.note() != null) {
                decision.did(minimum.note());
            }
            ScalingOutcome outcome = settled.outcome();
            decision.rate(settled.rate());
            if (settled.rate() != null && settled.rate().thresholdProblem() != null) {
                decision.thresholds(ThresholdReport.notAligned(
                        outcome.thresholdCapacity(), minimum, settled.rate().thresholdProblem()));
            } else {
                decision.thresholds(
                        alarmThresholds != null && settled.thresholdRates() != null
                                ? alarmThresholds.alignTo(
                                        outcome.thresholdCapacity(), minimum, settled.thresholdRates())
                                : ThresholdReport.fixed(outcome.thresholdCapacity(), minimum));
            }
            decision.answered(outcome.state());
            return outcome.state();
        } catch (SdkException e) {
            throw failed(decision, ScalerFailure.ofAws(e, failureMessage(decision, AwsFailure.describe(e))));
        } catch (DesiredCapacityStore.StoredValueException e) {
            throw failed(decision, new ScalerFailure(ScalerFailure.Kind.UNUSABLE_STATE, e.getMessage()));
        } catch (ScalerFailure e) {
            throw failed(decision, e);
        } catch (RuntimeException e) {
            // A bug or an answer no one foresaw: answer with what happened rather than a bare Lambda error.
            throw failed(
                    decision,
                    new ScalerFailure(
                            ScalerFailure.Kind.UNEXPECTED,
                            "unexpected "
                                    + e.getClass().getSimpleName() + ": " + e.getMessage()
                                    + "; the decision stopped there (its log line lists what was done)"));
        }
    }

    private static ScalerFailure failed(Decision decision, ScalerFailure failure) {
        decision.failed(failure);
        return failure;
    }

    /**
     * What the scheduled reconcile does after its decision: the snapshot retention, when configured and due
     * ({@link SnapshotHousekeeping}), then the repair and checks of state deleted or disabled behind the scaler's
     * back ({@link StateDriftChecks}). Never throws.
     */
    void afterReconcile(Decision decision) {
        if (snapshots != null) {
            snapshots.afterReconcile(decision);
        }
        driftChecks.afterReconcile(decision);
    }

    /**
     * Makes each read-only call once and ignores the outcome: run before a SnapStart checkpoint, it loads and
     * initialises the SDK's request path without changing anything. The learning read and the snapshot listing are
     * primed only when configured (their permissions are granted only then).
     */
    void prime() {
        ignoringFailures(application::describe);
        ignoringFailures(desiredCapacity::read);
        ignoringFailures(alarmThresholds::read);
        ignoringFailures(scalableTarget::prime);
        if (metrics != null) {
            metrics.prime();
        }
        if (snapshots != null) {
            ignoringFailures(() -> clients.flink()
                    .listApplicationSnapshots(r ->
                            r.applicationName(configuration.applicationName()).limit(SnapshotPruner.PAGE_SIZE)));
        }
    }

    private static void ignoringFailures(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            // Priming only warms the code path; the real calls report their own failures.
        }
    }

    /**
     * The learned-rate inputs, read once per call: the stored state on every call and, on the scheduled reconcile
     * only, the learning metrics (one GetMetricData call, which never throws). Null when learning is off.
     */
    private RateInputs readRate(Decision decision) {
        if (learnedRate == null) {
            return null;
        }
        long nowMinute = LearningWindow.minuteOf(clock.instant());
        RateInputs inputs;
        try {
            inputs = RateInputs.stored(estimator, learnedRate.parameterName(), learnedRate.read(), nowMinute);
        } catch (SdkException e) {
            return RateInputs.unreadable(estimator, learnedRate.parameterName(), e, nowMinute);
        }
        if (!decision.isScheduled()) {
            return inputs;
        }
        MetricWindow window = metrics.read();
        List<MinuteMetrics> minutes = LearningWindow.minutes(window);
        return inputs.withObserved(new RateInputs.Observed(
                LearningWindow.minuteOf(window.end()), minutes, window.problem().orElse(null)));
    }

    private Settled decideUntilSettled(
            Decision decision, ScalableTargetView.Reading target, RateInputs rate, boolean ignoreStoredDesire) {
        Settled conflicted = null;
        for (int attempt = 1; attempt <= MAX_DECISIONS; attempt++) {
            ScalingPlan plan = ScalingDecision.decide(gather(decision, target, rate, ignoreStoredDesire));
            try {
                return new Settled(realizer.carryOut(plan, decision), plan.thresholdRates(), plan.rate());
            } catch (ConcurrentModificationException e) {
                // Only an update raises it, so the plan was a rescale.
                decision.did("UpdateApplication refused: the application changed since it was described; "
                        + "describing again");
                conflicted = new Settled(
                        ((ScalingPlan.Rescale) plan.action()).notSubmitted(), plan.thresholdRates(), plan.rate());
                // The learned state, if any, is stored: deciding again must not learn from the same window twice.
                rate = rate == null || plan.storeLearnedRate() == null ? rate : rate.learned(plan.storeLearnedRate());
            }
        }
        decision.did("gave up after " + MAX_DECISIONS + " concurrent modifications; a later call decides again");
        return conflicted;
    }

    /**
     * Reads what one decision takes in: the application, then the stored desire and the rescale record; the scalable
     * target and the learned-rate inputs were read once for the call.
     *
     * @param ignoreStoredDesire whether to decide as if no desire were stored (the desire is still read, to find the
     *                           parameter deleted)
     */
    private DecisionInputs gather(
            Decision decision, ScalableTargetView.Reading target, RateInputs rate, boolean ignoreStoredDesire) {
        ApplicationState seen = application.describe();
        decision.saw(seen);
        // Read after the describe: a desire read before it could predate an update the describe already shows.
        OptionalInt stored = decision.asked().isPresent() ? OptionalInt.empty() : readStored(decision);
        if (ignoreStoredDesire) {
            stored = OptionalInt.empty();
        }
        RescaleRecord lastRescale = RescaleRecord.NOT_READ;
        if (DecisionInputs.needsRescaleRecord(seen)) {
            try {
                lastRescale = RescaleRecord.of(rescaleAttempts.last());
            } catch (SdkException e) {
                lastRescale = new RescaleRecord.Unreadable(e);
            }
        }
        return new DecisionInputs(
                configuration,
                seen,
                decision.asked(),
                stored,
                lastRescale,
                target.suspension(),
                configuration.thresholds(),
                rate,
                target.range());
    }

    /** The stored desire; a deleted parameter reads as none, and is noted (the reconcile writes it back). */
    private OptionalInt readStored(Decision decision) {
        DesiredCapacityStore.Reading reading = desiredCapacity.readOrMissing();
        if (reading.missing() && !decision.drift().isDesiredCapacityParameterMissing()) {
            decision.did("SSM parameter " + desiredCapacity.parameterName() + " does not exist (deleted by hand?): "
                    + "read as no desired capacity; the scheduled reconcile writes the application's capacity back "
                    + "(docs/runbook.md, desiredcapacityparametermissing)");
        }
        decision.drift().desiredCapacityParameterMissing(reading.missing());
        return reading.capacity();
    }

    private static String failureMessage(Decision decision, String cause) {
        String prefix = decision.asked().isPresent() && decision.hasDone()
                ? "desired capacity " + decision.asked().getAsInt() + " was stored and is applied by a later call; "
                : "nothing was changed; ";
        return prefix + cause;
    }

    /**
     * The outcome the call answers with, the rates its plan sets the thresholds from (null: fixed, or unknown), and
     * the rate in use (null: learning off).
     */
    private record Settled(ScalingOutcome outcome, ScalingThresholds thresholdRates, RateReport rate) {}
}
