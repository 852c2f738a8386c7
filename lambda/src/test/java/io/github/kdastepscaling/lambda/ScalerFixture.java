package io.github.kdastepscaling.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kdastepscaling.contract.ScalerEnvironment;
import io.github.kdastepscaling.fakes.Alarm;
import io.github.kdastepscaling.fakes.EmbeddedMetricFormat;
import io.github.kdastepscaling.fakes.FakeApplication;
import io.github.kdastepscaling.fakes.FakeAws;
import io.github.kdastepscaling.policy.ScaledLoad;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * A scaler wired to local fakes of the three services, as the construct would configure it: one application,
 * the desired-capacity parameter at its initial value, and the two metric-math alarms with actions.
 */
final class ScalerFixture implements AutoCloseable {

    static final String APPLICATION = "orders-enricher";
    static final String PARAMETER = "/kda-step-scaling/orders-enricher/desired-capacity";
    static final String ATTEMPT_PARAMETER = "/kda-step-scaling/orders-enricher/last-rescale";
    static final String SCALE_OUT_ALARM = "orders-enricher-scale-out";
    static final String SCALE_IN_ALARM = "orders-enricher-scale-in";
    static final String RESOURCE_ID = "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/scaling/"
            + "scalableTargetDimensions/" + APPLICATION;
    static final String ACCESS_KEY = "AKIDSCALERTEST";
    /** The fakes verify every request's SigV4 signature against this secret. */
    static final String SECRET = "test-secret";

    static final ObjectMapper JSON = new ObjectMapper();

    final FakeAws aws;
    final FakeApplication application;
    final Map<String, String> environment;
    private final ByteArrayOutputStream logBuffer = new ByteArrayOutputStream();
    private final ScalerClients clients;
    private final ScalerHandler handler;

    ScalerFixture() {
        this(environment -> {});
    }

    /** @param environmentChanges changes to the environment the construct would set */
    ScalerFixture(Consumer<Map<String, String>> environmentChanges) {
        this(environmentChanges, Clock.systemUTC());
    }

    /**
     * @param environmentChanges changes to the environment the construct would set
     * @param clock the time of the scaler and of the Flink fake (update and snapshot times)
     */
    ScalerFixture(Consumer<Map<String, String>> environmentChanges, Clock clock) {
        aws = FakeAws.start().acceptCredentials(ACCESS_KEY, SECRET);
        aws.flink().clock(clock);
        application = aws.flink()
                .addApplication(APPLICATION)
                .parallelism(2)
                .parallelismPerKpu(1)
                .autoScalingEnabled(false);
        aws.ssm().put(PARAMETER, ScalerEnvironment.NO_DESIRED_CAPACITY);
        aws.ssm().put(ATTEMPT_PARAMETER, ScalerEnvironment.NO_DESIRED_CAPACITY);
        registerTarget(1, 10);
        aws.cloudWatch()
                .putAlarm(alarm(SCALE_OUT_ALARM, "GreaterThanOrEqualToThreshold", 2000, "notBreaching", "scale-out"));
        aws.cloudWatch().putAlarm(alarm(SCALE_IN_ALARM, "LessThanThreshold", 750, "breaching", "scale-in"));
        environment = new HashMap<>(Map.of(
                ScalerEnvironment.APPLICATION_NAME,
                APPLICATION,
                ScalerEnvironment.RESCALE_ATTEMPT_PARAMETER_NAME,
                ATTEMPT_PARAMETER,
                ScalerEnvironment.DESIRED_CAPACITY_PARAMETER_NAME,
                PARAMETER,
                ScalerEnvironment.SCALE_OUT_ALARM_NAME,
                SCALE_OUT_ALARM,
                ScalerEnvironment.SCALE_IN_ALARM_NAME,
                SCALE_IN_ALARM,
                ScalerEnvironment.SCALE_OUT_PER_KPU,
                "1000",
                ScalerEnvironment.SCALE_IN_PER_KPU,
                "750",
                ScalerEnvironment.MIN_CAPACITY,
                "1",
                ScalerEnvironment.KPU_QUOTA,
                "64",
                ScalerEnvironment.ALLOW_SCALING_WITHOUT_SNAPSHOTS,
                "false"));
        environment.put(ScalerEnvironment.SCALABLE_TARGET_RESOURCE_ID, RESOURCE_ID);
        environment.put(ScalerEnvironment.SIGNAL_KIND, "INCOMING_RECORDS");
        environmentChanges.accept(environment);
        if (environment.containsKey(ScalerEnvironment.LEARNING_METRICS)) {
            // As the construct deploys them for a scaler that learns: measuring the load at the configured scale.
            aws.cloudWatch()
                    .putAlarm(scaled(aws.cloudWatch().alarm(SCALE_OUT_ALARM).orElseThrow()));
            aws.cloudWatch()
                    .putAlarm(scaled(aws.cloudWatch().alarm(SCALE_IN_ALARM).orElseThrow()));
        }
        clients = clientsFor(aws);
        handler = new ScalerHandler(
                environment, clients, new PrintStream(logBuffer, true, StandardCharsets.UTF_8), clock);
    }

    /** Clients as the Lambda builds them, but pointed at the fakes, with short timeouts and backoff. */
    static ScalerClients clientsFor(FakeAws aws) {
        return ScalerClients.builder(
                        Region.US_EAST_1,
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET)))
                .endpointOverride(aws.endpoint())
                .timeouts(Duration.ofMillis(500), Duration.ofSeconds(3))
                .fixedRetryBackoff(Duration.ofMillis(5))
                .build();
    }

    /** Registers the scalable target, or moves its range, as RegisterScalableTarget or a scheduled action would. */
    void registerTarget(Integer minCapacity, Integer maxCapacity) {
        aws.applicationAutoScaling()
                .register(
                        "custom-resource",
                        RESOURCE_ID,
                        "custom-resource:ResourceType:Property",
                        minCapacity,
                        maxCapacity);
    }

    /**
     * A generated SDK client pointed at the fakes, signing with its own key (which the fakes are told to accept):
     * the reference the scaler's hand-made clients are compared with.
     */
    static <C, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C generatedClient(
            B builder, FakeAws aws) {
        aws.acceptCredentials("AKIDGENERATED", "s");
        return builder.endpointOverride(aws.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDGENERATED", "s")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** A second handler (another execution environment) on the same fakes. */
    ScalerHandler anotherHandler() {
        return new ScalerHandler(
                environment,
                clientsFor(aws),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    ScalerHandler handler() {
        return handler;
    }

    Alarm alarm(String name, String comparison, double threshold, String missingData, String direction) {
        Alarm.Metric incoming = new Alarm.Metric(
                "AWS/Kinesis", "IncomingRecords", List.of(new Alarm.Dimension("StreamName", "orders")));
        return Alarm.builder(name)
                .alarmDescription("kda-step-scaling " + direction + " alarm for " + APPLICATION)
                .actionsEnabled(true)
                .alarmActions(List.of("arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:1a2b3c4d-" + direction
                        + ":resource/custom-resource/https-endpoint:policyName/" + direction))
                .evaluationPeriods(direction.equals("scale-out") ? 2 : 10)
                .datapointsToAlarm(direction.equals("scale-out") ? 2 : 10)
                .threshold(threshold)
                .comparisonOperator(comparison)
                .treatMissingData(missingData)
                .metrics(List.of(
                        new Alarm.MetricQuery(
                                "incoming",
                                null,
                                null,
                                false,
                                null,
                                null,
                                new Alarm.MetricStat(incoming, 60, "Sum", null)),
                        new Alarm.MetricQuery(
                                "recordsPerSecond",
                                "incoming / 60",
                                "Incoming records per second",
                                true,
                                null,
                                null,
                                null)))
                .build();
    }

    /**
     * {@code alarm} measuring the scaled load ({@link ScaledLoad}) with nothing learned yet: the query it compared
     * becomes {@code load}, no longer returned, and a new returned query multiplies it by configured / configured.
     */
    static Alarm scaled(Alarm alarm) {
        List<Alarm.MetricQuery> metrics = new ArrayList<>();
        for (Alarm.MetricQuery query : alarm.metrics()) {
            metrics.add(
                    Boolean.FALSE.equals(query.returnData())
                            ? query
                            : new Alarm.MetricQuery(
                                    ScaledLoad.LOAD_ID,
                                    query.expression(),
                                    query.label(),
                                    false,
                                    query.period(),
                                    query.accountId(),
                                    query.metricStat()));
        }
        metrics.add(new Alarm.MetricQuery(
                "scaled",
                ScaledLoad.expression("1000", "1000"),
                "Load at the configured scale",
                true,
                null,
                null,
                null));
        return definition(alarm).toBuilder().metrics(metrics).build();
    }

    /** The scaled load's expression an alarm compares now ({@link ScaledLoad}), or null for an unscaled alarm. */
    String measures(String alarmName) {
        return aws.cloudWatch().alarm(alarmName).orElseThrow().metrics().stream()
                .filter(q -> !Boolean.FALSE.equals(q.returnData()))
                .map(Alarm.MetricQuery::expression)
                .filter(ScaledLoad::isScaledLoad)
                .findFirst()
                .orElse(null);
    }

    /**
     * The signal, in records per second, at which {@code alarmName} fires: its threshold, divided by the scale its
     * scaled load multiplies the signal by ({@code load * configured / learned}) when it measures one.
     */
    double firesAt(String alarmName) {
        String measures = measures(alarmName);
        double threshold = threshold(alarmName);
        return measures == null
                ? threshold
                : threshold / ScaledLoad.scaleOf(measures).orElseThrow();
    }

    /** The alarm's definition: what PutMetricAlarm sets, without the state and timestamps CloudWatch keeps. */
    static Alarm definition(Alarm alarm) {
        return alarm.toBuilder()
                .stateValue(null)
                .stateReason(null)
                .stateUpdatedTimestamp(null)
                .alarmConfigurationUpdatedTimestamp(null)
                .build();
    }

    double threshold(String alarmName) {
        return aws.cloudWatch().alarm(alarmName).orElseThrow().threshold();
    }

    Response get() {
        return send(event("get-scalable-target.json", APPLICATION, null));
    }

    Response patch(String body) {
        return send(event("patch-scalable-target.json", APPLICATION, body));
    }

    Response patchCapacity(int capacity) {
        return patch("{\"desiredCapacity\": " + capacity + "}");
    }

    /** A scheduled reconcile; returns what the handler answered (the state as JSON). */
    JsonNode reconcile() {
        return read(handler.handle(resource("scheduled-reconcile.json")));
    }

    Response send(ObjectNode event) {
        return Response.of(read(handler.handle(event.toString())));
    }

    Response sendTo(ScalerHandler other, ObjectNode event) {
        return Response.of(read(other.handle(event.toString())));
    }

    /** A fixture event with the dimension id and, when not null, the body put in. */
    static ObjectNode event(String fixture, String dimensionId, String body) {
        ObjectNode event = (ObjectNode) read(resource(fixture).replace("${dimensionId}", dimensionId));
        if (body != null) {
            event.put("body", body);
        }
        return event;
    }

    static String resource(String name) {
        try (InputStream in = ScalerFixture.class.getResourceAsStream("/events/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The decision lines logged so far, parsed. */
    List<JsonNode> decisions() {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : logBuffer.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(read(line));
            }
        }
        return lines;
    }

    /** The last decision line written. */
    JsonNode lastDecision() {
        List<JsonNode> lines = decisions();
        return lines.get(lines.size() - 1);
    }

    /** What the last decision did: its {@code done} list, as JSON text. */
    String lastDone() {
        return lastDecision().get("done").toString();
    }

    /** Every decision line written so far conforms to the embedded metric format specification. */
    void assertEveryDecisionLineIsEmbeddedMetricFormat() {
        for (JsonNode line : decisions()) {
            List<String> violations = EmbeddedMetricFormat.violations(line);
            if (!violations.isEmpty()) {
                throw new AssertionError("not EMF: " + violations + " in " + line);
            }
        }
    }

    int updateCalls() {
        return aws.calls("kinesisanalytics:UpdateApplication").size();
    }

    @Override
    public void close() {
        clients.close();
        aws.close();
    }

    /** A proxy-integration answer with its body parsed. */
    record Response(int statusCode, JsonNode headers, JsonNode body) {
        static Response of(JsonNode proxy) {
            return new Response(
                    proxy.get("statusCode").asInt(),
                    proxy.get("headers"),
                    read(proxy.get("body").asText()));
        }

        String message() {
            return body.path("message").asText(null);
        }

        String scalingStatus() {
            return body.path("scalingStatus").asText(null);
        }
    }
}
