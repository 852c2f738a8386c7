package io.github.kdastepscaling.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fake of Application Auto Scaling's scalable targets (RegisterScalableTarget, DescribeScalableTargets,
 * DeregisterScalableTarget) for the {@code custom-resource} namespace and the others, keyed as the service keys them:
 * by namespace, resource id and dimension. Registering an existing target updates only the capacities given, as the
 * service does; a target needs both capacities when first registered. Validation answers the service's
 * {@code ValidationException} and {@code ObjectNotFoundException}.
 *
 * <p>IAM: Application Auto Scaling's actions take no resource ARN, so every call is recorded with the resource
 * {@code *}, which is what a policy statement for them must name.
 */
public final class FakeApplicationAutoScaling {

    /** The resource a policy names for Application Auto Scaling's actions, which support no resource ARN. */
    public static final String ANY_RESOURCE = "*";

    private static final Set<String> NAMESPACES = Set.of("ecs", "elasticmapreduce", "ec2", "appstream", "dynamodb",
            "rds", "sagemaker", "custom-resource", "comprehend", "lambda", "cassandra", "kafka", "elasticache",
            "neptune", "workspaces");

    /** One registered target. */
    private record Target(String namespace, String resourceId, String dimension, int minCapacity, int maxCapacity,
                          Instant created) {
    }

    private final Map<String, Target> targets = new LinkedHashMap<>();

    FakeApplicationAutoScaling() {
    }

    /** Registers or updates a target, as RegisterScalableTarget would; null capacities are left as they are. */
    public synchronized void register(String namespace, String resourceId, String dimension, Integer minCapacity,
                                      Integer maxCapacity) {
        put(namespace, resourceId, dimension, minCapacity, maxCapacity);
    }

    /** Deregisters a target if it is registered. */
    public synchronized void deregister(String namespace, String resourceId, String dimension) {
        targets.remove(key(namespace, resourceId, dimension));
    }

    /** @return the target's current {@code [min, max]}, empty when it is not registered */
    public synchronized Optional<int[]> range(String namespace, String resourceId, String dimension) {
        Target t = targets.get(key(namespace, resourceId, dimension));
        return t == null ? Optional.empty() : Optional.of(new int[] {t.minCapacity(), t.maxCapacity()});
    }

    // ------------------------------------------------------------------------------------------------ wire side

    List<String> resourceArns(String operation, JsonNode in) {
        return List.of(ANY_RESOURCE);
    }

    ObjectNode execute(String operation, JsonNode in) {
        switch (operation) {
            case "RegisterScalableTarget":
                return registerScalableTarget(in);
            case "DescribeScalableTargets":
                return describeScalableTargets(in);
            case "DeregisterScalableTarget":
                return deregisterScalableTarget(in);
            default:
                throw ApiException.badRequest("UnknownOperationException",
                        "The fake Application Auto Scaling does not implement " + operation);
        }
    }

    private static String key(String namespace, String resourceId, String dimension) {
        return namespace + "|" + resourceId + "|" + dimension;
    }

    private static String namespace(JsonNode in) {
        String namespace = in.path("ServiceNamespace").asText(null);
        if (namespace == null || namespace.isEmpty()) {
            throw validation("1 validation error detected: Value null at 'serviceNamespace' failed to satisfy "
                    + "constraint: Member must not be null");
        }
        if (!NAMESPACES.contains(namespace)) {
            throw validation("1 validation error detected: Value '" + namespace + "' at 'serviceNamespace' failed "
                    + "to satisfy constraint: Member must satisfy enum value set: " + NAMESPACES);
        }
        return namespace;
    }

    private static String required(JsonNode in, String field, String wireName) {
        String value = in.path(field).asText(null);
        if (value == null || value.isEmpty()) {
            throw validation("1 validation error detected: Value null at '" + wireName + "' failed to satisfy "
                    + "constraint: Member must not be null");
        }
        if (field.equals("ResourceId") && value.length() > 1600) {
            throw validation("1 validation error detected: Value at 'resourceId' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 1600");
        }
        return value;
    }

    private static Integer capacity(JsonNode in, String field) {
        JsonNode n = in.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.canConvertToInt() || n.asInt() < 0) {
            throw validation("1 validation error detected: Value '" + n + "' at '" + Character.toLowerCase(
                    field.charAt(0)) + field.substring(1) + "' failed to satisfy constraint: Member must have value "
                    + "greater than or equal to 0");
        }
        return n.asInt();
    }

    private static ApiException validation(String message) {
        return ApiException.badRequest("ValidationException", message);
    }

    private synchronized ObjectNode registerScalableTarget(JsonNode in) {
        String namespace = namespace(in);
        String resourceId = required(in, "ResourceId", "resourceId");
        String dimension = required(in, "ScalableDimension", "scalableDimension");
        put(namespace, resourceId, dimension, capacity(in, "MinCapacity"), capacity(in, "MaxCapacity"));
        ObjectNode out = FakeAws.MAPPER.createObjectNode();
        out.put("ScalableTargetARN", "arn:aws:application-autoscaling:target/" + Integer.toHexString(
                key(namespace, resourceId, dimension).hashCode()));
        return out;
    }

    private void put(String namespace, String resourceId, String dimension, Integer min, Integer max) {
        String key = key(namespace, resourceId, dimension);
        Target existing = targets.get(key);
        if (existing == null && (min == null || max == null)) {
            throw validation("MinCapacity and MaxCapacity must be specified when registering a new scalable target");
        }
        int newMin = min != null ? min : existing.minCapacity();
        int newMax = max != null ? max : existing.maxCapacity();
        if (newMin > newMax) {
            throw validation("Maximum capacity (" + newMax + ") cannot be less than minimum capacity (" + newMin
                    + ")");
        }
        targets.put(key, new Target(namespace, resourceId, dimension, newMin, newMax,
                existing == null ? Instant.now() : existing.created()));
    }

    private synchronized ObjectNode describeScalableTargets(JsonNode in) {
        String namespace = namespace(in);
        String dimension = in.path("ScalableDimension").asText(null);
        List<String> resourceIds = new ArrayList<>();
        in.path("ResourceIds").forEach(id -> resourceIds.add(id.asText()));
        ObjectNode out = FakeAws.MAPPER.createObjectNode();
        ArrayNode list = out.putArray("ScalableTargets");
        for (Target t : targets.values()) {
            if (!t.namespace().equals(namespace) || (dimension != null && !t.dimension().equals(dimension))
                    || (!resourceIds.isEmpty() && !resourceIds.contains(t.resourceId()))) {
                continue;
            }
            ObjectNode target = list.addObject();
            target.put("ServiceNamespace", t.namespace());
            target.put("ResourceId", t.resourceId());
            target.put("ScalableDimension", t.dimension());
            target.put("MinCapacity", t.minCapacity());
            target.put("MaxCapacity", t.maxCapacity());
            target.put("RoleARN", "arn:aws:iam::123456789012:role/aws-service-role/custom-resource."
                    + "application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_CustomResource");
            target.put("CreationTime", FakeFlink.epochSeconds(t.created()));
            ObjectNode suspended = target.putObject("SuspendedState");
            suspended.put("DynamicScalingInSuspended", false);
            suspended.put("DynamicScalingOutSuspended", false);
            suspended.put("ScheduledScalingSuspended", false);
        }
        return out;
    }

    private synchronized ObjectNode deregisterScalableTarget(JsonNode in) {
        String namespace = namespace(in);
        String resourceId = required(in, "ResourceId", "resourceId");
        String dimension = required(in, "ScalableDimension", "scalableDimension");
        if (targets.remove(key(namespace, resourceId, dimension)) == null) {
            throw ApiException.badRequest("ObjectNotFoundException", "No scalable target registered for service "
                    + "namespace: " + namespace + ", resource ID: " + resourceId + ", scalable dimension: "
                    + dimension);
        }
        return FakeAws.MAPPER.createObjectNode();
    }
}
