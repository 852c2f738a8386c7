package io.github.kdastepscaling.fakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.GetParameterResponse;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.InvalidNextTokenException;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterPatternMismatchException;
import software.amazon.awssdk.services.ssm.model.ParameterType;
import software.amazon.awssdk.services.ssm.model.SsmException;

class FakeSsmTest {

    static FakeAws aws;
    static SsmClient ssm;

    @BeforeAll
    static void start() {
        aws = FakeAws.start();
        ssm = Clients.ssm(aws);
    }

    @AfterAll
    static void stop() {
        ssm.close();
        aws.close();
    }

    @Test
    void putGetAndVersions() {
        long v1 = ssm.putParameter(
                        r -> r.name("/scaler/orders/state").value("a").type(ParameterType.STRING))
                .version();
        assertEquals(1L, v1);
        long v2 = ssm.putParameter(
                        r -> r.name("/scaler/orders/state").value("b").overwrite(true))
                .version();
        assertEquals(2L, v2);
        GetParameterResponse got = ssm.getParameter(r -> r.name("/scaler/orders/state"));
        Parameter p = got.parameter();
        assertEquals("/scaler/orders/state", p.name());
        assertEquals("b", p.value());
        assertEquals(2L, p.version());
        assertEquals(ParameterType.STRING, p.type());
        assertEquals("text", p.dataType());
        assertEquals("arn:aws:ssm:us-east-1:123456789012:parameter/scaler/orders/state", p.arn());
        assertNotNull(p.lastModifiedDate());
        assertEquals(Optional.of("b"), aws.ssm().value("/scaler/orders/state"));
        assertEquals(2L, aws.ssm().version("/scaler/orders/state"));
    }

    @Test
    void testSideApiIsVisibleThroughTheSdk() {
        aws.ssm().put("plain-name", "x");
        aws.ssm().put("plain-name", "y");
        Parameter p = ssm.getParameter(r -> r.name("plain-name")).parameter();
        assertEquals("y", p.value());
        assertEquals(2L, p.version());
        assertEquals("arn:aws:ssm:us-east-1:123456789012:parameter/plain-name", p.arn());
    }

    @Test
    void failsGetOfMissingParameter() {
        ParameterNotFoundException e =
                assertThrows(ParameterNotFoundException.class, () -> ssm.getParameter(r -> r.name("/missing")));
        assertEquals(400, e.statusCode());
        assertEquals(0L, aws.ssm().version("/missing"));
    }

    @Test
    void failsPutOnExistingNameWithoutOverwrite() {
        aws.ssm().put("/exists", "1");
        assertThrows(
                ParameterAlreadyExistsException.class,
                () -> ssm.putParameter(r -> r.name("/exists").value("2").type(ParameterType.STRING)));
        assertEquals(Optional.of("1"), aws.ssm().value("/exists"));
        assertEquals(1L, aws.ssm().version("/exists"));
    }

    @Test
    void failsPutNotMatchingAllowedPattern() {
        assertThrows(
                ParameterPatternMismatchException.class,
                () -> ssm.putParameter(r -> r.name("/digits")
                        .value("abc")
                        .allowedPattern("^[0-9]+$")
                        .type(ParameterType.STRING)));
        ssm.putParameter(
                r -> r.name("/digits").value("42").allowedPattern("^[0-9]+$").type(ParameterType.STRING));
        assertThrows(
                ParameterPatternMismatchException.class,
                () -> ssm.putParameter(r -> r.name("/digits").value("x").overwrite(true)),
                "the stored pattern still applies");
        assertEquals(Optional.of("42"), aws.ssm().value("/digits"));
    }

    @Test
    void deleteRemovesAndRecreationRestartsVersions() {
        aws.ssm().put("/gone", "1");
        aws.ssm().put("/gone", "2");
        ssm.deleteParameter(r -> r.name("/gone"));
        assertEquals(Optional.empty(), aws.ssm().value("/gone"));
        assertThrows(ParameterNotFoundException.class, () -> ssm.deleteParameter(r -> r.name("/gone")));
        assertEquals(
                1L,
                ssm.putParameter(r -> r.name("/gone").value("3").type(ParameterType.STRING))
                        .version());
    }

    @Test
    void getParametersByPathPagesThroughDirectChildrenInNameOrder() {
        aws.clearCalls();
        for (int i = 1; i <= 12; i++) {
            aws.ssm().put(String.format("/fleet/apps/app-%02d", i), "v" + i);
        }
        aws.ssm().put("/fleet/apps/app-01/nested", "deeper");
        aws.ssm().put("/fleet/appsake", "a sibling, not a child");
        List<String> names = new ArrayList<>();
        GetParametersByPathResponse first =
                ssm.getParametersByPath(r -> r.path("/fleet/apps").maxResults(5));
        assertEquals(5, first.parameters().size());
        first.parameters().forEach(p -> names.add(p.name()));
        String token = first.nextToken();
        while (token != null) {
            String page = token;
            GetParametersByPathResponse next = ssm.getParametersByPath(
                    r -> r.path("/fleet/apps").maxResults(5).nextToken(page));
            next.parameters().forEach(p -> names.add(p.name()));
            token = next.nextToken();
        }
        assertEquals(12, names.size(), names.toString());
        assertEquals("/fleet/apps/app-01", names.get(0));
        assertEquals("/fleet/apps/app-12", names.get(11));
        GetParametersByPathResponse all =
                ssm.getParametersByPath(r -> r.path("/fleet/apps/").recursive(true));
        assertEquals(10, all.parameters().size(), "the default page is 10");
        assertEquals("/fleet/apps/app-01/nested", all.parameters().get(1).name(), "recursive includes descendants");
        assertEquals("v1", all.parameters().get(0).value());
        assertEquals(
                "arn:aws:ssm:us-east-1:123456789012:parameter/fleet/apps/app-01",
                all.parameters().get(0).arn());
        assertNull(ssm.getParametersByPath(r -> r.path("/nothing/here")).nextToken());
        assertEquals(
                "arn:aws:ssm:us-east-1:123456789012:parameter/fleet/apps",
                aws.calls("ssm:GetParametersByPath").get(0).resourceArns().get(0),
                "authorised on the path itself");
    }

    @Test
    void failsGetParametersByPathWithATokenItDidNotGive() {
        InvalidNextTokenException e = assertThrows(
                InvalidNextTokenException.class,
                () -> ssm.getParametersByPath(r -> r.path("/fleet").nextToken("made-up")));
        assertEquals(400, e.statusCode());
    }

    @Test
    void failsGetParametersByPathWithTooLargeAPageOrARelativePath() {
        SsmException tooLarge = assertThrows(
                SsmException.class,
                () -> ssm.getParametersByPath(r -> r.path("/fleet").maxResults(11)));
        assertEquals("ValidationException", tooLarge.awsErrorDetails().errorCode());
        assertTrue(tooLarge.getMessage().contains("maxResults"), tooLarge.getMessage());
        SsmException relative = assertThrows(SsmException.class, () -> ssm.getParametersByPath(r -> r.path("fleet")));
        assertEquals("ValidationException", relative.awsErrorDetails().errorCode());
    }
}
