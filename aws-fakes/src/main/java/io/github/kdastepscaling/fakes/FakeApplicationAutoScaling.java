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
 * service does; a target needs both capacities when first registered. A target keeps its {@code SuspendedState}
 * ("Suspend and resume scaling for Application Auto Scaling" in the user guide): RegisterScalableTarget sets each
 * attribute it is given, leaves the others as they are (false for a new target), and DescribeScalableTargets returns
 * all three. Validation answers the service's {@code ValidationException} and {@code ObjectNotFoundException}.
 *
 * <p>IAM: Application Auto Scaling's actions take no resource ARN, so every call is recorded with the resource
 * {@code *}, which is what a policy statement for them must name.
 */
public final class FakeApplicationAutoScaling {

    /** The resource a policy names for Application Auto Scaling's actions, which support no resource ARN. */
    public static final String ANY_RESOURCE = "*";

    private static final Set<String> NAMESPACES = Set.of(
            "ecs",
            "elasticmapreduce",
            "ec2",
            "appstream",
            "dynamodb",
            "rds",
            "sagemaker",
            "custom-resource",
            "comprehend",
            "lambda",
            "cassandra",
            "kafka",
            "elasticache",
            "neptune",
            "workspaces");

    /** One registered target. */
    private record Target(
            String namespace,
            String resourceId,
            String dimension,
            int minCapacity,
            int maxCapacity,
            Suspended suspended,
            Instant created) {}

    /**
     * A target's {@code SuspendedState}.
     *
     * @param dynamicScalingInSuspended whether scale-in by scaling policies is suspended
     * @param dynamicScalingOutSuspended whether scale-out by scaling policies is suspended
     * @param scheduledScalingSuspended whether scheduled actions are suspended
     */
    public record Suspended(
            boolean dynamicScalingInSuspended, boolean dynamicScalingOutSuspended, boolean scheduledScalingSuspended) {

        /** Nothing suspended: a new target's state. */
        public static final Suspended NONE = new Suspended(false, false, false);

        /** Everything suspended, as the user guide's "suspend all scaling activities" does. */
        public static final Suspended ALL = new Suspended(true, true, true);

        /** This state with the attributes given set and the null ones left as they are. */
        Suspended with(Boolean in, Boolean out, Boolean scheduled) {
            return new Suspended(
                    in != null ? in : dynamicScalingInSuspended,
                    out != null ? out : dynamicScalingOutSuspended,
                    scheduled != null ? scheduled : scheduledScalingSuspended);
        }
    }

    private final Map<String, Target> targets = new LinkedHashMap<>();

    FakeApplicationAutoScaling() {}

    /** Registers or updates a target, as RegisterScalableTarget would; null capacities are left as they are. */
    public synchronized void register(
            String namespace, String resourceId, String dimension, Integer minCapacity, Integer maxCapacity) {
        put(namespace, resourceId, dimension, minCapacity, maxCapacity, null);
    }

    /**
     * Sets a registered target's suspended state, as {@code register-scalable-target --suspended-state} with all
     * three attributes would.
     */
    public synchronized void suspend(String namespace, String resourceId, String dimension, Suspended state) {
        put(namespace, resourceId, dimension, null, null, SuspendedUpdate.of(state));
    }

    /** @return the target's suspended state, empty when it is not registered */
    public synchronized Optional<Suspended> suspendedState(String namespace, String resourceId, String dimension) {
        return Optional.ofNullable(targets.get(key(namespace, resourceId, dimension)))
                .map(Target::suspended);
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
                throw ApiException.badRequest(
                        "UnknownOperationException",
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
            throw validation(
                    "1 validation error detected: Value '" + n + "' at '" + Character.toLowerCase(field.charAt(0))
                            + field.substring(1) + "' failed to satisfy constraint: Member must have value "
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
        put(
                namespace,
                resourceId,
                dimension,
                capacity(in, "MinCapacity"),
                capacity(in, "MaxCapacity"),
                suspendedState(in));
        ObjectNode out = FakeAws.MAPPER.createObjectNode();
        out.put(
                "ScalableTargetARN",
                "arn:aws:application-autoscaling:target/"
                        + Integer.toHexString(
                                key(namespace, resourceId, dimension).hashCode()));
        return out;
    }

    /** A SuspendedState as RegisterScalableTarget gives it: each attribute null when not given. */
    private record SuspendedUpdate(Boolean in, Boolean out, Boolean scheduled) {
        static SuspendedUpdate of(Suspended state) {
            return new SuspendedUpdate(
                    state.dynamicScalingInSuspended(),
                    state.dynamicScalingOutSuspended(),
                    state.scheduledScalingSuspended());
        }

        Suspended applyTo(Suspended current) {
            return current.with(in, out, scheduled);
        }
    }

    /** The request's SuspendedState; null when the member is absent. */
    private static SuspendedUpdate suspendedState(JsonNode in) {
        JsonNode state = in.get("SuspendedState");
        if (state == null || state.isNull()) {
            return null;
        }
        if (!state.isObject()) {
            throw validation("1 validation error detected: Value '" + state + "' at 'suspendedState' failed to "
                    + "satisfy constraint: Member must be a structure");
        }
        return new SuspendedUpdate(
                flag(state, "DynamicScalingInSuspended"),
                flag(state, "DynamicScalingOutSuspended"),
                flag(state, "ScheduledScalingSuspended"));
    }

    private static Boolean flag(JsonNode state, String field) {
        JsonNode value = state.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw validation("1 validation error detected: Value '" + value + "' at 'suspendedState."
                    + Character.toLowerCase(field.charAt(0)) + field.substring(1) + "' failed to satisfy constraint: "
                    + "Member must be a boolean");
        }
        return value.asBoolean();
    }

    private void put(
            String namespace,
            String resourceId,
            String dimension,
            Integer min,
            Integer max,
            SuspendedUpdate suspended) {
        String key = key(namespace, resourceId, dimension);
        Target existing = targets.get(key);
        if (existing == null && (min == null || max == null)) {
            throw validation("MinCapacity and MaxCapacity must be specified when registering a new scalable target");
        }
        int newMin = min != null ? min : existing.minCapacity();
        int newMax = max != null ? max : existing.maxCapacity();
        if (newMin > newMax) {
            throw validation("Maximum capacity (" + newMax + ") cannot be less than minimum capacity (" + newMin + ")");
        }
        Suspended current = existing == null ? Suspended.NONE : existing.suspended();
        targets.put(
                key,
                new Target(
                        namespace,
                        resourceId,
                        dimension,
                        newMin,
                        newMax,
                        suspended == null ? current : suspended.applyTo(current),
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
            if (!t.namespace().equals(namespace)
                    || (dimension != null && !t.dimension().equals(dimension))
                    || (!resourceIds.isEmpty() && !resourceIds.contains(t.resourceId()))) {
                continue;
            }
            ObjectNode target = list.addObject();
            target.put("ServiceNamespace", t.namespace());
            target.put("ResourceId", t.resourceId());
            target.put("ScalableDimension", t.dimension());
            target.put("MinCapacity", t.minCapacity());
            target.put("MaxCapacity", t.maxCapacity());
            target.put(
                    "RoleARN",
                    "arn:aws:iam::123456789012:role/aws-service-role/custom-resource."
                            + "application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_CustomResource");
            target.put("CreationTime", FakeFlink.epochSeconds(t.created()));
            ObjectNode suspended = target.putObject("SuspendedState");
            suspended.put("DynamicScalingInSuspended", t.suspended().dynamicScalingInSuspended());
            suspended.put("DynamicScalingOutSuspended", t.suspended().dynamicScalingOutSuspended());
            suspended.put("ScheduledScalingSuspended", t.suspended().scheduledScalingSuspended());
        }
        return out;
    }

    private synchronized ObjectNode deregisterScalableTarget(JsonNode in) {
        String namespace = namespace(in);
        String resourceId = required(in, "ResourceId", "resourceId");
        String dimension = required(in, "ScalableDimension", "scalableDimension");
        if (targets.remove(key(namespace, resourceId, dimension)) == null) {
            throw ApiException.badRequest(
                    "ObjectNotFoundException",
                    "No scalable target registered for service "
                            + "namespace: " + namespace + ", resource ID: " + resourceId + ", scalable dimension: "
                            + dimension);
        }
        return FakeAws.MAPPER.createObjectNode();
    }
}
