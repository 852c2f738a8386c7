package io.github.kdastepscaling.proof;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A small evaluator of resolved IAM policy documents: enough of IAM's logic to check this project's policies, and
 * strict about the rest (an unknown condition operator fails the test rather than being ignored).
 * <ul>
 *   <li>a request is allowed when an Allow statement matches it and no Deny statement does;</li>
 *   <li>actions match case-insensitively with {@code *} and {@code ?} wildcards, resources case-sensitively;</li>
 *   <li>principals: {@code *}, an account root ARN (any principal of that account), or an exact ARN;</li>
 *   <li>conditions: StringEquals, StringLike, ArnEquals, ArnLike, StringNotEquals, ArnNotLike and Bool, each
 *       with -IfExists, on the request's context keys.</li>
 * </ul>
 */
final class IamPolicy {

    private final List<Statement> statements;

    private IamPolicy(List<Statement> statements) {
        this.statements = List.copyOf(statements);
    }

    /** The statements of all given documents (resolved {@code PolicyDocument} values) together. */
    static IamPolicy of(List<JsonNode> documents) {
        List<Statement> statements = new ArrayList<>();
        for (JsonNode document : documents) {
            for (JsonNode statement : list(document.path("Statement"))) {
                statements.add(Statement.of(statement));
            }
        }
        return new IamPolicy(statements);
    }

    List<Statement> statements() {
        return statements;
    }

    /** Identity-policy evaluation: the caller is the policy's holder. */
    boolean allows(String action, String resource) {
        return allows(new Request(null, null, action, resource, Map.of()));
    }

    /** Whether a Deny statement matches: an explicit deny wins over every Allow, in any policy. */
    boolean denies(Request request) {
        return statements.stream().anyMatch(statement -> statement.deny() && statement.matches(request));
    }

    boolean allows(Request request) {
        boolean allowed = false;
        for (Statement statement : statements) {
            if (statement.matches(request)) {
                if (statement.deny()) {
                    return false;
                }
                allowed = true;
            }
        }
        return allowed;
    }

    /**
     * One request to evaluate.
     *
     * @param principalArn the caller, for resource policies (null for identity policies)
     * @param principalAccount the caller's account
     * @param action e.g. {@code kinesis:GetRecords}
     * @param resource the ARN acted on
     * @param context condition keys, e.g. {@code aws:PrincipalArn}
     */
    record Request(
            String principalArn,
            String principalAccount,
            String action,
            String resource,
            Map<String, String> context) {}

    /** One statement, with its lists normalised. */
    record Statement(
            String sid,
            boolean deny,
            List<String> principals,
            List<String> actions,
            List<String> resources,
            JsonNode condition) {

        static Statement of(JsonNode json) {
            if (json.has("NotAction") || json.has("NotResource") || json.has("NotPrincipal")) {
                throw new IllegalArgumentException("NotAction/NotResource/NotPrincipal are not evaluated: " + json);
            }
            List<String> principals = new ArrayList<>();
            JsonNode principal = json.get("Principal");
            if (principal != null) {
                if (principal.isTextual()) {
                    principals.add(principal.asText());
                } else {
                    principal
                            .properties()
                            .forEach(entry -> list(entry.getValue())
                                    .forEach(value -> principals.add(entry.getKey() + ":" + value.asText())));
                }
            }
            return new Statement(
                    json.path("Sid").asText(null),
                    "Deny".equals(json.path("Effect").asText()),
                    principals,
                    texts(json.path("Action")),
                    texts(json.path("Resource")),
                    json.get("Condition"));
        }

        boolean matches(Request request) {
            return actionMatches(request.action())
                    && resourceMatches(request.resource())
                    && principalMatches(request)
                    && conditionMatches(request.context());
        }

        boolean actionMatches(String action) {
            return actions.stream()
                    .anyMatch(pattern -> wildcard(pattern, true).matcher(action).matches());
        }

        boolean resourceMatches(String resource) {
            return resources.stream()
                    .anyMatch(pattern ->
                            wildcard(pattern, false).matcher(resource).matches());
        }

        private boolean principalMatches(Request request) {
            if (principals.isEmpty() || request.principalArn() == null) {
                return principals.isEmpty();
            }
            for (String principal : principals) {
                if (principal.equals("*") || principal.equals("AWS:*")) {
                    return true;
                }
                if (principal.startsWith("AWS:")) {
                    String arn = principal.substring(4);
                    if (arn.equals(request.principalArn())
                            || arn.equals("arn:aws:iam::" + request.principalAccount() + ":root")
                            || arn.equals(request.principalAccount())) {
                        return true;
                    }
                }
            }
            return false;
        }

        private boolean conditionMatches(Map<String, String> context) {
            if (condition == null) {
                return true;
            }
            for (Map.Entry<String, JsonNode> operator : condition.properties()) {
                for (Map.Entry<String, JsonNode> key : operator.getValue().properties()) {
                    if (!test(operator.getKey(), context.get(key.getKey()), texts(key.getValue()))) {
                        return false;
                    }
                }
            }
            return true;
        }

        private static boolean test(String operator, String value, List<String> expected) {
            boolean ifExists = operator.endsWith("IfExists");
            String base = ifExists ? operator.substring(0, operator.length() - "IfExists".length()) : operator;
            if (value == null) {
                return ifExists || base.contains("Not");
            }
            return switch (base) {
                case "StringEquals", "ArnEquals" -> expected.contains(value);
                case "StringLike", "ArnLike" ->
                    expected.stream()
                            .anyMatch(p -> wildcard(p, false).matcher(value).matches());
                case "StringNotEquals", "ArnNotEquals" -> !expected.contains(value);
                case "StringNotLike", "ArnNotLike" ->
                    expected.stream()
                            .noneMatch(p -> wildcard(p, false).matcher(value).matches());
                case "Bool" -> expected.contains(value.toLowerCase(Locale.ROOT));
                default -> throw new IllegalArgumentException("condition operator " + operator + " is not evaluated");
            };
        }
    }

    static Pattern wildcard(String pattern, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return ignoreCase
                ? Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE)
                : Pattern.compile(regex.toString());
    }

    private static List<JsonNode> list(JsonNode node) {
        List<JsonNode> values = new ArrayList<>();
        if (node == null || node.isMissingNode() || node.isNull()) {
            return values;
        }
        if (node.isArray()) {
            node.forEach(values::add);
        } else {
            values.add(node);
        }
        return values;
    }

    private static List<String> texts(JsonNode node) {
        return list(node).stream().map(JsonNode::asText).toList();
    }
}
