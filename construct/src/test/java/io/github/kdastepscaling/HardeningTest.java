package io.github.kdastepscaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.kms.Key;

/** The defaults and props that the regulated cdk-nag packs look for (issue 15). */
class HardeningTest {

    private static Template synth(Consumer<KdaStepScalingProps.Builder> customize) {
        Stack stack = TestStacks.stack("Hardening");
        TestStacks.construct(stack, customize);
        return Template.fromStack(stack);
    }

    @Test
    void byDefaultTheScalerHasReservedConcurrencyADeadLetterQueueAndRetriesAndTheStageIsThrottled() {
        Template template = synth(props -> {});

        template.hasResourceProperties(
                "AWS::Lambda::Function",
                Match.objectLike(Map.of(
                        "Handler",
                        ScalerFunction.HANDLER,
                        "ReservedConcurrentExecutions",
                        5,
                        "DeadLetterConfig",
                        Map.of("TargetArn", Match.anyValue()),
                        "TracingConfig",
                        Match.absent())));
        template.hasResourceProperties(
                "AWS::SQS::Queue",
                Match.objectLike(Map.of("SqsManagedSseEnabled", true, "MessageRetentionPeriod", 1_209_600)));
        template.hasResourceProperties(
                "AWS::SQS::QueuePolicy",
                Match.objectLike(Map.of(
                        "PolicyDocument",
                        Match.objectLike(Map.of(
                                "Statement",
                                Match.arrayWith(List.of(Match.objectLike(Map.of(
                                        "Effect",
                                        "Deny",
                                        "Action",
                                        "sqs:*",
                                        "Condition",
                                        Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))))));
        template.hasResourceProperties(
                "AWS::Events::Rule",
                Match.objectLike(Map.of(
                        "Targets",
                        List.of(Match.objectLike(Map.of(
                                "RetryPolicy", Map.of("MaximumRetryAttempts", 2, "MaximumEventAgeInSeconds", 60),
                                "DeadLetterConfig", Map.of("Arn", Match.anyValue())))))));
        template.hasResourceProperties(
                "AWS::Lambda::EventInvokeConfig",
                Match.objectLike(Map.of(
                        "Qualifier", Match.anyValue(),
                        "MaximumRetryAttempts", 2,
                        "MaximumEventAgeInSeconds", 60)));
        template.hasResourceProperties(
                "AWS::ApiGateway::Stage",
                Match.objectLike(Map.of(
                        "TracingEnabled",
                        false,
                        "MethodSettings",
                        Match.arrayWith(List.of(
                                Match.objectLike(Map.of("ThrottlingRateLimit", 10, "ThrottlingBurstLimit", 20)))))));
        template.hasResourceProperties(
                "AWS::CloudWatch::Alarm",
                Match.objectLike(Map.of(
                        "MetricName", "NumberOfMessagesSent",
                        "Namespace", "AWS/SQS",
                        "Threshold", 1)));
    }

    @Test
    void aLogKeyEncryptsEveryLogGroupTheConstructCreatesAndTheKeyLetsCloudWatchLogsUseIt() {
        Stack stack = TestStacks.stack("LogKey");
        Key key = Key.Builder.create(stack, "LogKey").enableKeyRotation(true).build();
        TestStacks.construct(stack, props -> props.logEncryptionKey(key));
        Template template = Template.fromStack(stack);

        Map<String, Map<String, Object>> logGroups = template.findResources("AWS::Logs::LogGroup");
        assertTrue(logGroups.size() >= 5, "the scaler's, deploy-time, provider, access and application log groups");
        String keyId = Stack.of(key).getLogicalId((CfnElement) key.getNode().getDefaultChild());
        for (Map.Entry<String, Map<String, Object>> logGroup : logGroups.entrySet()) {
            assertEquals(
                    Map.of("Fn::GetAtt", List.of(keyId, "Arn")),
                    ((Map<?, ?>) logGroup.getValue().get("Properties")).get("KmsKeyId"),
                    logGroup.getKey());
        }
        template.hasResourceProperties(
                "AWS::KMS::Key",
                Match.objectLike(Map.of(
                        "KeyPolicy",
                        Match.objectLike(Map.of(
                                "Statement",
                                Match.arrayWith(List.of(Match.objectLike(Map.of(
                                        "Sid", "AllowCloudWatchLogsOfThisStack",
                                        // logs.<region>.<URL suffix>: amazonaws.com, or amazonaws.com.cn in the China
                                        // partition.
                                        "Principal",
                                                Map.of(
                                                        "Service",
                                                        Map.of(
                                                                "Fn::Join",
                                                                List.of(
                                                                        "",
                                                                        List.of(
                                                                                "logs." + TestStacks.REGION + ".",
                                                                                Map.of("Ref", "AWS::URLSuffix"))))),
                                        // arn:<partition>:logs:<region>:<account>:log-group:*, the partition a token.
                                        "Condition",
                                                Map.of(
                                                        "ArnLike",
                                                        Map.of(
                                                                "kms:EncryptionContext:aws:logs:arn",
                                                                Match.anyValue())))))))))));
    }

    @Test
    void tracingTurnsOnXRayForTheFunctionAndTheStage() {
        Template template = synth(props -> props.tracing(true));

        template.hasResourceProperties(
                "AWS::Lambda::Function",
                Match.objectLike(Map.of("Handler", ScalerFunction.HANDLER, "TracingConfig", Map.of("Mode", "Active"))));
        template.hasResourceProperties("AWS::ApiGateway::Stage", Match.objectLike(Map.of("TracingEnabled", true)));
    }

    @Test
    void theScalerCanRunInAVpcWithItsSubnetsAndSecurityGroups() {
        Stack stack = TestStacks.stack("Vpc");
        Vpc vpc = Vpc.Builder.create(stack, "Vpc").maxAzs(2).natGateways(1).build();
        TestStacks.construct(
                stack,
                props -> props.scalerVpc(vpc)
                        .scalerVpcSubnets(SubnetSelection.builder()
                                .subnetType(SubnetType.PRIVATE_WITH_EGRESS)
                                .build())
                        .scalerConcurrency(ScalerConcurrency.reserved(3)));
        Template template = Template.fromStack(stack);

        template.hasResourceProperties(
                "AWS::Lambda::Function",
                Match.objectLike(Map.of(
                        "Handler",
                        ScalerFunction.HANDLER,
                        "ReservedConcurrentExecutions",
                        3,
                        "VpcConfig",
                        Match.objectLike(
                                Map.of("SubnetIds", Match.anyValue(), "SecurityGroupIds", Match.anyValue())))));
        // Lambda creates the function's network interfaces with its role: without these it cannot deploy in a VPC.
        template.hasResourceProperties(
                "AWS::IAM::Role",
                Match.objectLike(Map.of(
                        "Policies",
                        List.of(Match.objectLike(Map.of(
                                "PolicyDocument",
                                Match.objectLike(Map.of(
                                        "Statement",
                                        Match.arrayWith(List.of(Match.objectLike(Map.of(
                                                "Sid", "NetworkInterfacesInTheVpc",
                                                "Action",
                                                        Match.arrayWith(List.of(
                                                                "ec2:CreateNetworkInterface",
                                                                "ec2:DeleteNetworkInterface")),
                                                "Resource", "*"))))))))))));
    }

    @Test
    void anAccountWithoutConcurrencyToSpareCanLeaveTheScalerUnreserved() {
        Template template = synth(props -> props.scalerConcurrency(ScalerConcurrency.unreserved()));

        template.hasResourceProperties(
                "AWS::Lambda::Function",
                Match.objectLike(
                        Map.of("Handler", ScalerFunction.HANDLER, "ReservedConcurrentExecutions", Match.absent())));
    }

    @Test
    void wrongHardeningPropsFailAtSynthesisNamingThePropAndTheValue() {
        Stack stack = TestStacks.stack("Invalid");
        assertEquals(
                "scalerConcurrency (0) must reserve between 1 and 100 executions: 0 would stop the scaler, and "
                        + "it never needs more than a few at once; use ScalerConcurrency.unreserved() for no reservation",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> TestStacks.construct(
                                        stack, props -> props.scalerConcurrency(ScalerConcurrency.reserved(0))))
                        .getMessage());
        assertEquals(
                "scalerVpcSubnets needs scalerVpc",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> TestStacks.construct(
                                        TestStacks.stack("Invalid2"),
                                        props -> props.scalerVpcSubnets(SubnetSelection.builder()
                                                .subnetType(SubnetType.PRIVATE_ISOLATED)
                                                .build())))
                        .getMessage());
    }
}
