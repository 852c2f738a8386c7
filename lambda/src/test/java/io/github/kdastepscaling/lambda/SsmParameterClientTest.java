package io.github.kdastepscaling.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kdastepscaling.fakes.FakeAws;
import io.github.kdastepscaling.fakes.Fault;
import io.github.kdastepscaling.fakes.RecordedCall;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The two-operation SSM client against the SSM fake, and against what the SDK's generated SsmClient sends for the
 * same calls: same operation header, same JSON fields, same signing service.
 */
class SsmParameterClientTest {

    private static final String NAME = "/kda/desired";

    private final FakeAws aws = FakeAws.start().acceptCredentials(ScalerFixture.ACCESS_KEY, ScalerFixture.SECRET);
    private final ScalerClients clients = ScalerFixture.clientsFor(aws);
    private final SsmClient generated = ScalerFixture.generatedClient(SsmClient.builder(), aws);

    @AfterEach
    void close() {
        generated.close();
        clients.close();
        aws.close();
    }

    @Test
    void putAndGetRoundTripThroughTheFake() {
        clients.ssm().putParameter(NAME, "7");

        assertEquals(Optional.of("7"), clients.ssm().getParameter(NAME));
        assertEquals(1, aws.ssm().version(NAME));
        clients.ssm().putParameter(NAME, "8");
        assertEquals(2, aws.ssm().version(NAME), "Overwrite: the second put makes version 2");
    }

    @Test
    void aMissingParameterIsEmpty() {
        assertEquals(Optional.empty(), clients.ssm().getParameter("/nobody/put/this"));
    }

    @Test
    void sendsWhatTheGeneratedClientSends() {
        clients.ssm().putParameter(NAME, "3");
        generated.putParameter(
                r -> r.name(NAME).value("3").type(ParameterType.STRING).overwrite(true));
        clients.ssm().getParameter(NAME);
        generated.getParameter(r -> r.name(NAME));

        var puts = aws.calls("ssm:PutParameter");
        var gets = aws.calls("ssm:GetParameter");
        assertEquals(json(puts.get(1)), json(puts.get(0)));
        assertEquals(json(gets.get(1)), json(gets.get(0)));
        assertEquals(puts.get(1).resourceArns(), puts.get(0).resourceArns());
        assertEquals(ScalerFixture.ACCESS_KEY, puts.get(0).accessKeyId(), "signed with the scaler's credentials");
    }

    @Test
    void itsSignatureIsVerifiedByTheFake() {
        // The fake checks SigV4 against the registered secret: the same client with a wrong secret is refused.
        try (ScalerClients wrongSecret = ScalerClients.builder(
                        Region.US_EAST_1,
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(ScalerFixture.ACCESS_KEY, "not-the-secret")))
                .endpointOverride(aws.endpoint())
                .build()) {
            AwsServiceException error = assertThrows(
                    AwsServiceException.class, () -> wrongSecret.ssm().putParameter(NAME, "5"));
            assertEquals(403, error.statusCode());
            assertEquals("InvalidSignatureException", error.awsErrorDetails().errorCode());
        }
        assertEquals(Optional.empty(), aws.ssm().value(NAME));
        clients.ssm().putParameter(NAME, "5");
        assertEquals(Optional.of("5"), aws.ssm().value(NAME), "the right secret signs a request the fake accepts");
    }

    @Test
    void throttlingIsRetriedByTheSdkRetryStrategy() {
        aws.faults().fail("ssm:PutParameter", Fault.throttling(), 2);

        clients.ssm().putParameter(NAME, "4");

        assertEquals(3, aws.calls("ssm:PutParameter").size());
        assertEquals(Optional.of("4"), aws.ssm().value(NAME));
    }

    @Test
    void persistentFailuresSurfaceAsAwsServiceExceptionsTheSdkClassifies() {
        aws.faults().failAlways("ssm:GetParameter", Fault.throttling());

        AwsServiceException error =
                assertThrows(AwsServiceException.class, () -> clients.ssm().getParameter(NAME));

        assertTrue(error.isThrottlingException());
        assertEquals("ThrottlingException", error.awsErrorDetails().errorCode());
        assertEquals(3, aws.calls("ssm:GetParameter").size());
    }

    private static JsonNode json(RecordedCall call) {
        return ScalerFixture.read(call.requestBody());
    }
}
