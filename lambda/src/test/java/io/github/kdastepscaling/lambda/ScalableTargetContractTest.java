package io.github.kdastepscaling.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The custom-resource contract, driven with API Gateway proxy events as API Gateway sends them. */
class ScalableTargetContractTest {

    private final ScalerFixture fixture = new ScalerFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void getAnswersEveryContractFieldWithItsType() {
        ScalerFixture.Response response = fixture.get();

        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().get("Content-Type").asText());
        JsonNode body = response.body();
        assertTrue(body.get("actualCapacity").isInt(), body.toString());
        assertTrue(body.get("desiredCapacity").isInt(), body.toString());
        assertEquals(2, body.get("actualCapacity").asInt());
        assertEquals(2, body.get("desiredCapacity").asInt(), "no desire was ever asked: the actual capacity");
        assertEquals(
                ScalerFixture.APPLICATION, body.get("scalableTargetDimensionId").textValue());
        assertEquals(ScalerFixture.APPLICATION, body.get("resourceName").textValue());
        assertEquals("Successful", body.get("scalingStatus").textValue());
        assertTrue(body.get("version").isTextual());
        assertFalse(body.has("failureReason"));
    }

    @Test
    void versionNeverChangesAcrossCallsAndRescales() {
        String before = fixture.get().body().get("version").textValue();
        fixture.patchCapacity(5);
        fixture.aws.flink().completeTransitions();
        assertEquals(before, fixture.get().body().get("version").textValue());
        assertEquals(before, fixture.patchCapacity(3).body().get("version").textValue());
    }

    @Test
    void patchAnswersTheStateToo() {
        ScalerFixture.Response response = fixture.patchCapacity(4);

        assertEquals(200, response.statusCode());
        assertEquals(2, response.body().get("actualCapacity").asInt());
        assertEquals(4, response.body().get("desiredCapacity").asInt());
        assertEquals("InProgress", response.scalingStatus());
    }

    @Test
    void patchBodyMayBeBase64Encoded() {
        ObjectNode event = ScalerFixture.event(
                "patch-scalable-target.json",
                ScalerFixture.APPLICATION,
                Base64.getEncoder().encodeToString("{\"desiredCapacity\":3}".getBytes(StandardCharsets.UTF_8)));
        event.put("isBase64Encoded", true);

        assertEquals(3, fixture.send(event).body().get("desiredCapacity").asInt());
    }

    @Test
    void anotherDimensionIdIsNotFoundAndChangesNothing() {
        ScalerFixture.Response response = fixture.send(
                ScalerFixture.event("patch-scalable-target.json", "someone-elses-app", "{\"desiredCapacity\":3}"));

        assertEquals(404, response.statusCode());
        assertEquals(
                "scalable target dimension someone-elses-app does not exist; this endpoint scales application "
                        + ScalerFixture.APPLICATION,
                response.message());
        assertEquals(List.of(), fixture.aws.calls());
    }

    @ParameterizedTest
    @ValueSource(strings = {"DELETE", "POST", "PUT", "HEAD", "OPTIONS"})
    void otherMethodsAreNotAllowed(String method) {
        ObjectNode event = ScalerFixture.event("get-scalable-target.json", ScalerFixture.APPLICATION, null);
        event.put("httpMethod", method);

        ScalerFixture.Response response = fixture.send(event);

        assertEquals(405, response.statusCode());
        assertEquals("GET, PATCH", response.headers().get("Allow").asText());
        assertEquals("method " + method + " is not allowed; use GET, PATCH", response.message());
        assertEquals(List.of(), fixture.aws.calls());
    }

    @Test
    void anotherResourceIsABadRequest() {
        ObjectNode event = ScalerFixture.event("get-scalable-target.json", ScalerFixture.APPLICATION, null);
        event.put("resource", "/scalableTargetDimensions");

        ScalerFixture.Response response = fixture.send(event);

        assertEquals(400, response.statusCode());
        assertEquals(
                "unsupported resource /scalableTargetDimensions; this endpoint serves "
                        + "/scalableTargetDimensions/{scalableTargetDimensionId}",
                response.message());
    }

    @Test
    void scheduledEventReconcilesLikeAGet() {
        fixture.aws.ssm().put(ScalerFixture.PARAMETER, "3");

        JsonNode state = fixture.reconcile();

        assertEquals("InProgress", state.get("scalingStatus").textValue());
        assertEquals(1, fixture.updateCalls());
        assertEquals("schedule", fixture.decisions().get(0).get("trigger").textValue());
    }

    @Test
    void failsOnAnEventOfNeitherKind() {
        IllegalArgumentException error = assertThrows(
                IllegalArgumentException.class, () -> fixture.handler().handle("{\"Records\":[]}"));
        assertEquals(
                "unsupported event: neither an API Gateway proxy event nor an EventBridge scheduled event",
                error.getMessage());
    }

    @Test
    void everyDecisionIsOneStructuredLogLine() {
        fixture.patchCapacity(4);
        fixture.patch("{\"desiredCapacity\": \"four\"}");

        List<JsonNode> decisions = fixture.decisions();
        assertEquals(2, decisions.size());
        JsonNode applied = decisions.get(0);
        assertEquals("scaling-decision", applied.get("event").textValue());
        assertEquals(4, applied.get("askedCapacity").asInt());
        assertEquals("RUNNING", applied.at("/seen/status").textValue());
        assertEquals(2, applied.at("/seen/actualCapacity").asInt());
        assertTrue(
                applied.get("done").get(1).textValue().startsWith("UpdateApplication: parallelism 2 -> 4"),
                applied.toString());
        assertEquals("InProgress", applied.get("scalingStatus").textValue());
        assertEquals(4, applied.at("/thresholds/capacity").asInt());
        JsonNode refused = decisions.get(1);
        assertEquals(400, refused.get("httpStatus").asInt());
        assertEquals(
                "desiredCapacity (\"four\") must be a JSON number",
                refused.get("error").textValue(),
                refused.toString());
    }
}
