package io.github.kdastepscaling.lambda;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * The parts of an API Gateway REST proxy event the scaler reads.
 *
 * @param httpMethod the method, e.g. GET
 * @param resource the resource template, e.g. /scalableTargetDimensions/{scalableTargetDimensionId}
 * @param dimensionId the {@code scalableTargetDimensionId} path parameter, or null
 * @param body the request body, base64-decoded if API Gateway encoded it, or null
 * @param caller who signed the request, from {@code requestContext.identity} ({@code userArn}, else {@code caller}),
 *               or null: under IAM authorization any principal whose policies allow {@code execute-api:Invoke} on
 *               the endpoint may call it, so the decision log names each caller
 */
record ApiRequest(String httpMethod, String resource, String dimensionId, String body, String caller) {

    static final String DIMENSION_ID_PARAMETER = "scalableTargetDimensionId";

    /** Whether {@code event} is an API Gateway proxy event rather than another trigger. */
    static boolean isApiGatewayEvent(JsonNode event) {
        return event.isObject()
                && event.field("httpMethod").filter(JsonNode::isString).isPresent();
    }

    /**
     * @throws DesiredCapacityRequest.BadRequestException when the body cannot be decoded
     */
    static ApiRequest from(JsonNode event) {
        String body = text(event, "body").orElse(null);
        boolean base64 = event.field("isBase64Encoded")
                .filter(JsonNode::isBoolean)
                .map(JsonNode::asBoolean)
                .orElse(false);
        if (body != null && base64) {
            try {
                body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new DesiredCapacityRequest.BadRequestException(
                        "the body is marked base64-encoded (isBase64Encoded) but is not base64");
            }
        }
        String dimensionId = event.field("pathParameters")
                .filter(JsonNode::isObject)
                .map(JsonNode::asObject)
                .map(parameters -> parameters.get(DIMENSION_ID_PARAMETER))
                .filter(JsonNode::isString)
                .map(JsonNode::asString)
                .orElse(null);
        return new ApiRequest(
                text(event, "httpMethod").orElse(""),
                text(event, "resource").orElse(""),
                dimensionId,
                body,
                caller(event));
    }

    static String caller(JsonNode event) {
        Optional<JsonNode> identity = event.field("requestContext")
                .filter(JsonNode::isObject)
                .flatMap(context -> context.field("identity"))
                .filter(JsonNode::isObject);
        return identity.flatMap(i -> text(i, "userArn"))
                .or(() -> identity.flatMap(i -> text(i, "caller")))
                .orElse(null);
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.field(field).filter(JsonNode::isString).map(JsonNode::asString);
    }
}
