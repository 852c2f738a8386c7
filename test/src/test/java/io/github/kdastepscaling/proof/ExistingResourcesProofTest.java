package io.github.kdastepscaling.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kdastepscaling.EndpointAccess;
import io.github.kdastepscaling.KdaStepScaling;
import io.github.kdastepscaling.KdaStepScalingProps;
import io.github.kdastepscaling.fakes.RecordedCall;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.kinesis.Stream;

/**
 * The same proof for an app that brings its own stream and its own Flink application, with the opt-in restricted
 * endpoint: its resource policy must admit the principal that registers the scalable target.
 */
class ExistingResourcesProofTest {

    private static SynthesizedStack stack;
    private static ScalerRun run;
    private static List<RecordedCall> calls;
    private static String roleId;
    private static String logGroupId;

    @BeforeAll
    static void synthesizeAndRun() {
        App app = new App();
        Stack existing = new Stack(
                app,
                "ExistingResources",
                StackProps.builder()
                        .env(Environment.builder()
                                .account(FakeDeployment.ACCOUNT)
                                .region(FakeDeployment.REGION)
                                .build())
                        .build());
        new KdaStepScaling(
                existing,
                "Scaling",
                KdaStepScalingProps.builder()
                        .existingStream(Stream.fromStreamArn(
                                existing,
                                "Clicks",
                                "arn:aws:kinesis:" + FakeDeployment.REGION + ":" + FakeDeployment.ACCOUNT
                                        + ":stream/clicks"))
                        .existingApplicationName("clicks-job")
                        .initialCapacity(2)
                        .maxCapacity(6)
                        .endpointAccess(EndpointAccess.restrictedToDeployRole())
                        .build());
        stack = SynthesizedStack.of(existing);
        String functionId = stack.onlyLogicalId("AWS::Lambda::Function", "ScalerHandler::handleRequest");
        var function = stack.template().path("Resources").get(functionId).path("Properties");
        roleId = SynthesizedStack.referencedLogicalId(function.path("Role"));
        logGroupId = SynthesizedStack.referencedLogicalId(
                function.path("LoggingConfig").path("LogGroup"));
        try (DeployTimeRun deploy = new DeployTimeRun(stack)) {
            deploy.deployThresholds("Create");
        }
        // An existing application with its own ParallelismPerKPU, which the scaler keeps.
        run = new ScalerRun(stack, functionId, 2, 4);
        calls = run.scaleOutAndIn();
    }

    @AfterAll
    static void close() {
        run.close();
    }

    @Test
    void everyCallTheScalerMadeIsAllowedByItsRole() {
        ScalerPermissions.assertEveryCallIsAllowed(stack.rolePolicy(roleId), calls);
    }

    @Test
    void theRoleAllowsNothingTheScalerNeverDoes() {
        assertEquals(List.of(), stack.managedPolicies(roleId));
        ScalerPermissions.assertNothingUnused(
                stack.rolePolicy(roleId), calls, stack.deployment().getAtt(logGroupId, "Arn"));
    }

    @Test
    void theApplicationRoleIsTheOwnersNotOurs() {
        // The scaler's, and the deploy-time thresholds function's and its provider framework's: none for Flink.
        assertEquals(
                3,
                stack.logicalIds("AWS::IAM::Role").size(),
                stack.logicalIds("AWS::IAM::Role").toString());
        for (String role : stack.logicalIds("AWS::IAM::Role")) {
            assertEquals(
                    "lambda.amazonaws.com",
                    stack.properties(role)
                            .at("/AssumeRolePolicyDocument/Statement/0" + "/Principal/Service")
                            .asText(),
                    role + ": the existing application keeps the role it has");
        }
    }

    @Test
    void theRestrictedEndpointAdmitsTheDeployRoleAndTheServiceLinkedRoleAndDeniesEveryoneElse() throws Exception {
        String apiId = stack.onlyLogicalId("AWS::ApiGateway::RestApi", "");
        String apiArn = "arn:aws:execute-api:" + FakeDeployment.REGION + ":" + FakeDeployment.ACCOUNT + ":"
                + stack.deployment().ref(apiId);
        IamPolicy resourcePolicy = IamPolicy.of(List.of(SynthesizedStack.JSON.readTree(
                stack.properties(apiId).get("Policy").toString().replace("\"execute-api:/", "\"" + apiArn + "/"))));
        String method = apiArn + "/scaling/GET/scalableTargetDimensions/clicks-job";
        String deployRole = "arn:aws:iam::" + FakeDeployment.ACCOUNT + ":role/cdk-hnb659fds-cfn-exec-role-"
                + FakeDeployment.ACCOUNT + "-" + FakeDeployment.REGION;
        String serviceLinkedRole = "arn:aws:iam::" + FakeDeployment.ACCOUNT + ":role/aws-service-role/"
                + "custom-resource.application-autoscaling.amazonaws.com/"
                + "AWSServiceRoleForApplicationAutoScaling_CustomResource";

        for (String admitted : List.of(deployRole, serviceLinkedRole)) {
            for (String verb : List.of("/GET/", "/PATCH/")) {
                IamPolicy.Request request = invoke(admitted, method.replace("/GET/", verb));
                assertTrue(resourcePolicy.allows(request), admitted + " is not allowed " + verb);
                assertFalse(resourcePolicy.denies(request), admitted + " is denied " + verb);
            }
        }
        assertTrue(resourcePolicy.denies(invoke("arn:aws:iam::" + FakeDeployment.ACCOUNT + ":role/Admin", method)));
    }

    private static IamPolicy.Request invoke(String principal, String method) {
        return new IamPolicy.Request(
                principal,
                FakeDeployment.ACCOUNT,
                "execute-api:Invoke",
                method,
                Map.of("aws:PrincipalArn", principal, "aws:PrincipalAccount", FakeDeployment.ACCOUNT));
    }
}
