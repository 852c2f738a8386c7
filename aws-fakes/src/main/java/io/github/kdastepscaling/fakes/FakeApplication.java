package io.github.kdastepscaling.fakes;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A live handle on one fake Flink application, so a test can both arrange state (an application that is
 * {@code AUTOSCALING}, or whose built-in autoscaling already raised {@code CurrentParallelism}) and check what the
 * code under test did to it. The setters model what the service or an operator does outside the API and do not
 * bump {@link #versionId()}; use {@link #bumpVersion()} to model a concurrent update by someone else.
 * All methods are thread-safe and atomic with respect to API calls.
 */
public final class FakeApplication {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Object lock;
    private final String name;
    private final String arn;
    private final Supplier<Instant> clock;
    private Instant created;
    private Instant lastUpdated;
    private String status = "RUNNING";
    private String configurationType = "CUSTOM";
    private int parallelism = 1;
    private int parallelismPerKpu = 1;
    private int currentParallelism = 1;
    private boolean currentParallelismExplicit;
    private boolean autoScalingEnabled = true;
    private boolean snapshotsEnabled = true;
    private String runtimeEnvironment = "FLINK-1_19";
    private String serviceExecutionRole;
    private long versionId = 1;
    private String conditionalToken = newToken();
    private int updateCount;
    private int describesInTransition;
    private boolean rollsBackUpdates;
    private boolean failsToStart;
    private String lastRestoreType;
    private final Map<String, FakeSnapshot> snapshots = new LinkedHashMap<>();

    /** @param clock when things happen: update times and automatic snapshots' creation times */
    FakeApplication(Object lock, String name, String accountId, String region, Supplier<Instant> clock) {
        this.lock = lock;
        this.clock = clock;
        this.created = clock.get();
        this.lastUpdated = created;
        this.name = name;
        this.arn = "arn:aws:kinesisanalytics:" + region + ":" + accountId + ":application/" + name;
        this.serviceExecutionRole =
                "arn:aws:iam::" + accountId + ":role/service-role/kinesis-analytics-" + name + "-" + region;
    }

    private static String newToken() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** @return the application name */
    public String name() {
        return name;
    }

    /** @return {@code arn:aws:kinesisanalytics:REGION:ACCOUNT:application/NAME} */
    public String arn() {
        return arn;
    }

    /** @return the status, e.g. {@code RUNNING}, {@code UPDATING} */
    public String status() {
        synchronized (lock) {
            return status;
        }
    }

    /** Sets the status (any of the service's statuses; no transition logic runs). */
    public FakeApplication status(String status) {
        synchronized (lock) {
            this.status = status;
            this.describesInTransition = 0;
            return this;
        }
    }

    /** @return {@code CUSTOM} or {@code DEFAULT} */
    public String configurationType() {
        synchronized (lock) {
            return configurationType;
        }
    }

    /** Sets the parallelism configuration type (default {@code CUSTOM}). */
    public FakeApplication configurationType(String configurationType) {
        synchronized (lock) {
            this.configurationType = configurationType;
            return this;
        }
    }

    /** @return the configured parallelism */
    public int parallelism() {
        synchronized (lock) {
            return parallelism;
        }
    }

    /** Sets the configured parallelism (default 1); also the current one unless that was set explicitly. */
    public FakeApplication parallelism(int parallelism) {
        synchronized (lock) {
            this.parallelism = parallelism;
            if (!currentParallelismExplicit) {
                this.currentParallelism = parallelism;
            }
            return this;
        }
    }

    /** @return parallelism per KPU */
    public int parallelismPerKpu() {
        synchronized (lock) {
            return parallelismPerKpu;
        }
    }

    /** Sets parallelism per KPU (default 1). */
    public FakeApplication parallelismPerKpu(int parallelismPerKpu) {
        synchronized (lock) {
            this.parallelismPerKpu = parallelismPerKpu;
            return this;
        }
    }

    /** @return the parallelism the job actually runs with */
    public int currentParallelism() {
        synchronized (lock) {
            return currentParallelism;
        }
    }

    /** Sets the running parallelism, e.g. as the built-in autoscaler would (default: the configured one). */
    public FakeApplication currentParallelism(int currentParallelism) {
        synchronized (lock) {
            this.currentParallelism = currentParallelism;
            this.currentParallelismExplicit = true;
            return this;
        }
    }

    /** @return whether the service's own autoscaling is on */
    public boolean autoScalingEnabled() {
        synchronized (lock) {
            return autoScalingEnabled;
        }
    }

    /** Turns the service's own autoscaling on or off (default on). */
    public FakeApplication autoScalingEnabled(boolean autoScalingEnabled) {
        synchronized (lock) {
            this.autoScalingEnabled = autoScalingEnabled;
            return this;
        }
    }

    /** @return whether snapshots are enabled */
    public boolean snapshotsEnabled() {
        synchronized (lock) {
            return snapshotsEnabled;
        }
    }

    /** Turns snapshots on or off (default on). */
    public FakeApplication snapshotsEnabled(boolean snapshotsEnabled) {
        synchronized (lock) {
            this.snapshotsEnabled = snapshotsEnabled;
            return this;
        }
    }

    /** @return the runtime, e.g. {@code FLINK-1_19} */
    public String runtimeEnvironment() {
        synchronized (lock) {
            return runtimeEnvironment;
        }
    }

    /** Sets the runtime (default {@code FLINK-1_19}). */
    public FakeApplication runtimeEnvironment(String runtimeEnvironment) {
        synchronized (lock) {
            this.runtimeEnvironment = runtimeEnvironment;
            return this;
        }
    }

    /** @return the service execution role ARN */
    public String serviceExecutionRole() {
        synchronized (lock) {
            return serviceExecutionRole;
        }
    }

    /** Sets the service execution role ARN (default a role named after the application). */
    public FakeApplication serviceExecutionRole(String serviceExecutionRole) {
        synchronized (lock) {
            this.serviceExecutionRole = serviceExecutionRole;
            return this;
        }
    }

    /** @return the application version id; starts at 1, +1 per successful UpdateApplication */
    public long versionId() {
        synchronized (lock) {
            return versionId;
        }
    }

    /** @return the current conditional token (opaque; changes on every update) */
    public String conditionalToken() {
        synchronized (lock) {
            return conditionalToken;
        }
    }

    /** @return how many UpdateApplication calls succeeded */
    public int updateCount() {
        synchronized (lock) {
            return updateCount;
        }
    }

    /**
     * Makes every later start fail as the service reports a job that cannot start: STARTING goes back to READY.
     *
     * @return this, for chaining
     */
    public FakeApplication failsToStart(boolean fails) {
        synchronized (lock) {
            this.failsToStart = fails;
        }
        return this;
    }

    /** @return the {@code ApplicationRestoreType} of the last StartApplication, null before any */
    public String lastRestoreType() {
        synchronized (lock) {
            return lastRestoreType;
        }
    }

    void started(String restoreType) {
        synchronized (lock) {
            this.lastRestoreType = restoreType;
            setStatusInternal("STARTING");
        }
    }

    /**
     * Makes every update fail to take, as when the job cannot restore its snapshot at the new parallelism: when the
     * transition completes, the service rolls back to the configuration that ran before (a new version) and the
     * application is RUNNING as it was.
     */
    public FakeApplication rollsBackUpdates(boolean rollsBack) {
        synchronized (lock) {
            this.rollsBackUpdates = rollsBack;
            return this;
        }
    }

    /** Models an update made by someone else: version +1 and a new conditional token, nothing else changes. */
    public FakeApplication bumpVersion() {
        synchronized (lock) {
            newVersion();
            return this;
        }
    }

    /** @return the application's snapshots, oldest first */
    public List<FakeSnapshot> snapshots() {
        synchronized (lock) {
            return List.copyOf(snapshots.values());
        }
    }

    /**
     * Adds a snapshot as the service or a person made it earlier (an old automatic snapshot, a team's manual one),
     * without any API call: the version is not bumped and no quota applies.
     *
     * @param createdAt when it was created (kept to the millisecond, as the API reports it)
     * @throws IllegalArgumentException if a snapshot of that name exists
     */
    public FakeApplication addSnapshot(
            String snapshotName, Instant createdAt, long applicationVersionId, String snapshotStatus) {
        synchronized (lock) {
            if (snapshots.containsKey(snapshotName)) {
                throw new IllegalArgumentException("snapshot " + snapshotName + " already exists");
            }
            snapshots.put(
                    snapshotName,
                    new FakeSnapshot(
                            snapshotName,
                            snapshotStatus,
                            applicationVersionId,
                            createdAt.truncatedTo(ChronoUnit.MILLIS),
                            runtimeEnvironment,
                            false));
            return this;
        }
    }

    // ----------------------------------------------------------------------------------- used by FakeFlink (locked)

    void newVersion() {
        versionId++;
        conditionalToken = newToken();
        lastUpdated = clock.get();
    }

    void recordUpdate() {
        updateCount++;
    }

    /**
     * Sets when the application was created, as {@code CreateTimestamp} reports it.
     *
     * @return this, for chaining
     */
    public FakeApplication createdAt(Instant when) {
        synchronized (lock) {
            this.created = when;
        }
        return this;
    }

    Instant created() {
        return created;
    }

    Instant lastUpdated() {
        return lastUpdated;
    }

    void setStatusInternal(String s) {
        status = s;
        describesInTransition = 0;
    }

    void setParallelismInternal(int p) {
        parallelism = p;
    }

    void setCurrentParallelismInternal(int p) {
        currentParallelism = p;
    }

    int countDescribeInTransition() {
        return ++describesInTransition;
    }

    FakeSnapshot snapshot(String snapshotName) {
        return snapshots.get(snapshotName);
    }

    int snapshotCount() {
        return snapshots.size();
    }

    void putSnapshot(FakeSnapshot snapshot) {
        snapshots.put(snapshot.name(), snapshot);
    }

    void removeSnapshot(String snapshotName) {
        snapshots.remove(snapshotName);
    }

    /**
     * The snapshot the service takes when a running application with snapshots enabled is updated (scaled) or
     * stopped. The service documents no naming scheme for these, so the fake gives them an opaque name no code
     * should parse. CREATING until the transition completes, then READY.
     */
    void takeAutomaticSnapshot() {
        if (!snapshotsEnabled) {
            return;
        }
        String snapshotName = "snapshot-" + newToken();
        snapshots.put(
                snapshotName,
                new FakeSnapshot(
                        snapshotName,
                        "CREATING",
                        versionId,
                        clock.get().truncatedTo(ChronoUnit.MILLIS),
                        runtimeEnvironment,
                        true));
    }

    private void finishAutomaticSnapshots() {
        for (FakeSnapshot snapshot : new ArrayList<>(snapshots.values())) {
            if (snapshot.automatic() && snapshot.status().equals("CREATING")) {
                snapshots.put(snapshot.name(), snapshot.withStatus("READY"));
            }
        }
    }

    /** Finishes a transitional status; returns true if something changed. */
    boolean completeTransition() {
        finishAutomaticSnapshots();
        switch (status) {
            case "UPDATING":
                if (rollsBackUpdates) {
                    parallelism = currentParallelism;
                    newVersion();
                    setStatusInternal("RUNNING");
                    return true;
                }
                setStatusInternal("RUNNING");
                setCurrentParallelismInternal(parallelism);
                return true;
            case "STARTING":
                if (failsToStart) {
                    setStatusInternal("READY");
                    return true;
                }
                setStatusInternal("RUNNING");
                setCurrentParallelismInternal(parallelism);
                return true;
            case "AUTOSCALING":
                setStatusInternal("RUNNING");
                setCurrentParallelismInternal(parallelism);
                return true;
            case "STOPPING":
            case "FORCE_STOPPING":
                setStatusInternal("READY");
                return true;
            default:
                return false;
        }
    }

    static boolean isTransitional(String status) {
        switch (status) {
            case "UPDATING":
            case "AUTOSCALING":
            case "STARTING":
            case "STOPPING":
            case "FORCE_STOPPING":
                return true;
            default:
                return false;
        }
    }
}
