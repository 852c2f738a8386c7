package io.github.kdastepscaling.lambda;

import java.util.OptionalInt;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * The custom-resource endpoint: GET and PATCH on {@code /scalableTargetDimensions/{scalableTargetDimensionId}}.
 * Translates requests and answers; the decisions are the {@link Scaler}'s.
 */
final class ScalableTargetApi {

    static final String RESOURCE = "/scalableTargetDimensions/{" + ApiRequest.DIMENSION_ID_PARAMETER + "}";
    static final String ALLOWED_METHODS = "GET, PATCH";

    private final ScalerConfiguration configuration;
    private final Scaler scaler;
    private final DecisionLog log;

    ScalableTargetApi(ScalerConfiguration configuration, Scaler scaler, DecisionLog log) {
        this.configuration = configuration;
        this.scaler = scaler;
        this.log = log;
    }

    /** Answers an API Gateway proxy event; never throws. */
    ApiResponse handle(JsonNode event) {
        ApiRequest request;
        try {
            request = ApiRequest.from(event);
        } catch (DesiredCapacityRequest.BadRequestException e) {
            return refused(new ApiRequest(text(event, "httpMethod"), text(event, "resource"), null, null,
                    ApiRequest.caller(event)), 400, e.getMessage());
        }
        try {
            return handle(request);
        } catch (RuntimeException e) {
            // A bug, or an input no check foresaw: a reason and a log line rather than a bare Lambda error.
            return refused(request, 500, "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode event, String field) {
        return event.field(field).filter(JsonNode::isString).map(JsonNode::asString).orElse("");
    }

    private ApiResponse handle(ApiRequest request) {
        if (!RESOURCE.equals(request.resource())) {
            return refused(request, 400, "unsupported resource " + request.resource() + "; this endpoint serves "
                    + RESOURCE);
        }
        boolean get = "GET".equals(request.httpMethod());
        boolean patch = "PATCH".equals(request.httpMethod());
        if (!get && !patch) {
            return refused(request, 405, "method " + request.httpMethod() + " is not allowed; use "
                    + ALLOWED_METHODS);
        }
        String dimensionId = request.dimensionId();
        if (!configuration.applicationName().equals(dimensionId)) {
            return refused(request, 404, "scalable target dimension " + dimensionId
                    + " does not exist; this endpoint scales application " + configuration.applicationName());
        }
        try {
            ScalingState state = get ? scaler.reconcile("GET", request.caller())
                    : scaler.requestCapacity(DesiredCapacityRequest.parse(request.body(),
                            configuration.acceptedCapacities()), request.caller());
            return ApiResponse.state(state, dimensionId);
        } catch (DesiredCapacityRequest.BadRequestException e) {
            return refused(request, 400, e.getMessage());
        } catch (ScalerException e) {
            // The scaler has logged this decision already.
            return ApiResponse.error(e.httpStatus(), e.getMessage());
        }
    }

    /** A request refused before any decision still gets its log line: what was asked and why it was refused. */
    private ApiResponse refused(ApiRequest request, int status, String reason) {
        Decision decision = new Decision(request.httpMethod() + " " + request.resource(), request.caller(),
                OptionalInt.empty());
        decision.failed(new ScalerException(status, reason));
        log.write(decision);
        return status == 405 ? ApiResponse.methodNotAllowed(reason, ALLOWED_METHODS)
                : ApiResponse.error(status, reason);
    }
}
