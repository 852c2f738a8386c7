package io.github.kdastepscaling.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * Local, stateful stand-ins for Managed Service for Apache Flink (kinesisanalyticsv2), SSM Parameter Store,
 * Application Auto Scaling's scalable targets and CloudWatch (alarms and metric data), served over real HTTP on 127.0.0.1 so that unmodified AWS SDK v2 clients (pointed at
 * {@link #endpoint()} with {@code endpointOverride}) exercise their real marshalling, signing, error mapping and
 * retries. One server answers all four services: JSON 1.1 requests are routed by their {@code X-Amz-Target}
 * header, CloudWatch's AWS Query requests by the form field {@code Action}.
 *
 * <pre>{@code
 * try (FakeAws aws = FakeAws.start()) {
 *     aws.flink().addApplication("orders").parallelism(4);
 *     KinesisAnalyticsV2Client kda = KinesisAnalyticsV2Client.builder()
 *         .endpointOverride(aws.endpoint()).region(Region.US_EAST_1)
 *         .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
 *         .httpClient(UrlConnectionHttpClient.create()).build();
 *     ...
 *     assertEquals(1, aws.calls("kinesisanalytics:UpdateApplication").size());
 * }
 * }</pre>
 *
 * All state lives in memory and every operation on one service is atomic, so concurrent clients see linearizable
 * behaviour. The access key id is recorded so tests can check calls were signed. Signatures are verified only
 * once a key is registered with {@link #acceptCredentials}: then every call must carry a valid SigV4 signature
 * made with a registered key, for this fake's region and the service called, or it is refused with 403 as AWS
 * would refuse it, which proves the client under test signs correctly.
 */
public final class FakeAws implements AutoCloseable {

    /** Account id used in ARNs unless {@link #start(String, String)} says otherwise. */
    public static final String DEFAULT_ACCOUNT_ID = "123456789012";
    /** Region used in ARNs unless {@link #start(String, String)} says otherwise. */
    public static final String DEFAULT_REGION = "us-east-1";

    static final String KDA_TARGET_PREFIX = "KinesisAnalytics_20180523.";
    static final String SSM_TARGET_PREFIX = "AmazonSSM.";
    static final String APPLICATION_AUTO_SCALING_TARGET_PREFIX = "AnyScaleFrontendService.";
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern ACCESS_KEY = Pattern.compile("Credential=([^/,\\s]+)/");

    private final String accountId;
    private final String region;
    private final HttpServer server;
    private final ExecutorService executor;
    private final URI endpoint;
    private final FakeFlink flink;
    private final FakeSsm ssm;
    private final FakeCloudWatch cloudWatch;
    private final FakeApplicationAutoScaling applicationAutoScaling = new FakeApplicationAutoScaling();
    private final Faults faults = new Faults();
    private final SigV4Verifier verifier;
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentSkipListMap<Long, RecordedCall> calls = new ConcurrentSkipListMap<>();

    private FakeAws(String accountId, String region) throws IOException {
        this.accountId = accountId;
        this.region = region;
        this.flink = new FakeFlink(accountId, region);
        this.ssm = new FakeSsm(accountId, region);
        this.cloudWatch = new FakeCloudWatch(accountId, region);
        this.verifier = new SigV4Verifier(region, Clock.systemUTC());
        InetAddress loopback = InetAddress.getLoopbackAddress();
        this.server = HttpServer.create(new InetSocketAddress(loopback, 0), 512);
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "fake-aws-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = Executors.newCachedThreadPool(threads);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        this.endpoint = URI.create("http://" + loopback.getHostAddress() + ":"
                + server.getAddress().getPort());
    }

    /** Starts the fakes on a free port, for account {@value #DEFAULT_ACCOUNT_ID} in {@value #DEFAULT_REGION}. */
    public static FakeAws start() {
        return start(DEFAULT_ACCOUNT_ID, DEFAULT_REGION);
    }

    /**
     * Starts the fakes on a free port.
     *
     * @param accountId account id used in every ARN the fakes produce
     * @param region    region used in every ARN, and the region signatures must be scoped to once
     *                  {@link #acceptCredentials} made the fakes verify them
     */
    public static FakeAws start(String accountId, String region) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(region, "region");
        try {
            return new FakeAws(accountId, region);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake AWS server", e);
        }
    }

    /** @return the base URI to pass to {@code endpointOverride}, e.g. {@code http://127.0.0.1:41234} */
    public URI endpoint() {
        return endpoint;
    }

    /** @return the account id used in ARNs */
    public String accountId() {
        return accountId;
    }

    /** @return the region used in ARNs */
    public String region() {
        return region;
    }

    /** @return the Managed Service for Apache Flink fake */
    public FakeFlink flink() {
        return flink;
    }

    /** @return the SSM Parameter Store fake */
    public FakeSsm ssm() {
        return ssm;
    }

    /** @return the Application Auto Scaling scalable-targets fake */
    public FakeApplicationAutoScaling applicationAutoScaling() {
        return applicationAutoScaling;
    }

    /** @return the CloudWatch fake: alarms and metric data */
    public FakeCloudWatch cloudWatch() {
        return cloudWatch;
    }

    /**
     * Registers a key the fakes accept, and makes them verify AWS Signature Version 4 on every later request:
     * a request must then be signed with a registered key, scoped to {@link #region()} and the service called
     * ({@code kinesisanalytics}, {@code ssm} or {@code monitoring}), and dated within 15 minutes of now.
     * Otherwise it is answered 403 with the service's own error code ({@code UnrecognizedClientException} /
     * {@code InvalidClientTokenId} for an unknown key id, {@code InvalidSignatureException} /
     * {@code SignatureDoesNotMatch} for a wrong or expired signature or a wrong scope,
     * {@code MissingAuthenticationToken[Exception]} / {@code IncompleteSignature[Exception]} for no or a malformed
     * {@code Authorization} header), recorded, and changes no state; it consumes no {@link Faults fault}.
     * Until the first call, nothing is verified, so tests that don't care about credentials need not set any.
     * Session tokens are not checked beyond being signed like any other header.
     *
     * @param accessKeyId     the key id clients sign with
     * @param secretAccessKey its secret; registering a key id again replaces its secret
     * @return this, for chaining
     */
    public FakeAws acceptCredentials(String accessKeyId, String secretAccessKey) {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        verifier.accept(accessKeyId, secretAccessKey);
        return this;
    }

    /** @return the fault injection rules shared by all four services */
    public Faults faults() {
        return faults;
    }

    /** @return every answered call (faulted ones included) in arrival order; a snapshot */
    public List<RecordedCall> calls() {
        return List.copyOf(calls.values());
    }

    /** @return the answered calls needing the given IAM action, e.g. {@code ssm:GetParameter}, in arrival order */
    public List<RecordedCall> calls(String iamAction) {
        return calls.values().stream()
                .filter(c -> c.iamAction().equals(iamAction))
                .collect(Collectors.toList());
    }

    /** Forgets the recorded calls (state and faults are kept). */
    public void clearCalls() {
        calls.clear();
    }

    /** Stops the server at once; in-flight requests are abandoned. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ------------------------------------------------------------------------------------------ request handling

    private interface Protocol {
        void sendError(HttpExchange ex, String requestId, int status, String code, String message) throws IOException;
    }

    /** The request as received, read once and shared by signature verification and the service handlers. */
    private record Received(byte[] wire, String body) {}

    /** AWS JSON 1.1 services name authentication failures with an {@code Exception} suffix. */
    private static String jsonAuthCode(SigV4Verifier.Reason reason) {
        return switch (reason) {
            case MISSING -> "MissingAuthenticationTokenException";
            case INCOMPLETE -> "IncompleteSignatureException";
            case UNKNOWN_KEY -> "UnrecognizedClientException";
            case BAD_SIGNATURE, EXPIRED -> "InvalidSignatureException";
        };
    }

    /** AWS Query services (CloudWatch) use the older codes. */
    private static String queryAuthCode(SigV4Verifier.Reason reason) {
        return switch (reason) {
            case MISSING -> "MissingAuthenticationToken";
            case INCOMPLETE -> "IncompleteSignature";
            case UNKNOWN_KEY -> "InvalidClientTokenId";
            case BAD_SIGNATURE, EXPIRED -> "SignatureDoesNotMatch";
        };
    }

    private void handle(HttpExchange ex) throws IOException {
        long seq = sequence.incrementAndGet();
        String requestId = UUID.randomUUID().toString();
        try (ex) {
            try {
                Received received = readBody(ex);
                String accessKeyId = accessKeyId(ex.getRequestHeaders().getFirst("Authorization"));
                String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
                if (target != null) {
                    handleJson(ex, seq, requestId, target, received, accessKeyId);
                } else {
                    handleQuery(ex, seq, requestId, received, accessKeyId);
                }
            } catch (RuntimeException e) {
                // a bug in a fake: answer 500 rather than leaving the client waiting
                try {
                    byte[] b = ("{\"__type\":\"InternalFailure\",\"message\":\"fake failed: "
                                    + String.valueOf(e).replace("\"", "'") + "\"}")
                            .getBytes(StandardCharsets.UTF_8);
                    ex.getResponseHeaders().set("x-amzn-RequestId", requestId);
                    ex.sendResponseHeaders(500, b.length);
                    ex.getResponseBody().write(b);
                } catch (IOException | RuntimeException ignored) {
                    // response already started or client gone
                }
                throw e;
            }
        }
    }

    private void handleJson(
            HttpExchange ex, long seq, String requestId, String target, Received received, String accessKeyId)
            throws IOException {
        String body = received.body();
        String service;
        String iamPrefix;
        String operation;
        if (target.startsWith(KDA_TARGET_PREFIX)) {
            service = "kinesisanalyticsv2";
            iamPrefix = "kinesisanalytics";
            operation = target.substring(KDA_TARGET_PREFIX.length());
        } else if (target.startsWith(SSM_TARGET_PREFIX)) {
            service = "ssm";
            iamPrefix = "ssm";
            operation = target.substring(SSM_TARGET_PREFIX.length());
        } else if (target.startsWith(APPLICATION_AUTO_SCALING_TARGET_PREFIX)) {
            service = "application-autoscaling";
            iamPrefix = "application-autoscaling";
            operation = target.substring(APPLICATION_AUTO_SCALING_TARGET_PREFIX.length());
        } else {
            service = "unknown";
            iamPrefix = "unknown";
            operation = target;
        }
        String iamAction = iamPrefix + ":" + operation;
        Protocol protocol = this::sendJsonError;
        // like AWS, authenticate before looking at the operation or the body; an unknown target names no service
        SigV4Verifier.Rejection rejection = verifier.verify(
                ex.getRequestMethod(),
                ex.getRequestURI(),
                ex.getRequestHeaders(),
                received.wire(),
                service.equals("unknown") ? null : iamPrefix);
        if (rejection != null) {
            answerError(
                    ex,
                    protocol,
                    seq,
                    requestId,
                    service,
                    operation,
                    iamAction,
                    List.of(),
                    body,
                    accessKeyId,
                    403,
                    jsonAuthCode(rejection.reason()),
                    rejection.message());
            return;
        }
        if (service.equals("unknown")) {
            answerError(
                    ex,
                    protocol,
                    seq,
                    requestId,
                    service,
                    operation,
                    iamAction,
                    List.of(),
                    body,
                    accessKeyId,
                    400,
                    "UnknownOperationException",
                    "No service answers X-Amz-Target " + target);
            return;
        }
        JsonNode input;
        try {
            input = body.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(body);
            if (input == null || !input.isObject()) {
                throw new IOException("body is not a JSON object");
            }
        } catch (IOException e) {
            answerError(
                    ex,
                    protocol,
                    seq,
                    requestId,
                    service,
                    operation,
                    iamAction,
                    List.of(),
                    body,
                    accessKeyId,
                    400,
                    "SerializationException",
                    "Cannot parse the request body: " + e.getMessage());
            return;
        }
        List<String> arns = service.equals("ssm")
                ? ssm.resourceArns(operation, input)
                : service.equals("application-autoscaling")
                        ? applicationAutoScaling.resourceArns(operation, input)
                        : flink.resourceArns(operation, input);
        if (!applyFault(ex, protocol, seq, requestId, service, operation, iamAction, arns, body, accessKeyId)) {
            return;
        }
        ObjectNode output;
        try {
            output = service.equals("ssm")
                    ? ssm.execute(operation, input)
                    : service.equals("application-autoscaling")
                            ? applicationAutoScaling.execute(operation, input)
                            : flink.execute(operation, input);
        } catch (ApiException e) {
            answerError(
                    ex,
                    protocol,
                    seq,
                    requestId,
                    service,
                    operation,
                    iamAction,
                    arns,
                    body,
                    accessKeyId,
                    e.status,
                    e.code,
                    e.getMessage());
            return;
        }
        byte[] out = MAPPER.writeValueAsBytes(output);
        record(seq, new RecordedCall(service, operation, iamAction, arns, 200, null, body, accessKeyId));
        send(ex, requestId, 200, "application/x-amz-json-1.1", out);
    }

    private void handleQuery(HttpExchange ex, long seq, String requestId, Received received, String accessKeyId)
            throws IOException {
        String body = received.body();
        Map<String, String> form = parseForm(body);
        String query = ex.getRequestURI().getRawQuery();
        if (query != null) {
            parseForm(query).forEach(form::putIfAbsent);
        }
        String action = form.get("Action");
        Protocol protocol = this::sendXmlError;
        SigV4Verifier.Rejection rejection = verifier.verify(
                ex.getRequestMethod(), ex.getRequestURI(), ex.getRequestHeaders(), received.wire(), "monitoring");
        if (rejection != null) {
            String op = action == null ? "unknown" : action;
            answerError(
                    ex,
                    protocol,
                    seq,
                    requestId,
                    action == null ? "unknown" : "cloudwatch",
                    op,
                    (action == null ? "unknown:" : "cloudwatch:") + op,
                    List.of(),
                    body,
                    accessKeyId,
                    403,
                    queryAuthCode(rejection.reason()),
                    rejection.message());
            return;
        }
        if (action == null) {
            answerError(
                    ex,
                    protocol,
                    seq,
                    requestId,
                    "unknown",
                    "unknown",
                    "unknown:unknown",
                    List.of(),
                    body,
                    accessKeyId,
                    400,
                    "MissingAction",
                    "Neither an X-Amz-Target header nor an Action parameter was sent");
            return;
        }
        String service = "cloudwatch";
        String iamAction = "cloudwatch:" + action;
        List<String> arns = cloudWatch.resourceArns(action, form);
        if (!applyFault(ex, protocol, seq, requestId, service, action, iamAction, arns, body, accessKeyId)) {
            return;
        }
        String result;
        try {
            result = cloudWatch.execute(action, form);
        } catch (ApiException e) {
            answerError(
                    ex,
                    protocol,
                    seq,
                    requestId,
                    service,
                    action,
                    iamAction,
                    arns,
                    body,
                    accessKeyId,
                    e.status,
                    e.code,
                    e.getMessage());
            return;
        }
        StringBuilder xml = new StringBuilder(256 + (result == null ? 0 : result.length()));
        xml.append("<")
                .append(action)
                .append("Response xmlns=\"")
                .append(FakeCloudWatch.XMLNS)
                .append("\">");
        if (result != null) {
            xml.append("<")
                    .append(action)
                    .append("Result>")
                    .append(result)
                    .append("</")
                    .append(action)
                    .append("Result>");
        }
        xml.append("<ResponseMetadata><RequestId>").append(requestId).append("</RequestId></ResponseMetadata>");
        xml.append("</").append(action).append("Response>");
        record(seq, new RecordedCall(service, action, iamAction, arns, 200, null, body, accessKeyId));
        send(ex, requestId, 200, "text/xml", xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** @return false if a fault answered the call */
    private boolean applyFault(
            HttpExchange ex,
            Protocol protocol,
            long seq,
            String requestId,
            String service,
            String operation,
            String iamAction,
            List<String> arns,
            String body,
            String accessKeyId)
            throws IOException {
        Fault fault = faults.next(iamAction, arns);
        if (fault == null) {
            return true;
        }
        if (fault.isDelay()) {
            try {
                Thread.sleep(fault.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false; // server closing
            }
            return true;
        }
        answerError(
                ex,
                protocol,
                seq,
                requestId,
                service,
                operation,
                iamAction,
                arns,
                body,
                accessKeyId,
                fault.status(),
                fault.codeFor(service),
                fault.message());
        return false;
    }

    private void answerError(
            HttpExchange ex,
            Protocol protocol,
            long seq,
            String requestId,
            String service,
            String operation,
            String iamAction,
            List<String> arns,
            String body,
            String accessKeyId,
            int status,
            String code,
            String message)
            throws IOException {
        record(seq, new RecordedCall(service, operation, iamAction, arns, status, code, body, accessKeyId));
        protocol.sendError(ex, requestId, status, code, message);
    }

    private void record(long seq, RecordedCall call) {
        // recorded before the response is written, so a client that got its answer always sees its call
        calls.put(seq, call);
    }

    private void sendJsonError(HttpExchange ex, String requestId, int status, String code, String message)
            throws IOException {
        ObjectNode err = MAPPER.createObjectNode();
        err.put("__type", code);
        err.put("message", message);
        ex.getResponseHeaders().set("x-amzn-ErrorType", code);
        send(ex, requestId, status, "application/x-amz-json-1.1", MAPPER.writeValueAsBytes(err));
    }

    private void sendXmlError(HttpExchange ex, String requestId, int status, String code, String message)
            throws IOException {
        String type = status >= 500 ? "Receiver" : "Sender";
        String xml = "<ErrorResponse xmlns=\"" + FakeCloudWatch.XMLNS + "\"><Error><Type>" + type + "</Type><Code>"
                + Xml.escape(code) + "</Code><Message>" + Xml.escape(message == null ? "" : message)
                + "</Message></Error><RequestId>" + requestId + "</RequestId></ErrorResponse>";
        send(ex, requestId, status, "text/xml", xml.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange ex, String requestId, int status, String contentType, byte[] body)
            throws IOException {
        ex.getResponseHeaders().set("x-amzn-RequestId", requestId);
        ex.getResponseHeaders().set("Content-Type", contentType);
        // A fresh connection per call: on a reused loopback connection the client's Nagle algorithm (headers and
        // body are written separately) meets the server's delayed ACK, and every call waits 40 ms for nothing.
        ex.getResponseHeaders().set("Connection", "close");
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        }
    }

    /** Reads the body once: the bytes as sent are what the client signed, the decoded text is what it asked. */
    private static Received readBody(HttpExchange ex) throws IOException {
        byte[] wire;
        try (InputStream in = ex.getRequestBody()) {
            wire = in.readAllBytes();
        }
        byte[] raw = wire;
        String encoding = ex.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding != null && encoding.toLowerCase().contains("gzip") && raw.length > 0) {
            try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                raw = gz.readAllBytes();
            }
        }
        return new Received(wire, new String(raw, StandardCharsets.UTF_8));
    }

    static String accessKeyId(String authorization) {
        if (authorization == null) {
            return null;
        }
        Matcher m = ACCESS_KEY.matcher(authorization);
        return m.find() ? m.group(1) : null;
    }

    static Map<String, String> parseForm(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            form.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return form;
    }
}
