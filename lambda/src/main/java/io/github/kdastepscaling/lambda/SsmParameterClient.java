package io.github.kdastepscaling.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;

/**
 * GetParameter and PutParameter over SSM's JSON 1.1 API, with the SDK's own parts: its SigV4 signer, its
 * URL-connection HTTP client, its JSON reader and writer, its retry strategy and its exception types.
 *
 * <p>Why not the generated {@code SsmClient}: it carries the model of SSM's ~150 operations, 5.4 MB of the jar's
 * 14 MB, for the two calls the scaler makes. Everything that makes a call correct (signing, retries, error
 * classification) is still the SDK's; only the two request bodies and the response fields are written here, and a
 * test checks them against what the generated client sends to the same local fake.
 */
final class SsmParameterClient implements AutoCloseable {

    private static final String TARGET_PREFIX = "AmazonSSM.";
    private static final String SERVICE_NAME = "Ssm";

    private final SdkHttpClient http;
    private final AwsCredentialsProvider credentials;
    private final Region region;
    private final URI endpoint;
    private final RetryStrategy retries;
    private final Duration callTimeout;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /**
     * @param callTimeout the most a call may take with its retries, as the generated clients' apiCallTimeout; each
     *                    attempt is bounded by the HTTP client's connect and socket timeouts
     */
    SsmParameterClient(SdkHttpClient http, AwsCredentialsProvider credentials, Region region, URI endpoint,
                       RetryStrategy retries, Duration callTimeout) {
        this.http = http;
        this.credentials = credentials;
        this.region = region;
        this.endpoint = endpoint != null ? endpoint : defaultEndpoint(region);
        this.retries = retries;
        this.callTimeout = callTimeout;
    }

    /**
     * The endpoint the generated client would use: {@code AWS_ENDPOINT_URL_SSM} or {@code AWS_ENDPOINT_URL} when set
     * (the SDK's standard overrides, which the other clients honour too), else the regional endpoint.
     */
    private static URI defaultEndpoint(Region region) {
        for (String variable : new String[] {"AWS_ENDPOINT_URL_SSM", "AWS_ENDPOINT_URL"}) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                return URI.create(value.trim());
            }
        }
        return URI.create("https://ssm." + region.id() + "." + region.metadata().partition().dnsSuffix());
    }

    /** The parameter's value, or empty when it does not exist. */
    Optional<String> getParameter(String name) {
        byte[] body = json(w -> w.writeFieldName("Name").writeValue(name));
        try {
            JsonNode response = call("GetParameter", body);
            return response.field("Parameter").flatMap(p -> p.field("Value")).map(JsonNode::asString);
        } catch (AwsServiceException e) {
            if (e.awsErrorDetails() != null && "ParameterNotFound".equals(e.awsErrorDetails().errorCode())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Creates or overwrites a String parameter. */
    void putParameter(String name, String value) {
        call("PutParameter", json(w -> w.writeFieldName("Name").writeValue(name)
                .writeFieldName("Value").writeValue(value)
                .writeFieldName("Type").writeValue("String")
                .writeFieldName("Overwrite").writeValue(true)));
    }

    private JsonNode call(String operation, byte[] body) {
        long deadline = System.nanoTime() + callTimeout.toNanos();
        AcquireInitialTokenResponse initial = retries.acquireInitialToken(AcquireInitialTokenRequest.create("ssm"));
        RetryToken token = initial.token();
        sleep(initial.delay());
        while (true) {
            try {
                if (System.nanoTime() >= deadline) {
                    throw SdkClientException.create("SSM " + operation + " ran out of its " + callTimeout.toMillis()
                            + " ms before an attempt could start");
                }
                JsonNode result = attempt(operation, body);
                retries.recordSuccess(RecordSuccessRequest.create(token));
                return result;
            } catch (SdkException failure) {
                RefreshRetryTokenResponse refreshed;
                try {
                    refreshed = retries.refreshRetryToken(RefreshRetryTokenRequest.builder()
                            .token(token).failure(failure).build());
                } catch (TokenAcquisitionFailedException exhausted) {
                    throw failure;
                }
                if (System.nanoTime() + refreshed.delay().toNanos() >= deadline) {
                    // No time left for another attempt within the call's budget.
                    throw failure;
                }
                token = refreshed.token();
                sleep(refreshed.delay());
            }
        }
    }

    private JsonNode attempt(String operation, byte[] body) {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint)
                .encodedPath(endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/"
                        : endpoint.getRawPath())
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", TARGET_PREFIX + operation)
                .putHeader("Content-Length", Integer.toString(body.length))
                .build();
        SignedRequest signed = signer.sign(r -> r.identity(credentials.resolveCredentials())
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "ssm")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null))
                    .build()).call();
            String text = read(response.responseBody());
            int status = response.httpResponse().statusCode();
            if (status / 100 == 2) {
                return parse(operation, text);
            }
            throw serviceError(operation, status, text, response);
        } catch (IOException e) {
            throw SdkClientException.builder().message("SSM " + operation + " failed: " + e.getMessage())
                    .cause(e).build();
        }
    }

    /** A 2xx answer that is not JSON (cut short, say) is a client-side failure the retry strategy can judge. */
    private static JsonNode parse(String operation, String text) {
        if (text.isEmpty()) {
            return JsonNode.emptyObjectNode();
        }
        try {
            return JsonNode.parser().parse(text);
        } catch (RuntimeException e) {
            throw SdkClientException.builder().message("SSM " + operation + " answered with a body that is not JSON")
                    .cause(e).build();
        }
    }

    private static AwsServiceException serviceError(String operation, int status, String text,
                                                    HttpExecuteResponse response) {
        String code = response.httpResponse().firstMatchingHeader("x-amzn-ErrorType").orElse(null);
        String message = null;
        try {
            JsonNode error = JsonNode.parser().parse(text);
            code = error.field("__type").map(JsonNode::asString).orElse(code);
            message = error.field("message").or(() -> error.field("Message")).map(JsonNode::asString).orElse(null);
        } catch (RuntimeException notJson) {
            message = text;
        }
        if (code != null) {
            code = code.substring(code.lastIndexOf('#') + 1).split(":")[0];
        }
        return AwsServiceException.builder()
                .statusCode(status)
                .message(operation + ": " + message)
                .awsErrorDetails(AwsErrorDetails.builder()
                        .serviceName(SERVICE_NAME)
                        .errorCode(code == null ? "HTTP" + status : code)
                        .errorMessage(message)
                        .sdkHttpResponse(response.httpResponse())
                        .build())
                .build();
    }

    private static byte[] json(java.util.function.Consumer<JsonWriter> fields) {
        JsonWriter writer = JsonWriter.create().writeStartObject();
        fields.accept(writer);
        return writer.writeEndObject().getBytes();
    }

    private static String read(Optional<? extends InputStream> stream) throws IOException {
        if (stream.isEmpty()) {
            return "";
        }
        try (InputStream in = stream.get()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void sleep(Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SdkClientException.create("interrupted while waiting to retry SSM", e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
