package io.github.kdastepscaling.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.kdastepscaling.contract.ScalerMetrics;
import io.github.kdastepscaling.fakes.Fault;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The decision log line names the invocation (request id, cold start) and, for a failure, its kind and status. */
class DecisionLogLineTest {

    private final ScalerFixture fixture = new ScalerFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void theFirstInvocationIsTheColdStartAndEachLineCarriesItsRequestId() throws Exception {
        String event = ScalerFixture.event("get-scalable-target.json", ScalerFixture.APPLICATION, null)
                .toString();
        for (String requestId : List.of("req-1", "req-2")) {
            fixture.handler()
                    .handleRequest(
                            new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)),
                            new ByteArrayOutputStream(),
                            new RequestIdOnly(requestId));
        }

        List<JsonNode> lines = fixture.decisions();
        assertEquals("req-1", lines.get(0).path("requestId").asText());
        assertTrue(lines.get(0).path("coldStart").asBoolean());
        assertEquals("req-2", lines.get(1).path("requestId").asText());
        assertFalse(lines.get(1).path("coldStart").asBoolean());
        assertEquals(200, lines.get(1).path("httpStatus").asInt(), "the API's answer");
    }

    @Test
    void onlyTheSchedulesDecisionsCountAsScheduledDecisions() {
        fixture.get();
        fixture.reconcile();

        List<JsonNode> lines = fixture.decisions();
        assertTrue(
                lines.get(0).path(ScalerMetrics.SCHEDULED_DECISIONS).isMissingNode(),
                lines.get(0).toString());
        assertEquals(
                1,
                lines.get(1).path(ScalerMetrics.SCHEDULED_DECISIONS).asInt(),
                lines.get(1).toString());
        fixture.assertEveryDecisionLineIsEmbeddedMetricFormat();
    }

    @Test
    void aRestoredSnapshotStartsColdAgain() {
        fixture.get();
        fixture.handler().afterRestore(null);
        fixture.get();

        assertTrue(fixture.decisions().get(1).path("coldStart").asBoolean());
    }

    @Test
    void aFailedDecisionNamesItsKindAndTheStatusTheApiMappedItTo() {
        fixture.aws.faults().failAlways("kinesisanalytics:DescribeApplication", Fault.throttling());

        assertEquals(429, fixture.get().statusCode());

        JsonNode line = fixture.decisions().get(0);
        assertEquals("AWS_THROTTLED", line.path("failure").asText());
        assertEquals(429, line.path("httpStatus").asInt());
        assertTrue(line.path("error").asText().startsWith("nothing was changed; "), line.toString());
    }

    @Test
    void aFailedReconcileIsLoggedWithoutAnHttpStatus() {
        fixture.aws.faults().failAlways("kinesisanalytics:DescribeApplication", Fault.serverError());

        IllegalStateException failed = assertThrows(IllegalStateException.class, fixture::reconcile);
        assertTrue(failed.getMessage().startsWith("reconcile failed (AWS_FAILED): "), failed.getMessage());

        JsonNode line = fixture.decisions().get(0);
        assertEquals("schedule", line.path("trigger").asText());
        assertEquals("AWS_FAILED", line.path("failure").asText());
        assertTrue(line.path("httpStatus").isMissingNode());
    }

    @Test
    void theLineCarriesTheDecisionsMetricsInEmbeddedMetricFormat() {
        fixture.patchCapacity(4);
        fixture.aws.faults().failAlways("cloudwatch:PutMetricAlarm", Fault.serverError());
        fixture.aws.flink().completeTransitions();
        fixture.patchCapacity(6);
        fixture.aws.faults().failAlways("kinesisanalytics:DescribeApplication", Fault.serverError());
        fixture.get();
        fixture.patchCapacity(0);

        fixture.assertEveryDecisionLineIsEmbeddedMetricFormat();
        List<JsonNode> lines = fixture.decisions();
        JsonNode rescale = lines.get(0);
        assertEquals(
                "KdaStepScaling",
                rescale.at("/_aws/CloudWatchMetrics/0/Namespace").asText());
        assertEquals(
                "[[\"Application\"],[]]",
                rescale.at("/_aws/CloudWatchMetrics/0/Dimensions").toString(),
                "per application, and summed over every application a scaler serves");
        assertEquals(ScalerFixture.APPLICATION, rescale.path("Application").asText());
        assertEquals(ScalerFixture.APPLICATION, rescale.path("application").asText(), "the log field names it too");
        assertEquals(4, rescale.path("DesiredCapacity").asInt());
        assertEquals(2, rescale.path("ActualCapacity").asInt());
        assertEquals(1, rescale.path("Rescales").asInt());
        assertEquals(1, rescale.path("MinCapacity").asInt(), "the target's current minimum");
        assertEquals(0, rescale.path("Errors").asInt());
        assertTrue(rescale.path("Duration").asDouble() > 0);
        assertEquals(1, lines.get(1).path("ThresholdFailures").asInt(), "thresholds could not be set");
        assertEquals(1, lines.get(2).path("Errors").asInt(), "the describe failed");
        JsonNode refused = lines.get(3);
        assertEquals(400, refused.path("httpStatus").asInt());
        assertTrue(refused.path("Errors").isMissingNode(), "a refused request is not a scaler error");
        assertEquals(
                "[{\"Name\":\"Duration\",\"Unit\":\"Milliseconds\"}]",
                refused.at("/_aws/CloudWatchMetrics/0/Metrics").toString());
    }

    @Test
    void aFailedRescaleIsCounted() {
        fixture.application.snapshotsEnabled(false);

        fixture.patchCapacity(4);

        assertEquals(1, fixture.decisions().get(0).path("FailedRescales").asInt());
    }

    /** The one part of Lambda's context the handler reads. */
    private record RequestIdOnly(String requestId) implements Context {
        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public String getLogGroupName() {
            return null;
        }

        @Override
        public String getLogStreamName() {
            return null;
        }

        @Override
        public String getFunctionName() {
            return null;
        }

        @Override
        public String getFunctionVersion() {
            return null;
        }

        @Override
        public String getInvokedFunctionArn() {
            return null;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 0;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 0;
        }

        @Override
        public LambdaLogger getLogger() {
            return null;
        }
    }
}
