package io.github.kdastepscaling.examples;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.kdastepscaling.KdaStepScaling;
import java.util.List;
import software.amazon.awscdk.services.apigateway.RestApi;

/**
 * The cdk-nag findings the example accepts as its own choices, each on its own resource with the reason. The
 * construct suppresses its own false positives itself (see {@code NagSuppressionMetadata} in construct/); what is
 * left here is a decision each consumer makes for their account. No rule is suppressed for the whole stack.
 */
final class ExampleSuppressions {

    private static final String NO_WAF = "The API uses IAM (SigV4) authorization: only principals of this account "
            + "whose IAM policies allow execute-api:Invoke on it can call it, and a call can do no more than ask for a "
            + "capacity up to the KPU quota; a WAF web ACL would add cost without a threat it stops.";

    private ExampleSuppressions() {}

    static void apply(KdaStepScaling scaling) {
        apply(scaling.getApi());
    }

    /** The choices on an API: a single application's, or a fleet's. */
    static void apply(RestApi api) {
        NagSuppressions.addResourceSuppressions(
                api.getDeploymentStage(),
                List.of(
                        NagPackSuppression.builder()
                                .id("AwsSolutions-APIG3")
                                .reason(NO_WAF)
                                .build(),
                        NagPackSuppression.builder()
                                .id("NIST.800.53.R5-APIGWAssociatedWithWAF")
                                .reason(NO_WAF)
                                .build(),
                        NagPackSuppression.builder()
                                .id("PCI.DSS.321-APIGWAssociatedWithWAF")
                                .reason(NO_WAF)
                                .build()));
    }
}
