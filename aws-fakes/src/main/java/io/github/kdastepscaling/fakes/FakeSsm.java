package io.github.kdastepscaling.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Fake of SSM Parameter Store (GetParameter, GetParametersByPath, PutParameter, DeleteParameter), keeping versions
 * and the overwrite rule because the scaler stores its state there and must not silently clobber it.
 * GetParametersByPath pages as the service does: at most {@code MaxResults} (1 to 10, default 10) a page, an
 * opaque {@code NextToken} while more remain, {@code InvalidNextToken} for a token it did not give.
 * Parameters created without {@code Type} get {@code String}. An {@code AllowedPattern} is stored with the
 * parameter and checked on later puts that do not send one.
 */
public final class FakeSsm {

    private static final class Param {
        String type;
        String value;
        long version;
        String allowedPattern;
        String description;
        Instant lastModified;
    }

    /** The largest page GetParametersByPath gives, and its default. */
    static final int MAX_RESULTS = 10;

    private static final String TOKEN_PREFIX = "fake-ssm-page:";

    private final String accountId;
    private final String region;
    private final Map<String, Param> params = new HashMap<>();

    FakeSsm(String accountId, String region) {
        this.accountId = accountId;
        this.region = region;
    }

    /** Creates or overwrites a String parameter, as PutParameter with Overwrite=true would. */
    public synchronized void put(String name, String value) {
        Param p = params.get(name);
        if (p == null) {
            p = new Param();
            p.type = "String";
            params.put(name, p);
        }
        p.value = value;
        p.version++;
        p.lastModified = Instant.now();
    }

    /** @return the current value, empty if the parameter does not exist */
    public synchronized Optional<String> value(String name) {
        Param p = params.get(name);
        return p == null ? Optional.empty() : Optional.of(p.value);
    }

    /** @return the current version (1 after creation, +1 per overwrite), 0 if the parameter does not exist */
    public synchronized long version(String name) {
        Param p = params.get(name);
        return p == null ? 0 : p.version;
    }

    /** Deletes a parameter if it exists. */
    public synchronized void delete(String name) {
        params.remove(name);
    }

    /** @return {@code arn:aws:ssm:REGION:ACCOUNT:parameter/NAME}, without a double slash for names like /a/b */
    public String arn(String name) {
        String path = name.startsWith("/") ? name.substring(1) : name;
        return "arn:aws:ssm:" + region + ":" + accountId + ":parameter/" + path;
    }

    // ------------------------------------------------------------------------------------------------ wire side

    List<String> resourceArns(String operation, JsonNode in) {
        JsonNode n = in.get("Name");
        if (n != null && n.isTextual()) {
            return List.of(arn(n.asText()));
        }
        JsonNode path = in.get("Path");
        if (path != null && path.isTextual()) {
            // GetParametersByPath is authorised on the path itself, not on the parameters it returns.
            return List.of(arn(path.asText()));
        }
        JsonNode names = in.get("Names");
        if (names != null && names.isArray()) {
            ArrayList<String> arns = new ArrayList<>();
            names.forEach(x -> arns.add(arn(x.asText())));
            return arns;
        }
        return List.of();
    }

    ObjectNode execute(String operation, JsonNode in) {
        switch (operation) {
            case "GetParameter":
                return get(in);
            case "GetParametersByPath":
                return getByPath(in);
            case "PutParameter":
                return putParameter(in);
            case "DeleteParameter":
                return deleteParameter(in);
            default:
                throw ApiException.badRequest(
                        "UnknownOperationException", "The fake SSM does not implement " + operation);
        }
    }

    private static String requiredName(JsonNode in) {
        JsonNode n = in.get("Name");
        if (n == null || !n.isTextual() || n.asText().isEmpty()) {
            throw ApiException.badRequest("ValidationException", "Name is required");
        }
        return n.asText();
    }

    private synchronized ObjectNode get(JsonNode in) {
        String name = requiredName(in);
        Param p = params.get(name);
        if (p == null) {
            throw ApiException.badRequest("ParameterNotFound", "Parameter " + name + " not found.");
        }
        ObjectNode out = FakeAws.MAPPER.createObjectNode();
        describe(out.putObject("Parameter"), name, p);
        return out;
    }

    /**
     * One page of the parameters under {@code Path}, in name order: its direct children, or with {@code Recursive}
     * every descendant. The token is the last name returned, encoded, so a page is stable against later puts.
     */
    private synchronized ObjectNode getByPath(JsonNode in) {
        JsonNode pathNode = in.get("Path");
        if (pathNode == null || !pathNode.isTextual() || pathNode.asText().isEmpty()) {
            throw ApiException.badRequest("ValidationException", "Path is required");
        }
        String path = pathNode.asText();
        if (!path.startsWith("/")) {
            throw ApiException.badRequest(
                    "ValidationException",
                    "The parameter path " + path
                            + " is not valid. A parameter path must begin with a forward slash (/).");
        }
        if (in.has("ParameterFilters")) {
            throw ApiException.badRequest("ValidationException", "The fake SSM does not implement ParameterFilters");
        }
        int maxResults = in.path("MaxResults").asInt(MAX_RESULTS);
        if (maxResults < 1 || maxResults > MAX_RESULTS) {
            throw ApiException.badRequest(
                    "ValidationException",
                    "1 validation error detected: Value '" + maxResults
                            + "' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to "
                            + MAX_RESULTS + " and greater than or equal to 1");
        }
        boolean recursive = in.path("Recursive").asBoolean(false);
        String prefix = path.endsWith("/") ? path : path + "/";
        String after = in.has("NextToken") ? decodeToken(in.get("NextToken").asText()) : null;
        List<String> names = params.keySet().stream()
                .filter(n -> n.startsWith(prefix) && n.length() > prefix.length())
                .filter(n -> recursive || n.indexOf('/', prefix.length()) < 0)
                .filter(n -> after == null || n.compareTo(after) > 0)
                .sorted()
                .toList();
        ObjectNode out = FakeAws.MAPPER.createObjectNode();
        ArrayNode page = out.putArray("Parameters");
        for (String name : names.subList(0, Math.min(maxResults, names.size()))) {
            describe(page.addObject(), name, params.get(name));
        }
        if (names.size() > maxResults) {
            out.put(
                    "NextToken",
                    TOKEN_PREFIX
                            + Base64.getUrlEncoder()
                                    .encodeToString(names.get(maxResults - 1).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static String decodeToken(String token) {
        if (token.startsWith(TOKEN_PREFIX)) {
            try {
                return new String(
                        Base64.getUrlDecoder().decode(token.substring(TOKEN_PREFIX.length())), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // reported below, as the service does for any token it did not give
            }
        }
        throw ApiException.badRequest("InvalidNextToken", "The specified token is not valid.");
    }

    private void describe(ObjectNode param, String name, Param p) {
        param.put("Name", name);
        param.put("Type", p.type);
        param.put("Value", p.value);
        param.put("Version", p.version);
        param.put("LastModifiedDate", FakeFlink.epochSeconds(p.lastModified));
        param.put("ARN", arn(name));
        param.put("DataType", "text");
    }

    private synchronized ObjectNode putParameter(JsonNode in) {
        String name = requiredName(in);
        JsonNode valueNode = in.get("Value");
        if (valueNode == null || !valueNode.isTextual()) {
            throw ApiException.badRequest("ValidationException", "Value is required");
        }
        String value = valueNode.asText();
        String type = in.path("Type").asText(null);
        if (type != null && !type.equals("String") && !type.equals("StringList") && !type.equals("SecureString")) {
            throw ApiException.badRequest("ValidationException", "Type (" + type + ") is not valid");
        }
        boolean overwrite = in.path("Overwrite").asBoolean(false);
        Param p = params.get(name);
        if (p != null && !overwrite) {
            throw ApiException.badRequest(
                    "ParameterAlreadyExists",
                    "The parameter already exists. To overwrite this value, set the overwrite option in the "
                            + "request to true.");
        }
        String pattern = in.path("AllowedPattern").asText(null);
        if (pattern == null && p != null) {
            pattern = p.allowedPattern;
        }
        if (pattern != null) {
            boolean matches;
            try {
                matches = Pattern.compile(pattern).matcher(value).matches();
            } catch (PatternSyntaxException e) {
                throw ApiException.badRequest(
                        "InvalidAllowedPatternException",
                        "AllowedPattern (" + pattern + ") is not a valid regular expression");
            }
            if (!matches) {
                throw ApiException.badRequest(
                        "ParameterPatternMismatchException",
                        "Parameter value, cannot be validated against allowedPattern: " + pattern);
            }
        }
        if (p == null) {
            p = new Param();
            p.type = type == null ? "String" : type;
            params.put(name, p);
        } else if (type != null) {
            p.type = type;
        }
        p.value = value;
        p.version++;
        p.lastModified = Instant.now();
        if (in.has("AllowedPattern")) {
            p.allowedPattern = pattern;
        }
        if (in.has("Description")) {
            p.description = in.get("Description").asText();
        }
        ObjectNode out = FakeAws.MAPPER.createObjectNode();
        out.put("Version", p.version);
        out.put("Tier", "Standard");
        return out;
    }

    private synchronized ObjectNode deleteParameter(JsonNode in) {
        String name = requiredName(in);
        if (params.remove(name) == null) {
            throw ApiException.badRequest("ParameterNotFound", "Parameter " + name + " not found.");
        }
        return FakeAws.MAPPER.createObjectNode();
    }
}
