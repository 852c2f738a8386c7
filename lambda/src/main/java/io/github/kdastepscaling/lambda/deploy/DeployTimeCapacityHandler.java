package io.github.kdastepscaling.lambda.deploy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.github.kdastepscaling.contract.DeployTimeResources;
import io.github.kdastepscaling.lambda.ScalerClients;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * The {@code onEvent} handler of the deploy-time capacity resource (aws-cdk-lib's provider framework calls it and
 * answers CloudFormation): on create and update it returns the parallelism to deploy as the attribute
 * {@value DeployTimeResources#PARALLELISM_ATTRIBUTE}; on delete it does nothing. A thrown exception fails the resource
 * with its message, which rolls the deploy back.
 */
public final class DeployTimeCapacityHandler implements RequestStreamHandler {

    private final DeployTimeCapacity capacity;
    private final PrintStream log;

    /** The constructor the Lambda runtime calls. */
    public DeployTimeCapacityHandler() {
        this(ScalerClients.forLambda(System.getenv("AWS_REGION")), System.out);
    }

    /** A handler with the given clients (tests point them at fakes). */
    public DeployTimeCapacityHandler(ScalerClients clients, PrintStream log) {
        this.capacity = new DeployTimeCapacity(clients.ssm()::getParameter);
        this.log = log;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        output.write(handle(new String(input.readAllBytes(), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8));
    }

    /** Answers one provider-framework event given as JSON text. */
    public String handle(String eventJson) {
        CustomResourceEvent event = CustomResourceEvent.parse(eventJson);
        JsonWriter json = JsonWriter.create().writeStartObject();
        if (!event.requestType().equals("Delete")) {
            DeployTimeCapacity.Result result = capacity.parallelism(
                    event.property(DeployTimeResources.PARAMETER_NAME),
                    event.intProperty(DeployTimeResources.PARALLELISM_PER_KPU),
                    event.intProperty(DeployTimeResources.INITIAL_CAPACITY),
                    event.intProperty(DeployTimeResources.KPU_QUOTA));
            log.println("deploy-time capacity: " + result.capacity() + " KPUs, parallelism " + result.parallelism()
                    + " (" + result.reason() + ")");
            json.writeFieldName("Data").writeStartObject()
                    .writeFieldName(DeployTimeResources.PARALLELISM_ATTRIBUTE)
                    .writeValue(Integer.toString(result.parallelism()))
                    .writeEndObject();
        }
        return new String(json.writeEndObject().getBytes(), StandardCharsets.UTF_8);
    }
}
