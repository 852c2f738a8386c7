package io.github.kdastepscaling.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kdastepscaling.contract.DeployTimeResources;
import io.github.kdastepscaling.contract.ScalerEnvironment;
import io.github.kdastepscaling.examples.ExampleStack;
import io.github.kdastepscaling.fakes.Alarm;
import io.github.kdastepscaling.policy.ScaledLoad;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/**
 * Deploys never scale (issue 25): the example is deployed, the scaler takes the job above its initial capacity and
 * re-sets the alarms' thresholds, then the example is deployed again with its policy unchanged. The second template
 * gives CloudFormation nothing to write to an alarm, and even when the deploy-time thresholds resource runs again (as
 * it does in any deploy that updates an alarm), the thresholds it answers, which CloudFormation writes to the alarms,
 * are the ones the scaler set: no alarm threshold changes, so no deploy can fire the scale-out alarm.
 */
class RedeployProofTest {

    /** Above the example's initial capacity (1) and within its maximum. */
    private static final int RUNNING_CAPACITY = 5;

    private static SynthesizedStack firstStack;
    private static SynthesizedStack secondStack;
    private static ScalerRun run;
    private static Map<String, Double> initialThresholds;
    private static Map<String, Double> scalerThresholds;

    @BeforeAll
    static void deployScaleAndRedeploy() {
        firstStack = synthesize();
        int parallelismPerKpu = firstStack
                .properties(firstStack.onlyLogicalId("AWS::KinesisAnalyticsV2::Application", ""))
                .at("/ApplicationConfiguration/FlinkApplicationConfiguration/ParallelismConfiguration"
                        + "/ParallelismPerKPU")
                .asInt();
        int firstParallelism;
        try (DeployTimeRun firstDeploy = new DeployTimeRun(firstStack)) {
            firstParallelism = firstDeploy.firstDeployParallelism();
            firstDeploy.deployThresholds("Create");
        }
        String functionId = firstStack.onlyLogicalId("AWS::Lambda::Function", "ScalerHandler::handleRequest");
        run = new ScalerRun(firstStack, functionId, parallelismPerKpu, firstParallelism);
        // A rate learned earlier, with a fraction, so the learned rate's text in the alarms is a real comparison.
        JsonNode variables =
                firstStack.properties(functionId).path("Environment").path("Variables");
        String configured = variables.path(ScalerEnvironment.SCALE_OUT_PER_KPU).asText();
        run.aws()
                .ssm()
                .put(
                        variables
                                .path(ScalerEnvironment.LEARNED_RATE_PARAMETER_NAME)
                                .asText(),
                        "v1 rate=1312.5 configured=" + configured + " anchor=" + configured + " anchorAt=0 probeAt=0");
        initialThresholds = liveThresholds();
        run.scaleTo(RUNNING_CAPACITY);
        scalerThresholds = liveThresholds();
        secondStack = synthesize();
    }

    @AfterAll
    static void close() {
        run.close();
    }

    private static SynthesizedStack synthesize() {
        return SynthesizedStack.of(new ExampleStack(
                new App(), ExampleStack.STACK_NAME, StackProps.builder().build()));
    }

    /** The load alarms' thresholds as they are in (fake) CloudWatch, by alarm name. */
    private static Map<String, Double> liveThresholds() {
        Map<String, Double> thresholds = new TreeMap<>();
        for (String alarmId : firstStack.scalingAlarmIds()) {
            if (!firstStack
                    .template()
                    .path("Resources")
                    .get(alarmId)
                    .path("Properties")
                    .path("Threshold")
                    .has("Fn::GetAtt")) {
                continue; // the lag guard's fixed bound
            }
            String name = firstStack.deployment().physicalName(alarmId);
            thresholds.put(
                    name,
                    run.aws().cloudWatch().alarm(name).map(Alarm::threshold).orElseThrow());
        }
        return thresholds;
    }

    @Test
    void theScalerMovedTheThresholdsAwayFromTheInitialCapacitys() {
        assertEquals(2, scalerThresholds.size(), scalerThresholds.toString());
        assertNotEquals(initialThresholds, scalerThresholds, "the job runs above its initial capacity");
    }

    @Test
    void theSecondTemplateGivesCloudFormationNothingToWriteToAnAlarm() {
        for (String alarmId : firstStack.logicalIds("AWS::CloudWatch::Alarm")) {
            assertEquals(
                    firstStack.template().path("Resources").get(alarmId),
                    secondStack.template().path("Resources").get(alarmId),
                    alarmId);
        }
        String thresholdsId = firstStack.onlyLogicalId(DeployTimeResources.THRESHOLDS_TYPE, "");
        assertEquals(
                firstStack.template().path("Resources").get(thresholdsId),
                secondStack.template().path("Resources").get(thresholdsId),
                "the thresholds resource is unchanged too, so CloudFormation does not run it");
    }

    @Test
    void whenTheDeployTimeResourceRunsAgainTheAlarmsAreWrittenWithTheThresholdsTheScalerSet() {
        try (DeployTimeRun redeploy = DeployTimeRun.redeploy(secondStack, run.aws())) {
            JsonNode answer = redeploy.deployThresholds("Update");
            Map<String, Double> written = new TreeMap<>();
            for (String alarmId : secondStack.scalingAlarmIds()) {
                JsonNode threshold = secondStack
                        .template()
                        .path("Resources")
                        .get(alarmId)
                        .path("Properties")
                        .path("Threshold");
                if (threshold.has("Fn::GetAtt")) {
                    written.put(
                            secondStack.deployment().physicalName(alarmId),
                            secondStack.properties(alarmId).path("Threshold").asDouble());
                }
            }
            assertEquals(scalerThresholds, written, "answered " + answer);
        }
    }

    /**
     * The example learns, so its load alarms measure the scaled load ({@code load * configured / learned}): a deploy
     * writes the learned rate the scaler set into the expression, as it writes the thresholds.
     */
    @Test
    void whenTheDeployTimeResourceRunsAgainTheAlarmsMeasureTheLoadAsTheScalerSetIt() {
        try (DeployTimeRun redeploy = DeployTimeRun.redeploy(secondStack, run.aws())) {
            JsonNode answer = redeploy.deployThresholds("Update");
            int scaled = 0;
            for (String alarmId : secondStack.scalingAlarmIds()) {
                String name = secondStack.deployment().physicalName(alarmId);
                String live = run.aws().cloudWatch().alarm(name).orElseThrow().metrics().stream()
                        .filter(query -> !Boolean.FALSE.equals(query.returnData()))
                        .map(Alarm.MetricQuery::expression)
                        .findFirst()
                        .orElse(null);
                if (!ScaledLoad.isScaledLoad(live)) {
                    continue; // the lag guard's alarm
                }
                String written = null;
                for (JsonNode query : secondStack.properties(alarmId).path("Metrics")) {
                    if (query.path("ReturnData").asBoolean(true)) {
                        written = query.path("Expression").asText();
                    }
                }
                assertEquals(live, written, name + ", answered " + answer);
                assertTrue(live.endsWith(" / 1312.5"), live);
                scaled++;
            }
            assertEquals(2, scaled, "both load alarms measure the scaled load");
        }
    }
}
