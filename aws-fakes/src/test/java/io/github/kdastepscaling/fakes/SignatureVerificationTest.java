package io.github.kdastepscaling.fakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricAlarmRequest;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The fakes verify SigV4 once a key is registered: the real SDK clients (whose signing is known to be right) must
 * get through, anything signed wrongly must be refused the way AWS refuses it, and refused calls change nothing.
 */
class SignatureVerificationTest {

    private static final String PUT_PARAMETER =
            "{\"Name\":\"/scaler/orders\",\"Value\":\"%s\",\"Type\":\"String\"," + "\"Overwrite\":true}";

    private static AwsCredentialsProvider basic(String accessKeyId, String secret) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret));
    }

    private static FakeAws verifying() {
        return FakeAws.start().acceptCredentials(Clients.ACCESS_KEY, Clients.SECRET);
    }

    @Test
    void realClientsSignedWithARegisteredKeyGetThrough() {
        try (FakeAws aws = verifying()) {
            assertAllThreeServicesAnswer(aws, Clients.CREDENTIALS);
            assertTrue(
                    aws.calls().stream().allMatch(RecordedCall::succeeded),
                    aws.calls().toString());
            assertEquals(Clients.ACCESS_KEY, aws.calls().get(0).accessKeyId());
        }
    }

    @Test
    void sessionTokenIsSignedLikeAnyOtherHeader() {
        try (FakeAws aws = FakeAws.start()
                .acceptCredentials("ASIAOTHER", "other-secret")
                .acceptCredentials("ASIATEMPORARY", "temporary-secret")) {
            AwsCredentialsProvider session = StaticCredentialsProvider.create(
                    AwsSessionCredentials.create("ASIATEMPORARY", "temporary-secret", "IQoJb3JpZ2luX2VjE//token="));
            assertAllThreeServicesAnswer(aws, session);
            assertEquals("ASIATEMPORARY", aws.calls().get(0).accessKeyId());
        }
    }

    @Test
    void wrongSecretIsRefusedWithEachProtocolsCodeAndChangesNothing() {
        try (FakeAws aws = verifying()) {
            aws.flink().addApplication("orders").parallelism(2);
            AwsCredentialsProvider wrong = basic(Clients.ACCESS_KEY, "not-the-secret");
            try (KinesisAnalyticsV2Client kda = Clients.kda(aws, wrong, Region.US_EAST_1);
                    SsmClient ssm = Clients.ssm(aws, wrong, Region.US_EAST_1);
                    CloudWatchClient cw = Clients.cloudWatch(aws, wrong, Region.US_EAST_1)) {
                AwsServiceException e = refused(
                        "InvalidSignatureException",
                        () -> kda.updateApplication(r -> r.applicationName("orders")
                                .currentApplicationVersionId(1L)
                                .applicationConfigurationUpdate(u -> u.flinkApplicationConfigurationUpdate(
                                        f -> f.parallelismConfigurationUpdate(p -> p.parallelismUpdate(4))))));
                assertTrue(
                        e.awsErrorDetails()
                                .errorMessage()
                                .startsWith(
                                        "The request signature we calculated does not match the signature you provided."),
                        e.awsErrorDetails().errorMessage());
                refused(
                        "InvalidSignatureException",
                        () -> ssm.putParameter(
                                r -> r.name("/scaler/orders").value("x").type(ParameterType.STRING)));
                AwsServiceException q = refused("SignatureDoesNotMatch", () -> cw.putMetricAlarm(alarm("out")));
                assertTrue(
                        q.awsErrorDetails().errorMessage().contains("The Canonical String for this request"),
                        q.awsErrorDetails().errorMessage());
            }
            assertEquals(2, aws.flink().application("orders").orElseThrow().currentParallelism());
            assertEquals(Optional.empty(), aws.ssm().value("/scaler/orders"));
            assertEquals(Optional.empty(), aws.cloudWatch().alarm("out"));
            List<RecordedCall> calls = aws.calls();
            assertEquals(
                    List.of("kinesisanalytics:UpdateApplication", "ssm:PutParameter", "cloudwatch:PutMetricAlarm"),
                    calls.stream().map(RecordedCall::iamAction).toList());
            assertEquals(
                    List.of(403, 403, 403),
                    calls.stream().map(RecordedCall::httpStatus).toList());
            assertEquals(
                    List.of("InvalidSignatureException", "InvalidSignatureException", "SignatureDoesNotMatch"),
                    calls.stream().map(RecordedCall::errorCode).toList());
            assertEquals(Clients.ACCESS_KEY, calls.get(0).accessKeyId());
        }
    }

    @Test
    void unknownKeyIdIsRefusedAsAnInvalidToken() {
        try (FakeAws aws = verifying()) {
            AwsCredentialsProvider stranger = basic("AKIASTRANGER", Clients.SECRET);
            try (KinesisAnalyticsV2Client kda = Clients.kda(aws, stranger, Region.US_EAST_1);
                    SsmClient ssm = Clients.ssm(aws, stranger, Region.US_EAST_1);
                    CloudWatchClient cw = Clients.cloudWatch(aws, stranger, Region.US_EAST_1)) {
                AwsServiceException e = refused("UnrecognizedClientException", kda::listApplications);
                assertEquals(
                        "The security token included in the request is invalid.",
                        e.awsErrorDetails().errorMessage());
                refused("UnrecognizedClientException", () -> ssm.getParameter(r -> r.name("/scaler/orders")));
                refused("InvalidClientTokenId", cw::describeAlarms);
            }
            assertEquals(
                    List.of("UnrecognizedClientException", "UnrecognizedClientException", "InvalidClientTokenId"),
                    aws.calls().stream().map(RecordedCall::errorCode).toList());
        }
    }

    @Test
    void scopeMustNameTheFakesRegionAndTheServiceCalled() throws Exception {
        try (FakeAws aws = verifying();
                SsmClient ssm = Clients.ssm(aws, Clients.CREDENTIALS, Region.EU_WEST_1)) {
            AwsServiceException e = refused("InvalidSignatureException", () -> ssm.getParameter(r -> r.name("/p")));
            assertTrue(
                    e.awsErrorDetails().errorMessage().contains("scoped to a valid region, not 'eu-west-1'"),
                    e.awsErrorDetails().errorMessage());

            Raw wrongService = send(
                    aws,
                    signedSsmPut(aws, "monitoring", Clients.SECRET, Clock.systemUTC(), "v"),
                    String.format(PUT_PARAMETER, "v"));
            assertEquals(403, wrongService.status);
            assertTrue(wrongService.body.contains("InvalidSignatureException"), wrongService.body);
            assertTrue(wrongService.body.contains("scoped to correct service: 'ssm'"), wrongService.body);
            assertEquals(Optional.empty(), aws.ssm().value("/scaler/orders"));
        }
    }

    @Test
    void bodyTamperedAfterTheSdkSignedItIsRefused() throws Exception {
        List<SdkHttpRequest> sent = new ArrayList<>();
        List<byte[]> bodies = new ArrayList<>();
        ExecutionInterceptor capture = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                sent.add(context.httpRequest());
                context.requestBody().ifPresent(b -> bodies.add(readAll(b.contentStreamProvider())));
            }
        };
        try (FakeAws aws = verifying();
                SsmClient ssm = Clients.ssm(aws, o -> Clients.NO_RETRY.accept(o.addExecutionInterceptor(capture)))) {
            ssm.putParameter(r -> r.name("/scaler/orders")
                    .value("genuine")
                    .type(ParameterType.STRING)
                    .overwrite(true));
            String body = new String(bodies.get(0), StandardCharsets.UTF_8);
            SdkHttpRequest signed = sent.get(0);

            Raw replayed = send(aws, signed, body); // the raw path reproduces what the SDK sent
            assertEquals(200, replayed.status, replayed.body);
            assertEquals(2L, aws.ssm().version("/scaler/orders"));

            // same length, so Content-Length still matches and only the payload hash can tell
            String evil = body.replace("genuine", "evil!!!");
            Raw tampered = send(aws, signed, evil);
            assertEquals(403, tampered.status);
            assertTrue(tampered.body.contains("\"__type\":\"InvalidSignatureException\""), tampered.body);
            // the SDK states the payload hash in x-amz-content-sha256 (a signed header): fixing it up is no help
            assertTrue(signed.firstMatchingHeader("x-amz-content-sha256").isPresent());
            SdkHttpRequest rehashed = signed.toBuilder()
                    .putHeader("x-amz-content-sha256", SigV4Verifier.sha256Hex(evil.getBytes(StandardCharsets.UTF_8)))
                    .build();
            Raw tamperedAndRehashed = send(aws, rehashed, evil);
            assertEquals(403, tamperedAndRehashed.status);
            assertTrue(
                    tamperedAndRehashed.body.contains("The request signature we calculated does not match"),
                    tamperedAndRehashed.body);

            assertEquals(Optional.of("genuine"), aws.ssm().value("/scaler/orders"));
            assertEquals(2L, aws.ssm().version("/scaler/orders"));
            List<RecordedCall> calls = aws.calls();
            assertEquals(
                    List.of(200, 200, 403, 403),
                    calls.stream().map(RecordedCall::httpStatus).toList());
            assertEquals("InvalidSignatureException", calls.get(3).errorCode());
            assertTrue(
                    calls.get(3).requestBody().contains("evil!!!"), calls.get(3).requestBody());
        }
    }

    private static byte[] readAll(ContentStreamProvider provider) {
        try (InputStream in = provider.newStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void repeatedAndSpacedHeaderValuesAreCanonicalizedAsTheSignerDid() throws Exception {
        try (FakeAws aws = verifying()) {
            SignedRequest signed = signedSsmPut(
                    aws,
                    "ssm",
                    Clients.SECRET,
                    Clock.systemUTC(),
                    "v",
                    b -> b.appendHeader("X-Custom", "first").appendHeader("X-Custom", "  second   value "));
            assertTrue(signed.request()
                    .firstMatchingHeader("Authorization")
                    .orElseThrow()
                    .contains("x-custom"));
            Raw ok = send(aws, signed, String.format(PUT_PARAMETER, "v"));
            assertEquals(200, ok.status, ok.body);

            SdkHttpRequest reordered = signed.request().toBuilder()
                    .putHeader("X-Custom", List.of("  second   value ", "first"))
                    .build();
            Raw refused = send(aws, reordered, String.format(PUT_PARAMETER, "v"));
            assertEquals(403, refused.status, refused.body);
            assertTrue(refused.body.contains("x-custom:second value,first"), refused.body);
        }
    }

    @Test
    void signatureOlderThanFifteenMinutesHasExpired() throws Exception {
        try (FakeAws aws = verifying()) {
            Clock twentyMinutesAgo = Clock.fixed(Instant.now().minus(Duration.ofMinutes(20)), ZoneOffset.UTC);
            Raw stale = send(
                    aws,
                    signedSsmPut(aws, "ssm", Clients.SECRET, twentyMinutesAgo, "v"),
                    String.format(PUT_PARAMETER, "v"));
            assertEquals(403, stale.status);
            assertTrue(stale.body.contains("\"__type\":\"InvalidSignatureException\""), stale.body);
            assertTrue(stale.body.contains("Signature expired"), stale.body);

            Clock tenMinutesAgo = Clock.fixed(Instant.now().minus(Duration.ofMinutes(10)), ZoneOffset.UTC);
            Raw skewed = send(
                    aws,
                    signedSsmPut(aws, "ssm", Clients.SECRET, tenMinutesAgo, "v"),
                    String.format(PUT_PARAMETER, "v"));
            assertEquals(200, skewed.status, skewed.body);
        }
    }

    @Test
    void unsignedRequestIsRefusedOnceVerifying() throws Exception {
        try (FakeAws aws = verifying()) {
            SignedRequest signed = signedSsmPut(aws, "ssm", Clients.SECRET, Clock.systemUTC(), "v");
            SdkHttpRequest unsigned =
                    signed.request().toBuilder().removeHeader("Authorization").build();
            Raw raw = send(aws, unsigned, String.format(PUT_PARAMETER, "v"));
            assertEquals(403, raw.status);
            assertTrue(raw.body.contains("MissingAuthenticationTokenException"), raw.body);
            assertNull(aws.calls().get(0).accessKeyId());
            assertEquals(Optional.empty(), aws.ssm().value("/scaler/orders"));
        }
    }

    @Test
    void refusedCallConsumesNoFault() {
        try (FakeAws aws = verifying();
                SsmClient wrong = Clients.ssm(aws, basic(Clients.ACCESS_KEY, "nope"), Region.US_EAST_1);
                SsmClient right = Clients.ssm(aws)) {
            aws.faults().fail("ssm:GetParameter", Fault.throttling(), 1);
            refused("InvalidSignatureException", () -> wrong.getParameter(r -> r.name("/p")));
            AwsServiceException e =
                    assertThrows(AwsServiceException.class, () -> right.getParameter(r -> r.name("/p")));
            assertEquals("ThrottlingException", e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void withoutRegisteredKeysNothingIsVerified() {
        try (FakeAws aws = FakeAws.start("123456789012", "ap-southeast-2")) {
            assertAllThreeServicesAnswer(aws, basic("AKIAANYONE", "any-secret"));
            assertTrue(
                    aws.calls().stream().allMatch(RecordedCall::succeeded),
                    aws.calls().toString());
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** One state-changing and one reading call on each service, through the real SDK clients. */
    private static void assertAllThreeServicesAnswer(FakeAws aws, AwsCredentialsProvider credentials) {
        Region region = Region.of(aws.region());
        aws.flink().addApplication("orders");
        try (KinesisAnalyticsV2Client kda = Clients.kda(aws, credentials, region);
                SsmClient ssm = Clients.ssm(aws, credentials, region);
                CloudWatchClient cw = Clients.cloudWatch(aws, credentials, region)) {
            assertEquals(
                    "orders",
                    kda.describeApplication(r -> r.applicationName("orders"))
                            .applicationDetail()
                            .applicationName());
            ssm.putParameter(
                    r -> r.name("/scaler/orders").value("{\"desired\": 4}").type(ParameterType.STRING));
            assertEquals(
                    "{\"desired\": 4}",
                    ssm.getParameter(r -> r.name("/scaler/orders")).parameter().value());
            cw.putMetricAlarm(alarm("out"));
            assertEquals(
                    1,
                    cw.describeAlarms(r -> r.alarmNames("out")).metricAlarms().size());
        }
        assertEquals(5, aws.calls().size());
    }

    private static PutMetricAlarmRequest alarm(String name) {
        return PutMetricAlarmRequest.builder()
                .alarmName(name)
                .evaluationPeriods(1)
                .threshold(75.0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .metricName("cpu utilization")
                .namespace("AWS/KinesisAnalytics")
                .statistic(Statistic.AVERAGE)
                .period(60)
                .dimensions(
                        Dimension.builder().name("Application").value("orders").build())
                .build();
    }

    private static AwsServiceException refused(String code, Runnable call) {
        AwsServiceException e = assertThrows(AwsServiceException.class, call::run);
        assertEquals(403, e.statusCode());
        assertEquals(code, e.awsErrorDetails().errorCode());
        return e;
    }

    /** An SSM PutParameter signed by the SDK's own signer, to be sent (or tampered with) by hand. */
    private static SignedRequest signedSsmPut(
            FakeAws aws, String signingName, String secret, Clock clock, String value) {
        return signedSsmPut(aws, signingName, secret, clock, value, b -> {});
    }

    private static SignedRequest signedSsmPut(
            FakeAws aws,
            String signingName,
            String secret,
            Clock clock,
            String value,
            Consumer<SdkHttpRequest.Builder> extraHeaders) {
        SdkHttpRequest.Builder builder = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(aws.endpoint().resolve("/"))
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "AmazonSSM.PutParameter");
        extraHeaders.accept(builder);
        SdkHttpRequest request = builder.build();
        return AwsV4HttpSigner.create()
                .sign(r -> r.identity(AwsCredentialsIdentity.create(Clients.ACCESS_KEY, secret))
                        .request(request)
                        .payload(ContentStreamProvider.fromUtf8String(String.format(PUT_PARAMETER, value)))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, signingName)
                        .putProperty(AwsV4HttpSigner.REGION_NAME, aws.region())
                        .putProperty(HttpSigner.SIGNING_CLOCK, clock));
    }

    private record Raw(int status, String body) {}

    private static Raw send(FakeAws aws, SignedRequest signed, String body) throws Exception {
        return send(aws, signed.request(), body);
    }

    /** Sends the request's headers (Host is set by the connection, to the same value) with the given body. */
    private static Raw send(FakeAws aws, SdkHttpRequest request, String body) throws Exception {
        HttpURLConnection c =
                (HttpURLConnection) aws.endpoint().resolve("/").toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        for (Map.Entry<String, List<String>> h : request.headers().entrySet()) {
            if (!h.getKey().equalsIgnoreCase("Host")) {
                for (String v : h.getValue()) {
                    c.addRequestProperty(h.getKey(), v); // repeated headers go as repeated lines
                }
            }
        }
        try (OutputStream os = c.getOutputStream()) {
            os.write(body.getBytes(StandardCharsets.UTF_8));
        }
        int status = c.getResponseCode();
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            return new Raw(status, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            c.disconnect();
        }
    }
}
