package io.github.kdastepscaling.lambda.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kdastepscaling.contract.DeployTimeResources;
import io.github.kdastepscaling.fakes.FakeAws;
import io.github.kdastepscaling.fakes.Fault;
import io.github.kdastepscaling.lambda.ScalerClients;
import io.github.kdastepscaling.policy.ScalingThresholds;
import io.github.kdastepscaling.policy.SignalKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;

/**
 * The deploy-time capacity resources through their handler, the real clients and the fakes: the stored desire
 * becomes the deployed parallelism and the deployed alarm thresholds, none gives the initial capacity's, and a failed
 * or unusable read fails the deploy.
 */
class DeployTimeCapacityHandlerTest {

    private static final String PARAMETER = "/kda/desired-capacity";
    private static final String TARGET =
            "https://a1b2c3.execute-api.us-east-1.amazonaws.com/scaling/" + "scalableTargetDimensions/app";

    private final FakeAws aws = FakeAws.start().acceptCredentials("AKIDDEPLOY", "secret");
    private final ScalerClients clients = ScalerClients.builder(
                    Region.US_EAST_1,
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDDEPLOY", "secret")))
            .endpointOverride(aws.endpoint())
            .timeouts(Duration.ofMillis(500), Duration.ofSeconds(2))
            .fixedRetryBackoff(Duration.ofMillis(5))
            .build();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final DeployTimeCapacityHandler handler =
            new DeployTimeCapacityHandler(clients, new PrintStream(log, true, StandardCharsets.UTF_8));

    @AfterEach
    void close() {
        clients.close();
        aws.close();
    }

    static String event(String requestType, int perKpu, int initial, int quota) {
        return "{\"RequestType\":\"" + requestType + "\",\"ResourceProperties\":{\"ServiceToken\":\"arn\",\""
                + DeployTimeResources.PARAMETER_NAME + "\":\"" + PARAMETER + "\",\""
                + DeployTimeResources.PARALLELISM_PER_KPU + "\":\"" + perKpu + "\",\""
                + DeployTimeResources.INITIAL_CAPACITY + "\":\"" + initial + "\",\""
                + DeployTimeResources.KPU_QUOTA + "\":\"" + quota + "\",\""
                + DeployTimeResources.CONFIGURATION_HASH + "\":\"abc\"}}";
    }

    @Test
    void aStoredDesireOf12IsDeployedAs12TimesTheTasksPerKpu() {
        aws.ssm().put(PARAMETER, "12");

        String answer = handler.handle(event("Update", 2, 1, 64));

        assertEquals("{\"Data\":{\"Parallelism\":\"24\"}}", answer);
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("12 KPUs, parallelism 24"));
        assertEquals(1, aws.calls("ssm:GetParameter").size());
    }

    @Test
    void noStoredDesireDeploysTheInitialCapacity() {
        aws.ssm().put(PARAMETER, "none");

        assertEquals("{\"Data\":{\"Parallelism\":\"6\"}}", handler.handle(event("Create", 2, 3, 64)));
    }

    @Test
    void aDesireAboveTheQuotaIsClampedToIt() {
        aws.ssm().put(PARAMETER, "80");

        assertEquals("{\"Data\":{\"Parallelism\":\"32\"}}", handler.handle(event("Update", 1, 1, 32)));
    }

    @Test
    void aFailedReadFailsTheDeployWithTheReasonRatherThanResetTheCapacity() {
        aws.ssm().put(PARAMETER, "12");
        aws.faults().failAlways("ssm:GetParameter", Fault.serverError());

        IllegalStateException failure =
                assertThrows(IllegalStateException.class, () -> handler.handle(event("Update", 1, 1, 64)));
        assertTrue(
                failure.getMessage().startsWith("could not read the desired capacity from SSM parameter " + PARAMETER),
                failure.getMessage());
        assertTrue(failure.getMessage().endsWith("the deploy stops rather than reset the application's capacity"));
    }

    @Test
    void aParameterEditedToSomethingElseFailsTheDeployNamingIt() {
        aws.ssm().put(PARAMETER, "lots");

        IllegalStateException failure =
                assertThrows(IllegalStateException.class, () -> handler.handle(event("Update", 1, 1, 64)));
        assertEquals(
                "SSM parameter " + PARAMETER + " holds 'lots', which is not a capacity: the deploy stops rather "
                        + "than reset the application's capacity; put a positive integer or 'none' in it",
                failure.getMessage());
    }

    @Test
    void deleteReadsNothing() {
        assertEquals("{}", handler.handle(event("Delete", 1, 1, 64)));
        assertEquals(0, aws.calls().size());
    }

    @Test
    void aMalformedEventNamesWhatIsWrong() {
        assertEquals(
                "the custom resource's property ParallelismPerKpu (two) is not a whole number",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> handler.handle(event("Create", 1, 1, 64)
                                        .replace("\"ParallelismPerKpu\":\"1\"", "\"ParallelismPerKpu\":\"two\"")))
                        .getMessage());
    }

    static String thresholdsEvent(String requestType, int initial, int minCapacity) {
        return "{\"RequestType\":\"" + requestType + "\",\"ResourceType\":\"" + DeployTimeResources.THRESHOLDS_TYPE
                + "\",\"ResourceProperties\":{\"ServiceToken\":\"arn\",\""
                + DeployTimeResources.PARAMETER_NAME + "\":\"" + PARAMETER + "\",\""
                + DeployTimeResources.INITIAL_CAPACITY + "\":\"" + initial + "\",\""
                + DeployTimeResources.KPU_QUOTA + "\":\"64\",\""
                + DeployTimeResources.SIGNAL_KIND + "\":\"INCOMING_RECORDS\",\""
                + DeployTimeResources.SCALE_OUT_PER_KPU + "\":\"1000\",\""
                + DeployTimeResources.SCALE_IN_PER_KPU + "\":\"900\",\""
                + DeployTimeResources.MIN_CAPACITY + "\":\"" + minCapacity + "\",\""
                + DeployTimeResources.SCALABLE_TARGET_RESOURCE_ID + "\":\"" + TARGET + "\",\""
                + DeployTimeResources.ALARMS + "\":{\"ScaleOut\":{\"EvaluationPeriods\":\"1\"}}}}";
    }

    private void registerTarget(int min, int max) {
        aws.applicationAutoScaling()
                .register("custom-resource", TARGET, "custom-resource:ResourceType:Property", min, max);
    }

    @Test
    void theThresholdsAreThoseOfTheStoredDesireNotOfTheInitialCapacity() {
        aws.ssm().put(PARAMETER, "12");
        registerTarget(1, 16);

        assertEquals(
                "{\"Data\":{\"ScaleOutThreshold\":\"12000\",\"ScaleInThreshold\":\"9900\"}}",
                handler.handle(thresholdsEvent("Update", 1, 1)));
        assertTrue(
                log.toString(StandardCharsets.UTF_8).contains("scale out at 12000, scale in below 9900 for 12 KPUs"),
                log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void noStoredDesireGivesTheInitialCapacitysThresholds() {
        aws.ssm().put(PARAMETER, "none");
        registerTarget(1, 16);

        assertEquals(
                "{\"Data\":{\"ScaleOutThreshold\":\"3000\",\"ScaleInThreshold\":\"1800\"}}",
                handler.handle(thresholdsEvent("Create", 3, 1)));
    }

    @Test
    void atTheTargetsCurrentMinimumTheScaleInThresholdIsZeroAsTheScalerSetsIt() {
        aws.ssm().put(PARAMETER, "4");
        registerTarget(4, 16); // a scheduled action raised the minimum from the deployed 1

        assertEquals(
                "{\"Data\":{\"ScaleOutThreshold\":\"4000\",\"ScaleInThreshold\":\"0\"}}",
                handler.handle(thresholdsEvent("Update", 1, 1)));
    }

    @Test
    void withoutARegisteredTargetTheDeployedMinimumApplies() {
        aws.ssm().put(PARAMETER, "2");

        assertEquals(
                "{\"Data\":{\"ScaleOutThreshold\":\"2000\",\"ScaleInThreshold\":\"0\"}}",
                handler.handle(thresholdsEvent("Create", 1, 2)));
        assertTrue(log.toString(StandardCharsets.UTF_8).contains("no scalable target registered yet"));
    }

    @Test
    void aFailedRangeReadFailsTheDeployRatherThanWriteAGuessedThreshold() {
        aws.ssm().put(PARAMETER, "12");
        registerTarget(1, 16);
        aws.faults().failAlways("application-autoscaling:DescribeScalableTargets", Fault.serverError());

        IllegalStateException failure =
                assertThrows(IllegalStateException.class, () -> handler.handle(thresholdsEvent("Update", 1, 1)));
        assertTrue(
                failure.getMessage().startsWith("could not read the scalable target's current minimum ("),
                failure.getMessage());
        assertTrue(
                failure.getMessage()
                        .endsWith("the deploy stops rather than write alarm thresholds that could " + "scale the job"),
                failure.getMessage());
    }

    @Test
    void anUnknownSignalKindIsNamed() {
        assertEquals(
                "the custom resource's property SignalKind (CPU) is not a signal kind",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> handler.handle(
                                        thresholdsEvent("Create", 1, 1).replace("INCOMING_RECORDS", "CPU")))
                        .getMessage());
    }

    @Test
    void aPerKpuValueThatIsNotANumberIsNamed() {
        assertEquals(
                "the custom resource's property ScaleOutPerKpu (lots) is not a number",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> handler.handle(thresholdsEvent("Create", 1, 1)
                                        .replace("\"ScaleOutPerKpu\":\"1000\"", "\"ScaleOutPerKpu\":\"lots\"")))
                        .getMessage());
    }

    @Test
    void deletingTheThresholdsReadsNothing() {
        assertEquals("{}", handler.handle(thresholdsEvent("Delete", 1, 1)));
        assertEquals(0, aws.calls().size());
    }

    private static final String LEARNED = "/kda/learned-rate";

    /** A thresholds event of a construct whose scaler learns, within 500 to 2000 per KPU. */
    static String learningThresholdsEvent(int initial) {
        return thresholdsEvent("Update", initial, 1)
                .replace(
                        "\"" + DeployTimeResources.ALARMS + "\"",
                        "\"" + DeployTimeResources.LEARNED_RATE_PARAMETER_NAME + "\":\"" + LEARNED + "\",\""
                                + DeployTimeResources.LEARNING_MIN_RATE_PER_KPU + "\":\"500\",\""
                                + DeployTimeResources.LEARNING_MAX_RATE_PER_KPU + "\":\"2000\",\""
                                + DeployTimeResources.ALARMS + "\"");
    }

    @Test
    void withLearningTheThresholdsFollowTheLearnedRateAsTheScalerSetsThem() {
        aws.ssm().put(PARAMETER, "4");
        aws.ssm().put(LEARNED, "v1 rate=700 configured=1000 anchor=1000 anchorAt=100 probeAt=100");
        registerTarget(1, 16);

        // Fires at 4 x 700 and below 3 x 700 x 0.9: the alarms measure load * 1000 / 700 against the configured
        // rate's thresholds, 4 x 1000 and 3 x 900, as the scaler writes them.
        assertEquals(
                "{\"Data\":{\"ScaleOutThreshold\":\"4000\",\"ScaleInThreshold\":\"2700\","
                        + "\"LearnedScaleOutPerKpu\":\"700\"}}",
                handler.handle(learningThresholdsEvent(1)));
        assertTrue(
                log.toString(StandardCharsets.UTF_8).contains("learned rate 700 per KPU"),
                log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aLearnedRateBeyondTheBoundsIsUsedAtTheBoundAsTheScalerDoes() {
        aws.ssm().put(PARAMETER, "2");
        aws.ssm().put(LEARNED, "v1 rate=3000 configured=1000 anchor=1000 anchorAt=100 probeAt=100");
        registerTarget(1, 16);

        assertEquals(
                "{\"Data\":{\"ScaleOutThreshold\":\"2000\",\"ScaleInThreshold\":\"900\","
                        + "\"LearnedScaleOutPerKpu\":\"2000\"}}",
                handler.handle(learningThresholdsEvent(1)));
    }

    @Test
    void nothingLearnedAMalformedValueOrAnotherConfiguredRateGiveTheConfiguredRate() {
        aws.ssm().put(PARAMETER, "4");
        registerTarget(1, 16);
        String configured = "{\"Data\":{\"ScaleOutThreshold\":\"4000\",\"ScaleInThreshold\":\"2700\","
                + "\"LearnedScaleOutPerKpu\":\"1000\"}}";
        for (String stored :
                new String[] {"none", "fast", "v1 rate=700 configured=1200 anchor=1200 anchorAt=1 probeAt=1"}) {
            aws.ssm().put(LEARNED, stored);
            assertEquals(configured, handler.handle(learningThresholdsEvent(1)), stored);
        }
        assertTrue(
                log.toString(StandardCharsets.UTF_8).contains("holds no learned rate"),
                log.toString(StandardCharsets.UTF_8));
        assertTrue(
                log.toString(StandardCharsets.UTF_8).contains("learned from a configured 1200"),
                log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFailedLearnedRateReadFailsTheDeployRatherThanWriteTheConfiguredRatesThresholds() {
        // The desired capacity reads; the learned rate's read fails (the fakes cannot fail one parameter only).
        DeployTimeThresholds thresholds = new DeployTimeThresholds(
                new DeployTimeCapacity(name -> Optional.of("4")), target -> Optional.empty(), name -> {
                    throw SdkClientException.create("connection reset");
                });

        IllegalStateException failure = assertThrows(
                IllegalStateException.class,
                () -> thresholds.thresholds(
                        PARAMETER,
                        1,
                        64,
                        ScalingThresholds.load(SignalKind.INCOMING_RECORDS, 1000, 900, 1),
                        TARGET,
                        new DeployTimeThresholds.Learning(LEARNED, 500, 2000)));
        assertEquals(
                "could not read the learned rate from SSM parameter " + LEARNED + " (connection reset): the "
                        + "deploy stops rather than write alarm thresholds that could scale the job",
                failure.getMessage());
    }
}
