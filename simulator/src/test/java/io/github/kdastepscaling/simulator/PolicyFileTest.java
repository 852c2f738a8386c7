package io.github.kdastepscaling.simulator;

import static io.github.kdastepscaling.policy.ScalingDirection.SCALE_IN;
import static io.github.kdastepscaling.policy.ScalingDirection.SCALE_OUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kdastepscaling.policy.ScalingDefaults;
import io.github.kdastepscaling.policy.ScalingPolicy;
import io.github.kdastepscaling.policy.ScalingStep;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyFileTest {

    private static String failure(String json) {
        return assertThrows(IllegalArgumentException.class, () -> PolicyFile.parse(json, "p.json")).getMessage();
    }

    @Test
    void missingFieldsTakeTheConstructDefaults() {
        SimulationSettings settings = PolicyFile.parse("{}", "p.json");
        ScalingPolicy policy = settings.policy();
        assertEquals(ScalingDefaults.MAX_CAPACITY, policy.capacityRange().maxCapacity());
        assertEquals(ScalingDefaults.SCALE_IN_RECORDS_PER_SECOND_PER_KPU,
                policy.thresholds().scaleInPerKpu());
        assertEquals(ScalingDefaults.SCALE_OUT_STEPS, policy.steps(SCALE_OUT).steps());
        assertEquals(ScalingDefaults.SCALE_IN_EVALUATION, policy.evaluation(SCALE_IN));
        assertEquals(ScalingDefaults.MIN_CAPACITY, settings.initialCapacity());
        assertEquals(ScalingDefaults.SCALE_OUT_RECORDS_PER_SECOND_PER_KPU, settings.trueRecordsPerSecondPerKpu());
        assertEquals(2, settings.restartMinutes());
        assertEquals(0.11, settings.pricePerKpuHour());
    }

    @Test
    void readsThePropsAndTheSimulatorOnlyFields() {
        SimulationSettings settings = PolicyFile.parse("""
                {"minCapacity": 2, "maxCapacity": 16, "scaleOutRecordsPerSecondPerKpu": 2000,
                 "scaleInRecordsPerSecondPerKpu": 1000,
                 "scaleOutSteps": [{"lowerBoundKpus": 0, "upperBoundKpus": 2, "adjustmentKpus": 2},
                                   {"lowerBoundKpus": 2, "adjustmentKpus": 4}],
                 "scaleInSteps": [{"upperBoundKpus": 0, "lowerBoundKpus": null, "adjustmentKpus": -1}],
                 "scaleOutCooldownSeconds": 240, "scaleInCooldownSeconds": 900,
                 "scaleOutEvaluationPeriods": 3, "scaleOutDatapointsToAlarm": 2,
                 "scaleInEvaluationPeriods": 15, "scaleInDatapointsToAlarm": 15, "expectedRestartSeconds": 180,
                 "initialCapacity": 4, "recordsPerSecondPerKpu": 2200, "restartMinutes": 3, "pricePerKpuHour": 0.2}
                """, "p.json");
        ScalingPolicy policy = settings.policy();
        assertEquals(2, policy.capacityRange().minCapacity());
        assertEquals(List.of(ScalingStep.between(0, 2, 2), ScalingStep.from(2, 4)), policy.steps(SCALE_OUT).steps());
        assertEquals(List.of(ScalingStep.upTo(0, -1)), policy.steps(SCALE_IN).steps());
        assertEquals(240, policy.cooldownSeconds(SCALE_OUT));
        assertEquals(2, policy.evaluation(SCALE_OUT).datapointsToAlarm());
        assertEquals(180, policy.expectedRestartSeconds());
        assertEquals(4, settings.initialCapacity());
        assertEquals(2200, settings.trueRecordsPerSecondPerKpu());
        assertEquals(3, settings.restartMinutes());
        assertEquals(0.2, settings.pricePerKpuHour());
    }

    @Test
    void failsWithTheScalingPolicyMessageVerbatim() {
        String expected = assertThrows(IllegalArgumentException.class,
                () -> ScalingPolicy.builder().scaleOutCooldownSeconds(60).build()).getMessage();
        assertEquals("p.json: " + expected, failure("{\"scaleOutCooldownSeconds\": 60}"));
        assertEquals("p.json: maxCapacity (3) must be >= minCapacity (5)",
                failure("{\"minCapacity\": 5, \"maxCapacity\": 3}"));
    }

    @Test
    void failsOnAnUnknownFieldOrAWrongType() {
        assertTrue(failure("{\"scaleOutCooldown\": 300}").startsWith(
                "p.json: unknown field 'scaleOutCooldown' (known: bytesPerRecord, expectedRestartSeconds, initialCapacity,"));
        assertEquals("p.json: minCapacity must be a whole number, found \"two\"", failure("{\"minCapacity\": \"two\"}"));
        assertEquals("p.json: scaleOutSteps[0].adjustmentKpus is required",
                failure("{\"scaleOutSteps\": [{\"lowerBoundKpus\": 0}]}"));
        assertTrue(failure("[1]").startsWith("p.json: expected a JSON object"));
        assertTrue(failure("{").startsWith("p.json: not valid JSON"));
    }

    @Test
    void failsOnAnInitialCapacityOutsideTheRange() {
        assertEquals("p.json: initialCapacity (9) must be between minCapacity (1) and maxCapacity (8)",
                failure("{\"initialCapacity\": 9}"));
    }

    @Test
    void readsScheduledCapacityInTheConstructsPropNames() {
        SimulationSettings settings = PolicyFile.parse("""
                {"scheduledCapacity": [{"name": "mornings", "schedule": "cron(30 7 ? * MON-FRI *)",
                  "timeZone": "Europe/Berlin", "startTime": "2026-03-01T00:00:00Z", "minCapacity": 4,
                  "maxCapacity": 12}]}""", "p.json");
        var action = settings.policy().scheduledActions().get(0);
        assertEquals("mornings", action.name());
        assertEquals("cron(30 7 ? * MON-FRI *)", action.schedule().text());
        assertEquals("Europe/Berlin", action.timeZone().getId());
        assertEquals(java.time.Instant.parse("2026-03-01T00:00:00Z"), action.startTime());
        assertEquals(4, action.minCapacity());
        assertEquals(12, action.maxCapacity());
    }

    @Test
    void failsOnMalformedScheduledCapacityNamingTheElement() {
        assertEquals("p.json: scheduledCapacity[0] 'm': schedule (cron(0 7 * * MON *)) is not valid: exactly one of "
                        + "Day-of-month (*) and Day-of-week (MON) must be '?'",
                failure("{\"scheduledCapacity\": [{\"name\": \"m\", \"schedule\": \"cron(0 7 * * MON *)\", "
                        + "\"minCapacity\": 2}]}"));
        assertEquals("p.json: scheduledCapacity[0] 'm'.timeZone (Mars/Olympus) is not an IANA time zone name",
                failure("{\"scheduledCapacity\": [{\"name\": \"m\", \"schedule\": \"rate(1 hour)\", "
                        + "\"timeZone\": \"Mars/Olympus\", \"minCapacity\": 2}]}"));
        assertEquals("p.json: scheduled capacity 'm': give minCapacity, maxCapacity or both",
                failure("{\"scheduledCapacity\": [{\"name\": \"m\", \"schedule\": \"rate(1 hour)\"}]}"));
        assertEquals("p.json: scheduledCapacity[0]: unknown field 'min' (known: endTime, maxCapacity, minCapacity, "
                        + "name, schedule, startTime, timeZone)",
                failure("{\"scheduledCapacity\": [{\"min\": 2}]}"));
        assertTrue(failure("{\"scheduledCapacity\": [{\"name\": \"m\", \"schedule\": \"rate(1 hour)\", "
                + "\"startTime\": \"tomorrow\", \"minCapacity\": 2}]}").contains(
                "scheduledCapacity[0].startTime (tomorrow) must be an ISO-8601 instant"));
    }

    @Test
    void aWrittenPolicyReadsBackAsTheSamePolicy() {
        SimulationSettings settings = PolicyFile.parse("""
                {"minCapacity": 2, "maxCapacity": 16, "kpuQuota": 32, "scaleOutRecordsPerSecondPerKpu": 2000,
                 "scaleInRecordsPerSecondPerKpu": 1500.5, "scaleOutCooldownSeconds": 240,
                 "scaleInEvaluationPeriods": 12, "scaleInDatapointsToAlarm": 9, "expectedRestartSeconds": 180,
                 "scaleInCooldownSeconds": 900,
                 "scheduledCapacity": [{"name": "m", "schedule": "cron(0 7 ? * MON *)", "minCapacity": 4}]}""",
                "p.json");
        var written = PolicyFile.write(settings.policy(), new com.fasterxml.jackson.databind.ObjectMapper()
                .createObjectNode());
        for (var setting : io.github.kdastepscaling.policy.PolicySetting.values()) {
            assertTrue(written.has(setting.fileField()), setting + " is written");
        }
        var again = PolicyFile.write(PolicyFile.parse(written.toString(), "again.json").policy(),
                new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode());
        assertEquals(written, again);
    }
}
