package io.github.kdastepscaling.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kdastepscaling.KdaStepScaling;
import io.github.kdastepscaling.KdaStepScalingProps;
import io.github.kdastepscaling.fakes.RecordedCall;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.kinesis.Stream;

/** The same proof for an app that brings its own stream and its own Flink application. */
class ExistingResourcesProofTest {

    private static SynthesizedStack stack;
    private static ScalerRun run;
    private static List<RecordedCall> calls;
    private static String roleId;
    private static String logGroupId;

    @BeforeAll
    static void synthesizeAndRun() {
        App app = new App();
        Stack existing = new Stack(app, "ExistingResources", StackProps.builder()
                .env(Environment.builder().account(FakeDeployment.ACCOUNT).region(FakeDeployment.REGION).build())
                .build());
        new KdaStepScaling(existing, "Scaling", KdaStepScalingProps.builder()
                .existingStream(Stream.fromStreamArn(existing, "Clicks", "arn:aws:kinesis:" + FakeDeployment.REGION
                        + ":" + FakeDeployment.ACCOUNT + ":stream/clicks"))
                .existingApplicationName("clicks-job")
                .initialCapacity(2)
                .maxCapacity(6)
                .build());
        stack = SynthesizedStack.of(existing);
        String functionId = stack.onlyLogicalId("AWS::Lambda::Function", "ScalerHandler::handleRequest");
        var function = stack.template().path("Resources").get(functionId).path("Properties");
        roleId = SynthesizedStack.referencedLogicalId(function.path("Role"));
        logGroupId = SynthesizedStack.referencedLogicalId(function.path("LoggingConfig").path("LogGroup"));
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
        ScalerPermissions.assertNothingUnused(stack.rolePolicy(roleId), calls,
                stack.deployment().getAtt(logGroupId, "Arn"));
    }

    @Test
    void theApplicationRoleIsTheOwnersNotOurs() {
        assertEquals(List.of(roleId), stack.logicalIds("AWS::IAM::Role"),
                "only the scaler's role: the existing application keeps the role it has");
    }
}
