package io.github.kdastepscaling.simulator;

import static io.github.kdastepscaling.policy.ScalingDirection.SCALE_IN;
import static io.github.kdastepscaling.policy.ScalingDirection.SCALE_OUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kdastepscaling.policy.PolicySetting;
import io.github.kdastepscaling.policy.ScalingDefaults;
import io.github.kdastepscaling.policy.ScalingPolicy;
import io.github.kdastepscaling.policy.ScalingStep;
import io.github.kdastepscaling.policy.SignalKind;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PolicyFileTest {

    private static String failure(String json) {
        return assertThrows(IllegalArgumentException.class, () -> PolicyFile.parse(json, "p.json"))
                .getMessage();
    }

    @Test
    void missingFieldsTakeTheConstructDefaults() {
        SimulationSettings settings = PolicyFile.parse("{}", "p.json");
        ScalingPolicy policy = settings.policy();
        assertEquals(ScalingDefaults.MAX_CAPACITY, policy.capacityRange().maxCapacity());
        assertEquals(
                ScalingDefaults.SCALE_IN_RECORDS_PER_SECOND_PER_KPU,
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
                 "initialCapacity": 4, "trueRecordsPerSecondPerKpu": 2200, "restartMinutes": 3, "pricePerKpuHour": 0.2}
                """, "p.json");
        ScalingPolicy policy = settings.policy();
        assertEquals(2, policy.capacityRange().minCapacity());
        assertEquals(
                List.of(ScalingStep.between(0, 2, 2), ScalingStep.from(2, 4)),
                policy.steps(SCALE_OUT).steps());
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
        String expected = assertThrows(
                        IllegalArgumentException.class,
                        () -> ScalingPolicy.builder()
                                .scaleOutCooldownSeconds(60)
                                .build())
                .getMessage();
        assertEquals("p.json: " + expected, failure("{\"scaleOutCooldownSeconds\": 60}"));
        assertEquals(
                "p.json: maxCapacity (3) must be >= minCapacity (5)",
                failure("{\"minCapacity\": 5, \"maxCapacity\": 3}"));
    }

    @Test
    void failsOnAnUnknownFieldOrAWrongType() {
        assertTrue(
                failure("{\"scaleOutCooldown\": 300}")
                        .startsWith(
                                "p.json: unknown field 'scaleOutCooldown' (known: bytesPerRecord, expectedRestartSeconds, initialCapacity,"));
        assertEquals(
                "p.json: minCapacity must be a whole number, found \"two\"", failure("{\"minCapacity\": \"two\"}"));
        assertEquals(
                "p.json: scaleOutSteps[0].adjustmentKpus is required",
                failure("{\"scaleOutSteps\": [{\"lowerBoundKpus\": 0}]}"));
        assertTrue(failure("[1]").startsWith("p.json: expected a JSON object"));
        assertTrue(failure("{").startsWith("p.json: not valid JSON"));
    }

    @Test
    void bindsEveryObjectWithOneRuleNamingThePathAndTheValue() {
        assertEquals("p.json: maxCapacity must be a whole number, found 2.5", failure("{\"maxCapacity\": 2.5}"));
        assertEquals(
                "p.json: scaleOutSteps must be an array, found {\"a\":1}", failure("{\"scaleOutSteps\": {\"a\": 1}}"));
        assertEquals(
                "p.json: scaleOutSteps[0] must be an object with adjustmentKpus, lowerBoundKpus, upperBoundKpus, "
                        + "found 1",
                failure("{\"scaleOutSteps\": [1]}"));
        assertEquals(
                "p.json: scaleInSteps[1].upperBoundKpus must be a number, found \"a\"",
                failure(
                        "{\"scaleInSteps\": [{\"adjustmentKpus\": -1}, {\"upperBoundKpus\": \"a\", \"adjustmentKpus\": -1}]}"));
        assertEquals(
                "p.json: scheduledCapacity[0].name must be a string, found 5",
                failure("{\"scheduledCapacity\": [{\"name\": 5}]}"));
        assertEquals(
                "p.json: lagGuard.steps[0].lowerBound must be a number, found true",
                failure("{\"lagGuard\": {\"steps\": [{\"lowerBound\": true, \"adjustmentKpus\": 1}]}}"));
        assertEquals(
                "p.json: lagGuard.steps[0].adjustmentKpus is required",
                failure("{\"lagGuard\": {\"steps\": [{\"lowerBound\": 0}]}}"));
        assertTrue(
                failure("{\"scaleOutSteps\": [{\"adjust\": 1}]}")
                        .startsWith(
                                "p.json: scaleOutSteps[0]: unknown field 'adjust' (known: adjustmentKpus, lowerBoundKpus, upperBoundKpus)"));
    }

    @Test
    void theFileHasAFieldForEverySettingAndTheSimulatorsOwn() {
        Set<String> expected = new TreeSet<>(List.of(
                "initialCapacity",
                "trueRecordsPerSecondPerKpu",
                "restartMinutes",
                "pricePerKpuHour",
                "bytesPerRecord"));
        for (PolicySetting setting : PolicySetting.values()) {
            expected.add(setting.fileField());
        }
        assertEquals(expected, PolicyFileFields.fieldsOf(PolicyFileFields.Root.class));
    }

    @Test
    void failsOnAnInitialCapacityOutsideTheRange() {
        assertEquals(
                "p.json: initialCapacity (9) must be between minCapacity (1) and maxCapacity (8)",
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
        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), action.startTime());
        assertEquals(4, action.minCapacity());
        assertEquals(12, action.maxCapacity());
    }

    @Test
    void failsOnMalformedScheduledCapacityNamingTheElement() {
        assertEquals(
                "p.json: scheduledCapacity[0] 'm': schedule (cron(0 7 * * MON *)) is not valid: exactly one of "
                        + "Day-of-month (*) and Day-of-week (MON) must be '?'",
                failure("{\"scheduledCapacity\": [{\"name\": \"m\", \"schedule\": \"cron(0 7 * * MON *)\", "
                        + "\"minCapacity\": 2}]}"));
        assertEquals(
                "p.json: scheduledCapacity[0] 'm'.timeZone (Mars/Olympus) is not an IANA time zone name",
                failure("{\"scheduledCapacity\": [{\"name\": \"m\", \"schedule\": \"rate(1 hour)\", "
                        + "\"timeZone\": \"Mars/Olympus\", \"minCapacity\": 2}]}"));
        assertEquals(
                "p.json: scheduled capacity 'm': give minCapacity, maxCapacity or both",
                failure("{\"scheduledCapacity\": [{\"name\": \"m\", \"schedule\": \"rate(1 hour)\"}]}"));
        assertEquals(
                "p.json: scheduledCapacity[0]: unknown field 'min' (known: endTime, maxCapacity, minCapacity, "
                        + "name, schedule, startTime, timeZone)",
                failure("{\"scheduledCapacity\": [{\"min\": 2}]}"));
        assertTrue(failure("{\"scheduledCapacity\": [{\"name\": \"m\", \"schedule\": \"rate(1 hour)\", "
                        + "\"startTime\": \"tomorrow\", \"minCapacity\": 2}]}")
                .contains("scheduledCapacity[0].startTime (tomorrow) must be an ISO-8601 instant"));
    }

    @Test
    void aWrittenPolicyReadsBackAsTheSamePolicy() {
        SimulationSettings settings = PolicyFile.parse("""
                {"minCapacity": 2, "maxCapacity": 16, "kpuQuota": 32, "scaleOutRecordsPerSecondPerKpu": 2000,
                 "scaleInRecordsPerSecondPerKpu": 1500.5, "scaleOutCooldownSeconds": 240,
                 "scaleInEvaluationPeriods": 12, "scaleInDatapointsToAlarm": 9, "expectedRestartSeconds": 180,
                 "scaleInCooldownSeconds": 900,
                 "scheduledCapacity": [{"name": "m", "schedule": "cron(0 7 ? * MON *)", "minCapacity": 4}]}""", "p.json");
        var written = PolicyFile.write(settings.policy(), new ObjectMapper().createObjectNode());
        for (var setting : PolicySetting.values()) {
            assertTrue(written.has(setting.fileField()), setting + " is written");
        }
        var again = PolicyFile.write(
                PolicyFile.parse(written.toString(), "again.json").policy(), new ObjectMapper().createObjectNode());
        assertEquals(written, again);
    }

    private static ObjectNode written(SimulationSettings settings) {
        return PolicyFile.write(settings.policy(), new ObjectMapper().createObjectNode());
    }

    @Test
    void readsTheSignalAndTheLagGuardAndWritesThemBack() {
        SimulationSettings settings = PolicyFile.parse("""
                {"scalingSignal": {"kind": "incomingBytes", "scaleOutBytesPerSecondPerKpu": 2000000,
                                   "scaleInBytesPerSecondPerKpu": 1800000},
                 "lagGuard": {"maxLagSeconds": 600, "evaluationPeriods": 4, "datapointsToAlarm": 3,
                              "steps": [{"lowerBound": 0, "upperBound": 2, "adjustmentKpus": 1},
                                        {"lowerBound": 2, "adjustmentKpus": 3}],
                              "cooldownSeconds": 1200},
                 "bytesPerRecord": 500, "trueRecordsPerSecondPerKpu": 3000}""", "p.json");
        ScalingPolicy policy = settings.policy();
        assertEquals(SignalKind.INCOMING_BYTES, policy.thresholds().kind());
        assertEquals(2_000_000, policy.thresholds().scaleOutPerKpu());
        assertEquals(600, policy.lagGuard().maxLagSeconds());
        assertEquals(3, policy.lagGuard().evaluation().datapointsToAlarm());
        assertEquals(
                List.of(ScalingStep.between(0, 2, 1), ScalingStep.from(2, 3)),
                policy.lagGuard().steps().steps());
        assertEquals(1200, policy.lagGuard().cooldownSeconds());
        assertEquals(500, settings.bytesPerRecord());
        assertEquals(3000, settings.trueRecordsPerSecondPerKpu());
        assertEquals(4000, settings.configuredRecordsPerSecondPerKpu(), "2,000,000 bytes/s / 500 bytes");
        var written = written(settings);
        assertTrue(written.get("scaleOutRecordsPerSecondPerKpu").isNull(), "another signal's settings are in it");
        assertEquals(written, written(PolicyFile.parse(written.toString(), "again.json")));
    }

    @Test
    void theDefaultsWriteTheRecordsSignalAndTheDefaultGuard() {
        var written = written(PolicyFile.parse("{}", "p.json"));
        assertEquals(
                "{\"kind\":\"incomingRecords\"}", written.get("scalingSignal").toString());
        assertEquals(
                ScalingDefaults.LAG_GUARD_MAX_LAG_SECONDS,
                written.get("lagGuard").get("maxLagSeconds").asInt());
        assertEquals(written, written(PolicyFile.parse(written.toString(), "again.json")));
        var off = written(PolicyFile.parse("{\"lagGuard\": false}", "p.json"));
        assertFalse(off.get("lagGuard").asBoolean());
        assertFalse(PolicyFile.parse(off.toString(), "again.json")
                .policy()
                .lagGuard()
                .enabled());
        assertTrue(PolicyFile.parse("{\"lagGuard\": true}", "p.json")
                .policy()
                .lagGuard()
                .enabled());
    }

    @Test
    void readsAUtilizationSignalAndTheTrueRate() {
        SimulationSettings settings = PolicyFile.parse("""
                {"scalingSignal": {"kind": "utilization", "scaleOutAbove": 80, "scaleInBelow": 40,
                                   "utilizationStepWidth": 5},
                 "trueRecordsPerSecondPerKpu": 1200}""", "p.json");
        assertEquals(5, settings.policy().thresholds().utilizationStepWidth());
        assertEquals(80, settings.policy().thresholds().scaleOutThreshold(7));
        assertEquals(1200, settings.trueRecordsPerSecondPerKpu());
        var written = written(settings);
        assertEquals(written, written(PolicyFile.parse(written.toString(), "again.json")));
        assertEquals(
                1000,
                PolicyFile.parse(
                                "{\"scalingSignal\": {\"kind\": \"incomingRecords\", "
                                        + "\"scaleOutRecordsPerSecondPerKpu\": 1000}}",
                                "p.json")
                        .policy()
                        .thresholds()
                        .scaleOutPerKpu());
    }

    @Test
    void failsOnABadSignalOrGuardNamingTheFieldAndValue() {
        assertEquals(
                "p.json: scalingSignal.kind (\"bytes\") must be one of incomingRecords, incomingBytes, load, "
                        + "utilization",
                failure("{\"scalingSignal\": {\"kind\": \"bytes\"}}"));
        assertEquals(
                "p.json: scalingSignal.kind is required (one of incomingRecords, incomingBytes, load, utilization)",
                failure("{\"scalingSignal\": {}}"));
        assertEquals(
                "p.json: scalingSignal.scaleInBytesPerSecondPerKpu is required for kind incomingBytes",
                failure("{\"scalingSignal\": {\"kind\": \"incomingBytes\", \"scaleOutBytesPerSecondPerKpu\": 1}}"));
        assertEquals(
                "p.json: scalingSignal: unknown field 'scaleOutRecordsPerSecondPerKpu' for kind load (known: "
                        + "kind, scaleInPerKpu, scaleOutPerKpu)",
                failure("{\"scalingSignal\": {\"kind\": \"load\", \"scaleOutRecordsPerSecondPerKpu\": 1}}"));
        assertEquals(
                "p.json: scaleOutRecordsPerSecondPerKpu (900) applies to the incomingRecords signal only; "
                        + "scalingSignal is load, which carries its own scaleOutPerKpu and scaleInPerKpu",
                failure("{\"scaleOutRecordsPerSecondPerKpu\": 900, \"scalingSignal\": {\"kind\": \"load\", "
                        + "\"scaleOutPerKpu\": 10, \"scaleInPerKpu\": 9}}"),
                "the construct's rule and message (SignalKind)");
        assertEquals(
                "p.json: give scaleOutRecordsPerSecondPerKpu at the top level or in scalingSignal, not both",
                failure("{\"scaleOutRecordsPerSecondPerKpu\": 900, \"scalingSignal\": {\"kind\": "
                        + "\"incomingRecords\", \"scaleOutRecordsPerSecondPerKpu\": 1000}}"));
        assertEquals(
                "p.json: lagGuard.maxLag (30 s) must be between 60 s (one alarm period) and 86400 s (one day)",
                failure("{\"lagGuard\": {\"maxLagSeconds\": 30}}"));
        assertEquals(
                "p.json: lagGuard.cooldownSeconds must be a whole number, found \"long\"",
                failure("{\"lagGuard\": {\"cooldownSeconds\": \"long\"}}"));
        assertEquals(
                "p.json: lagGuard: unknown field 'maxLag' (known: cooldownSeconds, datapointsToAlarm, "
                        + "evaluationPeriods, lagMetric, maxLagSeconds, steps)",
                failure("{\"lagGuard\": {\"maxLag\": 300}}"));
        assertEquals(
                "p.json: lagGuard.steps[0]: unknown field 'lowerBoundKpus' (known: adjustmentKpus, lowerBound, "
                        + "upperBound)",
                failure("{\"lagGuard\": {\"steps\": [{\"lowerBoundKpus\": 0}]}}"));
        assertTrue(failure("{\"lagGuard\": 300}").startsWith("p.json: lagGuard must be false, true or an object"));
        assertEquals("p.json: bytesPerRecord (0.0) must be a positive number", failure("{\"bytesPerRecord\": 0}"));
        assertTrue(
                failure("{\"recordsPerSecondPerKpu\": 1}")
                        .startsWith("p.json: unknown field 'recordsPerSecondPerKpu' (known: "),
                "the former name is gone");
    }
}
