package io.github.kdastepscaling;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.kinesis.Stream;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.LogGroup;

/**
 * A consumer who runs cdk-nag's AwsSolutions pack on a stack with nothing but this construct sees no error: the
 * construct suppresses its own false positives on each resource. What remains is one warning that is the
 * consumer's decision (APIG3: a WAF web ACL on the stage).
 */
class KdaStepScalingNagTest {

    @Test
    void aNewStreamAndApplicationHaveNoUnsuppressedError() {
        Stack stack = TestStacks.stack("NagNew");
        TestStacks.construct(stack, props -> {});

        assertOnlyTheConsumersWafDecision(stack);
    }

    @Test
    void anExistingStreamAndApplicationHaveNoUnsuppressedError() {
        Stack stack = TestStacks.stack("NagExisting");
        new KdaStepScaling(
                stack,
                "Scaling",
                KdaStepScalingProps.builder()
                        .existingStream(Stream.fromStreamArn(
                                stack,
                                "Source",
                                "arn:aws:kinesis:" + TestStacks.REGION + ":" + TestStacks.ACCOUNT + ":stream/clicks"))
                        .existingApplicationName("clicks-job")
                        .build());

        assertOnlyTheConsumersWafDecision(stack);
    }

    @Test
    void anApplicationInAVpcWithItsOwnRoleAndLogGroupHasNoUnsuppressedError() {
        Stack stack = TestStacks.stack("NagVpc");
        Vpc vpc = Vpc.Builder.create(stack, "Vpc").maxAzs(2).build();
        NagSuppressions.addResourceSuppressions(
                vpc,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-VPC7")
                        .reason("the test's own VPC, not the construct's")
                        .build()));
        KdaStepScaling.Builder.create(stack, "Scaling")
                .applicationProps(TestStacks.application(stack)
                        .vpc(vpc)
                        .role(Role.fromRoleArn(
                                stack, "AppRole", "arn:aws:iam::" + TestStacks.ACCOUNT + ":role/flink-app"))
                        .logGroup(LogGroup.fromLogGroupName(stack, "AppLogs", "/flink/orders"))
                        .build())
                .build();

        assertOnlyTheConsumersWafDecision(stack);
    }

    @Test
    void aScalerInAVpcWithTracingAndALogKeyHasNoUnsuppressedError() {
        Stack stack = TestStacks.stack("NagScalerVpc");
        Vpc vpc = Vpc.Builder.create(stack, "Vpc").maxAzs(2).natGateways(1).build();
        NagSuppressions.addResourceSuppressions(
                vpc,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-VPC7")
                        .reason("the test's own VPC, not the construct's")
                        .build()));
        Key key = Key.Builder.create(stack, "LogKey").enableKeyRotation(true).build();
        TestStacks.construct(stack, props -> props.scalerVpc(vpc).tracing(true).logEncryptionKey(key));

        assertOnlyTheConsumersWafDecision(stack);
    }

    @Test
    void suppressionsSitOnTheirResourcesWithReasons() {
        Stack stack = TestStacks.stack("NagMetadata");
        KdaStepScaling scaling = TestStacks.construct(stack, props -> {});

        Map<?, ?> functionMetadata = (Map<?, ?>)
                ((CfnResource) scaling.getScalerFunction().getNode().getDefaultChild()).getMetadata("cdk_nag");
        List<?> rules = (List<?>) functionMetadata.get("rules_to_suppress");
        assertEquals(
                false,
                rules.stream().anyMatch(rule -> "AwsSolutions-L1".equals(((Map<?, ?>) rule).get("id"))),
                "the scaler runs on the newest Java runtime: nothing to suppress");
        for (Object rule : rules) {
            assertEquals(true, ((String) ((Map<?, ?>) rule).get("reason")).length() > 40, "every suppression says why");
        }
    }

    private static void assertOnlyTheConsumersWafDecision(Stack stack) {
        Aspects.of(stack).add(new AwsSolutionsChecks());
        Annotations annotations = Annotations.fromStack(stack);
        assertEquals(List.of(), messages(annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))));
        List<String> warnings = messages(annotations.findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")));
        assertEquals(1, warnings.size(), warnings.toString());
        assertEquals(true, warnings.get(0).startsWith("AwsSolutions-APIG3"), warnings.toString());
    }

    // Annotations.find* still return cxapi.SynthesisMessage, deprecated in aws-cdk-lib with no replacement type in
    // the Java assertions API yet.
    @SuppressWarnings("deprecation")
    private static List<String> messages(List<SynthesisMessage> found) {
        return found.stream()
                .map(message -> String.valueOf(message.getEntry().getData()))
                .toList();
    }
}
