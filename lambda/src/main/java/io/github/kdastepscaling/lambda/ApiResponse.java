package io.github.kdastepscaling.lambda;

import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/**
 * An answer in the API Gateway proxy-integration format.
 *
 * @param statusCode the HTTP status
 * @param body the JSON body
 * @param allow the {@code Allow} header for a 405, or null
 */
record ApiResponse(int statusCode, String body, String allow) {

    /** The {@code version} of the scalable target: it must never change, or Application Auto Scaling drops it. */
    static final String VERSION = "1";

    static ApiResponse state(ScalingState state, String dimensionId) {
        JsonWriter json = JsonWriter.create().writeStartObject();
        json.writeFieldName("actualCapacity").writeValue(state.actualCapacity());
        json.writeFieldName("desiredCapacity").writeValue(state.desiredCapacity());
        json.writeFieldName("dimensionName").writeValue("KPUs");
        json.writeFieldName("resourceName").writeValue(dimensionId);
        json.writeFieldName("scalableTargetDimensionId").writeValue(dimensionId);
        json.writeFieldName("scalingStatus").writeValue(state.scalingStatus().name());
        json.writeFieldName("version").writeValue(VERSION);
        if (state.failureReason() != null) {
            json.writeFieldName("failureReason").writeValue(state.failureReason());
        }
        return new ApiResponse(200, text(json.writeEndObject()), null);
    }

    static ApiResponse error(int statusCode, String message) {
        return new ApiResponse(statusCode, message(message), null);
    }

    static ApiResponse methodNotAllowed(String reason, String allowed) {
        return new ApiResponse(405, message(reason), allowed);
    }

    /** The proxy-integration envelope Lambda returns to API Gateway. */
    String toProxyJson() {
        JsonWriter json = JsonWriter.create().writeStartObject();
        json.writeFieldName("statusCode").writeValue(statusCode);
        json.writeFieldName("headers").writeStartObject();
        json.writeFieldName("Content-Type").writeValue("application/json");
        if (allow != null) {
            json.writeFieldName("Allow").writeValue(allow);
        }
        json.writeEndObject();
        json.writeFieldName("isBase64Encoded").writeValue(false);
        json.writeFieldName("body").writeValue(body);
        return text(json.writeEndObject());
    }

    private static String message(String message) {
        return text(JsonWriter.create()
                .writeStartObject()
                .writeFieldName("message")
                .writeValue(message)
                .writeEndObject());
    }

    private static String text(JsonWriter json) {
        return new String(json.getBytes(), StandardCharsets.UTF_8);
    }
}
