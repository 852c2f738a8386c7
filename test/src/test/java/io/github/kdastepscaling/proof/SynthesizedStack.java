package io.github.kdastepscaling.proof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;

/** A synthesized template, read as one fake deployment of it would be. */
final class SynthesizedStack {

    static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode template;
    private final FakeDeployment deployment;

    private SynthesizedStack(String stackName, JsonNode template) {
        this.template = template;
        this.deployment = new FakeDeployment(stackName, template);
    }

    static SynthesizedStack of(Stack stack) {
        Map<String, Object> json = Template.fromStack(stack).toJSON();
        return new SynthesizedStack(stack.getStackName(), JSON.valueToTree(json));
    }

    JsonNode template() {
        return template;
    }

    FakeDeployment deployment() {
        return deployment;
    }

    List<String> logicalIds(String type) {
        List<String> ids = new ArrayList<>();
        template.path("Resources").properties().forEach(entry -> {
            if (type.equals(entry.getValue().path("Type").asText())) {
                ids.add(entry.getKey());
            }
        });
        return ids;
    }

    /** The only resource of {@code type} whose raw properties contain {@code marker}. */
    /** The alarms that execute a step-scaling policy (the health alarm's children have no action). */
    List<String> scalingAlarmIds() {
        return logicalIds("AWS::CloudWatch::Alarm").stream()
                .filter(id -> template.path("Resources")
                                .get(id)
                                .path("Properties")
                                .path("AlarmActions")
                                .size()
                        > 0)
                .toList();
    }

    String onlyLogicalId(String type, String marker) {
        List<String> matching = logicalIds(type).stream()
                .filter(id -> template.path("Resources").get(id).toString().contains(marker))
                .toList();
        if (matching.size() != 1) {
            throw new IllegalStateException("expected one " + type + " with " + marker + ", found " + matching);
        }
        return matching.get(0);
    }

    JsonNode properties(String logicalId) {
        return deployment.properties(logicalId);
    }

    /** The logical id a {@code Fn::GetAtt [id, Arn]} or {@code Ref id} in the raw template points at. */
    static String referencedLogicalId(JsonNode reference) {
        if (reference.has("Ref")) {
            return reference.get("Ref").asText();
        }
        if (reference.has("Fn::GetAtt")) {
            return reference.get("Fn::GetAtt").get(0).asText();
        }
        throw new IllegalArgumentException("not a reference to a resource: " + reference);
    }

    /** Every policy document that grants the role: its inline policies and the AWS::IAM::Policy resources. */
    IamPolicy rolePolicy(String roleLogicalId) {
        List<JsonNode> documents = new ArrayList<>();
        for (JsonNode inline : properties(roleLogicalId).path("Policies")) {
            documents.add(inline.get("PolicyDocument"));
        }
        for (String policyId : logicalIds("AWS::IAM::Policy")) {
            JsonNode raw = template.path("Resources").get(policyId).path("Properties");
            for (JsonNode role : raw.path("Roles")) {
                if (role.has("Ref") && role.get("Ref").asText().equals(roleLogicalId)) {
                    documents.add(properties(policyId).get("PolicyDocument"));
                }
            }
        }
        return IamPolicy.of(documents);
    }

    /** Managed policies attached to the role (least privilege here means none). */
    List<String> managedPolicies(String roleLogicalId) {
        List<String> arns = new ArrayList<>();
        properties(roleLogicalId).path("ManagedPolicyArns").forEach(arn -> arns.add(arn.asText()));
        return arns;
    }
}
