package io.github.kdastepscaling.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * The Lambda entry point. Two triggers reach it:
 * <ul>
 *   <li>API Gateway proxy events: Application Auto Scaling's GET and PATCH on the custom-resource endpoint;</li>
 *   <li>EventBridge scheduled events: a reconcile that does what a GET does, so that pending changes and alarm
 *       thresholds converge even when Application Auto Scaling stops polling.</li>
 * </ul>
 * It reads raw JSON (a stream handler) with the JSON reader the AWS SDK already ships, rather than a separate
 * events and serialization library: nothing more to load at start-up.
 *
 * <p>SnapStart: clients are built in the constructor, so they are in the snapshot; {@link #beforeCheckpoint}
 * primes them with read-only calls so the first real call does not pay for class loading and TLS set-up.
 */
public final class ScalerHandler implements RequestStreamHandler, Resource {

    /** A GET as API Gateway sends it, parsed at checkpoint time so its classes are in the snapshot. */
    private static final String PRIMING_API_EVENT = "{\"httpMethod\":\"GET\",\"resource\":\""
            + ScalableTargetApi.RESOURCE + "\",\"pathParameters\":{\"scalableTargetDimensionId\":\"priming\"}}";

    private final ScalerConfiguration configuration;
    private final ConfigurationException configurationError;
    private final ScalerClients clients;
    private final Scaler scaler;
    private final ScalableTargetApi api;
    private final DecisionLog log;

    /** The constructor the Lambda runtime calls: configuration from the environment, clients for Lambda. */
    public ScalerHandler() {
        this(System.getenv(), null, System.out);
        Core.getGlobalContext().register(this);
    }

    /**
     * A handler with the given environment and clients (tests and local runs point the clients at fakes).
     *
     * @param environment the environment variables, see {@link io.github.kdastepscaling.contract.ScalerEnvironment}
     * @param clients the SDK clients, or null to build them for Lambda from {@code AWS_REGION}
     * @param logOutput where decision lines go
     */
    public ScalerHandler(Map<String, String> environment, ScalerClients clients, PrintStream logOutput) {
        ScalerConfiguration readConfiguration = null;
        ConfigurationException error = null;
        try {
            readConfiguration = ScalerConfiguration.fromEnvironment(environment);
            if (clients == null) {
                String region = environment.get("AWS_REGION");
                if (region == null || region.isBlank()) {
                    throw new ConfigurationException("environment variable AWS_REGION is missing or empty");
                }
                clients = ScalerClients.forLambda(region);
            }
        } catch (ConfigurationException e) {
            error = e;
        }
        this.configuration = error == null ? readConfiguration : null;
        this.configurationError = error;
        this.clients = error == null ? clients : null;
        this.log = new DecisionLog(logOutput);
        this.scaler = error == null ? new Scaler(configuration, clients, log) : null;
        this.api = error == null ? new ScalableTargetApi(configuration, scaler, log) : null;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String answer = handle(new String(input.readAllBytes(), StandardCharsets.UTF_8));
        output.write(answer.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Answers one event given as JSON text.
     *
     * @throws IllegalStateException for a scheduled reconcile that failed (so the invocation counts in the
     *                               function's Errors metric; the next scheduled reconcile tries again)
     * @throws IllegalArgumentException for an event of neither kind
     */
    public String handle(String eventJson) {
        JsonNode event;
        try {
            event = JsonNode.parser().parse(eventJson);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the event is not JSON");
        }
        if (ApiRequest.isApiGatewayEvent(event)) {
            if (configurationError != null) {
                return ApiResponse.error(500, "the scaler is misconfigured: " + configurationError.getMessage())
                        .toProxyJson();
            }
            return api.handle(event).toProxyJson();
        }
        if (ScheduledEvent.isScheduledEvent(event)) {
            if (configurationError != null) {
                throw new IllegalStateException("the scaler is misconfigured: " + configurationError.getMessage());
            }
            try {
                ScalingState state = scaler.reconcile("schedule");
                return ApiResponse.state(state, configuration.applicationName()).body();
            } catch (ScalerException e) {
                throw new IllegalStateException("reconcile failed (HTTP " + e.httpStatus() + "): " + e.getMessage());
            }
        }
        throw new IllegalArgumentException("unsupported event: neither an API Gateway proxy event nor an "
                + "EventBridge scheduled event");
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        if (scaler != null) {
            scaler.prime();
        }
        ApiResponse.state(new ScalingState(1, 1, ScalingStatus.Successful, null), "priming").toProxyJson();
        ApiRequest.from(JsonNode.parser().parse(PRIMING_API_EVENT));
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to redo: the container-credentials provider refreshes the role's credentials before they expire,
        // and the clients hold no connection worth keeping across a restore.
    }

    ScalerClients clients() {
        return clients;
    }
}
