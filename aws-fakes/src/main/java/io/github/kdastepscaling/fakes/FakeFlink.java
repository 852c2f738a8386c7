package io.github.kdastepscaling.fakes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Fake of the kinesisanalyticsv2 (Managed Service for Apache Flink) API, keeping the state that makes rescaling
 * tricky: application version ids and conditional tokens (optimistic locking), statuses (an application mid-update
 * refuses another update) and the lag between the configured {@code Parallelism} and the {@code CurrentParallelism}
 * the job actually runs with.
 *
 * <p>Operations: DescribeApplication, UpdateApplication (parallelism and snapshot configuration only),
 * StartApplication, StopApplication, ListApplications, and the snapshot calls CreateApplicationSnapshot,
 * ListApplicationSnapshots, DescribeApplicationSnapshot, DeleteApplicationSnapshot. Error precedence in UpdateApplication: malformed request
 * ({@code InvalidArgumentException}), unknown application ({@code ResourceNotFoundException}), stale version or
 * token ({@code ConcurrentModificationException}), application not RUNNING/READY ({@code ResourceInUseException}).
 *
 * <p>Snapshots are kept as the service keeps them
 * (<a href="https://docs.aws.amazon.com/managed-flink/latest/java/how-snapshots.html">how-snapshots</a>): with
 * snapshots enabled, an update of a RUNNING application and a stop of one take an automatic snapshot (CREATING until
 * the transition completes, then READY; named opaquely, because the service documents no naming scheme for them),
 * and nothing ever deletes one but DeleteApplicationSnapshot. Automatic snapshots count toward the per-application
 * quota ({@link #setSnapshotQuota(int)}) but are taken even beyond it; CreateApplicationSnapshot then fails with
 * {@code LimitExceededException}. Where the API reference names no error code for a case, the fake answers with the
 * closest one it lists for the operation: a DeleteApplicationSnapshot whose {@code SnapshotCreationTimestamp} does not
 * match is {@code InvalidArgumentException}, one on a snapshot still CREATING is {@code ResourceInUseException}, an
 * unknown snapshot name is {@code ResourceNotFoundException}.
 *
 * <p>Transitional statuses (UPDATING, AUTOSCALING, STARTING, STOPPING) last until {@link #completeTransitions()}
 * or, with {@link #setAutoCompleteAfter(int)}, until enough DescribeApplication calls have seen them.
 */
public final class FakeFlink {

    private final String accountId;
    private final String region;
    private final Map<String, FakeApplication> apps = new LinkedHashMap<>();
    private int autoCompleteAfter;
    private int snapshotQuota = DEFAULT_SNAPSHOT_QUOTA;
    private volatile Clock clock = Clock.systemUTC();

    /**
     * The per-application snapshot quota the fake applies by default. Check the service's current figure on its
     * quotas page (https://docs.aws.amazon.com/managed-flink/latest/java/limits.html); tests set a small one.
     */
    public static final int DEFAULT_SNAPSHOT_QUOTA = 1000;

    /**
     * Sets the clock the fake reads for {@code LastUpdateTimestamp}, {@code CreateTimestamp} of applications added
     * later, and snapshot creation times; the system's by default. A test that runs simulated minutes sets it to its
     * own clock, so what the fake reports agrees with what the code under test believes the time is.
     */
    public void clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    FakeFlink(String accountId, String region) {
        this.accountId = accountId;
        this.region = region;
    }

    /**
     * Creates an application in status RUNNING, parallelism 1, 1 per KPU, autoscaling and snapshots on,
     * runtime FLINK-1_19, version 1.
     *
     * @throws IllegalArgumentException if the name is taken
     */
    public FakeApplication addApplication(String name) {
        synchronized (this) {
            if (apps.containsKey(name)) {
                throw new IllegalArgumentException("application " + name + " already exists");
            }
            FakeApplication app = new FakeApplication(this, name, accountId, region, () -> clock.instant());
            apps.put(name, app);
            return app;
        }
    }

    /** @return the application of that name, if any */
    public Optional<FakeApplication> application(String name) {
        synchronized (this) {
            return Optional.ofNullable(apps.get(name));
        }
    }

    /** Removes an application, as DeleteApplication would. */
    public void removeApplication(String name) {
        synchronized (this) {
            apps.remove(name);
        }
    }

    /**
     * Finishes every transition at once: UPDATING, AUTOSCALING and STARTING become RUNNING with
     * CurrentParallelism = Parallelism; STOPPING becomes READY.
     *
     * @return how many applications changed
     */
    public int completeTransitions() {
        synchronized (this) {
            int n = 0;
            for (FakeApplication app : apps.values()) {
                if (app.completeTransition()) {
                    n++;
                }
            }
            return n;
        }
    }

    /**
     * Makes a transitional status end on its own: the first {@code describes} DescribeApplication calls on the
     * application see the transitional status, the next one sees it finished (as {@link #completeTransitions()}).
     *
     * @param describes 0 (the default) for never; transitions then wait for {@link #completeTransitions()}
     */
    public void setAutoCompleteAfter(int describes) {
        if (describes < 0) {
            throw new IllegalArgumentException("describes (" + describes + ") must be >= 0");
        }
        synchronized (this) {
            this.autoCompleteAfter = describes;
        }
    }

    /**
     * Sets the per-application snapshot quota: CreateApplicationSnapshot fails with {@code LimitExceededException}
     * once an application has that many snapshots (automatic ones included).
     */
    public void setSnapshotQuota(int quota) {
        if (quota < 1) {
            throw new IllegalArgumentException("quota (" + quota + ") must be >= 1");
        }
        synchronized (this) {
            this.snapshotQuota = quota;
        }
    }

    // ------------------------------------------------------------------------------------------------ wire side

    String arn(String name) {
        return "arn:aws:kinesisanalytics:" + region + ":" + accountId + ":application/" + name;
    }

    List<String> resourceArns(String operation, JsonNode input) {
        JsonNode name = input.get("ApplicationName");
        if (name != null && name.isTextual()) {
            return List.of(arn(name.asText()));
        }
        return List.of();
    }

    ObjectNode execute(String operation, JsonNode in) {
        switch (operation) {
            case "DescribeApplication":
                return describe(in);
            case "UpdateApplication":
                return update(in);
            case "StartApplication":
                return start(in);
            case "StopApplication":
                return stop(in);
            case "ListApplications":
                return list();
            case "CreateApplicationSnapshot":
                return createSnapshot(in);
            case "ListApplicationSnapshots":
                return listSnapshots(in);
            case "DescribeApplicationSnapshot":
                return describeSnapshot(in);
            case "DeleteApplicationSnapshot":
                return deleteSnapshot(in);
            default:
                throw ApiException.badRequest(
                        "UnknownOperationException", "The fake kinesisanalyticsv2 does not implement " + operation);
        }
    }

    private static String requiredName(JsonNode in) {
        JsonNode n = in.get("ApplicationName");
        if (n == null || !n.isTextual() || n.asText().isEmpty()) {
            throw ApiException.badRequest("InvalidArgumentException", "ApplicationName is required");
        }
        return n.asText();
    }

    private FakeApplication find(String name) {
        FakeApplication app = apps.get(name);
        if (app == null) {
            throw ApiException.badRequest(
                    "ResourceNotFoundException", "Application " + name + " is not found in account " + accountId);
        }
        return app;
    }

    private synchronized ObjectNode describe(JsonNode in) {
        FakeApplication app = find(requiredName(in));
        if (autoCompleteAfter > 0 && FakeApplication.isTransitional(app.status())) {
            if (app.countDescribeInTransition() > autoCompleteAfter) {
                app.completeTransition();
            }
        }
        ObjectNode out = FakeAws.MAPPER.createObjectNode();
        out.set("ApplicationDetail", detail(app));
        return out;
    }

    private synchronized ObjectNode update(JsonNode in) {
        String name = requiredName(in);
        JsonNode version = in.get("CurrentApplicationVersionId");
        JsonNode token = in.get("ConditionalToken");
        boolean hasVersion = version != null && !version.isNull();
        boolean hasToken = token != null && !token.isNull();
        if (hasVersion == hasToken) {
            throw ApiException.badRequest(
                    "InvalidArgumentException",
                    "Exactly one of CurrentApplicationVersionId and ConditionalToken must be provided");
        }
        JsonNode cfg = in.path("ApplicationConfigurationUpdate");
        JsonNode par = cfg.path("FlinkApplicationConfigurationUpdate").path("ParallelismConfigurationUpdate");
        JsonNode snap = cfg.path("ApplicationSnapshotConfigurationUpdate").path("SnapshotsEnabledUpdate");
        String typeUpdate = par.path("ConfigurationTypeUpdate").asText(null);
        if (typeUpdate != null && !typeUpdate.equals("CUSTOM") && !typeUpdate.equals("DEFAULT")) {
            throw ApiException.badRequest(
                    "InvalidArgumentException",
                    "ConfigurationTypeUpdate (" + typeUpdate + ") must be CUSTOM or DEFAULT");
        }
        boolean custom = "CUSTOM".equals(typeUpdate);
        Integer parallelism =
                par.has("ParallelismUpdate") ? par.get("ParallelismUpdate").asInt() : null;
        Integer perKpu = par.has("ParallelismPerKPUUpdate")
                ? par.get("ParallelismPerKPUUpdate").asInt()
                : null;
        Boolean autoScaling = par.has("AutoScalingEnabledUpdate")
                ? par.get("AutoScalingEnabledUpdate").asBoolean()
                : null;
        if ((parallelism != null || perKpu != null || autoScaling != null) && !custom) {
            throw ApiException.badRequest(
                    "InvalidArgumentException",
                    "ConfigurationTypeUpdate must be CUSTOM to update Parallelism, ParallelismPerKPU or "
                            + "AutoScalingEnabled");
        }
        if (parallelism != null && parallelism < 1) {
            throw ApiException.badRequest("InvalidArgumentException", "Parallelism (" + parallelism + ") must be >= 1");
        }
        if (perKpu != null && (perKpu < 1 || perKpu > 8)) {
            throw ApiException.badRequest(
                    "InvalidArgumentException", "ParallelismPerKPU (" + perKpu + ") must be between 1 and 8");
        }
        FakeApplication app = find(name);
        if (hasVersion && version.asLong() != app.versionId()) {
            throw ApiException.badRequest(
                    "ConcurrentModificationException",
                    "Provided application version id (" + version.asLong()
                            + ") does not match the current application version id (" + app.versionId() + ")");
        }
        if (hasToken && !token.asText().equals(app.conditionalToken())) {
            throw ApiException.badRequest(
                    "ConcurrentModificationException",
                    "Provided conditional token does not match the application's current token");
        }
        String status = app.status();
        if (!status.equals("RUNNING") && !status.equals("READY")) {
            throw ApiException.badRequest(
                    "ResourceInUseException",
                    "Application " + name + " is in " + status + " status; it must be RUNNING or READY");
        }

        // apply
        if ("DEFAULT".equals(typeUpdate)) {
            app.configurationType("DEFAULT");
            app.setParallelismInternal(1);
            app.parallelismPerKpu(1);
            app.autoScalingEnabled(true);
        } else if (custom) {
            app.configurationType("CUSTOM");
        }
        if (parallelism != null) {
            app.setParallelismInternal(parallelism);
        }
        if (perKpu != null) {
            app.parallelismPerKpu(perKpu);
        }
        if (autoScaling != null) {
            app.autoScalingEnabled(autoScaling);
        }
        if (!snap.isMissingNode() && !snap.isNull()) {
            app.snapshotsEnabled(snap.asBoolean());
        }
        app.newVersion();
        app.recordUpdate();
        if (status.equals("RUNNING")) {
            app.takeAutomaticSnapshot();
            app.setStatusInternal("UPDATING");
        } else {
            app.setCurrentParallelismInternal(app.parallelism());
        }
        ObjectNode out = FakeAws.MAPPER.createObjectNode();
        out.set("ApplicationDetail", detail(app));
        out.put("OperationId", UUID.randomUUID().toString().replace("-", "").substring(0, 16));
        return out;
    }

    private synchronized ObjectNode start(JsonNode in) {
        FakeApplication app = find(requiredName(in));
        if (!app.status().equals("READY")) {
            throw ApiException.badRequest(
                    "ResourceInUseException",
                    "Application " + app.name() + " is in " + app.status() + " status; it must be READY to start");
        }
        app.started(in.at("/RunConfiguration/ApplicationRestoreConfiguration/ApplicationRestoreType")
                .asText(null));
        return operation();
    }

    private synchronized ObjectNode stop(JsonNode in) {
        FakeApplication app = find(requiredName(in));
        String status = app.status();
        boolean force = in.path("Force").asBoolean(false);
        if (status.equals("READY")) {
            throw ApiException.badRequest(
                    "ResourceInUseException", "Application " + app.name() + " is already READY (stopped)");
        }
        if (!force && !status.equals("RUNNING")) {
            throw ApiException.badRequest(
                    "ResourceInUseException",
                    "Application " + app.name() + " is in " + status + " status; it must be RUNNING to stop");
        }
        if (!force && status.equals("RUNNING")) {
            app.takeAutomaticSnapshot();
        }
        app.setStatusInternal(force ? "FORCE_STOPPING" : "STOPPING");
        return operation();
    }

    private synchronized ObjectNode list() {
        ObjectNode out = FakeAws.MAPPER.createObjectNode();
        ArrayNode summaries = out.putArray("ApplicationSummaries");
        for (FakeApplication app : new ArrayList<>(apps.values())) {
            ObjectNode s = summaries.addObject();
            s.put("ApplicationName", app.name());
            s.put("ApplicationARN", app.arn());
            s.put("ApplicationStatus", app.status());
            s.put("ApplicationVersionId", app.versionId());
            s.put("RuntimeEnvironment", app.runtimeEnvironment());
            s.put("ApplicationMode", "STREAMING");
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ snapshots

    private static final Pattern SNAPSHOT_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,256}");

    private static String requiredSnapshotName(JsonNode in) {
        JsonNode n = in.get("SnapshotName");
        if (n == null || !n.isTextual()) {
            throw ApiException.badRequest("InvalidArgumentException", "SnapshotName is required");
        }
        if (!SNAPSHOT_NAME.matcher(n.asText()).matches()) {
            throw ApiException.badRequest(
                    "InvalidArgumentException",
                    "SnapshotName (" + n.asText() + ") must be 1 to 256 characters matching [a-zA-Z0-9_.-]+");
        }
        return n.asText();
    }

    private FakeSnapshot findSnapshot(FakeApplication app, String snapshotName) {
        FakeSnapshot snapshot = app.snapshot(snapshotName);
        if (snapshot == null) {
            throw ApiException.badRequest(
                    "ResourceNotFoundException",
                    "Snapshot " + snapshotName + " is not found for application " + app.name());
        }
        return snapshot;
    }

    private synchronized ObjectNode createSnapshot(JsonNode in) {
        String snapshotName = requiredSnapshotName(in);
        FakeApplication app = find(requiredName(in));
        if (!app.status().equals("RUNNING")) {
            throw ApiException.badRequest(
                    "ResourceInUseException",
                    "Application " + app.name() + " is in " + app.status()
                            + " status; it must be RUNNING to create a snapshot");
        }
        if (!app.snapshotsEnabled()) {
            throw ApiException.badRequest(
                    "InvalidApplicationConfigurationException",
                    "Snapshots are not enabled for application " + app.name());
        }
        if (app.snapshot(snapshotName) != null) {
            throw ApiException.badRequest(
                    "InvalidArgumentException",
                    "Snapshot " + snapshotName + " already exists for application " + app.name());
        }
        if (app.snapshotCount() >= snapshotQuota) {
            throw ApiException.badRequest(
                    "LimitExceededException",
                    "Application " + app.name() + " has " + app.snapshotCount()
                            + " snapshots, the most allowed; delete some to create more");
        }
        // A manual snapshot of a small fake state is READY at once.
        app.putSnapshot(new FakeSnapshot(
                snapshotName,
                "READY",
                app.versionId(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS),
                app.runtimeEnvironment(),
                false));
        return FakeAws.MAPPER.createObjectNode();
    }

    private synchronized ObjectNode listSnapshots(JsonNode in) {
        FakeApplication app = find(requiredName(in));
        int limit = 50;
        JsonNode limitNode = in.get("Limit");
        if (limitNode != null && !limitNode.isNull()) {
            limit = limitNode.asInt();
            if (limit < 1 || limit > 50) {
                throw ApiException.badRequest(
                        "InvalidArgumentException", "Limit (" + limit + ") must be between 1 and 50");
            }
        }
        int from = 0;
        JsonNode token = in.get("NextToken");
        if (token != null && !token.isNull()) {
            from = decodeToken(token.asText());
        }
        List<FakeSnapshot> all = app.snapshots();
        ObjectNode out = FakeAws.MAPPER.createObjectNode();
        ArrayNode summaries = out.putArray("SnapshotSummaries");
        int end = Math.min(all.size(), from + limit);
        for (int i = from; i < end; i++) {
            summaries.add(snapshotDetails(all.get(i)));
        }
        if (end < all.size()) {
            out.put(
                    "NextToken",
                    Base64.getEncoder().encodeToString(("offset:" + end).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static int decodeToken(String token) {
        try {
            String text = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
            if (text.startsWith("offset:")) {
                int offset = Integer.parseInt(text.substring("offset:".length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw ApiException.badRequest("InvalidArgumentException", "NextToken is not valid");
    }

    private synchronized ObjectNode describeSnapshot(JsonNode in) {
        String snapshotName = requiredSnapshotName(in);
        FakeApplication app = find(requiredName(in));
        ObjectNode out = FakeAws.MAPPER.createObjectNode();
        out.set("SnapshotDetails", snapshotDetails(findSnapshot(app, snapshotName)));
        return out;
    }

    private synchronized ObjectNode deleteSnapshot(JsonNode in) {
        String snapshotName = requiredSnapshotName(in);
        JsonNode timestamp = in.get("SnapshotCreationTimestamp");
        if (timestamp == null || !timestamp.isNumber()) {
            throw ApiException.badRequest("InvalidArgumentException", "SnapshotCreationTimestamp is required");
        }
        FakeApplication app = find(requiredName(in));
        FakeSnapshot snapshot = findSnapshot(app, snapshotName);
        long givenMillis = Math.round(timestamp.asDouble() * 1000);
        if (givenMillis != snapshot.createdAt().toEpochMilli()) {
            throw ApiException.badRequest(
                    "InvalidArgumentException",
                    "SnapshotCreationTimestamp ("
                            + epochSeconds(Instant.ofEpochMilli(givenMillis))
                            + ") does not match the creation timestamp of "
                            + "snapshot " + snapshotName);
        }
        if (snapshot.status().equals("CREATING")) {
            throw ApiException.badRequest(
                    "ResourceInUseException",
                    "Snapshot " + snapshotName + " is being created; it can be deleted once READY or FAILED");
        }
        app.removeSnapshot(snapshotName);
        return FakeAws.MAPPER.createObjectNode();
    }

    private static ObjectNode snapshotDetails(FakeSnapshot snapshot) {
        ObjectNode d = FakeAws.MAPPER.createObjectNode();
        d.put("SnapshotName", snapshot.name());
        d.put("SnapshotStatus", snapshot.status());
        d.put("ApplicationVersionId", snapshot.applicationVersionId());
        d.put("SnapshotCreationTimestamp", epochSeconds(snapshot.createdAt()));
        d.put("RuntimeEnvironment", snapshot.runtimeEnvironment());
        return d;
    }

    private static ObjectNode operation() {
        ObjectNode out = FakeAws.MAPPER.createObjectNode();
        out.put("OperationId", UUID.randomUUID().toString().replace("-", "").substring(0, 16));
        return out;
    }

    private static ObjectNode detail(FakeApplication app) {
        ObjectNode d = FakeAws.MAPPER.createObjectNode();
        d.put("ApplicationARN", app.arn());
        d.put("ApplicationName", app.name());
        d.put("RuntimeEnvironment", app.runtimeEnvironment());
        d.put("ServiceExecutionRole", app.serviceExecutionRole());
        d.put("ApplicationStatus", app.status());
        d.put("ApplicationVersionId", app.versionId());
        d.put("CreateTimestamp", epochSeconds(app.created()));
        d.put("LastUpdateTimestamp", epochSeconds(app.lastUpdated()));
        d.put("ApplicationMode", "STREAMING");
        d.put("ConditionalToken", app.conditionalToken());
        ObjectNode cfg = d.putObject("ApplicationConfigurationDescription");
        if (app.runtimeEnvironment().startsWith("SQL")) {
            // A Kinesis Data Analytics SQL application has no Flink configuration, as the service describes it.
            cfg.putObject("SqlApplicationConfigurationDescription");
            return d;
        }
        ObjectNode par = cfg.putObject("FlinkApplicationConfigurationDescription")
                .putObject("ParallelismConfigurationDescription");
        par.put("ConfigurationType", app.configurationType());
        par.put("Parallelism", app.parallelism());
        par.put("ParallelismPerKPU", app.parallelismPerKpu());
        par.put("CurrentParallelism", app.currentParallelism());
        par.put("AutoScalingEnabled", app.autoScalingEnabled());
        cfg.putObject("ApplicationSnapshotConfigurationDescription").put("SnapshotsEnabled", app.snapshotsEnabled());
        return d;
    }

    static double epochSeconds(Instant t) {
        return t.toEpochMilli() / 1000.0;
    }
}
