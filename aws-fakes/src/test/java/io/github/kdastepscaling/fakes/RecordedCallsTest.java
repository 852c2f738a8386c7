package io.github.kdastepscaling.fakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

class RecordedCallsTest {

    @Test
    void recordsServiceActionArnsStatusAndAccessKey() {
        try (FakeAws aws = FakeAws.start("210987654321", "eu-west-1");
                KinesisAnalyticsV2Client kda = Clients.kda(aws);
                SsmClient ssm = Clients.ssm(aws);
                CloudWatchClient cw = Clients.cloudWatch(aws)) {
            aws.flink().addApplication("orders");
            kda.describeApplication(r -> r.applicationName("orders"));
            assertThrows(ParameterNotFoundException.class, () -> ssm.getParameter(r -> r.name("/scaler/orders")));
            cw.describeAlarms(r -> r.alarmNames("out", "in"));

            List<RecordedCall> calls = aws.calls();
            assertEquals(3, calls.size());
            RecordedCall describe = calls.get(0);
            assertEquals("kinesisanalyticsv2", describe.service());
            assertEquals("DescribeApplication", describe.operation());
            assertEquals("kinesisanalytics:DescribeApplication", describe.iamAction());
            assertEquals(
                    List.of("arn:aws:kinesisanalytics:eu-west-1:210987654321:application/orders"),
                    describe.resourceArns());
            assertEquals(200, describe.httpStatus());
            assertNull(describe.errorCode());
            assertTrue(describe.succeeded());
            assertEquals(Clients.ACCESS_KEY, describe.accessKeyId());
            assertTrue(describe.requestBody().contains("\"ApplicationName\":\"orders\""), describe.requestBody());

            RecordedCall get = calls.get(1);
            assertEquals("ssm:GetParameter", get.iamAction());
            assertEquals(List.of("arn:aws:ssm:eu-west-1:210987654321:parameter/scaler/orders"), get.resourceArns());
            assertEquals(400, get.httpStatus());
            assertEquals("ParameterNotFound", get.errorCode());

            RecordedCall alarms = calls.get(2);
            assertEquals("cloudwatch", alarms.service());
            assertEquals("cloudwatch:DescribeAlarms", alarms.iamAction());
            assertEquals(
                    List.of(
                            "arn:aws:cloudwatch:eu-west-1:210987654321:alarm:out",
                            "arn:aws:cloudwatch:eu-west-1:210987654321:alarm:in"),
                    alarms.resourceArns());
            assertTrue(alarms.requestBody().contains("Action=DescribeAlarms"), alarms.requestBody());
            assertEquals(Clients.ACCESS_KEY, alarms.accessKeyId());

            assertEquals(1, aws.calls("ssm:GetParameter").size());
            aws.clearCalls();
            assertTrue(aws.calls().isEmpty());
        }
    }

    @Test
    void unknownOperationsAndUnsignedCallsAreAnsweredAndRecorded() throws Exception {
        try (FakeAws aws = FakeAws.start()) {
            assertEquals(400, post(aws, "AmazonSSM.GetParameterHistory", "application/x-amz-json-1.1", "{}"));
            assertEquals(400, post(aws, "Nope_2020.Op", "application/x-amz-json-1.1", "{}"));
            assertEquals(
                    400,
                    post(aws, null, "application/x-www-form-urlencoded", "Action=GetDashboard&Version=2010-08-01"));
            assertEquals(400, post(aws, null, "application/x-www-form-urlencoded", "Version=2010-08-01"));
            List<RecordedCall> calls = aws.calls();
            assertEquals(
                    List.of("UnknownOperationException", "UnknownOperationException", "InvalidAction", "MissingAction"),
                    calls.stream().map(RecordedCall::errorCode).toList());
            assertEquals("ssm:GetParameterHistory", calls.get(0).iamAction());
            assertNull(calls.get(0).accessKeyId());
            assertNotNull(calls.get(2).requestBody());
        }
    }

    private static int post(FakeAws aws, String target, String contentType, String body) throws Exception {
        HttpURLConnection c =
                (HttpURLConnection) aws.endpoint().resolve("/").toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", contentType);
        if (target != null) {
            c.setRequestProperty("X-Amz-Target", target);
        }
        try (OutputStream os = c.getOutputStream()) {
            os.write(body.getBytes(StandardCharsets.UTF_8));
        }
        int status = c.getResponseCode();
        assertNotNull(c.getHeaderField("x-amzn-RequestId"));
        c.disconnect();
        return status;
    }
}
