package io.github.kdastepscaling.lambda.deploy;

import com.amazonaws.services.lambda.runtime.Context;
import io.github.kdastepscaling.contract.DeployTimeResources;
import io.github.kdastepscaling.lambda.ScalerClients;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * The start-on-create resource's two handlers for aws-cdk-lib's provider framework: {@link #onEvent} starts a newly
 * created application, {@link #isComplete} reports when it runs (or fails the resource, with the reason, when it
 * does not). Both are entry points of the same Lambda function, chosen by the handler string.
 */
public final class StartOnCreateHandler {

    private final StartOnCreate start;
    private final PrintStream log;

    /** The constructor the Lambda runtime calls. */
    public StartOnCreateHandler() {
        this(ScalerClients.forLambda(System.getenv("AWS_REGION")), System.out);
    }

    /** A handler with the given clients (tests point them at fakes). */
    public StartOnCreateHandler(ScalerClients clients, PrintStream log) {
        this.start = new StartOnCreate(clients.flink(), Clock.systemUTC());
        this.log = log;
    }

    /** The provider framework's {@code onEvent}. */
    public void onEvent(InputStream input, OutputStream output, Context context) throws IOException {
        output.write(onEvent(read(input)).getBytes(StandardCharsets.UTF_8));
    }

    /** The provider framework's {@code isComplete}. */
    public void isComplete(InputStream input, OutputStream output, Context context) throws IOException {
        output.write(isComplete(read(input)).getBytes(StandardCharsets.UTF_8));
    }

    public String onEvent(String eventJson) {
        CustomResourceEvent event = CustomResourceEvent.parse(eventJson);
        String name = event.property(DeployTimeResources.APPLICATION_NAME);
        StartOnCreate.Started started = start.onEvent(
                event.requestType(),
                name,
                event.oldProperty(DeployTimeResources.APPLICATION_NAME).orElse(name),
                event.property(DeployTimeResources.RESTORE_TYPE));
        log.println("start on create: " + started.reason());
        JsonWriter json = JsonWriter.create().writeStartObject();
        json.writeFieldName("PhysicalResourceId").writeValue(name);
        json.writeFieldName("Data")
                .writeStartObject()
                .writeFieldName(DeployTimeResources.STARTED)
                .writeValue(Boolean.toString(started.started()))
                .writeEndObject();
        return new String(json.writeEndObject().getBytes(), StandardCharsets.UTF_8);
    }

    public String isComplete(String eventJson) {
        CustomResourceEvent event = CustomResourceEvent.parse(eventJson);
        boolean complete =
                !event.dataField(DeployTimeResources.STARTED).orElse("false").equals("true")
                        || start.isComplete(event.property(DeployTimeResources.APPLICATION_NAME));
        return "{\"IsComplete\":" + complete + "}";
    }

    private static String read(InputStream input) throws IOException {
        return new String(input.readAllBytes(), StandardCharsets.UTF_8);
    }
}
