package io.github.kdastepscaling.proof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves CloudFormation intrinsic functions in a synthesized template to the values a deployment would give
 * them, so the template can be read as the account would see it: {@code Ref}, {@code Fn::GetAtt},
 * {@code Fn::Join}, {@code Fn::Sub}, {@code Fn::Select}, {@code Fn::Split}. Unknown functions fail loudly rather
 * than being guessed.
 */
final class Intrinsics {

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    private final FakeDeployment deployment;

    Intrinsics(FakeDeployment deployment) {
        this.deployment = deployment;
    }

    JsonNode resolve(JsonNode node) {
        if (node.isArray()) {
            ArrayNode resolved = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> resolved.add(resolve(element)));
            return resolved;
        }
        if (!node.isObject()) {
            return node;
        }
        if (node.size() == 1) {
            String key = node.fieldNames().next();
            JsonNode argument = node.get(key);
            switch (key) {
                case "Ref":
                    return text(deployment.ref(argument.asText()));
                case "Fn::GetAtt":
                    return text(getAtt(argument));
                case "Fn::Join":
                    return text(join(argument));
                case "Fn::Sub":
                    return text(sub(argument));
                case "Fn::Select":
                    return resolve(argument.get(1)).get(resolve(argument.get(0)).asInt());
                case "Fn::Split":
                    return split(argument);
                default:
                    if (key.startsWith("Fn::") || key.equals("Condition")) {
                        throw new IllegalArgumentException("unsupported intrinsic " + key + ": " + node);
                    }
            }
        }
        ObjectNode resolved = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            resolved.set(field.getKey(), resolve(field.getValue()));
        }
        return resolved;
    }

    String resolveText(JsonNode node) {
        return resolve(node).asText();
    }

    private String getAtt(JsonNode argument) {
        if (argument.isTextual()) {
            String[] parts = argument.asText().split("\\.", 2);
            return deployment.getAtt(parts[0], parts[1]);
        }
        return deployment.getAtt(
                argument.get(0).asText(), resolve(argument.get(1)).asText());
    }

    private String join(JsonNode argument) {
        String delimiter = argument.get(0).asText();
        StringBuilder joined = new StringBuilder();
        JsonNode parts = resolve(argument.get(1));
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                joined.append(delimiter);
            }
            joined.append(parts.get(i).asText());
        }
        return joined.toString();
    }

    private String sub(JsonNode argument) {
        String template =
                argument.isTextual() ? argument.asText() : argument.get(0).asText();
        JsonNode variables = argument.isArray() && argument.size() > 1 ? resolve(argument.get(1)) : null;
        Matcher matcher = SUB_VARIABLE.matcher(template);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            String value;
            if (variables != null && variables.has(name)) {
                value = variables.get(name).asText();
            } else if (name.contains(".") && !name.startsWith("AWS::")) {
                String[] parts = name.split("\\.", 2);
                value = deployment.getAtt(parts[0], parts[1]);
            } else {
                value = deployment.ref(name);
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(result);
        return result.toString().replace("${!", "${");
    }

    private JsonNode split(JsonNode argument) {
        ArrayNode parts = JsonNodeFactory.instance.arrayNode();
        for (String part : resolve(argument.get(1))
                .asText()
                .split(Pattern.quote(argument.get(0).asText()), -1)) {
            parts.add(part);
        }
        return parts;
    }

    private static JsonNode text(String value) {
        return TextNode.valueOf(value);
    }
}
