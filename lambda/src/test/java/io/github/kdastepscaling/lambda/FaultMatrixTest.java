package io.github.kdastepscaling.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kdastepscaling.fakes.Fault;
import io.github.kdastepscaling.fakes.RecordedCall;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each AWS fault and each malformed request, asserting the answer and the calls made: no case calls
 * UpdateApplication when it must not, nor more than once for one desired change.
 */
class FaultMatrixTest {

    private static final String DESCRIBE = "kinesisanalytics:DescribeApplication";
    private static final String UPDATE = "kinesisanalytics:UpdateApplication";
    private static final String PUT_PARAMETER = "ssm:PutParameter";
    private static final String GET_PARAMETER = "ssm:GetParameter";
    private static final String PUT_ALARM = "cloudwatch:PutMetricAlarm";
    private static final String DESCRIBE_ALARMS = "cloudwatch:DescribeAlarms";

    private final ScalerFixture fixture = new ScalerFixture();

    @AfterEach
    void close() {
        try {
            // Every line the fault matrix makes the scaler write, refusals and failures included, is valid EMF.
            fixture.assertEveryDecisionLineIsEmbeddedMetricFormat();
        } finally {
            fixture.close();
        }
    }

    private int successful(String action) {
        return (int) fixture.aws.calls(action).stream()
                .filter(RecordedCall::succeeded)
                .count();
    }

    @ParameterizedTest(name = "{0} on DescribeApplication answers {1}")
    @CsvSource({"throttling, 429", "serverError, 502", "unavailable, 502", "timeout, 504"})
    void describeFailuresAfterRetriesChangeNothing(String fault, int status) {
        fixture.aws.faults().failAlways(DESCRIBE, fault(fault));

        ScalerFixture.Response response = fixture.patchCapacity(4);

        assertEquals(status, response.statusCode());
        assertTrue(
                response.message().startsWith("desired capacity 4 was stored and is applied by a later call; "),
                response.message());
        if (!fault.equals("timeout")) {
            // A timed-out attempt is recorded only when the fake answers, after the client gave up on it.
            assertEquals(3, fixture.aws.calls(DESCRIBE).size(), "the SDK's standard retries: 3 attempts");
        }
        assertEquals(0, fixture.aws.calls(UPDATE).size());
        assertEquals(0, fixture.aws.calls(PUT_ALARM).size());
        assertTrue(response.body().toString().indexOf("at software.amazon") < 0, "no stack trace");

        fixture.aws.faults().clear();
        assertEquals("InProgress", fixture.get().scalingStatus(), "the stored desire is applied later");
        assertEquals(1, successful(UPDATE));
    }

    @Test
    void throttledUpdateIsA429AndTheDesireIsKept() {
        fixture.aws.faults().failAlways(UPDATE, Fault.throttling());

        ScalerFixture.Response response = fixture.patchCapacity(4);

        assertEquals(429, response.statusCode());
        assertTrue(response.message().contains("ThrottlingException"), response.message());
        assertEquals(0, successful(UPDATE));
        assertEquals(2, fixture.application.parallelism());
        assertEquals(0, fixture.aws.calls(PUT_ALARM).size(), "alarms stay with the capacity that runs");
        assertEquals("4", fixture.aws.ssm().value(ScalerFixture.PARAMETER).orElseThrow());
    }

    @Test
    void aTransientUpdateFailureIsRetriedByTheSdkAndUpdatesOnce() {
        fixture.aws.faults().fail(UPDATE, Fault.serverError(), 1);

        assertEquals("InProgress", fixture.patchCapacity(4).scalingStatus());
        assertEquals(1, successful(UPDATE));
        assertEquals(4, fixture.application.parallelism());
    }

    @Test
    void concurrentModificationIsAnsweredByDescribingAndDecidingAgain() {
        fixture.aws
                .faults()
                .fail(
                        UPDATE,
                        Fault.error(400, "ConcurrentModificationException", "Conditional token does not match"),
                        1);

        ScalerFixture.Response response = fixture.patchCapacity(4);

        assertEquals("InProgress", response.scalingStatus());
        assertEquals(2, fixture.aws.calls(DESCRIBE).size());
        assertEquals(2, fixture.aws.calls(UPDATE).size());
        assertEquals(1, successful(UPDATE));
    }

    @Test
    void concurrentModificationByAnotherCallerIsNotRetriedBlindly() {
        // Someone else changes the application between our describe and our update: their change is what the
        // second describe sees, and the decision is made again on it.
        fixture.aws
                .faults()
                .fail(UPDATE, Fault.error(400, "ConcurrentModificationException", "stale token"), Integer.MAX_VALUE);

        ScalerFixture.Response response = fixture.patchCapacity(4);

        assertEquals("InProgress", response.scalingStatus());
        assertEquals(Scaler.MAX_DECISIONS, fixture.aws.calls(DESCRIBE).size());
        assertEquals(Scaler.MAX_DECISIONS, fixture.aws.calls(UPDATE).size());
        assertEquals(0, successful(UPDATE));
        assertTrue(fixture.decisions().get(0).get("done").toString().contains("gave up after 3"));
    }

    @Test
    void resourceInUseMeansInProgress() {
        fixture.aws.faults().failAlways(UPDATE, Fault.error(400, "ResourceInUseException", "Application is busy"));

        ScalerFixture.Response response = fixture.patchCapacity(4);

        assertEquals(200, response.statusCode());
        assertEquals("InProgress", response.scalingStatus());
        assertEquals(1, fixture.aws.calls(UPDATE).size());
    }

    @ParameterizedTest(name = "SSM {0} on PutParameter")
    @CsvSource({"throttling, 429", "serverError, 502", "timeout, 504"})
    void aPatchThatCannotBeStoredActsOnNothing(String fault, int status) {
        fixture.aws.faults().failAlways(PUT_PARAMETER, fault(fault));

        ScalerFixture.Response response = fixture.patchCapacity(4);

        assertEquals(status, response.statusCode());
        assertTrue(response.message().startsWith("nothing was changed; "), response.message());
        assertEquals(0, fixture.aws.calls(DESCRIBE).size());
        assertEquals(0, fixture.aws.calls(UPDATE).size());
        assertEquals(0, fixture.aws.calls(PUT_ALARM).size());
    }

    @Test
    void ssmUnavailableOnGetIsAServerErrorThatChangesNothing() {
        fixture.aws.faults().failAlways(GET_PARAMETER, Fault.unavailable());

        ScalerFixture.Response response = fixture.get();

        assertEquals(502, response.statusCode());
        assertTrue(response.message().startsWith("nothing was changed; Ssm ServiceUnavailable"), response.message());
        assertEquals(0, fixture.aws.calls(UPDATE).size());
    }

    @Test
    void aMissingAlarmDoesNotStopScalingAndIsReported() {
        fixture.aws.cloudWatch().deleteAlarm(ScalerFixture.SCALE_IN_ALARM);

        ScalerFixture.Response response = fixture.patchCapacity(4);

        assertEquals("InProgress", response.scalingStatus());
        assertEquals(4000, fixture.threshold(ScalerFixture.SCALE_OUT_ALARM));
        assertEquals(1, fixture.aws.calls(PUT_ALARM).size());
        var thresholds = fixture.decisions().get(0).get("thresholds");
        assertEquals(false, thresholds.get("aligned").asBoolean());
        assertEquals(
                "alarm " + ScalerFixture.SCALE_IN_ALARM + " does not exist; redeploy the stack to recreate it",
                thresholds.get("problems").get(0).asText());
    }

    @Test
    void aThresholdThatCouldNotBeSetIsSetByTheNextCall() {
        fixture.aws.faults().failAlways(PUT_ALARM, Fault.throttling());

        ScalerFixture.Response response = fixture.patchCapacity(4);
        assertEquals("InProgress", response.scalingStatus());
        assertEquals(2000, fixture.threshold(ScalerFixture.SCALE_OUT_ALARM));
        assertTrue(fixture.decisions()
                .get(0)
                .at("/thresholds/problems/0")
                .asText()
                .startsWith("could not set the threshold of " + ScalerFixture.SCALE_OUT_ALARM + " to 4000.0"));

        fixture.aws.faults().clear();
        fixture.get();
        assertEquals(4000, fixture.threshold(ScalerFixture.SCALE_OUT_ALARM));
        assertEquals(2250, fixture.threshold(ScalerFixture.SCALE_IN_ALARM));
        assertEquals(1, successful(UPDATE));
    }

    @Test
    void unreadableAlarmsAreReportedAndRetriedLater() {
        fixture.aws.faults().failAlways(DESCRIBE_ALARMS, Fault.serverError());

        assertEquals("InProgress", fixture.patchCapacity(4).scalingStatus());
        assertTrue(fixture.decisions()
                .get(0)
                .at("/thresholds/problems/0")
                .asText()
                .startsWith("could not read the alarms: "));

        fixture.aws.faults().clear();
        fixture.reconcile();
        assertEquals(4000, fixture.threshold(ScalerFixture.SCALE_OUT_ALARM));
    }

    @ParameterizedTest(name = "PATCH body {0}")
    @ValueSource(
            strings = {
                "not json",
                "{\"desiredCapacity\": NaN}",
                "{}",
                "{\"capacity\": 3}",
                "{\"desiredCapacity\": \"3\"}",
                "{\"desiredCapacity\": null}",
                "{\"desiredCapacity\": true}",
                "{\"desiredCapacity\": [3]}",
                "{\"desiredCapacity\": -1}",
                "{\"desiredCapacity\": 0}",
                "{\"desiredCapacity\": 2.5}",
                "{\"desiredCapacity\": 65}",
                "{\"desiredCapacity\": 1e400}",
                "{\"desiredCapacity\": 99999999999999999999999}",
                "{\"desiredCapacity\": 1e9999999999}",
                "[3]",
                "3",
                ""
            })
    void malformedPatchBodiesAreRejectedAndChangeNothing(String body) {
        ScalerFixture.Response response = fixture.patch(body);

        assertEquals(400, response.statusCode());
        assertTrue(response.message() != null && !response.message().isBlank());
        assertEquals(List.of(), fixture.aws.calls(), "a rejected request makes no AWS call");
    }

    @Test
    void malformedBodiesGetReasonsNamingTheValue() {
        assertEquals("the body is not JSON: not json", fixture.patch("not json").message());
        assertEquals(
                "the body is not JSON: {\"desiredCapacity\": NaN}",
                fixture.patch("{\"desiredCapacity\": NaN}").message());
        assertEquals(
                "the body has no desiredCapacity field: {\"capacity\": 3}",
                fixture.patch("{\"capacity\": 3}").message());
        assertEquals(
                "desiredCapacity (\"3\") must be a JSON number",
                fixture.patch("{\"desiredCapacity\": \"3\"}").message());
        assertEquals(
                "desiredCapacity (-1) must be between 1 and 64 (the application's KPU quota, kpuQuota)",
                fixture.patch("{\"desiredCapacity\": -1}").message());
        assertEquals(
                "desiredCapacity (2.5) must be a whole number of KPUs",
                fixture.patch("{\"desiredCapacity\": 2.5}").message());
        assertEquals(
                "desiredCapacity (1e400) must be between 1 and 64 (the application's KPU quota, kpuQuota)",
                fixture.patch("{\"desiredCapacity\": 1e400}").message());
        assertEquals(
                "the body must be a JSON object with desiredCapacity, but it is empty",
                fixture.patch("").message());
        assertEquals(
                "desiredCapacity (1e9999999999) must be between 1 and 64 (the application's KPU quota, kpuQuota)",
                fixture.patch("{\"desiredCapacity\": 1e9999999999}").message());
        assertEquals(
                3,
                fixture.patch("{\"desiredCapacity\": 3.0}")
                        .body()
                        .get("desiredCapacity")
                        .asInt(),
                "3.0 is a whole number");
    }

    @Test
    void aNumberWithManyDigitsIsRefusedBeforeAnyArithmetic() {
        ScalerFixture.Response response = fixture.patch("{\"desiredCapacity\": 1" + "0".repeat(500) + "}");

        assertEquals(400, response.statusCode());
        assertTrue(response.message().startsWith("desiredCapacity (10000000000"), response.message());
        assertTrue(
                response.message().endsWith("...) must be between 1 and 64 (the application's KPU quota, kpuQuota)"),
                response.message());
        // Past the JSON reader's own limit on number length, the body is refused as not JSON.
        assertEquals(
                400,
                fixture.patch("{\"desiredCapacity\": 1" + "0".repeat(100_000) + "}")
                        .statusCode());
        assertEquals(List.of(), fixture.aws.calls());
    }

    @Test
    void aBodyMarkedBase64ThatIsNotIsRejectedAndLogged() {
        var event = ScalerFixture.event("patch-scalable-target.json", ScalerFixture.APPLICATION, "{not base64!}");
        event.put("isBase64Encoded", true);

        ScalerFixture.Response response = fixture.send(event);

        assertEquals(400, response.statusCode());
        assertEquals("the body is marked base64-encoded (isBase64Encoded) but is not base64", response.message());
        assertEquals(List.of(), fixture.aws.calls());
        assertEquals(400, fixture.decisions().get(0).get("httpStatus").asInt());
    }

    private static Fault fault(String name) {
        return switch (name) {
            case "throttling" -> Fault.throttling();
            case "serverError" -> Fault.serverError();
            case "unavailable" -> Fault.unavailable();
            case "timeout" -> Fault.delay(Duration.ofMillis(800));
            default -> throw new IllegalArgumentException(name);
        };
    }
}
