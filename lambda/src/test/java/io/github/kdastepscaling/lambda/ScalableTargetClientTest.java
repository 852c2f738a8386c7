package io.github.kdastepscaling.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.kdastepscaling.fakes.FakeApplicationAutoScaling;
import io.github.kdastepscaling.fakes.FakeAws;
import io.github.kdastepscaling.fakes.Fault;
import io.github.kdastepscaling.fakes.RecordedCall;
import io.github.kdastepscaling.policy.CapacityRange;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.applicationautoscaling.ApplicationAutoScalingClient;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;
import software.amazon.awssdk.services.applicationautoscaling.model.SuspendedState;
import software.amazon.awssdk.services.applicationautoscaling.model.ValidationException;

/**
 * The one-operation Application Auto Scaling client against the fake, and against what the SDK's generated client
 * registers and sends: a target registered the way CloudFormation or a scheduled action changes it is read back.
 */
class ScalableTargetClientTest {

    private static final String RESOURCE_ID = ScalerFixture.RESOURCE_ID;

    private final FakeAws aws = FakeAws.start().acceptCredentials(ScalerFixture.ACCESS_KEY, ScalerFixture.SECRET);
    private final ScalerClients clients = ScalerFixture.clientsFor(aws);
    private final ApplicationAutoScalingClient generated =
            ScalerFixture.generatedClient(ApplicationAutoScalingClient.builder(), aws);

    @AfterEach
    void close() {
        generated.close();
        clients.close();
        aws.close();
    }

    private void register(Integer min, Integer max) {
        generated.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.CUSTOM_RESOURCE)
                .resourceId(RESOURCE_ID)
                .scalableDimension(ScalableDimension.CUSTOM_RESOURCE_RESOURCE_TYPE_PROPERTY)
                .minCapacity(min)
                .maxCapacity(max));
    }

    @Test
    void readsTheRangeTheGeneratedClientRegisteredAndLaterMoved() {
        register(2, 8);
        assertEquals(
                Optional.of(new CapacityRange(2, 8)), clients.scalableTargets().currentRange(RESOURCE_ID));

        register(null, 16);
        assertEquals(
                Optional.of(new CapacityRange(2, 16)),
                clients.scalableTargets().currentRange(RESOURCE_ID),
                "a later registration changes only the capacity it gives");
    }

    private void suspend(SuspendedState state) {
        generated.registerScalableTarget(r -> r.serviceNamespace(ServiceNamespace.CUSTOM_RESOURCE)
                .resourceId(RESOURCE_ID)
                .scalableDimension(ScalableDimension.CUSTOM_RESOURCE_RESOURCE_TYPE_PROPERTY)
                .suspendedState(state));
    }

    private ScalingSuspension suspension() {
        return clients.scalableTargets().current(RESOURCE_ID).orElseThrow().suspension();
    }

    @Test
    void readsTheSuspendedStateRegisterScalableTargetSet() {
        register(2, 8);
        assertEquals(ScalingSuspension.NONE, suspension(), "a new target has nothing suspended");

        suspend(SuspendedState.builder()
                .dynamicScalingInSuspended(true)
                .dynamicScalingOutSuspended(true)
                .scheduledScalingSuspended(true)
                .build());
        assertEquals(new ScalingSuspension(true, true, true), suspension());
        assertEquals(
                Optional.of(new CapacityRange(2, 8)),
                clients.scalableTargets().currentRange(RESOURCE_ID),
                "suspending leaves the range as it is");

        suspend(SuspendedState.builder().dynamicScalingOutSuspended(false).build());
        assertEquals(new ScalingSuspension(true, false, true), suspension(), "an attribute not given is left as it is");

        register(null, 16);
        assertEquals(new ScalingSuspension(true, false, true), suspension(), "moving the range keeps the suspension");
        assertEquals(
                true,
                generated
                        .describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.CUSTOM_RESOURCE)
                                .resourceIds(RESOURCE_ID))
                        .scalableTargets()
                        .get(0)
                        .suspendedState()
                        .dynamicScalingInSuspended(),
                "the generated client reads the same");
    }

    @Test
    void failsToSuspendATargetNeverRegistered() {
        ValidationException e = assertThrows(
                ValidationException.class,
                () -> suspend(
                        SuspendedState.builder().dynamicScalingInSuspended(true).build()));
        assertEquals(
                "MinCapacity and MaxCapacity must be specified when registering a new scalable target",
                e.awsErrorDetails().errorMessage());
    }

    @Test
    void anUnregisteredTargetIsEmpty() {
        register(1, 4);
        assertEquals(Optional.empty(), clients.scalableTargets().currentRange(RESOURCE_ID + "-other"));
    }

    @Test
    void sendsWhatTheGeneratedClientSends() {
        clients.scalableTargets().currentRange(RESOURCE_ID);
        generated.describeScalableTargets(r -> r.serviceNamespace(ServiceNamespace.CUSTOM_RESOURCE)
                .resourceIds(RESOURCE_ID)
                .scalableDimension(ScalableDimension.CUSTOM_RESOURCE_RESOURCE_TYPE_PROPERTY));

        List<RecordedCall> calls = aws.calls("application-autoscaling:DescribeScalableTargets");
        assertEquals(
                ScalerFixture.read(calls.get(1).requestBody()),
                ScalerFixture.read(calls.get(0).requestBody()));
        assertEquals(
                List.of(FakeApplicationAutoScaling.ANY_RESOURCE), calls.get(0).resourceArns());
        assertEquals(ScalerFixture.ACCESS_KEY, calls.get(0).accessKeyId(), "signed with the scaler's credentials");
    }

    @Test
    void theFakeRefusesWhatTheServiceRefuses() {
        assertThrows(ValidationException.class, () -> register(null, 4));
        register(1, 4);
        assertThrows(ValidationException.class, () -> register(5, null));
    }

    @Test
    void persistentFailuresSurfaceAsAwsServiceExceptions() {
        aws.faults().failAlways("application-autoscaling:DescribeScalableTargets", Fault.throttling());

        AwsServiceException error = assertThrows(
                AwsServiceException.class, () -> clients.scalableTargets().currentRange(RESOURCE_ID));

        assertEquals("ThrottlingException", error.awsErrorDetails().errorCode());
        assertEquals(
                3, aws.calls("application-autoscaling:DescribeScalableTargets").size(), "with the retries");
    }
}
