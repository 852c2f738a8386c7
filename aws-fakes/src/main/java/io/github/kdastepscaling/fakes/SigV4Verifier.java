package io.github.kdastepscaling.fakes;

import com.sun.net.httpserver.Headers;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks AWS Signature Version 4 {@code Authorization} headers the way the real services do, so that a test
 * against the fakes proves a client signs correctly (a hand-written client that gets the canonical request wrong
 * fails here instead of only in production). The canonical request is rebuilt from what the server actually
 * received (method, path, query, headers, raw body bytes), never from what the client says it signed.
 *
 * <p>Verification is off until a key is {@linkplain #accept registered}, so fakes that don't care about
 * credentials keep accepting anything.
 */
final class SigV4Verifier {

    /** Why a request was refused; each protocol names these with its own error codes. */
    enum Reason {
        /** No {@code Authorization} header. */
        MISSING,
        /** An {@code Authorization} header that is not a complete SigV4 one. */
        INCOMPLETE,
        /** The access key id is not registered. */
        UNKNOWN_KEY,
        /** Wrong signature, or a scope for another date, region or service. */
        BAD_SIGNATURE,
        /** {@code X-Amz-Date} more than {@link #MAX_SKEW} away from now. */
        EXPIRED
    }

    /** A refused request. */
    record Rejection(Reason reason, String message) {}

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    /** How far {@code X-Amz-Date} may be from the server's clock, as AWS allows. */
    static final Duration MAX_SKEW = Duration.ofMinutes(15);

    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();
    private static final String BAD_SIGNATURE_MESSAGE = "The request signature we calculated does not match the "
            + "signature you provided. Check your AWS Secret Access Key and signing method. Consult the service "
            + "documentation for details.";

    private final String region;
    private final Clock clock;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();

    SigV4Verifier(String region, Clock clock) {
        this.region = region;
        this.clock = clock;
    }

    /** Registers (or replaces the secret of) a key; from then on every request must be signed with a known key. */
    void accept(String accessKeyId, String secretAccessKey) {
        secrets.put(accessKeyId, secretAccessKey);
    }

    /** @return true once a key is registered */
    boolean enabled() {
        return !secrets.isEmpty();
    }

    /**
     * @param method      the HTTP method as received
     * @param uri         the request URI as received (raw path and query are used)
     * @param headers     the request headers as received
     * @param body        the body bytes as received (before any {@code Content-Encoding} is undone)
     * @param signingName the service name the scope must name, e.g. {@code ssm}; {@code null} accepts any
     * @return null if the request is authentic (or verification is off), else why it is not
     */
    Rejection verify(String method, URI uri, Headers headers, byte[] body, String signingName) {
        if (!enabled()) {
            return null;
        }
        String authorization = headers.getFirst("Authorization");
        if (authorization == null) {
            return new Rejection(Reason.MISSING, "Missing Authentication Token");
        }
        Authorization auth = Authorization.parse(authorization);
        if (auth.problem != null) {
            return new Rejection(Reason.INCOMPLETE, auth.problem + " Authorization=" + authorization);
        }
        String secret = secrets.get(auth.accessKeyId);
        if (secret == null) {
            return new Rejection(Reason.UNKNOWN_KEY, "The security token included in the request is invalid.");
        }
        String amzDate = headers.getFirst("X-Amz-Date");
        if (amzDate == null) {
            return new Rejection(
                    Reason.INCOMPLETE,
                    "Authorization header requires existence of either a "
                            + "'X-Amz-Date' or a 'Date' header. Authorization=" + authorization);
        }
        Instant signedAt;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(amzDate.trim()));
        } catch (DateTimeParseException e) {
            return new Rejection(
                    Reason.INCOMPLETE,
                    "X-Amz-Date must be in ISO 8601 basic format " + "(yyyyMMdd'T'HHmmss'Z'), not '" + amzDate + "'.");
        }
        amzDate = amzDate.trim();
        Rejection stale = checkClock(signedAt);
        if (stale != null) {
            return stale;
        }
        if (!auth.date.equals(amzDate.substring(0, 8))) {
            return new Rejection(
                    Reason.BAD_SIGNATURE,
                    "Date in Credential scope does not match YYYYMMDD from "
                            + "ISO-8601 version of date from HTTP: '" + auth.date + "' != '" + amzDate.substring(0, 8)
                            + "', from '" + amzDate + "'.");
        }
        if (!auth.region.equals(region)) {
            return new Rejection(
                    Reason.BAD_SIGNATURE, "Credential should be scoped to a valid region, not '" + auth.region + "'. ");
        }
        if (signingName != null && !auth.service.equals(signingName)) {
            return new Rejection(
                    Reason.BAD_SIGNATURE, "Credential should be scoped to correct service: '" + signingName + "'. ");
        }
        if (!auth.signedHeaders.contains("host")) {
            return new Rejection(
                    Reason.BAD_SIGNATURE, "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        String payloadHash = sha256Hex(body);
        String claimedHash = headers.getFirst("X-Amz-Content-Sha256");
        if (claimedHash != null) {
            // a client may sign a hash it states in the header; it must still be the hash of what arrived
            if (claimedHash.matches("[0-9a-fA-F]{64}") && !claimedHash.equalsIgnoreCase(payloadHash)) {
                return new Rejection(
                        Reason.BAD_SIGNATURE,
                        "The provided 'x-amz-content-sha256' header does not match what was computed.");
            }
            payloadHash = claimedHash;
        }
        String canonicalRequest = canonicalRequest(method, uri, headers, auth.signedHeaders, payloadHash);
        String scope = auth.date + "/" + auth.region + "/" + auth.service + "/aws4_request";
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
                + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        byte[] expected = HEX.formatHex(hmac(signingKey(secret, auth.date, auth.region, auth.service), stringToSign))
                .getBytes(StandardCharsets.US_ASCII);
        byte[] provided = auth.signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, provided)) {
            // like AWS, say what was expected: that is what makes a signing bug in a hand-written client findable
            return new Rejection(
                    Reason.BAD_SIGNATURE,
                    BAD_SIGNATURE_MESSAGE
                            + "\n\nThe Canonical String for this request should have been\n'" + canonicalRequest
                            + "'\n\nThe String-to-Sign should have been\n'" + stringToSign + "'\n");
        }
        return null;
    }

    private Rejection checkClock(Instant signedAt) {
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(MAX_SKEW))) {
            return new Rejection(
                    Reason.EXPIRED,
                    "Signature expired: " + AMZ_DATE.format(signedAt)
                            + " is now earlier than " + AMZ_DATE.format(now.minus(MAX_SKEW)) + " ("
                            + AMZ_DATE.format(now) + " - 15 min.)");
        }
        if (signedAt.isAfter(now.plus(MAX_SKEW))) {
            return new Rejection(
                    Reason.EXPIRED,
                    "Signature not yet current: " + AMZ_DATE.format(signedAt)
                            + " is still later than " + AMZ_DATE.format(now.plus(MAX_SKEW)) + " ("
                            + AMZ_DATE.format(now) + " + 15 min.)");
        }
        return null;
    }

    // ------------------------------------------------------------------------------------ canonical request

    static String canonicalRequest(
            String method, URI uri, Headers headers, List<String> signedHeaders, String payloadHash) {
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : signedHeaders) {
            List<String> values = headers.get(name);
            List<String> canonical = new ArrayList<>();
            if (values != null) {
                for (String v : values) {
                    canonical.add(v == null ? "" : v.trim().replaceAll(" +", " "));
                }
            }
            canonicalHeaders
                    .append(name)
                    .append(':')
                    .append(String.join(",", canonical))
                    .append('\n');
        }
        return method + "\n"
                + canonicalUri(uri.getRawPath()) + "\n"
                + canonicalQuery(uri.getRawQuery()) + "\n"
                + canonicalHeaders + "\n"
                + String.join(";", signedHeaders) + "\n"
                + payloadHash;
    }

    /** The path normalized and URI-encoded once more, as the SDK signs every service but S3. */
    static String canonicalUri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        String normalized = URI.create(rawPath).normalize().getRawPath();
        if (normalized.isEmpty()) {
            normalized = "/";
        }
        return uriEncode(normalized, false);
    }

    /** Parameters decoded, re-encoded the SigV4 way and sorted by name, then value. */
    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> params = new ArrayList<>();
        FormPairs.forEach(
                rawQuery, (k, v) -> params.add(new String[] {uriEncode(decode(k), true), uriEncode(decode(v), true)}));
        params.sort((a, b) -> {
            int c = a[0].compareTo(b[0]);
            return c != 0 ? c : a[1].compareTo(b[1]);
        });
        StringBuilder sb = new StringBuilder();
        for (String[] p : params) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(p[0]).append('=').append(p[1]);
        }
        return sb.toString();
    }

    private static String decode(String s) {
        // a literal '+' in a query is a plus sign to the SDK signer, so keep it before URLDecoder sees it
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** RFC 3986 encoding of every byte but the unreserved characters (and '/' unless {@code encodeSlash}). */
    static String uriEncode(String s, boolean encodeSlash) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == '~'
                    || (c == '/' && !encodeSlash)) {
                sb.append(c);
            } else {
                sb.append('%').append(HEX.withUpperCase().toHexDigits(b));
            }
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------------------------------- crypto

    static byte[] signingKey(String secret, String date, String region, String service) {
        byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        k = hmac(k, region);
        k = hmac(k, service);
        return hmac(k, "aws4_request");
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
        }
    }

    static String sha256Hex(byte[] data) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    // ----------------------------------------------------------------------------------- header parsing

    /**
     * The parts of {@code AWS4-HMAC-SHA256 Credential=id/date/region/service/aws4_request, SignedHeaders=a;b,
     * Signature=hex}; {@code problem} says what is missing from a header that is not complete.
     */
    private static final class Authorization {
        String problem;
        String accessKeyId;
        String date;
        String region;
        String service;
        List<String> signedHeaders;
        String signature;

        static Authorization parse(String header) {
            Authorization a = new Authorization();
            String h = header.trim();
            if (!h.startsWith(ALGORITHM + " ")) {
                a.problem = "Authorization header requires the algorithm " + ALGORITHM + ".";
                return a;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (String part : h.substring(ALGORITHM.length()).split(",")) {
                String p = part.trim();
                int eq = p.indexOf('=');
                if (eq > 0) {
                    fields.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
                }
            }
            for (String required : List.of("Credential", "SignedHeaders", "Signature")) {
                if (!fields.containsKey(required) || fields.get(required).isEmpty()) {
                    a.problem = "Authorization header requires '" + required + "' parameter.";
                    return a;
                }
            }
            String[] credential = fields.get("Credential").split("/", -1);
            if (credential.length != 5 || !credential[4].equals("aws4_request") || !credential[1].matches("\\d{8}")) {
                a.problem = "Credential must have exactly 5 slash-delimited elements, e.g. "
                        + "keyid/date/region/service/aws4_request.";
                return a;
            }
            a.accessKeyId = credential[0];
            a.date = credential[1];
            a.region = credential[2];
            a.service = credential[3];
            a.signedHeaders =
                    List.of(fields.get("SignedHeaders").toLowerCase(Locale.ROOT).split(";"));
            a.signature = fields.get("Signature");
            return a;
        }
    }
}
