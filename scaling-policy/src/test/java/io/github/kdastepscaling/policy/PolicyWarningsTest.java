package io.github.kdastepscaling.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kdastepscaling.policy.PolicyWarnings.Warning;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The policy-level warnings and the signal rule, shared by the construct and the simulator. */
class PolicyWarningsTest {

    private static ScheduledCapacityAction action(String name, String schedule, Integer min, Integer max) {
        return new ScheduledCapacityAction(
                name, ScheduleExpression.parse(schedule), ZoneId.of("Europe/Berlin"), null, null, min, max);
    }

    @Test
    void theDefaultsGiveNoWarning() {
        ScalingPolicy defaults = ScalingPolicy.builder().build();
        assertEquals(List.of(), PolicyWarnings.of(defaults));
        assertTrue(PolicyWarnings.maxParallelism(defaults, 1).isEmpty());
    }

    @Test
    void warnsAboutAMaximumAboveFlinksDefaultMaxParallelismNamingWhereItComesFrom() {
        ScalingPolicy policy = ScalingPolicy.builder()
                .maxCapacity(20)
                .scheduledActions(List.of(action("peak", "cron(0 8 ? * MON-FRI *)", 4, 40)))
                .build();
        Warning warning = PolicyWarnings.maxParallelism(policy, 4).orElseThrow();
        assertEquals("kda-step-scaling:maxParallelism", warning.id());
        assertTrue(
                warning.message()
                        .startsWith("scheduled capacity 'peak' maxCapacity (40) x parallelismPerKpu (4) = "
                                + "160 is above 128"),
                warning.message());
        assertTrue(PolicyWarnings.maxParallelism(policy, 3).isEmpty(), "40 x 3 = 120 is within");
        assertTrue(
                PolicyWarnings.maxParallelism(
                                ScalingPolicy.builder().maxCapacity(32).build(), 4)
                        .isEmpty(),
                "128 is still within");
    }

    @Test
    void warnsAboutAnAtScheduleInATimeZoneAndABoundCrossingTheOther() {
        ScalingPolicy policy = ScalingPolicy.builder()
                .maxCapacity(8)
                .scheduledActions(List.of(
                        action("launch", "at(2026-03-02T08:00:00)", 4, 8),
                        action("night", "cron(0 22 * * ? *)", 10, null)))
                .build();
        List<Warning> warnings = PolicyWarnings.scheduledActions(policy);
        assertEquals(
                List.of("kda-step-scaling:atScheduleTimeZone", "kda-step-scaling:scheduledCapacityBound"),
                warnings.stream().map(Warning::id).toList());
        assertTrue(
                warnings.get(0)
                        .message()
                        .startsWith("scheduled capacity 'launch' runs at(2026-03-02T08:00:00) in "
                                + "Europe/Berlin local time"),
                warnings.get(0).message());
        assertTrue(
                warnings.get(1)
                        .message()
                        .startsWith("scheduled capacity 'night' sets minCapacity (10) above "
                                + "maxCapacity (8) without the other bound"),
                warnings.get(1).message());
    }

    @Test
    void saysWhyTheScalerCannotLearn() {
        ScalingPolicy guardOff =
                ScalingPolicy.builder().lagGuard(LagGuard.disabled()).build();
        assertTrue(PolicyWarnings.learningUnavailable(guardOff).orElseThrow().startsWith("the lag guard is off"));
        ScalingPolicy load =
                ScalingPolicy.builder().signal(SignalKind.LOAD, 10, 9).build();
        assertTrue(PolicyWarnings.learningUnavailable(load).orElseThrow().startsWith("the scaling signal is LOAD"));
        assertEquals(
                List.of("kda-step-scaling:rateLearningOff"),
                PolicyWarnings.of(guardOff).stream().map(Warning::id).toList());
    }

    @Test
    void aRecordsRateBesideAnotherSignalIsRefusedWithOneMessage() {
        SignalKind.INCOMING_RECORDS.refuseRecordsRate("scaleOutRecordsPerSecondPerKpu", 800);
        SignalKind.LOAD.refuseRecordsRate("scaleOutRecordsPerSecondPerKpu", null);
        String message = assertThrows(
                        IllegalArgumentException.class,
                        () -> SignalKind.INCOMING_BYTES.refuseRecordsRate("scaleInRecordsPerSecondPerKpu", 900))
                .getMessage();
        assertEquals(
                "scaleInRecordsPerSecondPerKpu (900) applies to the incomingRecords signal only; scalingSignal "
                        + "is incomingBytes, which carries its own scaleOutBytesPerSecondPerKpu and scaleInBytesPerSecondPerKpu",
                message);
        assertEquals("utilization", SignalKind.UTILIZATION.propName());
    }
}
