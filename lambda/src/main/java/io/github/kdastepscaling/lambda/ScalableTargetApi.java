package io.github.kdastepscaling.lambda;

import java.util.OptionalInt;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * The custom-resource endpoint: GET and PATCH on {@code /scalableTargetDimensions/{scalableTargetDimensionId}}.
 * Translates requests and answers; the decisions are the {@link Scaler}'s. Which application a dimension id names is
 * the {@link ScaledApplications}' answer: an id it does not know is answered 404 and changes nothing.
 */
final class ScalableTargetApi {

    static final String RESOURCE = "/scalableTargetDimensions/{" + ApiRequest.DIMENSION_ID_PARAMETER + "}";
    static final String ALLOWED_METHODS = "GET, PATCH";

    private final ScaledApplications applications;
    private final DecisionLog log;

    /** The endpoint of a scaler that serves one application. */
    ScalableTargetApi(ScalerConfiguration configuration, Scaler scaler, DecisionLog log) {
        this(ScaledApplications.single(configuration, scaler), log);
    }

    /** @param applications which application each dimension id names (one, or a fleet's) */
    ScalableTargetApi(ScaledApplications applications, DecisionLog log) {
        this.applications = applications;
        this.log = log;
    }

    /** Answers an API Gateway proxy event; never throws. Every call ends with one decision log line. */
    ApiResponse handle(JsonNode event, Invocation invocation) {
        ApiRequest request;
        try {
            request = ApiRequest.from(event);
        } catch (DesiredCapacityRequest.BadRequestException e) {
            return refused(
                    new ApiRequest(
                            text(event, "httpMethod"), text(event, "resource"), null, null, ApiRequest.caller(event)),
                    invocation,
                    400,
                    e.getMessage());
        }
        try {
            return handle(request, invocation);
        } catch (RuntimeException e) {
            // A bug, or an input no check foresaw: a reason and a log line rather than a bare Lambda error.
            return refused(
                    request, invocation, 500, "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode event, String field) {
        return event.field(field)
                .filter(JsonNode::isString)
                .map(JsonNode::asString)
                .orElse("");
    }

    private ApiResponse handle(ApiRequest request, Invocation invocation) {
        if (!RESOURCE.equals(request.resource())) {
            return refused(
                    request,
                    invocation,
                    400,
                    "unsupported resource " + request.resource() + "; this endpoint serves " + RESOURCE);
        }
        boolean get = "GET".equals(request.httpMethod());
        boolean patch = "PATCH".equals(request.httpMethod());
        if (!get && !patch) {
            return refused(
                    request,
                    invocation,
                    405,
                    "method " + request.httpMethod() + " is not allowed; use " + ALLOWED_METHODS);
        }
        String dimensionId = request.dimensionId();
        ScaledApplications.ScaledApplication application;
        try {
            application = applications.find(dimensionId).orElse(null);
        } catch (ConfigurationException e) {
            return refused(request, invocation, 500, e.getMessage());
        } catch (SdkException e) {
            ScalerFailure failure = ScalerFailure.ofAws(
                    e,
                    "nothing was changed; the configuration of " + dimensionId + " could not be read: "
                            + AwsFailure.describe(e));
            return refused(request, invocation, httpStatus(failure.kind()), failure.getMessage());
        }
        if (application == null) {
            return refused(request, invocation, 404, applications.unknown(dimensionId));
        }
        OptionalInt asked;
        try {
            asked = get
                    ? OptionalInt.empty()
                    : OptionalInt.of(DesiredCapacityRequest.parse(
                            request.body(), application.configuration().acceptedCapacities()));
        } catch (DesiredCapacityRequest.BadRequestException e) {
            return refused(request, invocation, 400, e.getMessage());
        }
        Decision decision = new Decision(request.httpMethod(), request.caller(), asked, invocation);
        decision.application(application.configuration().applicationName());
        try {
            ApiResponse response = ApiResponse.state(application.scaler().decide(decision), dimensionId);
            decision.answeredWithStatus(response.statusCode());
            return response;
        } catch (ScalerFailure e) {
            int status = httpStatus(e.kind());
            decision.answeredWithStatus(status);
            return ApiResponse.error(status, e.getMessage());
        } finally {
            log.write(decision);
        }
    }

    /**
     * The HTTP status of a failed decision: 429 when AWS throttled the scaler (Application Auto Scaling then backs
     * off), 504 for an AWS call that timed out, 502 for one that failed otherwise, 500 for what a person must fix.
     */
    static int httpStatus(ScalerFailure.Kind kind) {
        return switch (kind) {
            case AWS_THROTTLED -> 429;
            case AWS_TIMED_OUT -> 504;
            case AWS_FAILED -> 502;
            case UNUSABLE_STATE, UNEXPECTED -> 500;
        };
    }

    /** A request refused before any decision still gets its log line: what was asked and why it was refused. */
    private ApiResponse refused(ApiRequest request, Invocation invocation, int status, String reason) {
        Decision decision = new Decision(
                request.httpMethod() + " " + request.resource(), request.caller(), OptionalInt.empty(), invocation);
        decision.refused(status, reason);
        log.write(decision);
        return status == 405
                ? ApiResponse.methodNotAllowed(reason, ALLOWED_METHODS)
                : ApiResponse.error(status, reason);
    }
}
