package io.github.kdastepscaling.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;

/**
 * A template value with its intrinsics replaced by the longest values they take in practice, as compact JSON: what
 * IAM counts against its policy size limits (whitespace excluded).
 */
final class RealisticValues {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A reference to another resource: a name or ARN, taken long. */
    private static final String REFERENCE = "x".repeat(140);

    private RealisticValues() {}

    static String of(JsonNode value) {
        try {
            return JSON.writeValueAsString(resolve(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode resolve(JsonNode value) {
        if (value.isObject() && value.size() == 1) {
            Map.Entry<String, JsonNode> only = value.properties().iterator().next();
            switch (only.getKey()) {
                case "Ref" -> {
                    return new TextNode(
                            switch (only.getValue().asText()) {
                                case "AWS::Partition" -> "aws-us-gov";
                                case "AWS::Region" -> "ap-southeast-2";
                                case "AWS::AccountId" -> "123456789012";
                                case "AWS::URLSuffix" -> "amazonaws.com";
                                default -> REFERENCE;
                            });
                }
                case "Fn::GetAtt", "Fn::ImportValue" -> {
                    return new TextNode(REFERENCE);
                }
                case "Fn::Join" -> {
                    StringBuilder joined = new StringBuilder();
                    String separator = only.getValue().get(0).asText();
                    Iterator<JsonNode> parts = only.getValue().get(1).elements();
                    while (parts.hasNext()) {
                        joined.append(resolve(parts.next()).asText());
                        if (parts.hasNext()) {
                            joined.append(separator);
                        }
                    }
                    return new TextNode(joined.toString());
                }
                default -> {}
            }
        }
        if (value.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            value.properties().forEach(field -> copy.set(field.getKey(), resolve(field.getValue())));
            return copy;
        }
        if (value.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            value.elements().forEachRemaining(element -> copy.add(resolve(element)));
            return copy;
        }
        return value;
    }
}
