package io.github.kdastepscaling.fakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.sun.net.httpserver.Headers;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The verifier against AWS's published SigV4 example, so it is checked by the spec and not only by the SDK. */
class SigV4VerifierTest {

    // https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html (IAM ListUsers example)
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final Clock AT_SIGNING = Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC);

    private static Headers listUsersHeaders(String signature) {
        Headers h = new Headers();
        h.add("content-type", "application/x-www-form-urlencoded; charset=utf-8");
        h.add("HOST", "iam.amazonaws.com");
        h.add("x-amz-date", "20150830T123600Z");
        h.add(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, "
                        + "SignedHeaders=content-type;host;x-amz-date, Signature=" + signature);
        return h;
    }

    @Test
    void acceptsThePublishedExampleAndRefusesAnyOtherSignature() {
        SigV4Verifier v = new SigV4Verifier("us-east-1", AT_SIGNING);
        v.accept("AKIDEXAMPLE", SECRET);
        URI uri = URI.create("/?Version=2010-05-08&Action=ListUsers");
        assertNull(v.verify(
                "GET",
                uri,
                listUsersHeaders("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7"),
                new byte[0],
                "iam"));
        SigV4Verifier.Rejection r = v.verify(
                "GET",
                uri,
                listUsersHeaders("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d8"),
                new byte[0],
                "iam");
        assertEquals(SigV4Verifier.Reason.BAD_SIGNATURE, r.reason());
    }

    @Test
    void canonicalPartsFollowTheSpec() {
        assertEquals("/", SigV4Verifier.canonicalUri(""));
        assertEquals("/", SigV4Verifier.canonicalUri("/"));
        assertEquals("/b/c%2520d", SigV4Verifier.canonicalUri("/a/../b/./c%20d"));
        assertEquals("A=1&a=%20%2B&a=x&b=", SigV4Verifier.canonicalQuery("a=x&b&a=%20%2B&A=1"));
        assertEquals(
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                SigV4Verifier.sha256Hex("".getBytes(StandardCharsets.UTF_8)));
    }
}
