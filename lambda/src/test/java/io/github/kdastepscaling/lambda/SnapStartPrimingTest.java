package io.github.kdastepscaling.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kdastepscaling.contract.ScalerEnvironment;
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

        assertEquals(
                List.of(
                        "kinesisanalytics:DescribeApplication",
                        "ssm:GetParameter",
                        "cloudwatch:DescribeAlarms",
                        "application-autoscaling:DescribeScalableTargets"),
                fixture.aws.calls().stream().map(RecordedCall::iamAction).toList());
        assertEquals(2, fixture.application.parallelism(), "a recorded desire is left to real calls");
    }

    @Test
    void primingAlsoReadsTheLearningMetricsAndListsSnapshotsWhenBothAreConfigured() {
        try (ScalerFixture configured = new ScalerFixture(environment -> {
            environment.put(ScalerEnvironment.LEARNING_METRICS, LearnedRateDecisionTableTest.LEARNING_METRICS);
            environment.put(ScalerEnvironment.LEARNING_WINDOW_MINUTES, "30");
            environment.put(ScalerEnvironment.LEARNED_RATE_PARAMETER_NAME, "/r");
            environment.put(ScalerEnvironment.RESCALE_HISTORY_PARAMETER_NAME, "/h");
        })) {
            configured.handler().beforeCheckpoint(null);

            assertEquals(
                    List.of(
                            "kinesisanalytics:DescribeApplication",
                            "ssm:GetParameter",
                            "cloudwatch:DescribeAlarms",
                            "application-autoscaling:DescribeScalableTargets",
                            "cloudwatch:GetMetricData",
                            "kinesisanalytics:ListApplicationSnapshots"),
                    configured.aws.calls().stream().map(RecordedCall::iamAction).toList());
        }
    }

    @Test
    void primingSurvivesFailingServices() {
        fixture.aws.faults().failAlways(Faults.ANY_ACTION, Fault.serverError());

        fixture.handler().beforeCheckpoint(null);

        assertEquals(12, fixture.aws.calls().size(), "each of the four reads, with the SDK's retries");
    }
}
