package io.github.kdastepscaling.proof;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kdastepscaling.fakes.FakeAws;
import io.github.kdastepscaling.fakes.RecordedCall;
import io.github.kdastepscaling.lambda.ScalerClients;
import io.github.kdastepscaling.lambda.deploy.DeployTimeCapacityHandler;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs the deploy-time capacity handler as CloudFormation would on the first deploy of a synthesized stack: against
 * fakes holding the stack's SSM parameters as created, with the custom resource's properties from the template.
 */
final class DeployTimeRun implements AutoCloseable {

    private final SynthesizedStack stack;
    private final FakeAws aws = ScalerRun.fakeAws();
    private final ScalerClients clients = ScalerRun.clientsFor(aws);

    DeployTimeRun(SynthesizedStack stack) {
        this.stack = stack;
        for (String parameterId : stack.logicalIds("AWS::SSM::Parameter")) {
            aws.ssm().put(stack.deployment().physicalName(parameterId),
                    stack.properties(parameterId).path("Value").asText());
        }
    }

    FakeAws aws() {
        return aws;
    }

    /** The parallelism the first deploy gives the application, as the handler answers it. */
    int firstDeployParallelism() {
        String resourceId = stack.onlyLogicalId("Custom::KdaStepScalingDeployTimeCapacity", "");
        JsonNode properties = stack.properties(resourceId);
        String event = "{\"RequestType\":\"Create\",\"ResourceProperties\":" + properties + "}";
        String answer = new DeployTimeCapacityHandler(clients, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8)).handle(event);
        try {
            return SynthesizedStack.JSON.readTree(answer).path("Data").path("Parallelism").asInt();
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + answer, e);
        }
    }

    List<RecordedCall> calls() {
        return aws.calls();
    }

    @Override
    public void close() {
        clients.close();
        aws.close();
    }
}
