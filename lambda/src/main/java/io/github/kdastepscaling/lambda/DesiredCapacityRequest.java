package io.github.kdastepscaling.lambda;

import io.github.kdastepscaling.policy.CapacityRange;
import java.math.BigDecimal;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * Reads and checks the body of a PATCH: {@code {"desiredCapacity": n}}, n a whole capacity from 1 to the KPU quota.
 * Not the construct's min..max: Application Auto Scaling owns the scalable target's range and changes it at run time
 * (scheduled actions), and it has clamped n to the current range before asking.
 */
final class DesiredCapacityRequest {

    /** Longer number texts are refused outright; "64.000000" is 9 characters. */
    private static final int MAX_NUMBER_LENGTH = 32;

    private DesiredCapacityRequest() {}

    /**
     * @return the desired capacity
     * @throws BadRequestException with a reason naming the field and the value
     */
    static int parse(String body, CapacityRange accepted) {
        if (body == null || body.isBlank()) {
            throw new BadRequestException("the body must be a JSON object with desiredCapacity, but it is empty");
        }
        JsonNode json;
        try {
            json = JsonNode.parser().parse(body);
        } catch (RuntimeException e) {
            throw new BadRequestException("the body is not JSON: " + abbreviate(body));
        }
        if (!json.isObject()) {
            throw new BadRequestException(
                    "the body must be a JSON object with desiredCapacity, not " + abbreviate(body));
        }
        JsonNode value = json.asObject().get("desiredCapacity");
        if (value == null) {
            throw new BadRequestException("the body has no desiredCapacity field: " + abbreviate(body));
        }
        if (!value.isNumber()) {
            throw new BadRequestException(
                    "desiredCapacity (" + abbreviate(describe(value)) + ") must be a JSON number");
        }
        if (value.asNumber().length() > MAX_NUMBER_LENGTH) {
            // Checked before any arithmetic: BigDecimal's work grows with the digits, and no capacity needs many.
            throw new BadRequestException(
                    "desiredCapacity (" + abbreviate(value.asNumber()) + ") must be between " + bounds(accepted));
        }
        BigDecimal number;
        try {
            number = new BigDecimal(value.asNumber());
        } catch (NumberFormatException | ArithmeticException e) {
            // Valid JSON, but beyond what a decimal can hold, e.g. 1e9999999999.
            throw new BadRequestException(
                    "desiredCapacity (" + abbreviate(value.asNumber()) + ") must be between " + bounds(accepted));
        }
        if (number.stripTrailingZeros().scale() > 0) {
            throw new BadRequestException("desiredCapacity (" + value.asNumber() + ") must be a whole number of KPUs");
        }
        if (number.compareTo(BigDecimal.valueOf(accepted.minCapacity())) < 0
                || number.compareTo(BigDecimal.valueOf(accepted.maxCapacity())) > 0) {
            throw new BadRequestException(
                    "desiredCapacity (" + abbreviate(value.asNumber()) + ") must be between " + bounds(accepted));
        }
        return number.intValueExact();
    }

    private static String bounds(CapacityRange accepted) {
        return accepted.minCapacity() + " and " + accepted.maxCapacity() + " (the application's KPU quota, kpuQuota)";
    }

    private static String describe(JsonNode value) {
        if (value.isString()) {
            return "\"" + value.asString() + "\"";
        }
        return value.isNull()
                ? "null"
                : value.isBoolean() ? Boolean.toString(value.asBoolean()) : value.isArray() ? "an array" : "an object";
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    /** A request the scaler refuses without changing anything. */
    static final class BadRequestException extends RuntimeException {
        BadRequestException(String message) {
            super(message, null, false, false);
        }
    }
}
