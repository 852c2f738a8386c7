package io.github.kdastepscaling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.services.apigateway.Method;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.lambda.Function;
import software.constructs.IConstruct;

/**
 * The cdk-nag (AwsSolutions) findings that are false positives for what this construct creates, suppressed on each
 * resource with the reason specific to it, so a consumer who runs cdk-nag sees only findings about their own
 * choices. Written as the {@code cdk_nag} resource metadata that cdk-nag reads (the format its
 * {@code NagSuppressions} writes), so the construct does not make its consumers depend on cdk-nag; a consumer's own
 * suppressions are added beside these. Nothing is suppressed for the whole stack.
 */
final class NagSuppressionMetadata {

    /** The region and account of an ARN as cdk-nag prints it: tokens, or literals in an environment-bound stack. */
    private static final String REGION_AND_ACCOUNT = "(<AWS::Region>|[a-z0-9-]+):(<AWS::AccountId>|[0-9]{12})";

    private NagSuppressionMetadata() {
    }

    static void scalerRole(Role role) {
        suppress(role, "AwsSolutions-IAM5", Map.of("regex", "/^Resource::\\*$/"),
                "application-autoscaling:DescribeScalableTargets, the statement's only action, supports no "
                        + "resource-level permissions (the Service Authorization Reference lists no resource type for "
                        + "it), so * is the only resource it can name; it reads the scalable target's current range, "
                        + "which scheduled actions move, and changes nothing.");
    }

    static void scalerFunction(Function function) {
        suppress(function, "AwsSolutions-L1", null,
                "The scaler is built and tested for the java21 runtime with SnapStart and CRaC priming; moving to a "
                        + "newer Java runtime is a deliberate, tested upgrade of this construct, not a drift to follow "
                        + "automatically.");
    }

    static void deployTimeFunction(Function function) {
        suppress(function, "AwsSolutions-L1", null,
                "A deploy-time handler from the scaler's jar, built and tested for the java21 runtime like the scaler; "
                        + "moving to a newer Java runtime is a deliberate, tested upgrade of this construct.");
    }

    /**
     * aws-cdk-lib's custom-resource provider framework: its own functions, roles and waiter state machine, and the
     * grants it adds to the role the construct gives it, which the construct configures (log groups, retention, log
     * level, roles without managed policies) but does not write.
     */
    static void providerFramework(IConstruct provider) {
        for (IConstruct child : provider.getNode().findAll()) {
            if (!(child instanceof CfnResource resource)) {
                continue;
            }
            switch (resource.getCfnResourceType()) {
                case "AWS::Lambda::Function" -> suppress(resource, "AwsSolutions-L1", null,
                        "A function of aws-cdk-lib's custom-resource provider framework; aws-cdk-lib chooses and "
                                + "updates its Node.js runtime with each release.");
                case "AWS::IAM::Policy" -> suppress(resource, "AwsSolutions-IAM5", List.of(
                                Map.of("regex", "/^Resource::<[A-Za-z0-9]+\\.Arn>:\\*$/"),
                                Map.of("regex", "/^Resource::\\*$/")),
                        "A policy aws-cdk-lib's provider framework writes: invoking this construct's own handler "
                                + "functions and their versions (function:*:*), and, for the waiter state machine, "
                                + "the CloudWatch Logs delivery actions, which take no resource ARN.");
                case "AWS::StepFunctions::StateMachine" -> suppress(resource, "AwsSolutions-SF2", null,
                        "The provider framework's waiter state machine polls the start for at most 20 minutes per "
                                + "deploy; it logs every event to its own log group, and aws-cdk-lib offers no "
                                + "X-Ray option for it.");
                default -> {
                }
            }
        }
    }

    static void endpoint(RestApi api) {
        suppress(api.getDeploymentStage(), "AwsSolutions-APIG6", null,
                "Execution logging needs the account-wide API Gateway CloudWatch role (AWS::ApiGateway::Account), a "
                        + "per-region singleton a library construct must not own; every request is recorded in the "
                        + "stage's access log and the scaler logs each decision.");
        for (IConstruct child : api.getNode().findAll()) {
            if (child instanceof Method method) {
                suppress(method, "AwsSolutions-COG4", null,
                        "The caller is an AWS service-linked role, not a user: the method uses IAM (SigV4) "
                                + "authorization, which Application Auto Scaling requires for custom resources.");
            }
        }
    }

    /**
     * @param permissions the construct holding the application's statements: its role, or the policy attached to a
     *                    role the user gave
     */
    static void applicationPermissions(IConstruct permissions, boolean inVpc) {
        suppress(permissions, "AwsSolutions-IAM5", Map.of("regex", "/^Resource::arn:<AWS::Partition>:logs:"
                        + REGION_AND_ACCOUNT + ":log-group:.+:log-stream:\\*$/"),
                "logs:DescribeLogStreams is granted on the application's own log group only; the service describes "
                        + "the group's streams to verify its logging option, and the action takes the log-stream:* "
                        + "form of the group's ARN.");
        suppress(permissions, "AwsSolutions-IAM5", Map.of("regex", "/^Resource::arn:<AWS::Partition>:logs:"
                        + REGION_AND_ACCOUNT + ":log-group:\\*$/"),
                "logs:DescribeLogGroups is a listing call that accepts only the log-group:* form of ARN; AWS "
                        + "documents it in the role for Managed Flink application logging. It reveals group names in "
                        + "this account and region, never their events.");
        if (inVpc) {
            suppress(permissions, "AwsSolutions-IAM5", Map.of("regex", "/^Resource::\\*$/"),
                    "The EC2 network-interface actions an application in a VPC needs (create, describe and delete "
                            + "its interfaces; describe the VPC, subnets, security groups and DHCP options) are "
                            + "granted as AWS documents them for Managed Flink in a VPC: the Describe actions support "
                            + "no resource-level permissions, and the interfaces do not exist before the service "
                            + "creates them.");
        }
    }

    @SuppressWarnings("unchecked")
    private static void suppress(IConstruct construct, String ruleId, Object appliesTo, String reason) {
        CfnResource resource = construct instanceof CfnResource cfn ? cfn
                : (CfnResource) construct.getNode().getDefaultChild();
        Object existing = resource.getMetadata("cdk_nag");
        Map<String, Object> metadata = existing instanceof Map<?, ?> map ? new LinkedHashMap<>((Map<String, Object>) map)
                : new LinkedHashMap<>();
        List<Object> rules = new ArrayList<>(metadata.get("rules_to_suppress") instanceof List<?> list
                ? (List<Object>) list : List.of());
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", ruleId);
        rule.put("reason", reason);
        if (appliesTo instanceof List<?> several) {
            rule.put("applies_to", several);
        } else if (appliesTo != null) {
            rule.put("applies_to", List.of(appliesTo));
        }
        rules.add(rule);
        metadata.put("rules_to_suppress", rules);
        resource.addMetadata("cdk_nag", metadata);
    }

}
