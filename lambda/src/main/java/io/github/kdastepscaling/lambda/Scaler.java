package io.github.kdastepscaling.lambda;

import io.github.kdastepscaling.policy.Capacity;
import io.github.kdastepscaling.policy.CapacityRange;
import java.util.OptionalInt;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ConcurrentModificationException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ResourceInUseException;

/**
 * Decides, on every call, what the application's capacity should be and moves it there.
 *
 * <p>Every call (GET, PATCH or the scheduled reconcile) runs the same decision: read the desired capacity, describe
 * the application, apply the desire if the application is RUNNING at another capacity and nothing is in flight,
 * then align the alarm thresholds. So a desire recorded while the application was busy is applied by whichever
 * call comes next, and a threshold that could not be set is set then too.
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
    private final RescaleGuard rescaleGuard;
    private final AlarmThresholdWriter alarmThresholds;
    private final ScalableTargetRange targetRange;

    public Scaler(ScalerConfiguration configuration, ScalerClients clients) {
        this.configuration = configuration;
        this.application = new FlinkApplication(clients.flink(), configuration.applicationName());
        this.desiredCapacity = new DesiredCapacityStore(clients.ssm(), configuration.desiredCapacityParameterName());
        this.rescaleGuard = new RescaleGuard(new RescaleAttempts(clients.ssm(),
                configuration.rescaleAttemptParameterName()), configuration.applicationName());
        // A utilization signal's thresholds are fixed: there is nothing to re-set after a rescale.
        this.alarmThresholds = configuration.signalKind().followsCapacity()
                ? new AlarmThresholdWriter(clients.cloudWatch(), configuration.thresholds(),
                        configuration.scaleOutAlarmName(), configuration.scaleInAlarmName())
                : null;
        this.targetRange = new ScalableTargetRange(clients.scalableTargets(), configuration.scalableTargetResourceId(),
                configuration.minCapacity());
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
            Outcome outcome = decideUntilSettled(decision);
            ScalableTargetRange.Minimum minimum = targetRange.currentMinimum();
            if (minimum.note() != null) {
                decision.did(minimum.note());
            }
            decision.thresholds(alarmThresholds != null ? alarmThresholds.alignTo(outcome.thresholdCapacity(), minimum)
                    : ThresholdReport.fixed(outcome.thresholdCapacity(), minimum));
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
            throw failed(decision, new ScalerFailure(ScalerFailure.Kind.UNEXPECTED, "unexpected "
                    + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "; the decision stopped there (its log line lists what was done)"));
        }
    }

    private static ScalerFailure failed(Decision decision, ScalerFailure failure) {
        decision.failed(failure);
        return failure;
    }

    /**
     * Makes each read-only call once and ignores the outcome: run before a SnapStart checkpoint, it loads and
     * initialises the SDK's request path without changing anything.
     */
    void prime() {
        ignoringFailures(application::describe);
        ignoringFailures(desiredCapacity::read);
        ignoringFailures(alarmThresholds::read);
        ignoringFailures(targetRange::prime);
    }

    private static void ignoringFailures(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            // Priming only warms the code path; the real calls report their own failures.
        }
    }

    /**
     * A desire stored under an earlier configuration may lie above today's KPU quota (kpuQuota lowered, say): the
     * quota wins. Not the construct's min..max: Application Auto Scaling owns the range and clamps each desire to
     * the target's current one before asking, so a desire within the quota is one it chose.
     */
    private OptionalInt withinRange(OptionalInt stored, Decision decision) {
        CapacityRange accepted = configuration.acceptedCapacities();
        if (stored.isEmpty() || accepted.contains(stored.getAsInt())) {
            return stored;
        }
        int clamped = accepted.clamp(stored.getAsInt());
        decision.did("stored desired capacity " + stored.getAsInt() + " is outside 1..kpuQuota ("
                + accepted.minCapacity() + ".." + accepted.maxCapacity() + "): using " + clamped);
        return OptionalInt.of(clamped);
    }

    private Outcome decideUntilSettled(Decision decision) {
        Outcome outcome = null;
        for (int attempt = 1; attempt <= MAX_DECISIONS; attempt++) {
            ApplicationState seen = application.describe();
            decision.saw(seen);
            // Read after the describe: a desire read before it could predate an update the describe already shows.
            OptionalInt stored = decision.asked().isPresent() ? decision.asked()
                    : withinRange(desiredCapacity.read(), decision);
            int desired = stored.orElse(seen.actualCapacity());
            try {
                return decideOnce(seen, desired, decision);
            } catch (ConcurrentModificationException e) {
                decision.did("UpdateApplication refused: the application changed since it was described; "
                        + "describing again");
                outcome = new Outcome(new ScalingState(seen.actualCapacity(), desired, ScalingStatus.InProgress,
                        null), seen.configuredCapacity());
            }
        }
        decision.did("gave up after " + MAX_DECISIONS + " concurrent modifications; a later call decides again");
        return outcome;
    }

    private Outcome decideOnce(ApplicationState seen, int desired, Decision decision) {
        int actual = seen.actualCapacity();
        if (seen.isChanging()) {
            boolean settled = desired == actual && seen.configuredCapacity() == actual;
            return new Outcome(state(seen, desired, settled ? ScalingStatus.Successful : ScalingStatus.InProgress),
                    seen.configuredCapacity());
        }
        if (!seen.isRunning()) {
            return new Outcome(state(seen, desired, desired == actual ? ScalingStatus.Successful
                    : ScalingStatus.Pending), seen.configuredCapacity());
        }
        if (desired == actual) {
            if (seen.autoScalingEnabled()) {
                decision.did("left the service's own autoscaling on: it is switched off with the next rescale");
            }
            rescaleGuard.forgetIfTook(seen, decision);
            return new Outcome(state(seen, desired, ScalingStatus.Successful), actual);
        }
        if (!seen.snapshotsEnabled() && !configuration.allowScalingWithoutSnapshots()) {
            String reason = "application " + configuration.applicationName() + " has snapshots disabled "
                    + "(ApplicationSnapshotConfiguration.SnapshotsEnabled is false), so a rescale would restart it "
                    + "without its state; enable snapshots, or set allowScalingWithoutSnapshots on the construct "
                    + "(environment variable ALLOW_SCALING_WITHOUT_SNAPSHOTS=true) to accept losing it";
            decision.did("refused to rescale from " + actual + " to " + desired + " KPUs: snapshots are disabled");
            return new Outcome(new ScalingState(actual, desired, ScalingStatus.Failed, reason), actual);
        }
        RescaleGuard.Verdict verdict = rescaleGuard.check(seen, desired, decision);
        if (verdict instanceof RescaleGuard.GiveUp giveUp) {
            return new Outcome(new ScalingState(actual, desired, ScalingStatus.Failed, giveUp.reason()), actual);
        }
        int parallelism = Capacity.parallelismFor(desired, seen.parallelismPerKpu());
        long version;
        try {
            version = application.setParallelism(seen, parallelism);
        } catch (ResourceInUseException e) {
            decision.did("UpdateApplication refused: the application is busy (ResourceInUse); a later call applies "
                    + desired + " KPUs");
            return new Outcome(state(seen, desired, ScalingStatus.InProgress), seen.configuredCapacity());
        }
        decision.did("UpdateApplication: parallelism " + seen.parallelism() + " -> " + parallelism + " ("
                + actual + " -> " + desired + " KPUs at " + seen.parallelismPerKpu() + " per KPU), version "
                + version);
        decision.rescaleSubmitted();
        rescaleGuard.submitted(desired, seen, version, ((RescaleGuard.Proceed) verdict).attempt(), decision);
        return new Outcome(state(seen, desired, ScalingStatus.InProgress), desired);
    }

    private static ScalingState state(ApplicationState seen, int desired, ScalingStatus status) {
        return new ScalingState(seen.actualCapacity(), desired, status, null);
    }

    private static String failureMessage(Decision decision, String cause) {
        String prefix = decision.asked().isPresent() && decision.hasDone()
                ? "desired capacity " + decision.asked().getAsInt() + " was stored and is applied by a later call; "
                : "nothing was changed; ";
        return prefix + cause;
    }

    /**
     * @param state the answer
     * @param thresholdCapacity the capacity the alarms must be set for: the one the application runs, or is about
     *                          to run once the change in flight lands
     */
    private record Outcome(ScalingState state, int thresholdCapacity) {
    }
}
