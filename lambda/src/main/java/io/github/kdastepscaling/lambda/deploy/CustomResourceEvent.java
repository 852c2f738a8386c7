package io.github.kdastepscaling.lambda.deploy;

import io.github.kdastepscaling.lambda.TextValue;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * The parts of a CloudFormation custom-resource event, as aws-cdk-lib's provider framework passes it to an
 * {@code onEvent} or {@code isComplete} handler, that the deploy-time handlers read.
 *
 * @param requestType {@code Create}, {@code Update} or {@code Delete}
 * @param resourceType the resource's type, {@code Custom::...}, or empty when the event has none
 * @param properties the resource's properties now
 * @param oldProperties the properties before an update, or an empty object
 * @param data the {@code Data} the {@code onEvent} handler returned (in an {@code isComplete} event), or an empty object
 */
record CustomResourceEvent(
        String requestType, String resourceType, JsonNode properties, JsonNode oldProperties, JsonNode data) {

    static CustomResourceEvent parse(String json) {
        JsonNode event = JsonNode.parser().parse(json);
        if (!event.isObject()) {
            throw new IllegalArgumentException("the event is not a custom-resource event: " + json);
        }
        return new CustomResourceEvent(
                event.field("RequestType")
                        .map(JsonNode::asString)
                        .orElseThrow(() -> new IllegalArgumentException("the event has no RequestType")),
                event.field("ResourceType")
                        .filter(JsonNode::isString)
                        .map(JsonNode::asString)
                        .orElse(""),
                event.field("ResourceProperties").orElse(JsonNode.emptyObjectNode()),
                event.field("OldResourceProperties").orElse(JsonNode.emptyObjectNode()),
                event.field("Data").orElse(JsonNode.emptyObjectNode()));
    }

    /**
     * A required property, as text (CloudFormation passes every property as a string).
     *
     * @throws IllegalArgumentException naming the property when it is missing
     */
    String property(String name) {
        return text(properties, name)
                .orElseThrow(() -> new IllegalArgumentException("the custom resource has no property " + name));
    }

    /** Whether the event carries the property (an optional one). */
    boolean hasProperty(String name) {
        return text(properties, name).isPresent();
    }

    /**
     * A required whole-number property.
     *
     * @throws IllegalArgumentException naming the property and the value when it is missing or not a whole number
     */
    int intProperty(String name) {
        return parsed(name, Integer::parseInt, number -> true, "a whole number");
    }

    /**
     * A required decimal property.
     *
     * @throws IllegalArgumentException naming the property and the value when it is missing or not a finite number
     */
    double numberProperty(String name) {
        return parsed(name, Double::parseDouble, Double::isFinite, "a number");
    }

    /** @throws IllegalArgumentException naming the property and its value, which is not {@code what} */
    private <T> T parsed(String name, Function<String, T> parse, Predicate<T> accept, String what) {
        String value = property(name);
        return TextValue.parse(value.trim(), parse, accept)
                .orElseThrow(() -> new IllegalArgumentException(
                        "the custom resource's property " + name + " (" + value + ") is not " + what));
    }

    Optional<String> oldProperty(String name) {
        return text(oldProperties, name);
    }

    Optional<String> dataField(String name) {
        return text(data, name);
    }

    private static Optional<String> text(JsonNode object, String name) {
        if (!object.isObject()) {
            return Optional.empty();
        }
        JsonNode value = object.asObject().get(name);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        return Optional.of(
                value.isString() ? value.asString() : value.isNumber() ? value.asNumber() : value.toString());
    }
}
