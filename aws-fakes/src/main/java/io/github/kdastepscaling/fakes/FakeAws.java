package io.github.kdastepscaling.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
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
    private final List<JsonService> jsonServices;
    private final AtomicLong sequence = new AtomicLong();
    private final ConcurrentSkipListMap<Long, RecordedCall> calls = new ConcurrentSkipListMap<>();

    private FakeAws(String accountId, String region) throws IOException {
        this.accountId = accountId;
        this.region = region;
        this.flink = new FakeFlink(accountId, region);
        this.ssm = new FakeSsm(accountId, region);
        this.cloudWatch = new FakeCloudWatch(accountId, region);
        this.verifier = new SigV4Verifier(region, Clock.systemUTC());
        this.jsonServices = List.of(
                new JsonService(
                        "KinesisAnalytics_20180523.",
                        "kinesisanalyticsv2",
                        "kinesisanalytics",
                        flink::resourceArns,
                        flink::execute),
                new JsonService("AmazonSSM.", "ssm", "ssm", ssm::resourceArns, ssm::execute),
                new JsonService(
                        "AnyScaleFrontendService.",
                        "application-autoscaling",
                        "application-autoscaling",
                        applicationAutoScaling::resourceArns,
                        applicationAutoScaling::execute));
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

    /** The request as received, read once and shared by signature verification and the service handlers. */
    private record Received(byte[] wire, String body) {}

    /**
     * One call being answered: what is recorded about it, and the protocol that frames its answers. The resource
     * ARNs are known only once the body is parsed, so they are given with each answer.
     */
    private record Call(
            HttpExchange ex,
            WireProtocol protocol,
            long seq,
            String requestId,
            String service,
            String operation,
            String iamAction,
            String body,
            String accessKeyId) {}

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
        JsonService service = jsonService(target);
        String operation = service == null
                ? target
                : target.substring(service.targetPrefix().length());
        String iamPrefix = service == null ? "unknown" : service.iamPrefix();
        Call call = new Call(
                ex,
                WireProtocol.JSON,
                seq,
                requestId,
                service == null ? "unknown" : service.name(),
                operation,
                iamPrefix + ":" + operation,
                body,
                accessKeyId);
        // like AWS, authenticate before looking at the operation or the body; an unknown target names no service
        SigV4Verifier.Rejection rejection = verifier.verify(
                ex.getRequestMethod(),
                ex.getRequestURI(),
                ex.getRequestHeaders(),
                received.wire(),
                service == null ? null : iamPrefix);
        if (rejection != null) {
            answerError(call, List.of(), 403, call.protocol().authCode(rejection.reason()), rejection.message());
            return;
        }
        if (service == null) {
            answerError(call, List.of(), 400, "UnknownOperationException", "No service answers X-Amz-Target " + target);
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
                    call, List.of(), 400, "SerializationException", "Cannot parse the request body: " + e.getMessage());
            return;
        }
        List<String> arns = service.resourceArns().apply(operation, input);
        if (!applyFault(call, arns)) {
            return;
        }
        ObjectNode output;
        try {
            output = service.execute().apply(operation, input);
        } catch (ApiException e) {
            answerError(call, arns, e.status, e.code, e.getMessage());
            return;
        }
        answer(call, arns, "application/x-amz-json-1.1", MAPPER.writeValueAsBytes(output));
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
        String service = action == null ? "unknown" : "cloudwatch";
        String operation = action == null ? "unknown" : action;
        Call call = new Call(
                ex,
                WireProtocol.QUERY,
                seq,
                requestId,
                service,
                operation,
                service + ":" + operation,
                body,
                accessKeyId);
        SigV4Verifier.Rejection rejection = verifier.verify(
                ex.getRequestMethod(), ex.getRequestURI(), ex.getRequestHeaders(), received.wire(), "monitoring");
        if (rejection != null) {
            answerError(call, List.of(), 403, call.protocol().authCode(rejection.reason()), rejection.message());
            return;
        }
        if (action == null) {
            answerError(
                    call,
                    List.of(),
                    400,
                    "MissingAction",
                    "Neither an X-Amz-Target header nor an Action parameter was sent");
            return;
        }
        List<String> arns = cloudWatch.resourceArns(action, form);
        if (!applyFault(call, arns)) {
            return;
        }
        String result;
        try {
            result = cloudWatch.execute(action, form);
        } catch (ApiException e) {
            answerError(call, arns, e.status, e.code, e.getMessage());
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
        answer(call, arns, "text/xml", xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** @return the fake the target names, or null for a target no fake answers */
    private JsonService jsonService(String target) {
        for (JsonService service : jsonServices) {
            if (target.startsWith(service.targetPrefix())) {
                return service;
            }
        }
        return null;
    }

    /** @return false if a fault answered the call */
    private boolean applyFault(Call call, List<String> arns) throws IOException {
        Fault fault = faults.next(call.iamAction(), arns);
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
        answerError(call, arns, fault.status(), fault.codeFor(call.service()), fault.message());
        return false;
    }

    private void answer(Call call, List<String> arns, String contentType, byte[] out) throws IOException {
        record(call, arns, 200, null);
        WireProtocol.send(call.ex(), call.requestId(), 200, contentType, out);
    }

    private void answerError(Call call, List<String> arns, int status, String code, String message) throws IOException {
        record(call, arns, status, code);
        call.protocol().sendError(call.ex(), call.requestId(), status, code, message);
    }

    private void record(Call call, List<String> arns, int status, String errorCode) {
        // recorded before the response is written, so a client that got its answer always sees its call
        calls.put(
                call.seq(),
                new RecordedCall(
                        call.service(),
                        call.operation(),
                        call.iamAction(),
                        arns,
                        status,
                        errorCode,
                        call.body(),
                        call.accessKeyId()));
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
        FormPairs.forEach(
                body,
                (k, v) -> form.put(
                        URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8)));
        return form;
    }
}
