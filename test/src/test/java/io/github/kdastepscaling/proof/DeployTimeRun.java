package io.github.kdastepscaling.proof;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kdastepscaling.contract.DeployTimeResources;
import io.github.kdastepscaling.fakes.FakeAws;
import io.github.kdastepscaling.fakes.RecordedCall;
import io.github.kdastepscaling.lambda.ScalerClients;
import io.github.kdastepscaling.lambda.deploy.DeployTimeCapacityHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs the deploy-time capacity handler as CloudFormation would deploy a synthesized stack: against fakes holding the
 * stack's SSM parameters as created (or the fakes a scaler has run against since, for a redeploy), with the custom
 * resources' properties from the template. Each answer is recorded in the stack's deployment, so the resources that
 * read its attributes (the application's parallelism, the alarms' thresholds) resolve to it.
 */
final class DeployTimeRun implements AutoCloseable {

    private final SynthesizedStack stack;
    private final FakeAws aws;
    private final boolean ownsFakes;
    private final ScalerClients clients;

    /** A first deploy: fakes of its own, with the stack's parameters as created. */
    DeployTimeRun(SynthesizedStack stack) {
        this(stack, ScalerRun.fakeAws(), true);
        for (String parameterId : stack.logicalIds("AWS::SSM::Parameter")) {
            aws.ssm()
                    .put(
                            stack.deployment().physicalName(parameterId),
                            stack.properties(parameterId).path("Value").asText());
        }
    }

    /** A redeploy of {@code stack} into {@code aws}, where the stack already runs (a scaler has stored its desire). */
    static DeployTimeRun redeploy(SynthesizedStack stack, FakeAws aws) {
        return new DeployTimeRun(stack, aws, false);
    }

    private DeployTimeRun(SynthesizedStack stack, FakeAws aws, boolean ownsFakes) {
        this.stack = stack;
        this.aws = aws;
        this.ownsFakes = ownsFakes;
        this.clients = ScalerRun.clientsFor(aws);
    }

    FakeAws aws() {
        return aws;
    }

    /** The parallelism the first deploy gives the application, as the handler answers it. */
    int firstDeployParallelism() {
        return run(DeployTimeResources.CAPACITY_TYPE, "Create")
                .path(DeployTimeResources.PARALLELISM_ATTRIBUTE)
                .asInt();
    }

    /**
     * Runs the thresholds resource ({@code Create} on a first deploy, {@code Update} when a redeploy re-runs it) and
     * answers its attributes: the load alarms' thresholds as the deploy writes them.
     */
    JsonNode deployThresholds(String requestType) {
        return run(DeployTimeResources.THRESHOLDS_TYPE, requestType);
    }

    private JsonNode run(String type, String requestType) {
        String resourceId = stack.onlyLogicalId(type, "");
        JsonNode properties = stack.properties(resourceId);
        String event = "{\"RequestType\":\"" + requestType + "\",\"ResourceType\":\"" + type
                + "\",\"ResourceProperties\":" + properties + "}";
        String answer = new DeployTimeCapacityHandler(
                        clients, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                .handle(event);
        try {
            JsonNode data = SynthesizedStack.JSON.readTree(answer).path("Data");
            stack.deployment().answered(resourceId, data);
            return data;
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + answer, e);
        }
    }

    List<RecordedCall> calls() {
        return aws.calls();
    }

    @Override
    public void close() {
        clients.close();
        if (ownsFakes) {
            aws.close();
        }
    }
}
