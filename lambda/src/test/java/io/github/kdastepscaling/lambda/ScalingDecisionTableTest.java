package io.github.kdastepscaling.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.kdastepscaling.contract.ScalerEnvironment;
import io.github.kdastepscaling.policy.ScalingThresholds;
import io.github.kdastepscaling.policy.SignalKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The decision table, without fakes or clients: what the scaler saw and what is stored in, the plan out. The
 * realizer that carries plans out is tested over the fakes (ScalerDecisionTest, FaultMatrixTest and the others).
 */
class ScalingDecisionTableTest {

    private static final String APP = "orders";
    private static final String ATTEMPTS = "/a";
    private static final ScalerConfiguration CONFIGURATION = configuration(false);
    private static final ScalerConfiguration WITHOUT_SNAPSHOTS_ALLOWED = configuration(true);

    private static ScalerConfiguration configuration(boolean allowWithoutSnapshots) {
        Map<String, String> environment = new HashMap<>();
        environment.put(ScalerEnvironment.APPLICATION_NAME, APP);
        environment.put(ScalerEnvironment.DESIRED_CAPACITY_PARAMETER_NAME, "/p");
        environment.put(ScalerEnvironment.RESCALE_ATTEMPT_PARAMETER_NAME, ATTEMPTS);
        environment.put(ScalerEnvironment.SCALE_OUT_ALARM_NAME, "out");
        environment.put(ScalerEnvironment.SCALE_IN_ALARM_NAME, "in");
        environment.put(ScalerEnvironment.SCALE_OUT_PER_KPU, "1000");
        environment.put(ScalerEnvironment.SCALE_IN_PER_KPU, "750");
        environment.put(ScalerEnvironment.MIN_CAPACITY, "1");
        environment.put(ScalerEnvironment.KPU_QUOTA, "10");
        environment.put(ScalerEnvironment.SCALABLE_TARGET_RESOURCE_ID, "https://x/scalableTargetDimensions/" + APP);
        environment.put(ScalerEnvironment.ALLOW_SCALING_WITHOUT_SNAPSHOTS, Boolean.toString(allowWithoutSnapshots));
        environment.put(ScalerEnvironment.SIGNAL_KIND, "INCOMING_RECORDS");
        return ScalerConfiguration.fromEnvironment(environment);
    }

    /** An application in {@code status}, configured for {@code parallelism}, running {@code current}, version 7. */
    private static ApplicationState app(String status, int parallelism, int current) {
        return new ApplicationState(status, parallelism, 1, current, false, true, "token", 7, null);
    }

    private static ApplicationState running(int capacity) {
        return app("RUNNING", capacity, capacity);
    }

    private static DecisionInputsBuilder sees(ApplicationState seen) {
        return DecisionInputsBuilder.seeing(CONFIGURATION, seen)
                .withLastRescale(seen.isRunning() ? RescaleRecord.none() : RescaleRecord.NOT_READ);
    }

    private static OptionalInt capacity(int value) {
        return OptionalInt.of(value);
    }

    private static RescaleRecord attempt(int desired, int from, long version, int count) {
        return RescaleRecord.of(Optional.of(new RescaleAttempts.Attempt(desired, from, version, count)));
    }

    private static ScalingPlan.Answer answer(int actual, int desired, ScalingStatus status, int thresholds) {
        return new ScalingPlan.Answer(new ScalingOutcome(new ScalingState(actual, desired, status, null), thresholds));
    }

    private static Arguments row(String name, DecisionInputsBuilder in, ScalingPlan.Action expected, String... notes) {
        return Arguments.of(Named.of(name, in.build()), expected, List.of(notes));
    }

    static Stream<Arguments> table() {
        ApplicationState updating = app("UPDATING", 4, 2);
        ApplicationState autoscaling = app("AUTOSCALING", 4, 2);
        ApplicationState landed = app("UPDATING", 4, 4);
        ApplicationState noSnapshots = new ApplicationState("RUNNING", 2, 1, 2, false, false, "token", 7, null);
        ApplicationState fourPerKpu = new ApplicationState("RUNNING", 8, 4, 8, false, true, "token", 7, null);
        ApplicationState ownAutoscaling = new ApplicationState("RUNNING", 2, 1, 2, true, true, "token", 7, null);
        return Stream.of(
                row(
                        "updating toward the desire: in progress, thresholds for where it is headed",
                        sees(updating).withAsked(capacity(4)),
                        answer(2, 4, ScalingStatus.InProgress, 4)),
                row(
                        "autoscaling by the service, no desire stored: in progress",
                        sees(autoscaling),
                        answer(2, 2, ScalingStatus.InProgress, 4)),
                row(
                        "updating, landed at the desire: successful",
                        sees(landed).withStored(capacity(4)),
                        answer(4, 4, ScalingStatus.Successful, 4)),
                row(
                        "starting, another desire: pending until it runs",
                        sees(app("STARTING", 2, 2)).withStored(capacity(5)),
                        answer(2, 5, ScalingStatus.Pending, 2)),
                row(
                        "ready (stopped) at the desire: successful",
                        sees(app("READY", 3, 3)).withStored(capacity(3)),
                        answer(3, 3, ScalingStatus.Successful, 3)),
                row(
                        "running at the desire: successful, nothing to do",
                        sees(running(3)).withStored(capacity(3)),
                        answer(3, 3, ScalingStatus.Successful, 3)),
                row(
                        "nothing stored: the running capacity is the desire",
                        sees(running(3)),
                        answer(3, 3, ScalingStatus.Successful, 3)),
                row(
                        "running at the desire the last rescale asked for: it took, the record is cleared",
                        sees(running(4)).withStored(capacity(4)).withLastRescale(attempt(4, 2, 5, 1)),
                        new ScalingPlan.Answer(
                                new ScalingOutcome(new ScalingState(4, 4, ScalingStatus.Successful, null), 4), true)),
                row(
                        "back at the capacity a rescale that did not take started from: the record is kept",
                        sees(running(2)).withStored(capacity(2)).withLastRescale(attempt(4, 2, 5, 1)),
                        answer(2, 2, ScalingStatus.Successful, 2)),
                row(
                        "running at the desire with the service's autoscaling on: said, left for the next rescale",
                        sees(ownAutoscaling),
                        answer(2, 2, ScalingStatus.Successful, 2),
                        "left the service's own autoscaling on: it is switched off with the next rescale"),
                row(
                        "a desire to apply: rescale, attempt 1",
                        sees(running(2)).withAsked(capacity(4)),
                        new ScalingPlan.Rescale(running(2), 4, 1)),
                row(
                        "the asked desire wins over the stored one",
                        sees(running(2)).withAsked(capacity(3)).withStored(capacity(6)),
                        new ScalingPlan.Rescale(running(2), 3, 1)),
                row(
                        "a scale-in is a rescale too",
                        sees(running(5)).withStored(capacity(2)),
                        new ScalingPlan.Rescale(running(5), 2, 1)),
                row(
                        "parallelism per KPU is the application's own",
                        DecisionInputsBuilder.seeing(CONFIGURATION, fourPerKpu)
                                .withStored(capacity(3))
                                .withLastRescale(RescaleRecord.none()),
                        new ScalingPlan.Rescale(fourPerKpu, 3, 1)),
                row(
                        "a stored desire above the KPU quota is clamped to it",
                        sees(running(2)).withStored(capacity(70)),
                        new ScalingPlan.Rescale(running(2), 10, 1),
                        "stored desired capacity 70 is outside 1..kpuQuota (1..10): using 10"),
                row(
                        "snapshots disabled: refused with the reason",
                        DecisionInputsBuilder.seeing(CONFIGURATION, noSnapshots)
                                .withAsked(capacity(4))
                                .withLastRescale(RescaleRecord.none()),
                        new ScalingPlan.Refuse(new ScalingOutcome(
                                new ScalingState(
                                        2,
                                        4,
                                        ScalingStatus.Failed,
                                        "application orders has snapshots disabled (ApplicationSnapshotConfiguration."
                                                + "SnapshotsEnabled is false), so a rescale would restart it without its "
                                                + "state; enable snapshots, or set allowScalingWithoutSnapshots on the "
                                                + "construct (environment variable ALLOW_SCALING_WITHOUT_SNAPSHOTS=true) "
                                                + "to accept losing it"),
                                2)),
                        "refused to rescale from 2 to 4 KPUs: snapshots are disabled"),
                row(
                        "snapshots disabled, and allowed: rescale",
                        DecisionInputsBuilder.seeing(WITHOUT_SNAPSHOTS_ALLOWED, noSnapshots)
                                .withAsked(capacity(4))
                                .withLastRescale(RescaleRecord.none()),
                        new ScalingPlan.Rescale(noSnapshots, 4, 1)),
                row(
                        "the last rescale from here, this way, did not take: attempt 2, said",
                        sees(running(2)).withStored(capacity(5)).withLastRescale(attempt(4, 2, 7, 1)),
                        new ScalingPlan.Rescale(running(2), 5, 2),
                        "the last rescale to 4 KPUs did not take (the application runs at 2 KPUs, version 7): "
                                + "attempt 2 of 2, toward 5 KPUs"),
                row(
                        "a rescale the other way is a fresh one",
                        sees(running(2)).withStored(capacity(1)).withLastRescale(attempt(4, 2, 7, 2)),
                        new ScalingPlan.Rescale(running(2), 1, 1)),
                row(
                        "a rescale still in the service's hands (version not reached) is not counted",
                        sees(running(2)).withStored(capacity(4)).withLastRescale(attempt(4, 2, 8, 2)),
                        new ScalingPlan.Rescale(running(2), 4, 1)),
                row(
                        "the attempts ran out: refused with what to check",
                        sees(running(2)).withStored(capacity(4)).withLastRescale(attempt(4, 2, 7, 2)),
                        new ScalingPlan.Refuse(new ScalingOutcome(
                                new ScalingState(
                                        2,
                                        4,
                                        ScalingStatus.Failed,
                                        "the rescale of application orders from 2 to 4 KPUs is not attempted: the last 2 "
                                                + "rescales from 2 KPUs in that direction (the last to 4 KPUs) did not take, "
                                                + "and it still runs at 2 KPUs (version 7), so the scaler stopped "
                                                + "restarting the job. Check the application's logs (a common cause is a "
                                                + "max parallelism below 4), then put 'none' in SSM parameter /a to try "
                                                + "again"),
                                2)),
                        "stopped retrying rescales from 2 KPUs toward 4 KPUs: 2 attempts did not take"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decides(DecisionInputs in, ScalingPlan.Action expected, List<String> notes) {
        ScalingPlan plan = ScalingDecision.decide(in);

        assertEquals(expected, plan.action());
        assertEquals(notes, plan.notes());
        assertSame(in.thresholdRates(), plan.thresholdRates(), "the thresholds follow the rates given");
    }

    @Test
    void aRescaleSetsTheParallelismForTheDesireAndItsOutcomes() {
        ApplicationState fourPerKpu = new ApplicationState("RUNNING", 8, 4, 8, false, true, "token", 7, null);

        ScalingPlan.Rescale rescale =
                (ScalingPlan.Rescale) ScalingDecision.decide(DecisionInputsBuilder.seeing(CONFIGURATION, fourPerKpu)
                                .withStored(capacity(3))
                                .withLastRescale(RescaleRecord.none())
                                .build())
                        .action();

        assertEquals(12, rescale.parallelism());
        assertEquals(
                new ScalingOutcome(new ScalingState(2, 3, ScalingStatus.InProgress, null), 3),
                rescale.submitted(),
                "thresholds follow the capacity it moves to");
        assertEquals(
                new ScalingOutcome(new ScalingState(2, 3, ScalingStatus.InProgress, null), 2),
                rescale.notSubmitted(),
                "thresholds stay with the capacity that runs");
    }

    @Test
    void anUnreadableRescaleRecordStopsARescaleButNotAnAnswer() {
        SdkClientException cause = SdkClientException.create("ssm down");
        RescaleRecord unreadable = new RescaleRecord.Unreadable(cause);

        ScalingPlan rescale = ScalingDecision.decide(sees(running(2))
                .withStored(capacity(4))
                .withLastRescale(unreadable)
                .build());
        ScalingPlan settled = ScalingDecision.decide(sees(running(2))
                .withStored(capacity(2))
                .withLastRescale(unreadable)
                .build());

        assertEquals(new ScalingPlan.CannotDecide(cause), rescale.action());
        assertEquals(answer(2, 2, ScalingStatus.Successful, 2), settled.action());
        assertEquals(List.of("could not clear /a: SdkClientException: ssm down"), settled.notes());
    }

    @Test
    void theThresholdRatesAreAnInputNotTheConfiguration() {
        ScalingThresholds learned = ScalingThresholds.load(SignalKind.INCOMING_RECORDS, 1500, 900, 1);

        ScalingPlan plan = ScalingDecision.decide(
                sees(running(2)).withThresholdRates(learned).build());

        assertSame(learned, plan.thresholdRates());
        assertNotSame(CONFIGURATION.thresholds(), learned);
    }

    private static final ScalingSuspension ALL = new ScalingSuspension(true, true, true);
    private static final ScalingSuspension SCALE_IN = new ScalingSuspension(true, false, false);
    private static final ScalingSuspension SCALE_OUT = new ScalingSuspension(false, true, false);

    static Stream<Arguments> paused() {
        ApplicationState handSet = app("UPDATING", 6, 3);
        String pausedAll = "scaling is paused: the scalable target has DynamicScalingInSuspended, "
                + "DynamicScalingOutSuspended, ScheduledScalingSuspended, so the scaler does not move the application "
                + "until it is resumed";
        return Stream.of(
                Arguments.of(
                        Named.of(
                                "paused, a stored desire elsewhere: held where it runs, which becomes the desire",
                                sees(running(3)).withStored(capacity(5)).withSuspension(ALL)),
                        answer(3, 3, ScalingStatus.Successful, 3),
                        OptionalInt.of(3),
                        List.of(pausedAll, "held the application at 3 KPUs rather than moving it to 5 KPUs")),
                Arguments.of(
                        Named.of(
                                "paused, a capacity set by hand being applied: held where it is headed",
                                sees(handSet).withStored(capacity(3)).withSuspension(ALL)),
                        answer(3, 6, ScalingStatus.InProgress, 6),
                        OptionalInt.of(6),
                        List.of(pausedAll, "held the application at 6 KPUs rather than moving it to 3 KPUs")),
                Arguments.of(
                        Named.of(
                                "paused at the desire: nothing to adopt, the pause is still said",
                                sees(running(3)).withStored(capacity(3)).withSuspension(ALL)),
                        answer(3, 3, ScalingStatus.Successful, 3),
                        OptionalInt.empty(),
                        List.of(pausedAll)),
                Arguments.of(
                        Named.of(
                                "a PATCH while paused is held too",
                                sees(running(3)).withAsked(capacity(1)).withSuspension(ALL)),
                        answer(3, 3, ScalingStatus.Successful, 3),
                        OptionalInt.of(3),
                        List.of(pausedAll, "held the application at 3 KPUs rather than moving it to 1 KPUs")),
                Arguments.of(
                        Named.of(
                                "scale-in suspended: a scale-out goes on",
                                sees(running(3)).withStored(capacity(5)).withSuspension(SCALE_IN)),
                        new ScalingPlan.Rescale(running(3), 5, 1),
                        OptionalInt.empty(),
                        List.of("scaling is paused: "
                                + "the scalable target has DynamicScalingInSuspended, so the scaler removes no "
                                + "capacity until it is resumed")),
                Arguments.of(
                        Named.of(
                                "scale-in suspended: a scale-in is held",
                                sees(running(3)).withStored(capacity(2)).withSuspension(SCALE_IN)),
                        answer(3, 3, ScalingStatus.Successful, 3),
                        OptionalInt.of(3),
                        List.of(
                                "scaling is paused: "
                                        + "the scalable target has DynamicScalingInSuspended, so the scaler removes no "
                                        + "capacity until it is resumed",
                                "held the application at 3 KPUs rather than moving " + "it to 2 KPUs")),
                Arguments.of(
                        Named.of(
                                "scale-out suspended: a scale-in goes on",
                                sees(running(3)).withStored(capacity(2)).withSuspension(SCALE_OUT)),
                        new ScalingPlan.Rescale(running(3), 2, 1),
                        OptionalInt.empty(),
                        List.of("scaling is paused: "
                                + "the scalable target has DynamicScalingOutSuspended, so the scaler adds no capacity "
                                + "until it is resumed")),
                Arguments.of(
                        Named.of(
                                "only scheduled scaling suspended: not a pause of the scaler",
                                sees(running(3))
                                        .withStored(capacity(5))
                                        .withSuspension(new ScalingSuspension(false, false, true))),
                        new ScalingPlan.Rescale(running(3), 5, 1),
                        OptionalInt.empty(),
                        List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paused")
    void holdsWhatAPauseSuspends(
            DecisionInputsBuilder in, ScalingPlan.Action expected, OptionalInt adopted, List<String> notes) {
        ScalingPlan plan = ScalingDecision.decide(in.build());

        assertEquals(expected, plan.action());
        assertEquals(adopted, plan.storeDesired());
        assertEquals(notes, plan.notes());
    }

    @Test
    void nothingIsAdoptedWithoutAPause() {
        table().forEach(row -> assertEquals(
                OptionalInt.empty(),
                ScalingDecision.decide((DecisionInputs) ((Named<?>) row.get()[0]).getPayload())
                        .storeDesired()));
    }
}
