package io.github.kdastepscaling.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The evaluator itself: a test that relies on it is only as good as these. */
class IamPolicyTest {

    private static IamPolicy policy(String json) throws Exception {
        return IamPolicy.of(List.of(new ObjectMapper().readTree(json)));
    }

    @Test
    void allowsOnlyMatchingActionAndResource() throws Exception {
        IamPolicy policy = policy("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"kinesis:Get*\","
                + "\"kinesis:DescribeStream\"],\"Resource\":\"arn:aws:kinesis:eu-west-1:1:stream/orders\"}]}");

        assertTrue(policy.allows("kinesis:GetRecords", "arn:aws:kinesis:eu-west-1:1:stream/orders"));
        assertTrue(
                policy.allows("Kinesis:describestream", "arn:aws:kinesis:eu-west-1:1:stream/orders"),
                "actions are case-insensitive");
        assertFalse(policy.allows("kinesis:PutRecord", "arn:aws:kinesis:eu-west-1:1:stream/orders"));
        assertFalse(policy.allows("kinesis:GetRecords", "arn:aws:kinesis:eu-west-1:1:stream/other"));
        assertFalse(
                policy.allows("kinesis:GetRecords", "arn:aws:kinesis:eu-west-1:1:stream/Orders"),
                "resources are case-sensitive");
    }

    @Test
    void denyWins() throws Exception {
        IamPolicy policy = policy("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"Deny\",\"Action\":\"s3:DeleteObject\",\"Resource\":\"arn:aws:s3:::b/*\"}]}");

        assertTrue(policy.allows("s3:GetObject", "arn:aws:s3:::b/k"));
        assertFalse(policy.allows("s3:DeleteObject", "arn:aws:s3:::b/k"));
    }

    @Test
    void resourcePolicyPrincipalsAndConditions() throws Exception {
        IamPolicy policy = policy("{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                + "\"arn:aws:iam::111:root\"},\"Action\":\"execute-api:Invoke\",\"Resource\":\"arn:aws:execute-api:*\","
                + "\"Condition\":{\"ArnEquals\":{\"aws:PrincipalArn\":\"arn:aws:iam::111:role/x\"}}}]}");

        assertTrue(policy.allows(new IamPolicy.Request(
                "arn:aws:iam::111:role/x",
                "111",
                "execute-api:Invoke",
                "arn:aws:execute-api:r",
                Map.of("aws:PrincipalArn", "arn:aws:iam::111:role/x"))));
        assertFalse(policy.allows(new IamPolicy.Request(
                "arn:aws:iam::111:role/y",
                "111",
                "execute-api:Invoke",
                "arn:aws:execute-api:r",
                Map.of("aws:PrincipalArn", "arn:aws:iam::111:role/y"))));
        assertFalse(policy.allows(new IamPolicy.Request(
                "arn:aws:iam::222:role/x",
                "222",
                "execute-api:Invoke",
                "arn:aws:execute-api:r",
                Map.of("aws:PrincipalArn", "arn:aws:iam::222:role/x"))));
    }

    @Test
    void failsOnWhatItDoesNotEvaluate() throws Exception {
        IamPolicy policy = policy("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\","
                + "\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"1.2.3.4\"}}}]}");

        assertEquals(
                "condition operator IpAddress is not evaluated",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> policy.allows(new IamPolicy.Request(
                                        null, null, "a:b", "r", Map.of("aws:SourceIp", "1.2.3.4"))))
                        .getMessage());
        JsonNode notAction = new ObjectMapper().readTree("{\"Statement\":{\"Effect\":\"Allow\",\"NotAction\":\"x\"}}");
        assertThrows(IllegalArgumentException.class, () -> IamPolicy.of(List.of(notAction)));
    }
}
