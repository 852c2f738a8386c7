package io.github.kdastepscaling.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A fake answering AWS JSON 1.1, found by the prefix of the {@code X-Amz-Target} header its calls send.
 *
 * @param targetPrefix  the {@code X-Amz-Target} prefix before the operation's name
 * @param name          the service name recorded with each call ({@link RecordedCall#service()})
 * @param iamPrefix     the IAM service prefix, which is also the service SigV4 signatures are scoped to
 * @param resourceArns  the ARNs an operation's input names, for IAM and fault matching
 * @param execute       the operation itself: its output, or an {@link ApiException}
 */
record JsonService(
        String targetPrefix,
        String name,
        String iamPrefix,
        BiFunction<String, JsonNode, List<String>> resourceArns,
        BiFunction<String, JsonNode, ObjectNode> execute) {}
