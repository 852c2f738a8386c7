package io.github.kdastepscaling.proof;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kdastepscaling.contract.LearningSeries;
import io.github.kdastepscaling.contract.MetricSeries;
import io.github.kdastepscaling.contract.MetricSeriesText;
import io.github.kdastepscaling.contract.ScalerEnvironment;
import io.github.kdastepscaling.fakes.Alarm;
import io.github.kdastepscaling.fakes.FakeApplication;
import io.github.kdastepscaling.fakes.FakeAws;
import io.github.kdastepscaling.fakes.RecordedCall;
import io.github.kdastepscaling.lambda.ScalerClients;
import io.github.kdastepscaling.lambda.ScalerHandler;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Runs the real scaler, configured with the environment the synthesized template gives its function, against
 * fakes holding the resources the template creates (same names, same account and region), through a full
 * scale-out and scale-in; records every AWS call it made. The scalable target is registered in the fake as the
 * template declares it, so the scaler reads its range by the resource id its environment names.
 */
final class ScalerRun implements AutoCloseable {

    private final FakeAws aws = fakeAws();
    private final Map<String, String> environment = new HashMap<>();
    private final ScalerClients clients;
    private final ScalerHandler handler;
    private final FakeApplication application;
    private int targetMaxCapacity;

    ScalerRun(SynthesizedStack stack, String functionLogicalId, int parallelismPerKpu, int initialParallelism) {
        stack.properties(functionLogicalId)
                .path("Environment")
                .path("Variables")
                .properties()
                .forEach(variable ->
                        environment.put(variable.getKey(), variable.getValue().asText()));
        application = aws.flink()
                .addApplication(environment.get(ScalerEnvironment.APPLICATION_NAME))
                .parallelismPerKpu(parallelismPerKpu)
                .parallelism(initialParallelism)
                .autoScalingEnabled(false);
        for (String parameterId : stack.logicalIds("AWS::SSM::Parameter")) {
            JsonNode parameter = stack.properties(parameterId);
            aws.ssm()
                    .put(
                            stack.deployment().physicalName(parameterId),
                            parameter.path("Value").asText());
        }
        seedOldRescalesBeyondTheRetention();
        seedLearningMetrics();
        for (String targetId : stack.logicalIds("AWS::ApplicationAutoScaling::ScalableTarget")) {
            JsonNode target = stack.properties(targetId);
            aws.applicationAutoScaling()
                    .register(
                            target.path("ServiceNamespace").asText(),
                            target.path("ResourceId").asText(),
                            target.path("ScalableDimension").asText(),
                            target.path("MinCapacity").asInt(),
                            target.path("MaxCapacity").asInt());
            targetMaxCapacity = target.path("MaxCapacity").asInt();
        }
        for (String alarmId : stack.scalingAlarmIds()) {
            aws.cloudWatch().putAlarm(alarm(stack.properties(alarmId)));
        }
        clients = clientsFor(aws);
        handler = new ScalerHandler(
                environment, clients, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    /**
     * With snapshot retention on, a history of rescales older than the retention keeps, each with the snapshot the
     * service took for it: the reconcile after the run's first rescale prunes, so the proof sees the deletions the
     * role must allow.
     */
    private void seedOldRescalesBeyondTheRetention() {
        String history = environment.get(ScalerEnvironment.RESCALE_HISTORY_PARAMETER_NAME);
        if (history == null) {
            return;
        }
        int keep = Integer.parseInt(environment.getOrDefault(ScalerEnvironment.SNAPSHOT_RETENTION_KEEP_COUNT, "10"));
        Instant longAgo = Instant.now().minus(Duration.ofDays(20));
        StringBuilder entries = new StringBuilder();
        for (int i = 0; i < keep + 2; i++) {
            Instant submitted = longAgo.plus(Duration.ofHours(i));
            entries.append(entries.length() == 0 ? "" : " ")
                    .append(i + 2)
                    .append('@')
                    .append(submitted.toEpochMilli());
            application.addSnapshot("old-rescale-" + i, submitted.plusSeconds(30), i + 2, "READY");
        }
        aws.ssm().put(history, entries.toString());
    }

    /**
     * With rate learning on, half an hour of every series the scaler reads (a job that keeps up: it consumes what
     * comes in, no lag, no throttling), so the scheduled reconcile's GetMetricData reads real datapoints by the names
     * the template gives them.
     */
    private void seedLearningMetrics() {
        seedLearningMetrics(aws, environment.get(ScalerEnvironment.LEARNING_METRICS));
    }

    /**
     * Half an hour of every series {@code learningMetrics} (the scaler's LEARNING_METRICS text; null: none) names on
     * {@code aws}'s CloudWatch: a sole consumer keeping up at 30,000 records a minute, no lag, no throttling.
     */
    static void seedLearningMetrics(FakeAws aws, String learningMetrics) {
        if (learningMetrics == null) {
            return;
        }
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        for (MetricSeries series : MetricSeriesText.parse(ScalerEnvironment.LEARNING_METRICS, learningMetrics)) {
            double value =
                    series.id().equals(LearningSeries.CONSUMED) || series.id().equals(LearningSeries.INCOMING)
                            ? 30_000
                            : 0;
            for (int ago = 1; ago <= 30; ago++) {
                aws.cloudWatch()
                        .putDatapoint(
                                series.namespace(),
                                series.metricName(),
                                series.dimensions(),
                                minute.minus(Duration.ofMinutes(ago)),
                                value);
            }
        }
    }

    /** Fakes in the deployment's account and region that verify the proofs' key's signatures. */
    static FakeAws fakeAws() {
        return FakeAws.start(FakeDeployment.ACCOUNT, FakeDeployment.REGION).acceptCredentials("AKIDPROOF", "secret");
    }

    /** Clients as the Lambdas build them, pointed at {@code aws}, with short timeouts and backoff. */
    static ScalerClients clientsFor(FakeAws aws) {
        return ScalerClients.builder(
                        Region.of(FakeDeployment.REGION),
                        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDPROOF", "secret")))
                .endpointOverride(aws.endpoint())
                .timeouts(Duration.ofSeconds(1), Duration.ofSeconds(3))
                .fixedRetryBackoff(Duration.ofMillis(5))
                .build();
    }

    Map<String, String> environment() {
        return environment;
    }

    FakeAws aws() {
        return aws;
    }

    /**
     * Priming, then out to the maximum and back in to the minimum, by PATCH, GET and scheduled reconcile; then a
     * reconcile that finds the desired-capacity parameter deleted (and writes it back).
     */
    List<RecordedCall> scaleOutAndIn() {
        int min = Integer.parseInt(environment.get(ScalerEnvironment.MIN_CAPACITY));
        int max = targetMaxCapacity;
        handler.beforeCheckpoint(null);
        expectStatus(get(), 200);
        expectStatus(patch(max), 200);
        expectStatus(patch(max), 200);
        aws.flink().completeTransitions();
        handler.handle(scheduledEvent());
        expectStatus(patch(min), 200);
        aws.flink().completeTransitions();
        expectStatus(get(), 200);
        if (application.currentParallelism() != min * application.parallelismPerKpu()) {
            throw new AssertionError("the scaler did not scale back in to " + min + " KPUs");
        }
        // State deleted behind the scaler's back: the reconcile writes the parameter back and checks the alarms.
        String desired = environment.get(ScalerEnvironment.DESIRED_CAPACITY_PARAMETER_NAME);
        aws.ssm().delete(desired);
        handler.handle(scheduledEvent());
        if (!aws.ssm().value(desired).equals(Optional.of(Integer.toString(min)))) {
            throw new AssertionError("the reconcile did not write " + min + " back to the deleted " + desired);
        }
        return aws.calls();
    }

    /** A PATCH to {@code capacity}, the rescale completed, then a scheduled reconcile: the job runs at it. */
    void scaleTo(int capacity) {
        expectStatus(patch(capacity), 200);
        aws.flink().completeTransitions();
        handler.handle(scheduledEvent());
        if (application.currentParallelism() != capacity * application.parallelismPerKpu()) {
            throw new AssertionError("the scaler did not scale to " + capacity + " KPUs");
        }
    }

    private String get() {
        return handler.handle(apiEvent("GET", application.name(), null));
    }

    private String patch(int capacity) {
        return handler.handle(apiEvent("PATCH", application.name(), "{\"desiredCapacity\":" + capacity + "}"));
    }

    static void expectStatus(String proxyAnswer, int status) {
        if (!proxyAnswer.contains("\"statusCode\":" + status)) {
            throw new AssertionError("expected HTTP " + status + ": " + proxyAnswer);
        }
    }

    /** An API Gateway proxy event for the scaling endpoint, as the custom-resource scalable target sends it. */
    static String apiEvent(String method, String dimensionId, String body) {
        var event = SynthesizedStack.JSON.createObjectNode();
        event.put("httpMethod", method);
        event.put("resource", "/scalableTargetDimensions/{scalableTargetDimensionId}");
        event.put("path", "/scalableTargetDimensions/" + dimensionId);
        event.putObject("pathParameters").put("scalableTargetDimensionId", dimensionId);
        event.put("body", body);
        event.put("isBase64Encoded", false);
        return event.toString();
    }

    private static String scheduledEvent() {
        return "{\"version\":\"0\",\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\",\"detail\":{}}";
    }

    /** The fake's copy of an alarm the template defines. */
    static Alarm alarm(JsonNode properties) {
        List<Alarm.MetricQuery> metrics = new ArrayList<>();
        for (JsonNode query : properties.path("Metrics")) {
            Alarm.MetricStat stat = null;
            if (query.has("MetricStat")) {
                JsonNode metricStat = query.get("MetricStat");
                List<Alarm.Dimension> dimensions = new ArrayList<>();
                metricStat
                        .path("Metric")
                        .path("Dimensions")
                        .forEach(d -> dimensions.add(new Alarm.Dimension(
                                d.get("Name").asText(), d.get("Value").asText())));
                stat = new Alarm.MetricStat(
                        new Alarm.Metric(
                                metricStat.path("Metric").path("Namespace").asText(),
                                metricStat.path("Metric").path("MetricName").asText(),
                                dimensions),
                        metricStat.path("Period").asInt(),
                        metricStat.path("Stat").asText(),
                        null);
            }
            metrics.add(new Alarm.MetricQuery(
                    query.get("Id").asText(),
                    text(query, "Expression"),
                    text(query, "Label"),
                    query.has("ReturnData") ? query.get("ReturnData").asBoolean() : null,
                    null,
                    null,
                    stat));
        }
        List<String> actions = new ArrayList<>();
        properties.path("AlarmActions").forEach(action -> actions.add(action.asText()));
        return Alarm.builder(properties.get("AlarmName").asText())
                .alarmDescription(text(properties, "AlarmDescription"))
                .actionsEnabled(true)
                .alarmActions(actions)
                .comparisonOperator(properties.get("ComparisonOperator").asText())
                .evaluationPeriods(properties.get("EvaluationPeriods").asInt())
                .datapointsToAlarm(
                        properties.has("DatapointsToAlarm")
                                ? properties.get("DatapointsToAlarm").asInt()
                                : null)
                .threshold(properties.get("Threshold").asDouble())
                .treatMissingData(text(properties, "TreatMissingData"))
                .metrics(metrics)
                .build();
    }

    private static String text(JsonNode node, String field) {
        return node.has(field) ? node.get(field).asText() : null;
    }

    @Override
    public void close() {
        clients.close();
        aws.close();
    }
}
