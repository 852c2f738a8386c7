package io.github.kdastepscaling.fakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.InternalServiceException;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ConfigurationType;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.KinesisAnalyticsV2Exception;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ResourceInUseException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.InternalServerErrorException;
import software.amazon.awssdk.services.ssm.model.SsmException;

class FaultsTest {

    static FakeAws aws;
    static KinesisAnalyticsV2Client kda;
    static SsmClient ssm;
    static CloudWatchClient cw;
    static final String DESCRIBE = "kinesisanalytics:DescribeApplication";
    static final String UPDATE = "kinesisanalytics:UpdateApplication";

    @BeforeAll
    static void start() {
        aws = FakeAws.start();
        kda = Clients.kda(aws);
        ssm = Clients.ssm(aws);
        cw = Clients.cloudWatch(aws);
        aws.flink().addApplication("faulty");
    }

    @AfterAll
    static void stop() {
        kda.close();
        ssm.close();
        cw.close();
        aws.close();
    }

    @BeforeEach
    void reset() {
        aws.faults().clear();
        aws.clearCalls();
    }

    void describe() {
        kda.describeApplication(r -> r.applicationName("faulty"));
    }

    @Test
    void throttlingIsSeenAsThrottlingByEveryClient() {
        aws.faults()
                .fail(DESCRIBE, Fault.throttling(), 1)
                .fail("ssm:GetParameter", Fault.throttling(), 1)
                .fail("cloudwatch:DescribeAlarms", Fault.throttling(), 1);
        KinesisAnalyticsV2Exception k = assertThrows(KinesisAnalyticsV2Exception.class, this::describe);
        assertEquals("ThrottlingException", k.awsErrorDetails().errorCode());
        assertTrue(k.isThrottlingException());
        assertEquals(400, k.statusCode());
        SsmException s = assertThrows(SsmException.class, () -> ssm.getParameter(r -> r.name("/x")));
        assertTrue(s.isThrottlingException());
        CloudWatchException c = assertThrows(CloudWatchException.class, () -> cw.describeAlarms());
        assertEquals("Throttling", c.awsErrorDetails().errorCode());
        assertTrue(c.isThrottlingException());

        describe(); // the fault was used up
        assertEquals(
                List.of(400, 200),
                aws.calls(DESCRIBE).stream().map(RecordedCall::httpStatus).toList());
        assertEquals("ThrottlingException", aws.calls(DESCRIBE).get(0).errorCode());
    }

    @Test
    void defaultRetriesConsumeTheFaultAndRecover() {
        aws.faults().fail(DESCRIBE, Fault.serverError(), 2);
        try (KinesisAnalyticsV2Client retrying = Clients.kda(aws, o -> {})) {
            retrying.describeApplication(r -> r.applicationName("faulty"));
        }
        assertEquals(
                List.of(500, 500, 200),
                aws.calls(DESCRIBE).stream().map(RecordedCall::httpStatus).toList());
    }

    @Test
    void serverErrorUsesEachServicesCode() {
        aws.faults().failAlways(Faults.ANY_ACTION, Fault.serverError());
        KinesisAnalyticsV2Exception k = assertThrows(KinesisAnalyticsV2Exception.class, this::describe);
        assertEquals(500, k.statusCode());
        assertEquals("InternalFailure", k.awsErrorDetails().errorCode());
        assertThrows(InternalServerErrorException.class, () -> ssm.getParameter(r -> r.name("/x")));
        InternalServiceException c = assertThrows(InternalServiceException.class, () -> cw.describeAlarms());
        assertEquals(500, c.statusCode());
    }

    @Test
    void unavailableIs503() {
        aws.faults().fail("cloudwatch:PutMetricAlarm", Fault.unavailable(), 1);
        CloudWatchException c = assertThrows(
                CloudWatchException.class,
                () -> cw.putMetricAlarm(r -> r.alarmName("a")
                        .metricName("m")
                        .namespace("n")
                        .statistic("Sum")
                        .period(60)
                        .evaluationPeriods(1)
                        .threshold(1.0)
                        .comparisonOperator("GreaterThanThreshold")));
        assertEquals(503, c.statusCode());
        assertEquals("ServiceUnavailable", c.awsErrorDetails().errorCode());
        assertTrue(aws.cloudWatch().alarm("a").isEmpty(), "a faulted call changes no state");
        assertEquals(0, aws.cloudWatch().putCount("a"));
    }

    @Test
    void modeledErrorReachesTheCallerAsItsClass() {
        aws.faults().fail(UPDATE, Fault.error(400, "ResourceInUseException", "busy"), 1);
        FakeApplication app = aws.flink().application("faulty").orElseThrow();
        long version = app.versionId();
        ResourceInUseException e = assertThrows(
                ResourceInUseException.class,
                () -> kda.updateApplication(r -> r.applicationName("faulty")
                        .currentApplicationVersionId(version)
                        .applicationConfigurationUpdate(c ->
                                c.flinkApplicationConfigurationUpdate(f -> f.parallelismConfigurationUpdate(
                                        p -> p.configurationTypeUpdate(ConfigurationType.CUSTOM)
                                                .parallelismUpdate(3))))));
        assertTrue(e.getMessage().startsWith("busy"), e.getMessage());
        assertEquals(version, app.versionId(), "a faulted call changes no state");
        RecordedCall call = aws.calls(UPDATE).get(0);
        assertEquals("ResourceInUseException", call.errorCode());
        assertEquals(List.of(app.arn()), call.resourceArns());
    }

    @Test
    void failAlwaysLastsUntilCleared() {
        aws.faults().failAlways("ssm:PutParameter", Fault.error(400, "TooManyUpdates", "slow down"));
        for (int i = 0; i < 3; i++) {
            AwsServiceException e = assertThrows(
                    SsmException.class,
                    () -> ssm.putParameter(r -> r.name("/p").value("v").type("String")));
            assertEquals("TooManyUpdates", e.awsErrorDetails().errorCode());
        }
        aws.faults().clear();
        ssm.putParameter(r -> r.name("/p").value("v").type("String"));
        assertEquals(1L, aws.ssm().version("/p"));
    }

    @Test
    void delayProvokesAnAttemptTimeout() {
        aws.faults().fail(DESCRIBE, Fault.delay(Duration.ofMillis(1500)), 1);
        try (KinesisAnalyticsV2Client impatient = Clients.kda(
                aws,
                o -> Clients.NO_RETRY
                        .andThen(x -> x.apiCallAttemptTimeout(Duration.ofMillis(200)))
                        .accept(o))) {
            assertThrows(
                    ApiCallAttemptTimeoutException.class,
                    () -> impatient.describeApplication(r -> r.applicationName("faulty")));
            // the next call is answered at once
            impatient.describeApplication(r -> r.applicationName("faulty"));
        }
    }

    @Test
    void failsWithBadArguments() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> aws.faults().fail(DESCRIBE, Fault.throttling(), 0));
        assertEquals("times (0) must be >= 1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Fault.error(200, "X", "y"));
        assertNull(Fault.throttling().delay());
    }

    @Test
    void aFaultScopedToOneResourceLeavesTheOthersServed() {
        aws.flink().addApplication("healthy");
        aws.faults()
                .failAlwaysOn(DESCRIBE, aws.flink().arn("faulty"), Fault.error(400, "ResourceInUseException", "busy"));
        assertThrows(ResourceInUseException.class, () -> kda.describeApplication(r -> r.applicationName("faulty")));
        assertEquals(
                "healthy",
                kda.describeApplication(r -> r.applicationName("healthy"))
                        .applicationDetail()
                        .applicationName());
        assertThrows(
                ResourceInUseException.class,
                () -> kda.describeApplication(r -> r.applicationName("faulty")),
                "until cleared");
    }
}
