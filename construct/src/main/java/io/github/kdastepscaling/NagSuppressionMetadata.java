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
 * The cdk-nag findings (AwsSolutions, NIST 800-53 R5, HIPAA Security, PCI DSS 3.2.1, Serverless) that are false
 * positives for what this construct creates, suppressed on each
 * resource with the reason specific to it, so a consumer who runs cdk-nag sees only findings about their own
 * choices. Written as the {@code cdk_nag} resource metadata that cdk-nag reads (the format its
 * {@code NagSuppressions} writes), so the construct does not make its consumers depend on cdk-nag; a consumer's own
 * suppressions are added beside these. Nothing is suppressed for the whole stack.
 */
final class NagSuppressionMetadata {

    /** The region and account of an ARN as cdk-nag prints it: tokens, or literals in an environment-bound stack. */
    private static final String REGION_AND_ACCOUNT = "(<AWS::Region>|[a-z0-9-]+):(<AWS::AccountId>|[0-9]{12})";

    /** cdk-nag's finding text for a {@code *} resource, as an applies-to regex. */
    private static final String STAR_RESOURCE = "/^Resource::\\*$/";

    /** The packs regulated teams run beside AwsSolutions: NIST 800-53 rev 5, HIPAA Security and PCI DSS 3.2.1. */
    private static final List<String> REGULATED = List.of("NIST.800.53.R5", "HIPAA.Security", "PCI.DSS.321");

    private static final List<String> NIST_AND_HIPAA = List.of("NIST.800.53.R5", "HIPAA.Security");
    private static final List<String> SERVERLESS = List.of("Serverless");

    private static final String INLINE_POLICIES = "The construct's roles carry inline policies on purpose: each is "
            + "scoped to this construct's application and the resources created for it or given to it (its stream, "
            + "code object, parameters, alarms, log groups, queue; in a VPC, the network interfaces AWS documents as "
            + "resource-less), so it serves nothing else, and it is created and deleted with the role it belongs to; "
            + "a customer managed policy would outlive the stack's intent and invite attachment elsewhere.";
    private static final String NO_VPC = "Only when scalerVpc is not given: the function calls AWS APIs only (Managed "
            + "Service for Apache Flink, SSM, CloudWatch, Application Auto Scaling), over TLS and signed with its "
            + "role, and reaches nothing in a VPC; pass scalerVpc to place the scaler in one (it then needs VPC "
            + "endpoints or a NAT gateway).";
    private static final String NO_TRACING = "Only when tracing is not turned on: X-Ray is an opt-in prop (tracing), "
            + "because traces are billed and the scaler logs every decision with its duration and outcome.";

    private NagSuppressionMetadata() {}

    /** A log group the construct created: encrypted with the user's key when given, else with CloudWatch's own. */
    static void logGroup(IConstruct logGroup, boolean customerManagedKey) {
        if (!customerManagedKey) {
            suppressInPacks(
                    logGroup,
                    "CloudWatchLogGroupEncrypted",
                    REGULATED,
                    "Only when logEncryptionKey is not "
                            + "given: CloudWatch Logs encrypts every log group at rest with keys it owns; a customer managed "
                            + "KMS key is the logEncryptionKey prop, which the construct then uses for all its log groups.");
        }
    }

    /** Every role and policy resource under {@code root}: the inline-policy rules of the regulated packs. */
    static void inlinePolicies(IConstruct root) {
        for (IConstruct child : root.getNode().findAll()) {
            if (child instanceof CfnResource resource
                    && (resource.getCfnResourceType().equals("AWS::IAM::Role")
                            || resource.getCfnResourceType().equals("AWS::IAM::Policy"))) {
                suppressInPacks(resource, "IAMNoInlinePolicy", REGULATED, INLINE_POLICIES);
            }
        }
    }

    /**
     * The alarms the health alarm combines: they route nothing themselves; the composite does, so a user routes
     * one alarm and is notified once.
     */
    static void healthAlarmChild(IConstruct alarm) {
        suppressInPacks(
                alarm,
                "CloudWatchAlarmAction",
                NIST_AND_HIPAA,
                "One of the alarms the construct's composite "
                        + "health alarm combines (getScalerHealthAlarm()); notifications are routed from the composite, so a "
                        + "single incident notifies once. The scaling alarms themselves do have actions: their policies.");
    }

    /** The queue that keeps reconciles the schedule could not deliver or the scaler failed. */
    static void deadLetterQueue(IConstruct queue) {
        suppress(
                queue,
                "AwsSolutions-SQS3",
                null,
                "This queue is the scaler's dead-letter queue; a dead-letter "
                        + "queue of its own would only move the same messages again.");
        suppressInPacks(
                queue,
                "SQSRedrivePolicy",
                SERVERLESS,
                "This queue is the scaler's dead-letter queue; a "
                        + "redrive policy would move its messages to yet another queue.");
    }

    /** The alias's asynchronous-invocation settings: failures go to the function's dead-letter queue. */
    static void asyncInvokeConfig(IConstruct config) {
        suppressInPacks(
                config,
                "LambdaAsyncFailureDestination",
                SERVERLESS,
                "A reconcile that fails after its "
                        + "retries goes to the function's dead-letter queue (DeadLetterConfig), the construct's encrypted "
                        + "queue the health alarm watches; an on-failure destination as well would deliver each failure "
                        + "twice.");
    }

    static void scalerRole(Role role, ResolvedProps settings) {
        String reason = "application-autoscaling:DescribeScalableTargets supports no resource-level permissions (the "
                + "Service Authorization Reference lists no resource type for it), so * is the only resource it can "
                + "name; it reads the scalable target's current range, which scheduled actions move, and changes "
                + "nothing."
                + (settings.rateLearning == null
                        ? ""
                        : " cloudwatch:GetMetricData (rate learning) "
                                + "supports no resource-level permissions either: it reads the job's metrics once per scheduled "
                                + "reconcile and changes nothing.")
                + " With tracing on, X-Ray's PutTraceSegments and PutTelemetryRecords are * for the same "
                + "reason."
                + (settings.scalerVpc == null
                        ? ""
                        : " In a VPC (scalerVpc), the EC2 network-interface "
                                + "actions AWSLambdaVPCAccessExecutionRole grants are * too: Lambda creates the interfaces with the "
                                + "role, so they have no ARN before, and the Describe actions support no resource-level "
                                + "permissions.");
        starResources(role, reason);
        starInDefaultPolicy(role, reason);
    }

    static void scalerFunction(Function function, ResolvedProps settings) {
        if (settings.scalerReservedConcurrency == null) {
            suppressInPacks(
                    function,
                    "LambdaConcurrency",
                    NIST_AND_HIPAA,
                    "Only with "
                            + "ScalerConcurrency.unreserved(), the user's choice for an account whose unreserved concurrency "
                            + "cannot spare a reservation (Lambda refuses one that leaves less than the account's minimum).");
        }
        if (settings.scalerVpc == null) {
            suppressInPacks(function, "LambdaInsideVPC", REGULATED, NO_VPC);
        }
        if (!settings.tracing) {
            suppressInPacks(function, "LambdaTracing", SERVERLESS, NO_TRACING);
        }
    }

    /**
     * A fleet's shared scaler: its role names the fleet's parameters by their path and its scaling alarms by their
     * name pattern, so that it stays the same size for any number of applications and touches nothing else.
     */
    static void fleetScaler(Function function, Role role) {
        suppressInPacks(
                function,
                "LambdaInsideVPC",
                REGULATED,
                "A fleet's scaler calls AWS APIs only (Managed "
                        + "Service for Apache Flink, SSM, CloudWatch, Application Auto Scaling), over TLS and signed with its "
                        + "role, and reaches nothing in a VPC.");
        suppressInPacks(function, "LambdaTracing", SERVERLESS, NO_TRACING);
        String reason = "The fleet's parameters are named under its own SSM path (/kda-step-scaling/fleets/<fleetId>/"
                + "applications/* and /state/*) and its scaling alarms kda-step-scaling-<fleetId>-<application>-"
                + "ScaleOut|ScaleIn|Lag, so a path or name pattern scopes them to this fleet and keeps the role's "
                + "policy within IAM's size limit for any number of applications; the Flink applications are listed "
                + "one by one. application-autoscaling:DescribeScalableTargets and cloudwatch:GetMetricData support "
                + "no resource-level permissions, so * is the only resource they can name; both only read.";
        starResources(
                role,
                reason,
                "/^Resource::arn:<AWS::Partition>:ssm:" + REGION_AND_ACCOUNT
                        + ":parameter/kda-step-scaling/fleets/[A-Za-z0-9_]+/(applications|state)/\\*$/",
                "/^Resource::arn:<AWS::Partition>:cloudwatch:" + REGION_AND_ACCOUNT
                        + ":alarm:kda-step-scaling-[A-Za-z0-9_]+-\\*-(ScaleOut|ScaleIn|Lag)$/");
        starInDefaultPolicy(role, reason);
    }

    /**
     * A fleet's deploy-time function reads every member's state parameters, under the fleet's path, and the scalable
     * targets' ranges.
     */
    static void fleetDeployTimeRead(IConstruct role) {
        String reason = "The deploy-time function of a fleet reads each application's stored desired capacity and "
                + "learned rate, named under the fleet's own SSM path (/kda-step-scaling/fleets/<fleetId>/state/*), "
                + "so the path scopes them to this fleet; and the scalable targets' current minimum with "
                + "application-autoscaling:DescribeScalableTargets, which supports no resource-level permissions, so "
                + "* is the only resource it can name. It only reads.";
        starResources(
                role,
                reason,
                "/^Resource::arn:<AWS::Partition>:ssm:" + REGION_AND_ACCOUNT
                        + ":parameter/kda-step-scaling/fleets/[A-Za-z0-9_]+/state/\\*$/");
    }

    /** The deploy-time capacity function's read of the scalable target's range. */
    static void deployTimeScalableTargetRead(IConstruct role) {
        String reason = "application-autoscaling:DescribeScalableTargets supports no resource-level permissions (the "
                + "Service Authorization Reference lists no resource type for it), so * is the only resource it can "
                + "name; the deploy-time function reads the scalable target's current minimum, which the scale-in "
                + "threshold follows, and changes nothing.";
        starResources(role, reason);
    }

    static void deployTimeFunction(Function function) {
        deployTimeOnly(function, "A deploy-time handler from the scaler's jar");
        suppressInPacks(
                function,
                "LambdaTracing",
                SERVERLESS,
                "A deploy-time handler that runs for seconds per "
                        + "deploy; its log group records each call, and the deploy's events are in CloudFormation.");
    }

    /** What does not apply to a function only CloudFormation invokes, through the provider framework, at deploys. */
    private static void deployTimeOnly(IConstruct function, String what) {
        suppressInPacks(
                function,
                "LambdaConcurrency",
                NIST_AND_HIPAA,
                what + ": CloudFormation invokes it through "
                        + "the custom-resource provider framework, once per resource event of a deploy; a reservation would "
                        + "take from the account's unreserved concurrency for a function idle between deploys.");
        suppressInPacks(
                function,
                "LambdaDLQ",
                List.of("NIST.800.53.R5", "HIPAA.Security", "Serverless"),
                what
                        + ": it is invoked synchronously (RequestResponse) by the provider framework, and a dead-letter queue "
                        + "applies to asynchronous invocations only; a failure fails the deploy, which CloudFormation reports "
                        + "and rolls back.");
        suppressInPacks(
                function,
                "LambdaInsideVPC",
                REGULATED,
                what + ": it calls AWS APIs only, during deploys, " + "and reaches nothing in a VPC.");
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
                case "AWS::Lambda::Function" -> {
                    suppress(
                            resource,
                            "AwsSolutions-L1",
                            null,
                            "A function of aws-cdk-lib's custom-resource provider framework; aws-cdk-lib chooses and "
                                    + "updates its Node.js runtime with each release.");
                    suppressInPacks(
                            resource,
                            "LambdaLatestVersion",
                            SERVERLESS,
                            "A function of aws-cdk-lib's "
                                    + "provider framework; aws-cdk-lib chooses its runtime with each release.");
                    suppressInPacks(
                            resource,
                            "LambdaDefaultMemorySize",
                            SERVERLESS,
                            "A function of aws-cdk-lib's "
                                    + "provider framework, which sets its memory itself and offers no option for it.");
                    suppressInPacks(
                            resource,
                            "LambdaTracing",
                            SERVERLESS,
                            "A function of aws-cdk-lib's provider "
                                    + "framework, which offers no tracing option; it logs to the construct's log group.");
                    deployTimeOnly(resource, "A function of aws-cdk-lib's custom-resource provider framework");
                }
                case "AWS::IAM::Policy" ->
                    suppress(
                            resource,
                            "AwsSolutions-IAM5",
                            List.of(
                                    Map.of("regex", "/^Resource::<[A-Za-z0-9]+\\.Arn>:\\*$/"),
                                    Map.of("regex", STAR_RESOURCE)),
                            "A policy aws-cdk-lib's provider framework writes: invoking this construct's own handler "
                                    + "functions and their versions (function:*:*), and, for the waiter state machine, "
                                    + "the CloudWatch Logs delivery actions, which take no resource ARN.");
                case "AWS::StepFunctions::StateMachine" -> {
                    String reason = "The provider framework's waiter state machine polls the start for at most 20 "
                            + "minutes per deploy; it logs every event to its own log group, and aws-cdk-lib offers "
                            + "no X-Ray option for it.";
                    suppress(resource, "AwsSolutions-SF2", null, reason);
                    suppressInPacks(resource, "StepFunctionStateMachineXray", SERVERLESS, reason);
                }
                default -> {}
            }
        }
    }

    static void endpoint(RestApi api, SharedSettings settings) {
        String executionLogging = "Execution logging needs the account-wide API Gateway CloudWatch role "
                + "(AWS::ApiGateway::Account), a per-region singleton a library construct must not own; every request "
                + "is recorded in the stage's access log and the scaler logs each decision.";
        suppress(api.getDeploymentStage(), "AwsSolutions-APIG6", null, executionLogging);
        suppressInPacks(api.getDeploymentStage(), "APIGWExecutionLoggingEnabled", REGULATED, executionLogging);
        suppressInPacks(
                api.getDeploymentStage(),
                "APIGWCacheEnabledAndEncrypted",
                REGULATED,
                "No cache, on "
                        + "purpose: every answer must be fresh (a GET reports the application's capacity and status now, "
                        + "and Application Auto Scaling polls it to learn when a rescale is done); a cached answer would "
                        + "report a rescale that is not over.");
        suppressInPacks(
                api.getDeploymentStage(),
                "APIGWSSLEnabled",
                REGULATED,
                "The rule asks for a client "
                        + "certificate, which authenticates API Gateway to an HTTP backend; this API's only backend is a "
                        + "Lambda proxy integration, which API Gateway invokes through the Lambda service with IAM, not over "
                        + "HTTP. Callers reach the stage over TLS only.");
        if (!settings.tracing()) {
            suppressInPacks(
                    api.getDeploymentStage(), "APIGWXrayEnabled", List.of("HIPAA.Security", "Serverless"), NO_TRACING);
        }
        suppress(
                api.getLatestDeployment(),
                "CdkNagValidationFailure",
                "Serverless-APIGWStructuredLogging",
                "The rule cannot evaluate the deployment's stage description, which holds intrinsic functions (the "
                        + "access log group's ARN); the stage itself logs every request as JSON "
                        + "(AccessLogFormat.jsonWithStandardFields).");
        for (IConstruct child : api.getNode().findAll()) {
            if (child instanceof Method method) {
                suppress(
                        method,
                        "AwsSolutions-COG4",
                        null,
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
        suppress(
                permissions,
                "AwsSolutions-IAM5",
                Map.of(
                        "regex",
                        "/^Resource::arn:<AWS::Partition>:logs:" + REGION_AND_ACCOUNT
                                + ":log-group:.+:log-stream:\\*$/"),
                "logs:DescribeLogStreams is granted on the application's own log group only; the service describes "
                        + "the group's streams to verify its logging option, and the action takes the log-stream:* "
                        + "form of the group's ARN.");
        suppress(
                permissions,
                "AwsSolutions-IAM5",
                Map.of("regex", "/^Resource::arn:<AWS::Partition>:logs:" + REGION_AND_ACCOUNT + ":log-group:\\*$/"),
                "logs:DescribeLogGroups is a listing call that accepts only the log-group:* form of ARN; AWS "
                        + "documents it in the role for Managed Flink application logging. It reveals group names in "
                        + "this account and region, never their events.");
        if (inVpc) {
            suppress(
                    permissions,
                    "AwsSolutions-IAM5",
                    Map.of("regex", STAR_RESOURCE),
                    "The EC2 network-interface actions an application in a VPC needs (create, describe and delete "
                            + "its interfaces; describe the VPC, subnets, security groups and DHCP options) are "
                            + "granted as AWS documents them for Managed Flink in a VPC: the Describe actions support "
                            + "no resource-level permissions, and the interfaces do not exist before the service "
                            + "creates them.");
        }
    }

    /**
     * A role's {@code *} resources (AwsSolutions-IAM5 and the serverless pack's star permissions), and the resource
     * patterns given, each a regex of cdk-nag's finding text, all for one reason.
     */
    private static void starResources(IConstruct role, String reason, String... patterns) {
        List<Map<String, String>> appliesTo = new ArrayList<>();
        appliesTo.add(Map.of("regex", STAR_RESOURCE));
        for (String pattern : patterns) {
            appliesTo.add(Map.of("regex", pattern));
        }
        suppress(role, "AwsSolutions-IAM5", appliesTo, reason);
        suppressInPacks(role, "LambdaStarPermissions", SERVERLESS, reason);
    }

    /** The {@code *} resources of the statements aws-cdk-lib adds for grants to a role's DefaultPolicy, if it has one. */
    private static void starInDefaultPolicy(Role role, String reason) {
        IConstruct defaultPolicy = role.getNode().tryFindChild("DefaultPolicy");
        if (defaultPolicy != null) {
            suppress(defaultPolicy, "AwsSolutions-IAM5", Map.of("regex", STAR_RESOURCE), reason);
        }
    }

    private static void suppressInPacks(IConstruct construct, String rule, List<String> packs, String reason) {
        for (String pack : packs) {
            suppress(construct, pack + "-" + rule, null, reason);
        }
    }

    @SuppressWarnings("unchecked")
    private static void suppress(IConstruct construct, String ruleId, Object appliesTo, String reason) {
        CfnResource resource = construct instanceof CfnResource cfn
                ? cfn
                : (CfnResource) construct.getNode().getDefaultChild();
        Object existing = resource.getMetadata("cdk_nag");
        Map<String, Object> metadata = existing instanceof Map<?, ?> map
                ? new LinkedHashMap<>((Map<String, Object>) map)
                : new LinkedHashMap<>();
        List<Object> rules = new ArrayList<>(
                metadata.get("rules_to_suppress") instanceof List<?> list ? (List<Object>) list : List.of());
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
