package io.github.kdastepscaling.lambda;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * GetParameter, PutParameter and (in fleet mode) GetParametersByPath over SSM's JSON 1.1 API (see
 * {@link AwsJsonClient} for why not the generated {@code SsmClient}: its model is 5.4 MB of a 14 MB jar, for three
 * calls).
 */
public final class SsmParameterClient implements AutoCloseable {

    static final AwsJsonClient.Service SSM =
            new AwsJsonClient.Service("Ssm", "ssm", "AmazonSSM.", "ssm", "AWS_ENDPOINT_URL_SSM");

    /** The largest page GetParametersByPath answers with. */
    static final int PAGE_SIZE = 10;

    private final AwsJsonClient client;

    /** @param client a client for {@link #SSM} */
    SsmParameterClient(AwsJsonClient client) {
        this.client = client;
    }

    /** The parameter {@code name}, read and written through this client. */
    SsmParameter parameter(String name) {
        return new SsmParameter(this, name);
    }

    /** The parameter's value, or empty when it does not exist. */
    public Optional<String> getParameter(String name) {
        try {
            JsonNode response =
                    client.call("GetParameter", w -> w.writeFieldName("Name").writeValue(name));
            return response.field("Parameter").flatMap(p -> p.field("Value")).map(JsonNode::asString);
        } catch (AwsServiceException e) {
            if (e.awsErrorDetails() != null
                    && "ParameterNotFound".equals(e.awsErrorDetails().errorCode())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * The parameters directly under {@code path} (not recursive), name to value, in the order SSM returns them,
     * following {@code NextToken} through every page of {@link #PAGE_SIZE}.
     */
    public Map<String, String> getParametersByPath(String path) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String token = null;
        do {
            String page = token;
            JsonNode response = client.call("GetParametersByPath", w -> {
                w.writeFieldName("Path")
                        .writeValue(path)
                        .writeFieldName("Recursive")
                        .writeValue(false)
                        .writeFieldName("MaxResults")
                        .writeValue(PAGE_SIZE);
                if (page != null) {
                    w.writeFieldName("NextToken").writeValue(page);
                }
            });
            response.field("Parameters")
                    .filter(JsonNode::isArray)
                    .ifPresent(list -> list.asArray()
                            .forEach(p -> parameters.put(
                                    p.field("Name").map(JsonNode::asString).orElse(""),
                                    p.field("Value").map(JsonNode::asString).orElse(""))));
            token = response.field("NextToken")
                    .filter(JsonNode::isString)
                    .map(JsonNode::asString)
                    .filter(t -> !t.isEmpty())
                    .orElse(null);
        } while (token != null);
        return parameters;
    }

    /** Creates or overwrites a String parameter. */
    void putParameter(String name, String value) {
        put(name, value, true);
    }

    /**
     * Creates a String parameter unless it exists: false when it does (someone created it since it was read), so a
     * value written meanwhile is never overwritten.
     */
    boolean createParameter(String name, String value) {
        try {
            put(name, value, false);
            return true;
        } catch (AwsServiceException e) {
            if (e.awsErrorDetails() != null
                    && "ParameterAlreadyExists".equals(e.awsErrorDetails().errorCode())) {
                return false;
            }
            throw e;
        }
    }

    private void put(String name, String value, boolean overwrite) {
        client.call(
                "PutParameter",
                w -> w.writeFieldName("Name")
                        .writeValue(name)
                        .writeFieldName("Value")
                        .writeValue(value)
                        .writeFieldName("Type")
                        .writeValue("String")
                        .writeFieldName("Overwrite")
                        .writeValue(overwrite));
    }

    @Override
    public void close() {
        client.close();
    }
}
