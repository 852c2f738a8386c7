package io.github.kdastepscaling;

import io.github.kdastepscaling.policy.Capacity;
import io.github.kdastepscaling.policy.LagGuard;
import io.github.kdastepscaling.policy.ScalingDefaults;
import io.github.kdastepscaling.policy.ScalingPolicy;
import io.github.kdastepscaling.policy.ScheduleExpression;
import io.github.kdastepscaling.policy.ScheduledCapacityAction;
import io.github.kdastepscaling.policy.SignalKind;
import io.github.kdastepscaling.policy.SnapshotRetention;
import io.github.kdastepscaling.policy.rate.RateLearningSettings;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.TimeConversionOptions;
import software.amazon.awscdk.TimeZone;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.RetentionDays;

/**
 * The props with their defaults applied, validated once at construction. Scaling settings are validated by
 * {@link ScalingPolicy}, whose messages name the construct's props; the rest is checked here.
 */
final class ResolvedProps implements SharedSettings {

    static final String DEFAULT_STAGE_NAME = "scaling";
    static final int DEFAULT_SCALER_MEMORY_MB = 512;
    /**
     * Application Auto Scaling runs one scaling activity at a time per scalable target (a PATCH, then GETs), and the
     * schedule adds one reconcile a minute: at most about three calls overlap. Five leaves room for a retry and
     * caps what a misbehaving caller could run.
     */
    static final int DEFAULT_SCALER_RESERVED_CONCURRENCY = 5;

    static final int MAX_SCALER_RESERVED_CONCURRENCY = 100;
    static final Duration DEFAULT_RECONCILE_INTERVAL = Duration.minutes(1);
    static final RetentionDays DEFAULT_LOG_RETENTION = RetentionDays.ONE_MONTH;

    private static final Pattern APPLICATION_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");
    static final Pattern DASHBOARD_NAME = Pattern.compile("[a-zA-Z0-9_-]{1,255}");
    private static final int MAX_RECONCILE_MINUTES = 24 * 60;
    private static final Pattern STAGE_NAME = Pattern.compile("[a-zA-Z0-9_]{1,128}");

    final ScalingPolicy policy;
    /** What the load alarms measure. */
    final ScalingSignal signal;
    /** The lag guard's metric, or null when the guard is off. */
    final LagMetric lagMetric;
    /** The per-KPU rate learning, or null when it is off. */
    final RateLearningSettings rateLearning;
    /** What the user gave for the learning (null for the defaults): the scaler gets the settings they set. */
    final RateLearningProps rateLearningProps;
    /** Where the learning reads consumption; null when it is off. */
    final RateLearningSource rateLearningSource;
    /** Why learning is off although nobody turned it off (a synthesis warning), or null. */
    final String rateLearningOffReason;

    final int initialCapacity;
    final int parallelismPerKpu;
    final boolean snapshotsEnabled;
    /** Whether the stream was given with {@code existingStream}: the default lag metric is then the application's. */
    final boolean importedStream;

    final FlinkRuntime runtime;
    final boolean allowScalingWithoutSnapshots;
    /** The snapshot retention, or null when it is off. */
    final SnapshotRetention snapshotRetention;

    final Duration reconcileInterval;
    final RetentionDays logRetention;
    final int scalerMemorySize;
    final String stageName;
    final EndpointAccess endpointAccess;
    final IKey logEncryptionKey;
    final boolean tracing;
    final IVpc scalerVpc;
    final SubnetSelection scalerVpcSubnets;
    final List<ISecurityGroup> scalerSecurityGroups;
    /** Executions reserved for the scaler, or null for none. */
    final Integer scalerReservedConcurrency;

    ResolvedProps(KdaStepScalingProps props) {
        requireOneOf(
                props.getExistingStream() != null,
                props.getStreamProps() != null,
                "existingStream",
                "streamProps",
                false);
        requireOneOf(
                props.getExistingApplicationName() != null,
                props.getApplicationProps() != null,
                "existingApplicationName",
                "applicationProps",
                true);
        String existingName = props.getExistingApplicationName();
        requireTheStreamOfAnExistingApplication(props);
        if (existingName != null
                && !Token.isUnresolved(existingName)
                && !APPLICATION_NAME.matcher(existingName).matches()) {
            throw new IllegalArgumentException(
                    "existingApplicationName (" + existingName + ") must be 1 to 128 letters, digits, '_', '.' or '-'");
        }

        refuseIgnoredProps(props);

        int minCapacity = number("minCapacity", props.getMinCapacity(), ScalingDefaults.MIN_CAPACITY);
        int maxCapacity = number("maxCapacity", props.getMaxCapacity(), ScalingDefaults.MAX_CAPACITY);
        ScalingPolicy.Builder policyBuilder = ScalingPolicy.builder()
                .minCapacity(minCapacity)
                .maxCapacity(maxCapacity)
                .kpuQuota(number("kpuQuota", props.getKpuQuota(), ScalingDefaults.KPU_QUOTA))
                .scheduledActions(scheduledActions(props.getScheduledCapacity()))
                .scaleOutRecordsPerSecondPerKpu(rate(
                        "scaleOutRecordsPerSecondPerKpu",
                        props.getScaleOutRecordsPerSecondPerKpu(),
                        ScalingDefaults.SCALE_OUT_RECORDS_PER_SECOND_PER_KPU))
                .scaleInRecordsPerSecondPerKpu(rate(
                        "scaleInRecordsPerSecondPerKpu",
                        props.getScaleInRecordsPerSecondPerKpu(),
                        ScalingDefaults.SCALE_IN_RECORDS_PER_SECOND_PER_KPU))
                .lagGuard(lagGuard(props.getLagGuard()))
                .scaleOutSteps(
                        props.getScaleOutSteps() != null ? props.getScaleOutSteps() : ScalingDefaults.SCALE_OUT_STEPS)
                .scaleInSteps(
                        props.getScaleInSteps() != null ? props.getScaleInSteps() : ScalingDefaults.SCALE_IN_STEPS)
                .expectedRestartSeconds(seconds(
                        "expectedRestartDuration",
                        props.getExpectedRestartDuration(),
                        ScalingDefaults.EXPECTED_RESTART_SECONDS))
                .scaleOutCooldownSeconds(seconds(
                        "scaleOutCooldown", props.getScaleOutCooldown(), ScalingDefaults.SCALE_OUT_COOLDOWN_SECONDS))
                .scaleInCooldownSeconds(seconds(
                        "scaleInCooldown", props.getScaleInCooldown(), ScalingDefaults.SCALE_IN_COOLDOWN_SECONDS))
                .scaleOutEvaluation(
                        number(
                                "scaleOutEvaluationPeriods",
                                props.getScaleOutEvaluationPeriods(),
                                ScalingDefaults.SCALE_OUT_EVALUATION.evaluationPeriods()),
                        number(
                                "scaleOutDatapointsToAlarm",
                                props.getScaleOutDatapointsToAlarm(),
                                ScalingDefaults.SCALE_OUT_EVALUATION.datapointsToAlarm()))
                .scaleInEvaluation(
                        number(
                                "scaleInEvaluationPeriods",
                                props.getScaleInEvaluationPeriods(),
                                ScalingDefaults.SCALE_IN_EVALUATION.evaluationPeriods()),
                        number(
                                "scaleInDatapointsToAlarm",
                                props.getScaleInDatapointsToAlarm(),
                                ScalingDefaults.SCALE_IN_EVALUATION.datapointsToAlarm()));
        signal(policyBuilder, props);
        this.policy = policyBuilder.build();

        this.signal = props.getScalingSignal() != null ? props.getScalingSignal() : ScalingSignal.incomingRecords();
        LagGuardProps lag = props.getLagGuard();
        this.importedStream = props.getExistingStream() != null;
        this.lagMetric = !policy.lagGuard().enabled()
                ? null
                : lag != null && lag.getLagMetric() != null ? lag.getLagMetric() : LagMetric.defaultFor(importedStream);

        this.rateLearningProps = props.getRateLearning();
        ResolvedRateLearning learning = ResolvedRateLearning.of(policy, rateLearningProps);
        this.rateLearning = learning.settings();
        this.rateLearningSource = learning.source();
        this.rateLearningOffReason = learning.offReason();

        this.initialCapacity = number("initialCapacity", props.getInitialCapacity(), minCapacity);
        if (initialCapacity < minCapacity || initialCapacity > maxCapacity) {
            throw new IllegalArgumentException("initialCapacity (" + initialCapacity + ") must be between minCapacity ("
                    + minCapacity + ") and maxCapacity (" + maxCapacity + ")");
        }

        FlinkApplicationProps app = props.getApplicationProps();
        this.parallelismPerKpu = app == null ? 1 : number("parallelismPerKpu", app.getParallelismPerKpu(), 1);
        if (parallelismPerKpu < 1 || parallelismPerKpu > Capacity.MAX_PARALLELISM_PER_KPU) {
            throw new IllegalArgumentException("parallelismPerKpu (" + parallelismPerKpu + ") must be between 1 and "
                    + Capacity.MAX_PARALLELISM_PER_KPU);
        }
        this.snapshotsEnabled = app == null || app.getSnapshotsEnabled() == null || app.getSnapshotsEnabled();
        this.runtime = app == null ? null : app.getRuntime();
        if (app != null) {
            requireApplication(app);
        }
        if (app != null && app.getPropertyGroups().containsKey(FlinkApplicationFactory.PROPERTY_GROUP_ID)) {
            throw new IllegalArgumentException("applicationProps.propertyGroups must not contain the group '"
                    + FlinkApplicationFactory.PROPERTY_GROUP_ID + "': the construct sets it");
        }
        String appName = app == null ? null : app.getApplicationName();
        if (appName != null
                && !Token.isUnresolved(appName)
                && !APPLICATION_NAME.matcher(appName).matches()) {
            throw new IllegalArgumentException("applicationProps.applicationName (" + appName
                    + ") must be 1 to 128 letters, digits, '_', '.' or '-'");
        }

        this.allowScalingWithoutSnapshots = Boolean.TRUE.equals(props.getAllowScalingWithoutSnapshots());
        if (!snapshotsEnabled && !allowScalingWithoutSnapshots) {
            throw new IllegalArgumentException("applicationProps.snapshotsEnabled (false) needs "
                    + "allowScalingWithoutSnapshots (true): every rescale would lose the job's state");
        }
        this.snapshotRetention = snapshotRetention(props.getSnapshotRetention());
        this.reconcileInterval =
                props.getReconcileInterval() != null ? props.getReconcileInterval() : DEFAULT_RECONCILE_INTERVAL;
        requireReconcileInterval(reconcileInterval);
        this.logRetention = props.getLogRetention() != null ? props.getLogRetention() : DEFAULT_LOG_RETENTION;
        this.scalerMemorySize = number("scalerMemorySize", props.getScalerMemorySize(), DEFAULT_SCALER_MEMORY_MB);
        if (scalerMemorySize < 128 || scalerMemorySize > 10240) {
            throw new IllegalArgumentException(
                    "scalerMemorySize (" + scalerMemorySize + ") must be between 128 and 10240 MB");
        }
        String dashboardName = props.getDashboardName();
        if (dashboardName != null
                && !Token.isUnresolved(dashboardName)
                && !DASHBOARD_NAME.matcher(dashboardName).matches()) {
            throw new IllegalArgumentException(
                    "dashboardName (" + dashboardName + ") must be 1 to 255 letters, " + "digits, '-' or '_'");
        }
        this.logEncryptionKey = props.getLogEncryptionKey();
        this.tracing = Boolean.TRUE.equals(props.getTracing());
        this.scalerVpc = props.getScalerVpc();
        if (scalerVpc == null && (props.getScalerVpcSubnets() != null || props.getScalerSecurityGroups() != null)) {
            throw new IllegalArgumentException(
                    (props.getScalerVpcSubnets() != null ? "scalerVpcSubnets" : "scalerSecurityGroups")
                            + " needs scalerVpc");
        }
        this.scalerVpcSubnets = props.getScalerVpcSubnets();
        this.scalerSecurityGroups = props.getScalerSecurityGroups();
        this.scalerReservedConcurrency = reservedConcurrency(props.getScalerConcurrency());
        this.endpointAccess =
                props.getEndpointAccess() != null ? props.getEndpointAccess() : EndpointAccess.iamAuthorization();
        this.stageName = props.getStageName() != null ? props.getStageName() : DEFAULT_STAGE_NAME;
        if (!Token.isUnresolved(stageName) && !STAGE_NAME.matcher(stageName).matches()) {
            throw new IllegalArgumentException("stageName (" + stageName + ") must be 1 to 128 letters, digits or '_'");
        }
    }

    @Override
    public RetentionDays logRetention() {
        return logRetention;
    }

    @Override
    public IKey logEncryptionKey() {
        return logEncryptionKey;
    }

    @Override
    public String stageName() {
        return stageName;
    }

    @Override
    public EndpointAccess endpointAccess() {
        return endpointAccess;
    }

    @Override
    public boolean tracing() {
        return tracing;
    }

    /**
     * An existing application reads a stream the construct cannot see: without {@code existingStream} it would create
     * a new one the application never reads, the load alarms would watch that empty stream, and the scale-in alarm
     * would take the production job down to {@code minCapacity}.
     */
    private static void requireTheStreamOfAnExistingApplication(KdaStepScalingProps props) {
        String existingName = props.getExistingApplicationName();
        if (existingName == null || props.getExistingStream() != null) {
            return;
        }
        throw new IllegalArgumentException("existingApplicationName (" + existingName + ") needs existingStream: "
                + "the stream that application reads. Without it the construct "
                + (props.getStreamProps() != null ? "creates a new stream from streamProps" : "creates a new stream")
                + " the application never reads, its alarms see no load, and the scale-in alarm scales the job down"
                + " to minCapacity; give existingStream(Stream.fromStreamArn(...)) instead");
    }

    /**
     * A prop that only matters with another one is refused without it rather than ignored: the user meant something
     * by it.
     */
    private static void refuseIgnoredProps(KdaStepScalingProps props) {
        if (Boolean.FALSE.equals(props.getDashboard()) && props.getDashboardName() != null) {
            throw new IllegalArgumentException("dashboardName (" + props.getDashboardName() + ") needs a dashboard:"
                    + " dashboard is false, so no dashboard would carry that name; remove one of the two");
        }
        ResolvedRateLearning.refuseIgnoredSettings(props.getRateLearning());
        LagGuardProps lag = props.getLagGuard();
        if (lag == null || !Boolean.FALSE.equals(lag.getEnabled())) {
            return;
        }
        String ignored = lag.getLagMetric() != null
                ? "lagMetric"
                : lag.getMaxLag() != null
                        ? "maxLag"
                        : lag.getEvaluationPeriods() != null
                                ? "evaluationPeriods"
                                : lag.getDatapointsToAlarm() != null
                                        ? "datapointsToAlarm"
                                        : lag.getSteps() != null
                                                ? "steps"
                                                : lag.getCooldown() != null ? "cooldown" : null;
        if (ignored != null) {
            throw new IllegalArgumentException("lagGuard." + ignored + " is set but lagGuard.enabled is false: the "
                    + "guard is off, so it would be ignored; remove " + ignored + " or turn the guard on");
        }
    }

    /** The scheduled actions in the shared model, with the CDK types read and the schedule parsed. */
    private static List<ScheduledCapacityAction> scheduledActions(List<ScheduledCapacity> given) {
        List<ScheduledCapacityAction> actions = new ArrayList<>();
        for (ScheduledCapacity scheduled : given == null ? List.<ScheduledCapacity>of() : given) {
            if (scheduled == null) {
                throw new IllegalArgumentException("scheduledCapacity must not contain null");
            }
            String name = scheduled.getName();
            String label = "scheduled capacity " + (name == null ? "(without a name)" : "'" + name + "'");
            if (name != null && Token.isUnresolved(name)) {
                throw new IllegalArgumentException(label + ": the name must be known at synthesis, not a token");
            }
            ScheduleExpression schedule = null;
            if (scheduled.getSchedule() != null) {
                String expression = scheduled.getSchedule().getExpressionString();
                if (Token.isUnresolved(expression)) {
                    throw new IllegalArgumentException(
                            label + ": the schedule must be known at synthesis, not a " + "token");
                }
                try {
                    schedule = ScheduleExpression.parse(expression);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(label + ": " + e.getMessage());
                }
            }
            actions.add(new ScheduledCapacityAction(
                    name,
                    schedule,
                    zone(label, scheduled.getTimeZone()),
                    scheduled.getStartTime(),
                    scheduled.getEndTime(),
                    wholeKpus(label, "minCapacity", scheduled.getMinCapacity()),
                    wholeKpus(label, "maxCapacity", scheduled.getMaxCapacity())));
        }
        // ScalingPolicy checks them against the KPU quota and each other, as the simulator's policy files are.
        return actions;
    }

    private static ZoneId zone(String label, TimeZone timeZone) {
        if (timeZone == null) {
            return null;
        }
        String name = timeZone.getTimezoneName();
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(label + ": timeZone (" + name + ") is not an IANA time zone name");
        }
    }

    private static Integer wholeKpus(String label, String name, Number value) {
        if (value == null) {
            return null;
        }
        if (Token.isUnresolved(value)) {
            throw new IllegalArgumentException(
                    label + ": " + name + " must be a number known at synthesis, not a " + "token");
        }
        return whole(value, label + ": " + name + " (" + value + ") must be a whole number of KPUs");
    }

    private static void requireApplication(FlinkApplicationProps app) {
        if (app.getFirstStartRestore() != null && !Boolean.TRUE.equals(app.getStartApplication())) {
            throw new IllegalArgumentException("applicationProps.firstStartRestore (" + app.getFirstStartRestore()
                    + ") needs applicationProps.startApplication (true)");
        }
        if (app.getCode() == null) {
            throw new IllegalArgumentException("applicationProps.code is required: ApplicationCode.fromBucket(...) or "
                    + "ApplicationCode.fromAsset(...)");
        }
        if (app.getRuntime() == null) {
            throw new IllegalArgumentException("applicationProps.runtime is required: the Flink version the job is "
                    + "built for, e.g. FlinkRuntime.FLINK_1_20 (a default could differ from the job's)");
        }
        if (app.getVpc() == null && (app.getVpcSubnets() != null || app.getSecurityGroups() != null)) {
            throw new IllegalArgumentException(
                    "applicationProps.vpcSubnets and securityGroups need " + "applicationProps.vpc");
        }
        app.getPropertyGroups().forEach((id, map) -> {
            if (id == null || map.containsKey(null) || map.containsValue(null)) {
                throw new IllegalArgumentException("applicationProps.propertyGroups (" + id + ": " + map
                        + ") must have no null group id, key or value");
            }
        });
        if (app.getSecurityGroups() != null && app.getSecurityGroups().contains(null)) {
            throw new IllegalArgumentException(
                    "applicationProps.securityGroups (" + app.getSecurityGroups() + ") must not contain null");
        }
        if (app.getSecurityGroups() != null && app.getSecurityGroups().isEmpty()) {
            throw new IllegalArgumentException("applicationProps.securityGroups ([]) must name at least one security "
                    + "group, or be left out for a new one");
        }
        if (app.getCheckpointInterval() != null
                && seconds("applicationProps.checkpointInterval", app.getCheckpointInterval(), 0) < 1) {
            throw new IllegalArgumentException("applicationProps.checkpointInterval ("
                    + app.getCheckpointInterval().toHumanString() + ") must be at least 1 second");
        }
        seconds("applicationProps.minPauseBetweenCheckpoints", app.getMinPauseBetweenCheckpoints(), 0);
    }

    private static void requireOneOf(
            boolean first, boolean second, String firstName, String secondName, boolean required) {
        if (first && second) {
            throw new IllegalArgumentException("give either " + firstName + " or " + secondName + ", not both");
        }
        if (required && !first && !second) {
            throw new IllegalArgumentException("give either " + firstName + " or " + secondName);
        }
    }

    /** Applies a signal other than incoming records, whose per-KPU values then come from the signal alone. */
    private static void signal(ScalingPolicy.Builder builder, KdaStepScalingProps props) {
        ScalingSignal signal = props.getScalingSignal();
        if (signal == null || signal.getKind() == SignalKind.INCOMING_RECORDS) {
            return;
        }
        // the one signal rule, shared with the simulator's policy file
        SignalKind kind = signal.getKind();
        kind.refuseRecordsRate("scaleOutRecordsPerSecondPerKpu", props.getScaleOutRecordsPerSecondPerKpu());
        kind.refuseRecordsRate("scaleInRecordsPerSecondPerKpu", props.getScaleInRecordsPerSecondPerKpu());
        builder.signal(
                signal.getKind(),
                rate("scalingSignal." + signal.getKind().scaleOutSetting(), signal.getScaleOut(), Double.NaN),
                rate("scalingSignal." + signal.getKind().scaleInSetting(), signal.getScaleIn(), Double.NaN));
        if (signal.getStepWidth() != null) {
            builder.utilizationStepWidth(rate("scalingSignal.stepWidth", signal.getStepWidth(), Double.NaN));
        }
    }

    private static Integer reservedConcurrency(ScalerConcurrency concurrency) {
        if (concurrency == null) {
            return DEFAULT_SCALER_RESERVED_CONCURRENCY;
        }
        if (concurrency.getReservedExecutions() == null) {
            return null;
        }
        int executions = number("scalerConcurrency", concurrency.getReservedExecutions(), 0);
        if (executions < 1 || executions > MAX_SCALER_RESERVED_CONCURRENCY) {
            throw new IllegalArgumentException("scalerConcurrency (" + executions + ") must reserve between 1 and "
                    + MAX_SCALER_RESERVED_CONCURRENCY + " executions: 0 would stop the scaler, and it never needs "
                    + "more than a few at once; use ScalerConcurrency.unreserved() for no reservation");
        }
        return executions;
    }

    /**
     * The retention, validated by the scaler's own {@link io.github.kdastepscaling.policy.SnapshotRetention#builder()}
     * (its messages name {@code snapshotRetention.keepCount} and {@code snapshotRetention.maxAge}); null when off.
     */
    private static SnapshotRetention snapshotRetention(SnapshotRetentionProps props) {
        if (props == null) {
            return SnapshotRetention.defaults();
        }
        if (Boolean.FALSE.equals(props.getEnabled())) {
            if (props.getKeepCount() != null || props.getMaxAge() != null) {
                throw new IllegalArgumentException("snapshotRetention.keepCount or snapshotRetention.maxAge is set "
                        + "but snapshotRetention.enabled is false: they have no effect");
            }
            return null;
        }
        SnapshotRetention.Builder retention = SnapshotRetention.builder();
        if (props.getKeepCount() != null) {
            retention.keepCount(
                    number("snapshotRetention.keepCount", props.getKeepCount(), SnapshotRetention.DEFAULT_KEEP_COUNT));
        }
        if (props.getMaxAge() != null) {
            // java.time.Duration qualified: Duration in this file is aws-cdk-lib's.
            retention.maxAge(java.time.Duration.ofSeconds(seconds("snapshotRetention.maxAge", props.getMaxAge(), 0)));
        }
        return retention.build();
    }

    private static LagGuard lagGuard(LagGuardProps props) {
        if (props == null) {
            return LagGuard.defaults();
        }
        if (Boolean.FALSE.equals(props.getEnabled())) {
            return LagGuard.disabled();
        }
        return LagGuard.builder()
                .maxLagSeconds(seconds("lagGuard.maxLag", props.getMaxLag(), ScalingDefaults.LAG_GUARD_MAX_LAG_SECONDS))
                .evaluationPeriods(number(
                        "lagGuard.evaluationPeriods",
                        props.getEvaluationPeriods(),
                        ScalingDefaults.LAG_GUARD_EVALUATION.evaluationPeriods()))
                .datapointsToAlarm(number(
                        "lagGuard.datapointsToAlarm",
                        props.getDatapointsToAlarm(),
                        ScalingDefaults.LAG_GUARD_EVALUATION.datapointsToAlarm()))
                .steps(props.getSteps() != null ? props.getSteps() : ScalingDefaults.LAG_GUARD_STEPS)
                .cooldownSeconds(
                        seconds("lagGuard.cooldown", props.getCooldown(), ScalingDefaults.LAG_GUARD_COOLDOWN_SECONDS))
                .build();
    }

    static int number(String name, Number value, int defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        requireConcrete(name, value);
        return whole(value, name + " (" + value + ") must be a whole number");
    }

    /** {@code value} as an int, or an IllegalArgumentException with {@code message} when it is not a whole one. */
    private static int whole(Number value, String message) {
        double number = value.doubleValue();
        if (number != Math.rint(number) || Double.isInfinite(number) || Math.abs(number) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(message);
        }
        return (int) number;
    }

    /** A number the thresholds, step bounds or validation compute with: it must be known at synthesis. */
    static double rate(String name, Number value, double defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        requireConcrete(name, value);
        return value.doubleValue();
    }

    private static void requireConcrete(String name, Number value) {
        if (Token.isUnresolved(value)) {
            throw new IllegalArgumentException(name + " must be a number known at synthesis, not a token: "
                    + "alarm thresholds and step bounds are computed from it");
        }
    }

    static int seconds(String name, Duration value, int defaultSeconds) {
        if (value == null) {
            return defaultSeconds;
        }
        if (value.isUnresolved()) {
            throw new IllegalArgumentException(name + " must be a duration known at synthesis, not a token");
        }
        double millis = value.toMilliseconds(
                        TimeConversionOptions.builder().integral(false).build())
                .doubleValue();
        if (millis < 0) {
            throw new IllegalArgumentException(name + " (" + value.toHumanString() + ") must not be negative");
        }
        if (millis % 1000 != 0) {
            throw new IllegalArgumentException(
                    name + " (" + value.toHumanString() + ") must be a whole number of seconds");
        }
        return (int) (millis / 1000);
    }

    static void requireReconcileInterval(Duration interval) {
        if (interval.isUnresolved()) {
            return;
        }
        double minutes = interval.toMinutes(
                        TimeConversionOptions.builder().integral(false).build())
                .doubleValue();
        if (minutes < 1 || minutes != Math.rint(minutes)) {
            throw new IllegalArgumentException("reconcileInterval (" + interval.toHumanString()
                    + ") must be a whole number of minutes, at least 1");
        }
        if (minutes > MAX_RECONCILE_MINUTES) {
            throw new IllegalArgumentException("reconcileInterval (" + interval.toHumanString() + ") must be at most "
                    + "1 day: the health alarm watches " + ObservabilityFactory.SILENT_INTERVALS + " intervals, and "
                    + "a scaler that converges once a day repairs nothing in time");
        }
    }
}
