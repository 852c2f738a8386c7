package io.github.kdastepscaling.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kdastepscaling.fakes.Fault;
import io.github.kdastepscaling.fakes.Faults;
import io.github.kdastepscaling.fakes.RecordedCall;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Priming before a SnapStart checkpoint exercises each client with read-only calls and changes nothing. */
class SnapStartPrimingTest {

    private final ScalerFixture fixture = new ScalerFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void primingOnlyReads() {
        fixture.aws.ssm().put(ScalerFixture.PARAMETER, "5");

        fixture.handler().beforeCheckpoint(null);

        assertEquals(List.of("kinesisanalytics:DescribeApplication", "ssm:GetParameter", "cloudwatch:DescribeAlarms",
                        "application-autoscaling:DescribeScalableTargets"),
                fixture.aws.calls().stream().map(RecordedCall::iamAction).toList());
        assertEquals(2, fixture.application.parallelism(), "a recorded desire is left to real calls");
    }

    @Test
    void primingSurvivesFailingServices() {
        fixture.aws.faults().failAlways(Faults.ANY_ACTION, Fault.serverError());

        fixture.handler().beforeCheckpoint(null);

        assertEquals(12, fixture.aws.calls().size(), "each of the four reads, with the SDK's retries");
    }
}
