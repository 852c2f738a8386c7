package io.github.kdastepscaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.UniqueResourceNameOptions;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.IModel;
import software.amazon.awscdk.services.apigateway.JsonSchema;
import software.amazon.awscdk.services.apigateway.JsonSchemaType;
import software.amazon.awscdk.services.apigateway.JsonSchemaVersion;
import software.amazon.awscdk.services.apigateway.LambdaIntegration;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.Model;
import software.amazon.awscdk.services.apigateway.RequestValidator;
import software.amazon.awscdk.services.apigateway.RequestValidatorOptions;
import software.amazon.awscdk.services.apigateway.Resource;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * Creates the REST API Application Auto Scaling calls: {@code GET} and {@code PATCH}
 * {@code /scalableTargetDimensions/{scalableTargetDimensionId}}, IAM (SigV4) authorization, a Lambda proxy
 * integration, access logs, and, only when {@link EndpointAccess} asks for it, a resource policy.
 */
final class ScalingEndpoint extends Construct {

    static final String SERVICE_LINKED_ROLE = "aws-service-role/custom-resource.application-autoscaling.amazonaws.com/"
            + "AWSServiceRoleForApplicationAutoScaling_CustomResource";
    static final String RESOURCE_PATH = "scalableTargetDimensions";
    static final String PATH_PARAMETER = "scalableTargetDimensionId";

    /**
     * Requests per second the stage lets through: Application Auto Scaling sends a few a minute (a PATCH per
     * scaling activity, GETs while it waits), so 10 per second is far above it and far below the account's
     * 10,000 per second that every API of the account shares.
     */
    static final double THROTTLING_RATE_LIMIT = 10;

    static final int THROTTLING_BURST_LIMIT = 20;

    private final RestApi api;
    private final LogGroup accessLogs;
    private final Resource dimension;

    ScalingEndpoint(Construct scope, String id, SharedSettings settings, IFunction handler) {
        super(scope, id);
        Stack stack = Stack.of(this);
        LogGroup accessLogs = ConstructLogGroups.create(this, "AccessLogs", settings);
        RestApi api = RestApi.Builder.create(this, "Api")
                .description("Custom-resource scaling endpoint of kda-step-scaling, called by Application Auto Scaling")
                .restApiName(Names.uniqueResourceName(
                        this,
                        UniqueResourceNameOptions.builder()
                                .maxLength(255)
                                .separator("-")
                                .build()))
                .endpointTypes(List.of(EndpointType.REGIONAL))
                .cloudWatchRole(false)
                .policy(
                        settings.endpointAccess().restricted()
                                ? resourcePolicy(
                                        stack,
                                        settings.stageName(),
                                        settings.endpointAccess().admittedPrincipalArns(stack))
                                : null)
                .deployOptions(StageOptions.builder()
                        .stageName(settings.stageName())
                        .accessLogDestination(new LogGroupLogDestination(accessLogs))
                        .accessLogFormat(AccessLogFormat.jsonWithStandardFields())
                        .throttlingRateLimit(THROTTLING_RATE_LIMIT)
                        .throttlingBurstLimit(THROTTLING_BURST_LIMIT)
                        .tracingEnabled(settings.tracing())
                        .build())
                .build();

        RequestValidator validator = api.addRequestValidator(
                "Validator",
                RequestValidatorOptions.builder()
                        .validateRequestBody(true)
                        .validateRequestParameters(true)
                        .build());
        IModel desiredCapacity = Model.Builder.create(this, "DesiredCapacityModel")
                .restApi(api)
                .contentType("application/json")
                .description("The body of a PATCH: the capacity Application Auto Scaling asks for")
                .schema(JsonSchema.builder()
                        .schema(JsonSchemaVersion.DRAFT4)
                        .title("DesiredCapacity")
                        .type(JsonSchemaType.OBJECT)
                        .required(List.of("desiredCapacity"))
                        .properties(Map.of(
                                "desiredCapacity",
                                JsonSchema.builder()
                                        .type(JsonSchemaType.NUMBER)
                                        .minimum(0)
                                        .build()))
                        .build())
                .build();

        LambdaIntegration integration = LambdaIntegration.Builder.create(handler)
                .proxy(true)
                .allowTestInvoke(false)
                .build();
        Resource dimension = api.getRoot().addResource(RESOURCE_PATH).addResource("{" + PATH_PARAMETER + "}");
        Map<String, Boolean> pathParameter = Map.of("method.request.path." + PATH_PARAMETER, true);
        dimension.addMethod(
                "GET",
                integration,
                MethodOptions.builder()
                        .authorizationType(AuthorizationType.IAM)
                        .requestParameters(pathParameter)
                        .requestValidator(validator)
                        .build());
        dimension.addMethod(
                "PATCH",
                integration,
                MethodOptions.builder()
                        .authorizationType(AuthorizationType.IAM)
                        .requestParameters(pathParameter)
                        .requestValidator(validator)
                        .requestModels(Map.of("application/json", desiredCapacity))
                        .build());
        this.api = api;
        this.accessLogs = accessLogs;
        this.dimension = dimension;
    }

    RestApi api() {
        return api;
    }

    LogGroup accessLogs() {
        return accessLogs;
    }

    Resource dimension() {
        return dimension;
    }

    /** The ARN of this account's Application Auto Scaling custom-resource service-linked role. */
    static String serviceLinkedRoleArn(Stack stack) {
        return stack.formatArn(ArnComponents.builder()
                .service("iam")
                .region("")
                .resource("role")
                .resourceName(SERVICE_LINKED_ROLE)
                .build());
    }

    /**
     * The opt-in restricted mode: allows the account, on the condition that the caller is the service-linked role or
     * a principal the user named (a condition rather than role principals, so the policy is valid before the
     * service-linked role exists); denies every other caller explicitly, since in the same account an identity
     * policy alone would otherwise grant access to an IAM-authorized method. The named principals must include the
     * one that registers the scalable target, which RegisterScalableTarget checks may call GET and PATCH.
     */
    private static PolicyDocument resourcePolicy(Stack stack, String stageName, List<String> admitted) {
        List<String> methods = List.of(
                "execute-api:/" + stageName + "/GET/" + RESOURCE_PATH + "/*",
                "execute-api:/" + stageName + "/PATCH/" + RESOURCE_PATH + "/*");
        List<String> principals = new ArrayList<>(List.of(serviceLinkedRoleArn(stack)));
        principals.addAll(admitted);
        return PolicyDocument.Builder.create()
                .statements(List.of(
                        PolicyStatement.Builder.create()
                                .sid("AllowApplicationAutoScalingAndTheRegisteringPrincipal")
                                .effect(Effect.ALLOW)
                                .principals(List.of(new AccountRootPrincipal()))
                                .actions(List.of("execute-api:Invoke"))
                                .resources(methods)
                                .conditions(Map.of("ArnEquals", Map.of("aws:PrincipalArn", principals)))
                                .build(),
                        PolicyStatement.Builder.create()
                                .sid("DenyEveryoneElse")
                                .effect(Effect.DENY)
                                .principals(List.of(new AnyPrincipal()))
                                .actions(List.of("execute-api:Invoke"))
                                .resources(List.of("execute-api:/*"))
                                .conditions(Map.of("ArnNotEquals", Map.of("aws:PrincipalArn", principals)))
                                .build()))
                .build();
    }
}
