package io.github.kdastepscaling.proof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kdastepscaling.contract.DeployTimeResources;
import io.github.kdastepscaling.contract.ScalerEnvironment;
import io.github.kdastepscaling.examples.ExampleStack;
import io.github.kdastepscaling.policy.AlarmComparison;
import io.github.kdastepscaling.policy.AlarmEvaluation;
import io.github.kdastepscaling.policy.AlarmShape;
import io.github.kdastepscaling.policy.CapacityRange;
import io.github.kdastepscaling.policy.LagGuard;
import io.github.kdastepscaling.policy.LoadUnits;
import io.github.kdastepscaling.policy.MissingDataTreatment;
import io.github.kdastepscaling.policy.ScaledLoad;
import io.github.kdastepscaling.policy.ScalingDefaults;
import io.github.kdastepscaling.policy.ScalingDirection;
import io.github.kdastepscaling.policy.ScalingStep;
import io.github.kdastepscaling.policy.ScalingSteps;
import io.github.kdastepscaling.policy.ScalingThresholds;
import io.github.kdastepscaling.policy.ScheduleExpression;
import io.github.kdastepscaling.policy.ScheduledCapacityAction;
import io.github.kdastepscaling.policy.SignalKind;
import io.github.kdastepscaling.simulator.LagGuardSpec;
import io.github.kdastepscaling.simulator.MetricAlarm;
import io.github.kdastepscaling.simulator.ReferenceTraces;
import io.github.kdastepscaling.simulator.StepScalingSimulation;
import io.github.kdastepscaling.simulator.StepScalingSpec;
import io.github.kdastepscaling.simulator.ThresholdSetter;
import io.github.kdastepscaling.simulator.Trace;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/**
 * The simulator's model of the example, built from the synthesized template alone (range, scheduled actions, step
 * adjustments in records per second, cooldowns, alarms, the scaler's per-KPU rates), is the model the simulator
 * builds from the construct's policy: the deployment and what the simulator evaluates cannot drift apart.
 */
class SimulatorModelOfTheTemplateTest {

    /** A Monday: the example's weekday scheduled actions run on the traces. */
    private static final Instant TRACE_START = Instant.parse("2026-03-02T00:00:00Z");

    private static SynthesizedStack stack;
    private static StepScalingSpec fromTemplate;
    private static StepScalingSpec fromPolicy;
    private static int initialCapacity;

    @BeforeAll
    static void synthesize() {
        ExampleStack example = new ExampleStack(
                new App(), ExampleStack.STACK_NAME, StackProps.builder().build());
        stack = SynthesizedStack.of(example);
        fromPolicy = StepScalingSpec.of(example.getScaling().getScalingPolicy());
        fromTemplate = specOf(stack);
        initialCapacity = stack.properties(stack.onlyLogicalId("Custom::KdaStepScalingDeployTimeCapacity", ""))
                .path("InitialCapacity")
                .asInt();
        // The load alarms' thresholds are the deploy-time resource's attributes: a first deploy's, here.
        try (DeployTimeRun firstDeploy = new DeployTimeRun(stack)) {
            firstDeploy.deployThresholds("Create");
        }
    }

    /** The model, read from the template as CloudFormation would create it. */
    static StepScalingSpec specOf(SynthesizedStack stack) {
        Map<String, String> environment = new HashMap<>();
        stack.properties(stack.onlyLogicalId("AWS::Lambda::Function", "ScalerHandler::handleRequest"))
                .path("Environment")
                .path("Variables")
                .properties()
                .forEach(variable ->
                        environment.put(variable.getKey(), variable.getValue().asText()));
        double outRate = ScalerEnvironment.decodeNumber(environment.get(ScalerEnvironment.SCALE_OUT_PER_KPU));
        double inRate = ScalerEnvironment.decodeNumber(environment.get(ScalerEnvironment.SCALE_IN_PER_KPU));
        int minCapacity = Integer.parseInt(environment.get(ScalerEnvironment.MIN_CAPACITY));

        JsonNode target = stack.properties(stack.onlyLogicalId("AWS::ApplicationAutoScaling::ScalableTarget", ""));
        List<ScheduledCapacityAction> scheduled = new ArrayList<>();
        for (JsonNode action : target.path("ScheduledActions")) {
            JsonNode bounds = action.path("ScalableTargetAction");
            scheduled.add(new ScheduledCapacityAction(
                    action.path("ScheduledActionName").asText(),
                    ScheduleExpression.parse(action.path("Schedule").asText()),
                    action.has("Timezone") ? ZoneId.of(action.path("Timezone").asText()) : null,
                    action.has("StartTime")
                            ? Instant.parse(action.path("StartTime").asText())
                            : null,
                    action.has("EndTime") ? Instant.parse(action.path("EndTime").asText()) : null,
                    bounds.has("MinCapacity") ? bounds.path("MinCapacity").asInt() : null,
                    bounds.has("MaxCapacity") ? bounds.path("MaxCapacity").asInt() : null));
        }

        Map<ScalingDirection, JsonNode> policies = new HashMap<>();
        Map<ScalingDirection, JsonNode> alarms = new HashMap<>();
        JsonNode lagPolicy = null;
        JsonNode lagAlarm = null;
        for (String alarmId : stack.scalingAlarmIds()) {
            JsonNode alarm = stack.template().path("Resources").get(alarmId).path("Properties");
            String policyId = alarm.path("AlarmActions").get(0).path("Ref").asText();
            JsonNode policy = stack.properties(policyId).path("StepScalingPolicyConfiguration");
            // The lag guard's alarm and policy are the construct's LagGuard node's.
            if (alarmId.contains("LagGuard")) {
                assertEquals(
                        "Maximum",
                        policy.path("MetricAggregationType").asText(),
                        "the lag policy aggregates as its metric does");
                lagPolicy = policy;
                lagAlarm = alarm;
                continue;
            }
            ScalingDirection direction = policy.path("StepAdjustments")
                                    .get(0)
                                    .path("ScalingAdjustment")
                                    .asInt()
                            > 0
                    ? ScalingDirection.SCALE_OUT
                    : ScalingDirection.SCALE_IN;
            policies.put(direction, policy);
            alarms.put(direction, stack.properties(alarmId));
        }
        if (environment.containsKey(ScalerEnvironment.LEARNING_METRICS)) {
            for (JsonNode alarm : alarms.values()) {
                assertMeasuresTheScaledLoad(stack, alarm, outRate);
            }
        }
        double scaleInBound = lagBound(alarms.get(ScalingDirection.SCALE_IN));
        return new StepScalingSpec(
                new CapacityRange(
                        target.path("MinCapacity").asInt(),
                        target.path("MaxCapacity").asInt()),
                steps(policies.get(ScalingDirection.SCALE_OUT), ScalingDirection.SCALE_OUT, outRate),
                steps(policies.get(ScalingDirection.SCALE_IN), ScalingDirection.SCALE_IN, inRate),
                policies.get(ScalingDirection.SCALE_OUT).path("Cooldown").asInt(),
                policies.get(ScalingDirection.SCALE_IN).path("Cooldown").asInt(),
                alarm(alarms.get(ScalingDirection.SCALE_OUT)),
                alarm(alarms.get(ScalingDirection.SCALE_IN)),
                ThresholdSetter.of(new ScalingThresholds(outRate, inRate, minCapacity)),
                outRate,
                inRate,
                scheduled,
                SignalKind.valueOf(environment.get(ScalerEnvironment.SIGNAL_KIND)),
                lagGuard(lagAlarm, lagPolicy, scaleInBound),
                Integer.parseInt(environment.getOrDefault(
                        ScalerEnvironment.EXPECTED_RESTART_SECONDS,
                        Integer.toString(ScalingDefaults.EXPECTED_RESTART_SECONDS))));
    }

    /** The lag guard as deployed: its alarm, and its policy's steps in multiples of the alarm's threshold. */
    private static LagGuardSpec lagGuard(JsonNode alarm, JsonNode policy, double scaleInBoundMillis) {
        if (alarm == null) {
            return null;
        }
        JsonNode lag = null;
        int drainMinutes = -1;
        for (JsonNode query : alarm.path("Metrics")) {
            if (query.path("Id").asText().equals(LagGuard.LAG_ID)) {
                lag = query;
            }
            Matcher draining = Pattern.compile(
                            "IF\\(lag >= ([0-9.]+) AND \\(FILL\\(DIFF\\(lag\\), 0\\) > -([0-9.]+) OR lag \\+ ([0-9]+) "
                                    + "\\* FILL\\(DIFF\\(lag\\), 0\\) >= \\1\\), lag, 0\\)")
                    .matcher(query.path("Expression").asText());
            if (draining.matches()) {
                assertEquals(
                        alarm.path("Threshold").asDouble(),
                        Double.parseDouble(draining.group(1)),
                        "the drain rule's bound is the alarm's threshold");
                assertEquals(
                        LagGuard.MIN_DRAIN_SECONDS_PER_MINUTE * 1000.0,
                        Double.parseDouble(draining.group(2)),
                        "the drain rule's slowest pace is the shared one");
                drainMinutes = Integer.parseInt(draining.group(3));
            }
        }
        assertTrue(drainMinutes >= 0, "the lag alarm's metric is the shared drain rule");
        assertEquals(
                "GetRecords.IteratorAgeMilliseconds",
                lag.at("/MetricStat/Metric/MetricName").asText(),
                "the example's guard watches the stream's iterator age");
        assertEquals("Maximum", lag.at("/MetricStat/Stat").asText());
        double threshold = alarm.path("Threshold").asDouble();
        return new LagGuardSpec(
                new MetricAlarm(
                        AlarmComparison.fromCloudWatchName(
                                alarm.path("ComparisonOperator").asText()),
                        new AlarmEvaluation(
                                alarm.path("EvaluationPeriods").asInt(),
                                alarm.path("DatapointsToAlarm").asInt()),
                        MissingDataTreatment.fromCloudWatchName(
                                alarm.path("TreatMissingData").asText(null))),
                threshold,
                steps(policy, ScalingDirection.SCALE_OUT, threshold),
                threshold,
                policy.path("Cooldown").asInt(),
                scaleInBoundMillis,
                drainMinutes);
    }

    /**
     * A scaler that learns has load alarms on the scaled load, {@code load * configured / learned} with the learned
     * rate the deploy-time resource answers: what the simulator models for learned thresholds
     * ({@code ThresholdSetter.of}: the configured rate's thresholds, the signal times {@code alarmScale()}).
     */
    private static void assertMeasuresTheScaledLoad(SynthesizedStack stack, JsonNode alarm, double configuredRate) {
        String thresholds = stack.onlyLogicalId(DeployTimeResources.THRESHOLDS_TYPE, "");
        JsonNode returned = null;
        boolean loadQuery = false;
        for (JsonNode query : alarm.path("Metrics")) {
            if (query.path("ReturnData").asBoolean(true)) {
                returned = query;
            }
            loadQuery |= query.path("Id").asText().equals(ScaledLoad.LOAD_ID)
                    && !query.path("ReturnData").asBoolean(true);
        }
        assertTrue(loadQuery, "the alarm's load is its own query: " + alarm.path("Metrics"));
        // SynthesizedStack writes the attribute reference as Id.Attribute.
        assertEquals(
                ScaledLoad.expression(
                        ScaledLoad.plain(configuredRate),
                        thresholds + "." + DeployTimeResources.LEARNED_RATE_ATTRIBUTE),
                returned.path("Expression").asText(),
                "the alarm compares the scaled load");
    }

    /** The bound in the scale-in alarm's {@code IF(FILL(lag, 0) >= bound, ...)}, or NaN without the guard. */
    private static double lagBound(JsonNode scaleInAlarm) {
        for (JsonNode query : scaleInAlarm.path("Metrics")) {
            Matcher guard = Pattern.compile(
                            "IF\\(FILL\\(lag, 0\\) >= ([0-9.]+), " + LagGuard.NOT_SCALING_IN_VALUE + ", signal\\)")
                    .matcher(query.path("Expression").asText());
            if (guard.matches()) {
                return Double.parseDouble(guard.group(1));
            }
        }
        return Double.NaN;
    }

    private static ScalingSteps steps(JsonNode policy, ScalingDirection direction, double recordsPerSecondPerKpu) {
        List<ScalingStep> steps = new ArrayList<>();
        for (JsonNode adjustment : policy.path("StepAdjustments")) {
            steps.add(new ScalingStep(
                    kpus(adjustment.get("MetricIntervalLowerBound"), recordsPerSecondPerKpu),
                    kpus(adjustment.get("MetricIntervalUpperBound"), recordsPerSecondPerKpu),
                    adjustment.path("ScalingAdjustment").asInt()));
        }
        return ScalingSteps.of(direction, steps, "template");
    }

    private static Double kpus(JsonNode bound, double recordsPerSecondPerKpu) {
        return bound == null ? null : LoadUnits.toKpusOfLoad(bound.asDouble(), recordsPerSecondPerKpu);
    }

    private static MetricAlarm alarm(JsonNode alarm) {
        JsonNode expression = null;
        JsonNode incoming = null;
        for (JsonNode query : alarm.path("Metrics")) {
            if (query.path("Expression").asText().equals(AlarmShape.RECORDS_PER_SECOND_EXPRESSION)) {
                expression = query;
            } else if (query.path("Id").asText().equals(AlarmShape.INCOMING_RECORDS_ID)) {
                incoming = query;
            }
        }
        assertEquals(
                AlarmShape.RECORDS_PER_SECOND_EXPRESSION,
                expression.path("Expression").asText(),
                "the alarm measures the shared signal");
        assertEquals(AlarmShape.INCOMING_RECORDS_ID, incoming.path("Id").asText());
        assertEquals(
                AlarmShape.INCOMING_RECORDS_STATISTIC,
                incoming.at("/MetricStat/Stat").asText());
        assertEquals(
                AlarmEvaluation.PERIOD_SECONDS,
                incoming.at("/MetricStat/Period").asInt());
        return new MetricAlarm(
                AlarmComparison.fromCloudWatchName(
                        alarm.path("ComparisonOperator").asText()),
                new AlarmEvaluation(
                        alarm.path("EvaluationPeriods").asInt(),
                        alarm.path("DatapointsToAlarm").asInt()),
                MissingDataTreatment.fromCloudWatchName(
                        alarm.path("TreatMissingData").asText(null)));
    }

    @Test
    void everyPartOfTheModelIsThePolicys() {
        assertEquals(fromPolicy.capacityRange(), fromTemplate.capacityRange());
        assertEquals(
                fromPolicy.scaleOutSteps().steps(), fromTemplate.scaleOutSteps().steps());
        assertEquals(
                fromPolicy.scaleInSteps().steps(), fromTemplate.scaleInSteps().steps());
        assertEquals(fromPolicy.scaleOutCooldownSeconds(), fromTemplate.scaleOutCooldownSeconds());
        assertEquals(fromPolicy.scaleInCooldownSeconds(), fromTemplate.scaleInCooldownSeconds());
        assertEquals(fromPolicy.scaleOutAlarm(), fromTemplate.scaleOutAlarm());
        assertEquals(fromPolicy.scaleInAlarm(), fromTemplate.scaleInAlarm());
        assertEquals(fromPolicy.scaleOutStepUnit(), fromTemplate.scaleOutStepUnit());
        assertEquals(fromPolicy.scaleInStepUnit(), fromTemplate.scaleInStepUnit());
        assertEquals(describe(fromPolicy.scheduledActions()), describe(fromTemplate.scheduledActions()));
        assertEquals(fromPolicy.signal(), fromTemplate.signal());
        LagGuardSpec policyGuard = fromPolicy.lagGuard();
        LagGuardSpec templateGuard = fromTemplate.lagGuard();
        assertEquals(policyGuard.alarm(), templateGuard.alarm());
        assertEquals(policyGuard.thresholdMillis(), templateGuard.thresholdMillis());
        assertEquals(policyGuard.steps().steps(), templateGuard.steps().steps());
        assertEquals(policyGuard.stepUnitMillis(), templateGuard.stepUnitMillis());
        assertEquals(policyGuard.cooldownSeconds(), templateGuard.cooldownSeconds());
        assertEquals(policyGuard.scaleInBoundMillis(), templateGuard.scaleInBoundMillis());
        assertEquals(policyGuard.drainMinutes(), templateGuard.drainMinutes());
        assertEquals(2, fromTemplate.scheduledActions().size(), "the example declares two scheduled actions");
    }

    @Test
    void theFirstDeploysAlarmThresholdsAreTheModelsAtTheInitialCapacity() {
        for (String alarmId : stack.scalingAlarmIds()) {
            JsonNode alarm = stack.properties(alarmId);
            if (alarm.path("Threshold").asDouble() == fromTemplate.lagGuard().thresholdMillis()) {
                continue; // the lag alarm: its bound does not follow capacity (compared above)
            }
            boolean out = alarm.path("ComparisonOperator").asText().startsWith("Greater");
            var thresholds = fromTemplate.thresholds().initial(initialCapacity);
            assertEquals(
                    out ? thresholds.scaleOut() : thresholds.scaleIn(),
                    alarm.path("Threshold").asDouble());
        }
    }

    @Test
    void bothModelsScaleAlikeOnEveryReferenceTrace() {
        for (String name : ReferenceTraces.allNames()) {
            Trace trace = ReferenceTraces.load(name).startingAt(TRACE_START);
            assertArrayEquals(
                    StepScalingSimulation.run(trace, fromPolicy, initialCapacity)
                            .capacities(),
                    StepScalingSimulation.run(trace, fromTemplate, initialCapacity)
                            .capacities(),
                    name);
        }
    }

    private static List<String> describe(List<ScheduledCapacityAction> actions) {
        return actions.stream()
                .map(a -> a.name() + " " + a.schedule().text() + " " + a.timeZone() + " " + a.startTime() + " "
                        + a.endTime() + " " + a.minCapacity() + " " + a.maxCapacity())
                .toList();
    }
}
