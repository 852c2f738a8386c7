package io.github.kdastepscaling.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.kdastepscaling.contract.ScalerEnvironment;
import io.github.kdastepscaling.fakes.Alarm;
import io.github.kdastepscaling.fakes.EmbeddedMetricFormat;
import io.github.kdastepscaling.fakes.FakeApplication;
import io.github.kdastepscaling.fakes.FakeAws;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * One scaler in fleet mode over local fakes, with applications registered as the construct registers them (issue 21's
 * fleet contract): a configuration parameter per application under the fleet's path, state parameters and alarms
 * named after the fleet and the application, one scalable target per application on the shared API.
 */
final class FleetFixture implements AutoCloseable {

    static final String FLEET_ID = "test-fleet";
    static final String FLEET_PATH = "/kda-step-scaling/fleets/" + FLEET_ID;
    static final String API = "https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/scaling/";
    static final ObjectMapper JSON = new ObjectMapper();

    final FakeAws aws;
    private final ByteArrayOutputStream logBuffer = new ByteArrayOutputStream();
    private final ScalerClients clients;
    private final ScalerHandler handler;

    /** A fleet of {@code applications}, with the scaler's clients' attempt timeout {@code attemptTimeout}. */
    FleetFixture(Duration attemptTimeout, String... applications) {
        aws = FakeAws.start().acceptCredentials(ScalerFixture.ACCESS_KEY, ScalerFixture.SECRET);
        for (String application : applications) {
            register(application);
        }
        clients = ScalerClients.builder(
                        Region.US_EAST_1,
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(ScalerFixture.ACCESS_KEY, ScalerFixture.SECRET)))
                .endpointOverride(aws.endpoint())
                .timeouts(attemptTimeout, attemptTimeout.multipliedBy(2))
                .fixedRetryBackoff(Duration.ofMillis(5))
                .build();
        handler = new ScalerHandler(
                Map.of(ScalerEnvironment.FLEET_CONFIGURATION_PATH, FLEET_PATH),
                clients,
                new PrintStream(logBuffer, true, StandardCharsets.UTF_8),
                Clock.systemUTC());
    }

    static String configurationParameter(String application) {
        return FLEET_PATH + "/applications/" + application;
    }

    static String stateParameter(String application, String id) {
        return FLEET_PATH + "/state/" + application + "/" + id;
    }

    static String alarmName(String application, String kind) {
        return "kda-step-scaling-" + FLEET_ID + "-" + application + "-" + kind;
    }

    /** The configuration the construct writes for {@code application}: its single-application environment. */
    static Map<String, String> configuration(String application) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(ScalerEnvironment.APPLICATION_NAME, application);
        settings.put(ScalerEnvironment.DESIRED_CAPACITY_PARAMETER_NAME, stateParameter(application, "DesiredCapacity"));
        settings.put(ScalerEnvironment.RESCALE_ATTEMPT_PARAMETER_NAME, stateParameter(application, "LastRescale"));
        settings.put(ScalerEnvironment.SCALE_OUT_ALARM_NAME, alarmName(application, "ScaleOut"));
        settings.put(ScalerEnvironment.SCALE_IN_ALARM_NAME, alarmName(application, "ScaleIn"));
        settings.put(ScalerEnvironment.SIGNAL_KIND, "INCOMING_RECORDS");
        settings.put(ScalerEnvironment.SCALE_OUT_PER_KPU, "1000");
        settings.put(ScalerEnvironment.SCALE_IN_PER_KPU, "750");
        settings.put(ScalerEnvironment.MIN_CAPACITY, "1");
        settings.put(ScalerEnvironment.KPU_QUOTA, "64");
        settings.put(ScalerEnvironment.SCALABLE_TARGET_RESOURCE_ID, API + "scalableTargetDimensions/" + application);
        settings.put(ScalerEnvironment.ALLOW_SCALING_WITHOUT_SNAPSHOTS, "false");
        return settings;
    }

    /** Creates {@code application} with two KPUs and everything the construct deploys for it. */
    FakeApplication register(String application) {
        FakeApplication flink = aws.flink()
                .addApplication(application)
                .parallelism(2)
                .parallelismPerKpu(1)
                .autoScalingEnabled(false);
        aws.ssm().put(stateParameter(application, "DesiredCapacity"), ScalerEnvironment.NO_DESIRED_CAPACITY);
        aws.ssm().put(stateParameter(application, "LastRescale"), ScalerEnvironment.NO_DESIRED_CAPACITY);
        aws.applicationAutoScaling()
                .register(
                        "custom-resource",
                        API + "scalableTargetDimensions/" + application,
                        "custom-resource:ResourceType:Property",
                        1,
                        10);
        aws.cloudWatch().putAlarm(alarm(application, "ScaleOut", "GreaterThanOrEqualToThreshold", 2000));
        aws.cloudWatch().putAlarm(alarm(application, "ScaleIn", "LessThanThreshold", 750));
        try {
            aws.ssm().put(configurationParameter(application), JSON.writeValueAsString(configuration(application)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return flink;
    }

    private static Alarm alarm(String application, String kind, String comparison, double threshold) {
        Alarm.Metric incoming = new Alarm.Metric(
                "AWS/Kinesis", "IncomingRecords", List.of(new Alarm.Dimension("StreamName", application + "-stream")));
        return Alarm.builder(alarmName(application, kind))
                .actionsEnabled(true)
                .evaluationPeriods(2)
                .threshold(threshold)
                .comparisonOperator(comparison)
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
                                "recordsPerSecond", "incoming / 60", "records per second", true, null, null, null)))
                .build();
    }

    ScalerFixture.Response get(String dimensionId) {
        return send(ScalerFixture.event("get-scalable-target.json", dimensionId, null));
    }

    ScalerFixture.Response patch(String dimensionId, int capacity) {
        return send(ScalerFixture.event(
                "patch-scalable-target.json", dimensionId, "{\"desiredCapacity\": " + capacity + "}"));
    }

    private ScalerFixture.Response send(ObjectNode event) {
        return ScalerFixture.Response.of(ScalerFixture.read(handler.handle(event.toString())));
    }

    /** A scheduled reconcile within {@code budget}; returns the summary the handler answered. */
    JsonNode reconcile(Duration budget) {
        return ScalerFixture.read(handler.handle(ScalerFixture.resource("scheduled-reconcile.json"), null, budget));
    }

    ScalerHandler handler() {
        return handler;
    }

    /** The decision lines logged so far, parsed, each checked to be embedded metric format. */
    List<JsonNode> decisions() {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : logBuffer.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                JsonNode parsed = ScalerFixture.read(line);
                if (parsed.has("_aws")
                        && !EmbeddedMetricFormat.violations(parsed).isEmpty()) {
                    throw new AssertionError("not EMF: " + EmbeddedMetricFormat.violations(parsed) + " in " + line);
                }
                lines.add(parsed);
            }
        }
        return lines;
    }

    /** The decision line of {@code application} for {@code trigger} ({@code schedule}, {@code PATCH}...): one. */
    JsonNode decisionOf(String application, String trigger) {
        List<JsonNode> lines = decisions().stream()
                .filter(line -> application.equals(line.path("application").asText(null)))
                .filter(line -> trigger.equals(line.path("trigger").asText(null)))
                .toList();
        if (lines.size() != 1) {
            throw new AssertionError("expected one " + trigger + " line for " + application + ", got " + lines);
        }
        return lines.get(0);
    }

    int capacityOf(String application) {
        FakeApplication flink = aws.flink().application(application).orElseThrow();
        return flink.currentParallelism() / flink.parallelismPerKpu();
    }

    @Override
    public void close() {
        clients.close();
        aws.close();
    }
}
