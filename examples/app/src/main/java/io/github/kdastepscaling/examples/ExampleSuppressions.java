package io.github.kdastepscaling.examples;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.kdastepscaling.KdaStepScaling;
import java.util.List;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.apigateway.Method;
import software.constructs.IConstruct;

/**
 * The cdk-nag findings the example accepts, each on its own resource with the reason it does not apply there.
 * No rule is suppressed for the whole stack.
 */
final class ExampleSuppressions {

    private ExampleSuppressions() {
    }

    static void apply(KdaStepScaling scaling) {
        suppress(scaling.getScalingFunction(), "AwsSolutions-L1",
                "The scaler is built and tested for the java21 runtime with SnapStart and CRaC priming; moving to a "
                        + "newer Java runtime is a deliberate, tested upgrade, not a drift to follow automatically.");

        suppress(scaling.getApi().getDeploymentStage(), "AwsSolutions-APIG6",
                "Execution logging needs the account-wide API Gateway CloudWatch role (AWS::ApiGateway::Account), a "
                        + "per-region singleton a library construct must not own; every request is recorded in the "
                        + "stage's access log and the scaler logs each decision.");
        suppress(scaling.getApi().getDeploymentStage(), "AwsSolutions-APIG3",
                "Only this account's Application Auto Scaling service-linked role can invoke the API: IAM (SigV4) "
                        + "authorization plus a resource policy that denies every other principal; a WAF web ACL "
                        + "would add cost without a threat it stops.");
        for (IConstruct child : scaling.getApi().getNode().findAll()) {
            if (child instanceof Method method) {
                suppress(method, "AwsSolutions-COG4",
                        "The caller is an AWS service-linked role, not a user: the method uses IAM (SigV4) "
                                + "authorization, which Application Auto Scaling requires for custom resources.");
            }
        }

        NagSuppressions.addResourceSuppressions(scaling.getApplicationRole(), List.of(NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason("logs:DescribeLogStreams is granted on the application's own log group only; the service "
                        + "describes the group's streams to verify its logging option, and the action takes the "
                        + "log-stream:* form of the group's ARN.")
                .appliesTo(List.of("Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:<"
                        + logicalId(scaling.getApplicationLogGroup()) + ">:log-stream:*"))
                .build(), NagPackSuppression.builder()
                .id("AwsSolutions-IAM5")
                .reason("logs:DescribeLogGroups is a listing call that accepts only the log-group:* form of ARN; "
                        + "AWS documents it in the role for Managed Flink application logging. It reveals group "
                        + "names in this account and region, never their events.")
                .appliesTo(List.of("Resource::arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:*"))
                .build()), true);
    }

    private static String logicalId(IConstruct construct) {
        CfnElement element = (CfnElement) construct.getNode().getDefaultChild();
        return (String) Stack.of(construct).resolve(element.getLogicalId());
    }

    private static void suppress(IConstruct construct, String id, String reason) {
        NagSuppressions.addResourceSuppressions(construct, List.of(NagPackSuppression.builder()
                .id(id)
                .reason(reason)
                .build()), true);
    }
}
