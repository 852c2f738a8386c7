package io.github.kdastepscaling.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * The Lambda entry point. Two triggers reach it:
 * <ul>
 *   <li>API Gateway proxy events: Application Auto Scaling's GET and PATCH on the custom-resource endpoint;</li>
 *   <li>EventBridge scheduled events: a reconcile that does what a GET does, so that pending changes and alarm
 *       thresholds converge even when Application Auto Scaling stops polling; with learning configured it also
 *       learns the per-KPU rate, and with snapshot retention configured it prunes snapshots after deciding.</li>
 * </ul>
 * With {@code FLEET_CONFIGURATION_PATH} set it serves a fleet ({@link FleetScaler}): each application's
 * configuration is read from SSM, and the reconcile decides every registered application.
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

    /** What the handler can do: answer (its configuration read, its clients built), or only say why not. */
    private sealed interface State permits Ready, Misconfigured, Fleet {}

    private record Ready(
            ScalerConfiguration configuration,
            ScalerClients clients,
            Scaler scaler,
            ScalableTargetApi api,
            DecisionLog log)
            implements State {}

    private record Misconfigured(ConfigurationException error) implements State {}

    /** Fleet mode: every application registered under {@code FLEET_CONFIGURATION_PATH}. */
    private record Fleet(FleetScaler scaler) implements State {}

    /**
     * How long a fleet's reconcile may take when the invocation's remaining time is unknown (outside Lambda): below
     * the function's 30 s timeout, with time left to log and answer.
     */
    static final Duration DEFAULT_RECONCILE_BUDGET = Duration.ofSeconds(25);
    /** Left of the invocation's remaining time after a fleet's reconcile, to write its lines and answer. */
    static final Duration RECONCILE_MARGIN = Duration.ofSeconds(3);

    private final State state;
    private final DecisionLog log;
    /** True until the first invocation of this execution environment, and again after a SnapStart restore. */
    private final AtomicBoolean cold = new AtomicBoolean(true);

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
        this(environment, clients, logOutput, Clock.systemUTC());
    }

    /**
     * As {@link #ScalerHandler(Map, ScalerClients, PrintStream)} with the time read from {@code clock} (a test that
     * runs simulated minutes gives its own).
     */
    public ScalerHandler(Map<String, String> environment, ScalerClients clients, PrintStream logOutput, Clock clock) {
        State readied = ready(environment, clients, logOutput, clock);
        this.state = readied;
        this.log = readied instanceof Ready ready
                ? ready.log()
                : readied instanceof Fleet fleet ? fleet.scaler().log() : new DecisionLog(logOutput, null);
    }

    private static State ready(
            Map<String, String> environment, ScalerClients clients, PrintStream logOutput, Clock clock) {
        try {
            String fleetPath = FleetConfigurations.fleetPath(environment);
            if (fleetPath != null) {
                return new Fleet(new FleetScaler(
                        fleetPath,
                        clients != null ? clients : ScalerClients.forLambda(region(environment)),
                        logOutput,
                        clock));
            }
            ScalerConfiguration configuration = ScalerConfiguration.fromEnvironment(environment);
            ScalerClients built = clients != null ? clients : ScalerClients.forLambda(region(environment));
            Scaler scaler = new Scaler(configuration, built, clock);
            DecisionLog log = new DecisionLog(logOutput, configuration.applicationName());
            return new Ready(configuration, built, scaler, new ScalableTargetApi(configuration, scaler, log), log);
        } catch (ConfigurationException e) {
            return new Misconfigured(e);
        }
    }

    private static String region(Map<String, String> environment) {
        String region = environment.get("AWS_REGION");
        if (region == null || region.isBlank()) {
            throw new ConfigurationException("environment variable AWS_REGION is missing or empty");
        }
        return region;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String requestId = context == null ? null : context.getAwsRequestId();
        Duration budget = context == null
                ? DEFAULT_RECONCILE_BUDGET
                : Duration.ofMillis(Math.max(0, context.getRemainingTimeInMillis() - RECONCILE_MARGIN.toMillis()));
        String answer = handle(new String(input.readAllBytes(), StandardCharsets.UTF_8), requestId, budget);
        output.write(answer.getBytes(StandardCharsets.UTF_8));
    }

    /** Answers one event given as JSON text, outside Lambda (no request id). */
    public String handle(String eventJson) {
        return handle(eventJson, null);
    }

    /**
     * Answers one event given as JSON text.
     *
     * @param requestId the Lambda invocation's request id, for the decision log, or null
     * @throws IllegalStateException for a scheduled reconcile that failed (so the invocation counts in the
     *                               function's Errors metric; the next scheduled reconcile tries again)
     * @throws IllegalArgumentException for an event of neither kind
     */
    public String handle(String eventJson, String requestId) {
        return handle(eventJson, requestId, DEFAULT_RECONCILE_BUDGET);
    }

    /**
     * As {@link #handle(String, String)}, a fleet's reconcile taking at most {@code reconcileBudget}.
     */
    String handle(String eventJson, String requestId, Duration reconcileBudget) {
        Invocation invocation = new Invocation(requestId, cold.getAndSet(false));
        JsonNode event;
        try {
            event = JsonNode.parser().parse(eventJson);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the event is not JSON");
        }
        if (state instanceof Fleet fleet) {
            if (ApiRequest.isApiGatewayEvent(event)) {
                return fleet.scaler().api().handle(event, invocation).toProxyJson();
            }
            if (ScheduledEvent.isScheduledEvent(event)) {
                return fleet.scaler().reconcile(invocation, reconcileBudget);
            }
        }
        if (ApiRequest.isApiGatewayEvent(event)) {
            if (state instanceof Misconfigured misconfigured) {
                String reason =
                        "the scaler is misconfigured: " + misconfigured.error().getMessage();
                Decision refused = new Decision("API", ApiRequest.caller(event), OptionalInt.empty(), invocation);
                refused.refused(500, reason);
                log.write(refused);
                return ApiResponse.error(500, reason).toProxyJson();
            }
            return ((Ready) state).api().handle(event, invocation).toProxyJson();
        }
        if (ScheduledEvent.isScheduledEvent(event)) {
            if (state instanceof Misconfigured misconfigured) {
                throw new IllegalStateException(
                        "the scaler is misconfigured: " + misconfigured.error().getMessage());
            }
            return reconcile((Ready) state, invocation);
        }
        throw new IllegalArgumentException(
                "unsupported event: neither an API Gateway proxy event nor an " + "EventBridge scheduled event");
    }

    private String reconcile(Ready ready, Invocation invocation) {
        Decision decision = new Decision(Decision.SCHEDULE, null, OptionalInt.empty(), invocation);
        try {
            ScalingState answer = ready.scaler().decide(decision);
            // After the decision, so housekeeping never delays or fails it.
            ready.scaler().afterReconcile(decision);
            return ApiResponse.state(answer, ready.configuration().applicationName())
                    .body();
        } catch (ScalerFailure e) {
            throw new IllegalStateException("reconcile failed (" + e.kind() + "): " + e.getMessage());
        } finally {
            log.write(decision);
        }
    }

    // org.crac.Context qualified here and below: Context in this file is the Lambda runtime's.
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        if (state instanceof Ready ready) {
            ready.scaler().prime();
        }
        if (state instanceof Fleet fleet) {
            fleet.scaler().prime();
        }
        ApiResponse.state(new ScalingState(1, 1, ScalingStatus.Successful, null), "priming")
                .toProxyJson();
        ApiRequest.from(JsonNode.parser().parse(PRIMING_API_EVENT));
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // The first invocation after a restore is this snapshot's cold start. Nothing else to redo: the
        // container-credentials provider refreshes the role's credentials before they expire, and the clients hold
        // no connection worth keeping across a restore.
        cold.set(true);
    }

    /** The clients, or null when the handler is misconfigured. */
    ScalerClients clients() {
        return state instanceof Ready ready
                ? ready.clients()
                : state instanceof Fleet fleet ? fleet.scaler().clients() : null;
    }
}
