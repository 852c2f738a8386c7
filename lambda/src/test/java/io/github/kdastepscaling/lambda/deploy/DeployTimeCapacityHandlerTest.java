package io.github.kdastepscaling.lambda.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kdastepscaling.contract.DeployTimeResources;
import io.github.kdastepscaling.fakes.Fault;
import io.github.kdastepscaling.fakes.FakeAws;
import io.github.kdastepscaling.lambda.ScalerClients;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The deploy-time capacity resource through its handler, the real SSM client and the SSM fake: the stored desire
 * becomes the deployed parallelism, none gives the initial capacity's, and a failed or unusable read fails the deploy.
 */
class DeployTimeCapacityHandlerTest {

    private static final String PARAMETER = "/kda/desired-capacity";

    private final FakeAws aws = FakeAws.start().acceptCredentials("AKIDDEPLOY", "secret");
    private final ScalerClients clients = ScalerClients.builder(Region.US_EAST_1,
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDDEPLOY", "secret")))
            .endpointOverride(aws.endpoint()).timeouts(Duration.ofMillis(500), Duration.ofSeconds(2))
            .fixedRetryBackoff(Duration.ofMillis(5)).build();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final DeployTimeCapacityHandler handler = new DeployTimeCapacityHandler(clients,
            new PrintStream(log, true, StandardCharsets.UTF_8));

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

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> handler.handle(event("Update", 1, 1, 64)));
        assertTrue(failure.getMessage().startsWith("could not read the desired capacity from SSM parameter "
                + PARAMETER), failure.getMessage());
        assertTrue(failure.getMessage().endsWith("the deploy stops rather than reset the application's capacity"));
    }

    @Test
    void aParameterEditedToSomethingElseFailsTheDeployNamingIt() {
        aws.ssm().put(PARAMETER, "lots");

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> handler.handle(event("Update", 1, 1, 64)));
        assertEquals("SSM parameter " + PARAMETER + " holds 'lots', which is not a capacity: the deploy stops rather "
                + "than reset the application's capacity; put a positive integer or 'none' in it", failure.getMessage());
    }

    @Test
    void deleteReadsNothing() {
        assertEquals("{}", handler.handle(event("Delete", 1, 1, 64)));
        assertEquals(0, aws.calls().size());
    }

    @Test
    void aMalformedEventNamesWhatIsWrong() {
        assertEquals("the custom resource's property ParallelismPerKpu (two) is not a whole number",
                assertThrows(IllegalArgumentException.class, () -> handler.handle(
                        event("Create", 1, 1, 64).replace("\"ParallelismPerKpu\":\"1\"",
                                "\"ParallelismPerKpu\":\"two\""))).getMessage());
    }
}
