package io.github.kdastepscaling.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.kdastepscaling.fakes.RecordedCall;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * With SnapStart, the Lambda runtime sets no credential environment variables: it serves the execution role's
 * credentials from a container-credentials endpoint. The scaler's production credentials must come from there.
 */
class LambdaCredentialsTest {

    private static final String TOKEN = "lambda-runtime-token";
    private static final String ROLE_KEY = "ASIASNAPSTARTROLE";

    private final ScalerFixture fixture = new ScalerFixture();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer credentialsEndpoint;

    @AfterEach
    void close() {
        System.clearProperty("aws.containerCredentialsFullUri");
        System.clearProperty("aws.containerAuthorizationToken");
        if (credentialsEndpoint != null) {
            credentialsEndpoint.stop(0);
        }
        fixture.close();
    }

    @Test
    void snapStartCredentialsComeFromTheContainerEndpoint() throws IOException {
        assumeTrue(
                System.getenv("AWS_ACCESS_KEY_ID") == null,
                "environment credentials are set here, and the chain rightly prefers them");
        startCredentialsEndpoint();
        fixture.aws.acceptCredentials(ROLE_KEY, "role-secret");
        System.setProperty(
                "aws.containerCredentialsFullUri",
                "http://127.0.0.1:" + credentialsEndpoint.getAddress().getPort() + "/2018-06-01/credentials");
        System.setProperty("aws.containerAuthorizationToken", TOKEN);

        try (ScalerClients clients = ScalerClients.builder(Region.US_EAST_1, ScalerClients.lambdaCredentials())
                .endpointOverride(fixture.aws.endpoint())
                .build()) {
            ScalerHandler handler = new ScalerHandler(
                    fixture.environment,
                    clients,
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            String answer =
                    handler.handle(ScalerFixture.event("get-scalable-target.json", ScalerFixture.APPLICATION, null)
                            .toString());

            assertEquals(200, ScalerFixture.read(answer).get("statusCode").asInt(), answer);
        }
        List<String> keys = fixture.aws.calls().stream()
                .map(RecordedCall::accessKeyId)
                .distinct()
                .toList();
        assertEquals(List.of(ROLE_KEY), keys, "every call signed with the role's credentials");
        assertEquals(TOKEN, authorizations.get(0), "the runtime's token was presented");
    }

    private void startCredentialsEndpoint() throws IOException {
        credentialsEndpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        credentialsEndpoint.createContext("/2018-06-01/credentials", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = ("{\"AccessKeyId\":\"" + ROLE_KEY + "\",\"SecretAccessKey\":\"role-secret\","
                            + "\"Token\":\"role-session-token\",\"Expiration\":\""
                            + Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        credentialsEndpoint.start();
    }
}
