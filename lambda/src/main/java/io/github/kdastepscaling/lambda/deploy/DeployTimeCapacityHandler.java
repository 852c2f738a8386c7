package io.github.kdastepscaling.lambda.deploy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.github.kdastepscaling.contract.DeployTimeResources;
import io.github.kdastepscaling.lambda.ScalerClients;
import io.github.kdastepscaling.policy.NumberText;
import io.github.kdastepscaling.policy.ScaledLoad;
import io.github.kdastepscaling.policy.ScalingThresholds;
import io.github.kdastepscaling.policy.SignalKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * The {@code onEvent} handler of the deploy-time capacity resources (aws-cdk-lib's provider framework calls it and
 * answers CloudFormation), both read from the stored desired capacity. On create and update it returns, by the event's
 * resource type, the parallelism to deploy (attribute {@value DeployTimeResources#PARALLELISM_ATTRIBUTE}) or the load
 * alarms' thresholds (attributes {@value DeployTimeResources#SCALE_OUT_THRESHOLD_ATTRIBUTE} and
 * {@value DeployTimeResources#SCALE_IN_THRESHOLD_ATTRIBUTE}, and with learning
 * {@value DeployTimeResources#LEARNED_RATE_ATTRIBUTE}, the rate the scaled load divides by); on delete it does
 * nothing. A thrown exception fails the resource with its message, which rolls the deploy back.
 */
public final class DeployTimeCapacityHandler implements RequestStreamHandler {

    private final DeployTimeCapacity capacity;
    private final DeployTimeThresholds thresholds;
    private final PrintStream log;

    /** The constructor the Lambda runtime calls. */
    public DeployTimeCapacityHandler() {
        this(ScalerClients.forLambda(System.getenv("AWS_REGION")), System.out);
    }

    /** A handler with the given clients (tests point them at fakes). */
    public DeployTimeCapacityHandler(ScalerClients clients, PrintStream log) {
        this.capacity = new DeployTimeCapacity(clients.ssm()::getParameter);
        this.thresholds = new DeployTimeThresholds(
                capacity, clients.scalableTargets()::currentRange, clients.ssm()::getParameter);
        this.log = log;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        output.write(
                handle(new String(input.readAllBytes(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    }

    /** Answers one provider-framework event given as JSON text. */
    public String handle(String eventJson) {
        CustomResourceEvent event = CustomResourceEvent.parse(eventJson);
        JsonWriter json = JsonWriter.create().writeStartObject();
        if (!event.requestType().equals("Delete")) {
            json.writeFieldName("Data").writeStartObject();
            if (event.resourceType().equals(DeployTimeResources.THRESHOLDS_TYPE)) {
                writeThresholds(event, json);
            } else {
                writeParallelism(event, json);
            }
            json.writeEndObject();
        }
        return new String(json.writeEndObject().getBytes(), StandardCharsets.UTF_8);
    }

    private void writeParallelism(CustomResourceEvent event, JsonWriter json) {
        DeployTimeCapacity.Result result = capacity.parallelism(
                event.property(DeployTimeResources.PARAMETER_NAME),
                event.intProperty(DeployTimeResources.PARALLELISM_PER_KPU),
                event.intProperty(DeployTimeResources.INITIAL_CAPACITY),
                event.intProperty(DeployTimeResources.KPU_QUOTA));
        log.println("deploy-time capacity: " + result.capacity() + " KPUs, parallelism " + result.parallelism() + " ("
                + result.reason() + ")");
        json.writeFieldName(DeployTimeResources.PARALLELISM_ATTRIBUTE)
                .writeValue(Integer.toString(result.parallelism()));
    }

    private void writeThresholds(CustomResourceEvent event, JsonWriter json) {
        String kindName = event.property(DeployTimeResources.SIGNAL_KIND);
        SignalKind kind;
        try {
            kind = SignalKind.valueOf(kindName);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the custom resource's property " + DeployTimeResources.SIGNAL_KIND
                    + " (" + kindName + ") is not a signal kind");
        }
        ScalingThresholds configured = ScalingThresholds.load(
                kind,
                event.numberProperty(DeployTimeResources.SCALE_OUT_PER_KPU),
                event.numberProperty(DeployTimeResources.SCALE_IN_PER_KPU),
                event.intProperty(DeployTimeResources.MIN_CAPACITY));
        DeployTimeThresholds.Result result = thresholds.thresholds(
                event.property(DeployTimeResources.PARAMETER_NAME),
                event.intProperty(DeployTimeResources.INITIAL_CAPACITY),
                event.intProperty(DeployTimeResources.KPU_QUOTA),
                configured,
                event.property(DeployTimeResources.SCALABLE_TARGET_RESOURCE_ID),
                !event.hasProperty(DeployTimeResources.LEARNED_RATE_PARAMETER_NAME)
                        ? null
                        : new DeployTimeThresholds.Learning(
                                event.property(DeployTimeResources.LEARNED_RATE_PARAMETER_NAME),
                                event.numberProperty(DeployTimeResources.LEARNING_MIN_RATE_PER_KPU),
                                event.numberProperty(DeployTimeResources.LEARNING_MAX_RATE_PER_KPU)));
        log.println("deploy-time thresholds: scale out at " + NumberText.of(result.scaleOut()) + ", scale in below "
                + NumberText.of(result.scaleIn())
                + (Double.isNaN(result.learnedScaleOutPerKpu())
                        ? ""
                        : " of "
                                + ScaledLoad.expression(
                                        ScaledLoad.plain(configured.scaleOutPerKpu()),
                                        ScaledLoad.plain(result.learnedScaleOutPerKpu())))
                + " for " + result.capacity() + " KPUs (" + result.reason() + ")");
        json.writeFieldName(DeployTimeResources.SCALE_OUT_THRESHOLD_ATTRIBUTE)
                .writeValue(NumberText.of(result.scaleOut()))
                .writeFieldName(DeployTimeResources.SCALE_IN_THRESHOLD_ATTRIBUTE)
                .writeValue(NumberText.of(result.scaleIn()));
        if (!Double.isNaN(result.learnedScaleOutPerKpu())) {
            json.writeFieldName(DeployTimeResources.LEARNED_RATE_ATTRIBUTE)
                    .writeValue(ScaledLoad.plain(result.learnedScaleOutPerKpu()));
        }
    }
}
