package io.github.kdastepscaling.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
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
 * Calls to an AWS JSON 1.1 service (SSM, Application Auto Scaling) with the SDK's own parts: its SigV4 signer, its
 * URL-connection HTTP client, its JSON reader and writer, its retry strategy and its exception types.
 *
 * <p>Why not the generated clients: each carries the model of its service's every operation (SSM's is 5.4 MB) for
 * the one or two calls the scaler makes, and every class costs cold start. Everything that makes a call correct
 * (signing, retries, error classification) is still the SDK's; only the request bodies and the response fields are
 * written by the typed clients on top ({@link SsmParameterClient}, {@link ScalableTargetClient}), and tests check them
 * against what the generated clients send to the same local fakes.
 */
final class AwsJsonClient implements AutoCloseable {

    /**
     * How one service is reached.
     *
     * @param serviceName the name errors carry, e.g. {@code Ssm}
     * @param signingName the SigV4 signing name, e.g. {@code ssm}
     * @param targetPrefix the {@code X-Amz-Target} prefix, e.g. {@code AmazonSSM.}
     * @param endpointPrefix the regional endpoint's host prefix, e.g. {@code ssm}
     * @param endpointVariable the SDK's service-specific endpoint variable, e.g. {@code AWS_ENDPOINT_URL_SSM}
     */
    record Service(
            String serviceName,
            String signingName,
            String targetPrefix,
            String endpointPrefix,
            String endpointVariable) {}

    private final Service service;

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
    AwsJsonClient(
            Service service,
            SdkHttpClient http,
            AwsCredentialsProvider credentials,
            Region region,
            URI endpoint,
            RetryStrategy retries,
            Duration callTimeout) {
        this.service = service;
        this.http = http;
        this.credentials = credentials;
        this.region = region;
        this.endpoint = endpoint != null ? endpoint : defaultEndpoint(service, region);
        this.retries = retries;
        this.callTimeout = callTimeout;
    }

    /**
     * The endpoint the generated client would use: the service's {@code AWS_ENDPOINT_URL_...} or
     * {@code AWS_ENDPOINT_URL} when set (the SDK's standard overrides, which the other clients honour too), else the
     * regional endpoint.
     */
    private static URI defaultEndpoint(Service service, Region region) {
        for (String variable : new String[] {service.endpointVariable(), "AWS_ENDPOINT_URL"}) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                return URI.create(value.trim());
            }
        }
        return URI.create("https://" + service.endpointPrefix() + "." + region.id() + "."
                + region.metadata().partition().dnsSuffix());
    }

    /**
     * Makes one call, with the retry strategy's retries within the call timeout.
     *
     * @param fields writes the request object's members
     * @return the response body
     */
    JsonNode call(String operation, Consumer<JsonWriter> fields) {
        return call(operation, json(fields));
    }

    private JsonNode call(String operation, byte[] body) {
        long deadline = System.nanoTime() + callTimeout.toNanos();
        AcquireInitialTokenResponse initial =
                retries.acquireInitialToken(AcquireInitialTokenRequest.create(service.signingName()));
        RetryToken token = initial.token();
        sleep(initial.delay());
        while (true) {
            try {
                if (System.nanoTime() >= deadline) {
                    throw SdkClientException.create(service.serviceName() + " " + operation + " ran out of its "
                            + callTimeout.toMillis() + " ms before an attempt could start");
                }
                JsonNode result = attempt(operation, body);
                retries.recordSuccess(RecordSuccessRequest.create(token));
                return result;
            } catch (SdkException failure) {
                RefreshRetryTokenResponse refreshed;
                try {
                    refreshed = retries.refreshRetryToken(RefreshRetryTokenRequest.builder()
                            .token(token)
                            .failure(failure)
                            .build());
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
                .encodedPath(
                        endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath())
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", service.targetPrefix() + operation)
                .putHeader("Content-Length", Integer.toString(body.length))
                .build();
        SignedRequest signed = signer.sign(r -> r.identity(credentials.resolveCredentials())
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service.signingName())
                .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                            .request(signed.request())
                            .contentStreamProvider(signed.payload().orElse(null))
                            .build())
                    .call();
            String text = read(response.responseBody());
            int status = response.httpResponse().statusCode();
            if (status / 100 == 2) {
                return parse(service, operation, text);
            }
            throw serviceError(service, operation, status, text, response);
        } catch (IOException e) {
            throw SdkClientException.builder()
                    .message(service.serviceName() + " " + operation + " failed: " + e.getMessage())
                    .cause(e)
                    .build();
        }
    }

    /** A 2xx answer that is not JSON (cut short, say) is a client-side failure the retry strategy can judge. */
    private static JsonNode parse(Service service, String operation, String text) {
        if (text.isEmpty()) {
            return JsonNode.emptyObjectNode();
        }
        try {
            return JsonNode.parser().parse(text);
        } catch (RuntimeException e) {
            throw SdkClientException.builder()
                    .message(service.serviceName() + " " + operation + " answered with a body that is not JSON")
                    .cause(e)
                    .build();
        }
    }

    private static AwsServiceException serviceError(
            Service service, String operation, int status, String text, HttpExecuteResponse response) {
        String code =
                response.httpResponse().firstMatchingHeader("x-amzn-ErrorType").orElse(null);
        String message = null;
        try {
            JsonNode error = JsonNode.parser().parse(text);
            code = error.field("__type").map(JsonNode::asString).orElse(code);
            message = error.field("message")
                    .or(() -> error.field("Message"))
                    .map(JsonNode::asString)
                    .orElse(null);
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
                        .serviceName(service.serviceName())
                        .errorCode(code == null ? "HTTP" + status : code)
                        .errorMessage(message)
                        .sdkHttpResponse(response.httpResponse())
                        .build())
                .build();
    }

    private static byte[] json(Consumer<JsonWriter> fields) {
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
            throw SdkClientException.create("interrupted while waiting to retry", e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
