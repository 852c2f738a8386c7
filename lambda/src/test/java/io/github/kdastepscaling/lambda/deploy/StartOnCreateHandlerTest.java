package io.github.kdastepscaling.lambda.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kdastepscaling.fakes.FakeApplication;
import io.github.kdastepscaling.fakes.FakeAws;
import io.github.kdastepscaling.lambda.ScalerClients;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** Start on create through its two handlers, the real kinesisanalyticsv2 client and the Flink fake. */
class StartOnCreateHandlerTest {

    private final FakeAws aws = FakeAws.start().acceptCredentials("AKIDSTART", "secret");
    private final ScalerClients clients = ScalerClients.builder(
                    Region.US_EAST_1,
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSTART", "secret")))
            .endpointOverride(aws.endpoint())
            .timeouts(Duration.ofMillis(500), Duration.ofSeconds(2))
            .fixedRetryBackoff(Duration.ofMillis(5))
            .build();
    private final StartOnCreateHandler handler = new StartOnCreateHandler(
            clients, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    private final FakeApplication application =
            aws.flink().addApplication("orders").status("READY");

    @AfterEach
    void close() {
        clients.close();
        aws.close();
    }

    private static String event(String requestType, String name, String oldName, String data) {
        return "{\"RequestType\":\"" + requestType + "\",\"ResourceProperties\":{\"ApplicationName\":\"" + name
                + "\",\"RestoreType\":\"SKIP_RESTORE_FROM_SNAPSHOT\"}"
                + (oldName == null ? "" : ",\"OldResourceProperties\":{\"ApplicationName\":\"" + oldName + "\"}")
                + (data == null ? "" : ",\"Data\":" + data) + "}";
    }

    @Test
    void startsOnceOnCreateAndCompletesWhenRunning() {
        String started = handler.onEvent(event("Create", "orders", null, null));

        assertEquals("{\"PhysicalResourceId\":\"orders\",\"Data\":{\"Started\":\"true\"}}", started);
        assertEquals(1, aws.calls("kinesisanalytics:StartApplication").size());
        assertEquals("SKIP_RESTORE_FROM_SNAPSHOT", application.lastRestoreType());
        String completion = event("Create", "orders", null, "{\"Started\":\"true\"}");
        assertEquals("{\"IsComplete\":false}", handler.isComplete(completion), "still STARTING");
        aws.flink().completeTransitions();
        assertEquals("{\"IsComplete\":true}", handler.isComplete(completion));
        assertEquals(1, aws.calls("kinesisanalytics:StartApplication").size(), "started once");
    }

    @Test
    void aFailedStartFailsTheResourceWithTheReason() {
        application.failsToStart(true);
        handler.onEvent(event("Create", "orders", null, null));
        aws.flink().completeTransitions();

        IllegalStateException failure = assertThrows(
                IllegalStateException.class,
                () -> handler.isComplete(event("Create", "orders", null, "{\"Started\":\"true\"}")));
        assertTrue(
                failure.getMessage()
                        .startsWith("application orders did not start: it is READY after " + "StartApplication"),
                failure.getMessage());
    }

    @Test
    void neverStartsAnApplicationOnAnUpdateOrDelete() {
        handler.onEvent(event("Update", "orders", "orders", null));
        handler.onEvent(event("Delete", "orders", null, null));

        assertEquals(0, aws.calls("kinesisanalytics:StartApplication").size(), "a stopped application stays stopped");
        assertEquals(
                "{\"IsComplete\":true}",
                handler.isComplete(event("Update", "orders", "orders", "{\"Started\":\"false\"}")));
    }

    @Test
    void startsAnApplicationAnUpdateReplaced() {
        aws.flink().addApplication("orders-v2").status("READY");

        assertTrue(handler.onEvent(event("Update", "orders-v2", "orders", null)).contains("\"Started\":\"true\""));
        assertEquals(1, aws.calls("kinesisanalytics:StartApplication").size());
    }

    @Test
    void neverStartsAnApplicationCreatedBeforeThisDeployWhenTheStartIsAddedLater() {
        application.createdAt(Instant.now().minus(Duration.ofDays(3)));

        assertTrue(handler.onEvent(event("Create", "orders", null, null)).contains("\"Started\":\"false\""));
        assertEquals(
                0,
                aws.calls("kinesisanalytics:StartApplication").size(),
                "an application stopped on purpose stays stopped");
    }

    @Test
    void leavesARunningApplicationAlone() {
        application.status("RUNNING");

        assertTrue(handler.onEvent(event("Create", "orders", null, null)).contains("\"Started\":\"false\""));
        assertEquals(0, aws.calls("kinesisanalytics:StartApplication").size());
    }
}
