package io.github.kdastepscaling.lambda;

import io.github.kdastepscaling.policy.CapacityRange;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * Application Auto Scaling's {@code DescribeScalableTargets} (range and suspended state), for the one target this
 * scaler serves (see {@link AwsJsonClient} for why not the generated client: one call does not justify a service
 * model in the jar).
 */
public final class ScalableTargetClient implements AutoCloseable {

    static final AwsJsonClient.Service APPLICATION_AUTO_SCALING = new AwsJsonClient.Service(
            "ApplicationAutoScaling",
            "application-autoscaling",
            "AnyScaleFrontendService.",
            "application-autoscaling",
            "AWS_ENDPOINT_URL_APPLICATION_AUTO_SCALING");
    static final String SERVICE_NAMESPACE = "custom-resource";
    static final String SCALABLE_DIMENSION = "custom-resource:ResourceType:Property";

    private final AwsJsonClient client;

    /** @param client a client for {@link #APPLICATION_AUTO_SCALING} */
    ScalableTargetClient(AwsJsonClient client) {
        this.client = client;
    }

    /**
     * The target as it is now: its range and which scaling activities are suspended.
     *
     * @param range its current minimum and maximum capacity
     * @param suspension its {@code SuspendedState}
     */
    record Target(CapacityRange range, ScalingSuspension suspension) {}

    /**
     * The target's current minimum and maximum capacity, or empty when no such target is registered (as while
     * {@code RegisterScalableTarget} itself calls the endpoint, before the target exists).
     *
     * @param resourceId the target's {@code ResourceId}: the endpoint's URL for this application
     */
    public Optional<CapacityRange> currentRange(String resourceId) {
        return current(resourceId).map(Target::range);
    }

    /**
     * The target's current range and suspended state, from one {@code DescribeScalableTargets}; empty when no such
     * target is registered.
     *
     * @param resourceId the target's {@code ResourceId}: the endpoint's URL for this application
     */
    Optional<Target> current(String resourceId) {
        JsonNode response = client.call(
                "DescribeScalableTargets",
                w -> w.writeFieldName("ServiceNamespace")
                        .writeValue(SERVICE_NAMESPACE)
                        .writeFieldName("ResourceIds")
                        .writeStartArray()
                        .writeValue(resourceId)
                        .writeEndArray()
                        .writeFieldName("ScalableDimension")
                        .writeValue(SCALABLE_DIMENSION));
        Optional<JsonNode> target = response.field("ScalableTargets")
                .filter(JsonNode::isArray)
                .flatMap(targets -> targets.asArray().stream()
                        .filter(t -> t.field("ResourceId")
                                .map(JsonNode::asString)
                                .filter(resourceId::equals)
                                .isPresent())
                        .findFirst());
        if (target.isEmpty()) {
            return Optional.empty();
        }
        int min = capacity(target.get(), "MinCapacity");
        int max = capacity(target.get(), "MaxCapacity");
        CapacityRange range;
        try {
            range = new CapacityRange(Math.max(1, min), Math.max(Math.max(1, min), max));
        } catch (IllegalArgumentException e) {
            throw SdkClientException.create("DescribeScalableTargets answered an impossible range " + min + ".." + max);
        }
        return Optional.of(new Target(range, suspension(target.get())));
    }

    /** Each attribute is optional in the answer; one that is absent is not suspended (the API's default). */
    private static ScalingSuspension suspension(JsonNode target) {
        Optional<JsonNode> state = target.field("SuspendedState").filter(JsonNode::isObject);
        if (state.isEmpty()) {
            return ScalingSuspension.NONE;
        }
        return new ScalingSuspension(
                flag(state.get(), "DynamicScalingInSuspended"),
                flag(state.get(), "DynamicScalingOutSuspended"),
                flag(state.get(), "ScheduledScalingSuspended"));
    }

    private static boolean flag(JsonNode state, String field) {
        return state.field(field)
                .filter(JsonNode::isBoolean)
                .map(JsonNode::asBoolean)
                .orElse(false);
    }

    private static int capacity(JsonNode target, String field) {
        return target.field(field)
                .filter(JsonNode::isNumber)
                .map(n -> Integer.parseInt(n.asNumber()))
                .orElseThrow(
                        () -> SdkClientException.create("DescribeScalableTargets answered a target without " + field));
    }

    @Override
    public void close() {
        client.close();
    }
}
