package io.github.kdastepscaling;

import io.github.kdastepscaling.contract.ScalerEnvironment;
import io.github.kdastepscaling.contract.ScalerMetrics;
import io.github.kdastepscaling.policy.AlarmShape;
import io.github.kdastepscaling.policy.ScalingDirection;
import io.github.kdastepscaling.policy.ScalingPolicy;
import io.github.kdastepscaling.policy.ScalingStep;
import io.github.kdastepscaling.policy.ScheduleExpression;
import io.github.kdastepscaling.policy.ScheduledCapacityAction;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Token;
import software.amazon.awscdk.UniqueResourceNameOptions;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.applicationautoscaling.CfnScalableTarget;
import software.amazon.awscdk.services.applicationautoscaling.StepScalingAction;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.CompositeAlarm;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.MathExpressionOptions;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.kinesis.IStream;
import software.amazon.awscdk.services.kinesis.Stream;
import software.amazon.awscdk.services.kinesis.StreamEncryption;
import software.amazon.awscdk.services.kinesis.StreamProps;
import software.amazon.awscdk.services.kinesisanalyticsv2.CfnApplication;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.QueryDefinition;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

/**
 * Scales a Managed Service for Apache Flink application's KPUs with the load on its source Kinesis stream.
 *
 * <p>Two CloudWatch alarms watch the stream's incoming records per second; each executes an Application Auto
 * Scaling step-scaling policy on a {@code custom-resource} scalable target. Application Auto Scaling calls a REST API
 * (IAM-authorized; see {@link EndpointAccess}), whose Lambda rescales the application (new parallelism)
 * and re-sets both alarm thresholds for the new capacity. A scheduled rule lets the Lambda finish or repair a
 * rescale on its own.
 *
 * <pre>{@code
 * KdaStepScaling scaling = new KdaStepScaling(this, "Scaling", KdaStepScalingProps.builder()
 *         .streamProps(StreamProps.builder().shardCount(2).build())
 *         .applicationProps(FlinkApplicationProps.builder()
 *                 .code(ApplicationCode.fromAsset("flink-job/target/flink-job.jar"))
 *                 .build())
 *         .maxCapacity(8)
 *         .build());
 * }</pre>
 */
public class KdaStepScaling extends Construct {

    /** Flink's default max parallelism for a job started at a parallelism up to 128. */
    static final int DEFAULT_FLINK_MAX_PARALLELISM = 128;

    private final ScalingPolicy scalingPolicy;
    private final IStream stream;
    private final CfnApplication application;
    private final String applicationName;
    private final IRole applicationRole;
    private final ILogGroup applicationLogGroup;
    private final Function scalerFunction;
    private final Alias scalerAlias;
    private final IRole scalerRole;
    private final ILogGroup scalerLogGroup;
    private final Rule reconcileRule;
    private final RestApi api;
    private final ILogGroup apiAccessLogGroup;
    private final StringParameter desiredCapacityParameter;
    private final StringParameter rescaleAttemptParameter;
    private final CfnScalableTarget scalableTarget;
    private final StepScalingAction scaleOutPolicy;
    private final StepScalingAction scaleInPolicy;
    private final Alarm scaleOutAlarm;
    private final Alarm scaleInAlarm;
    private final IMetric signalMetric;
    private final Queue scalerDeadLetterQueue;
    private final IMetric lagMetric;
    private final StepScalingAction lagPolicy;
    private final Alarm lagAlarm;
    private final CompositeAlarm scalerHealthAlarm;
    private final QueryDefinition decisionsQuery;
    private final Dashboard dashboard;

    /**
     * @throws IllegalArgumentException when a prop, or a combination of props, is invalid; the message names the
     *     prop and its value
     */
    public KdaStepScaling(Construct scope, String id, KdaStepScalingProps props) {
        super(scope, id);
        if (props == null) {
            throw new IllegalArgumentException("props must not be null: give KdaStepScalingProps with at least "
                    + "applicationProps or existingApplicationName");
        }
        Settings settings = new Settings(props);
        this.scalingPolicy = settings.policy;

        this.stream = props.getExistingStream() != null ? requireSameEnvironment(props.getExistingStream())
                : new Stream(this, "Stream", encrypted(props.getStreamProps()));

        this.desiredCapacityParameter = StringParameter.Builder.create(this, "DesiredCapacity")
                .description("Last desired capacity (KPUs) Application Auto Scaling asked kda-step-scaling for; '"
                        + ScalerEnvironment.NO_DESIRED_CAPACITY + "' until the first request. Written by the scaler"
                        + " Lambda only.")
                .stringValue(ScalerEnvironment.NO_DESIRED_CAPACITY)
                .build();
        this.rescaleAttemptParameter = StringParameter.Builder.create(this, "LastRescale")
                .description("The last rescale the kda-step-scaling scaler submitted, so that one the service keeps "
                        + "rolling back is not retried forever; put '" + ScalerEnvironment.NO_DESIRED_CAPACITY
                        + "' in it to let the scaler try again. Written by the scaler Lambda only.")
                .stringValue(ScalerEnvironment.NO_DESIRED_CAPACITY)
                .build();

        if (props.getApplicationProps() != null) {
            FlinkApplicationProps applicationProps = props.getApplicationProps();
            Construct namespace = new Construct(this, "Application");
            // The application's configuration is known only once it is built; the hash reads it at synthesis.
            AtomicReference<CfnApplication> built = new AtomicReference<>();
            Number parallelism = DeployTimeResourcesBuilder.parallelism(new Construct(this, "DeployTimeCapacity"),
                    settings, desiredCapacityParameter, () -> configurationOf(built.get()));
            FlinkApplicationBuilder.Result app = FlinkApplicationBuilder.build(namespace, applicationProps,
                    settings, stream, parallelism);
            built.set(app.application());
            if (Boolean.TRUE.equals(applicationProps.getStartApplication())) {
                DeployTimeResourcesBuilder.startOnCreate(new Construct(this, "StartOnCreate"), settings,
                        app.application(), ScalerFunctionBuilder.applicationArn(Stack.of(this),
                                app.application().getRef()),
                        applicationProps.getFirstStartRestore() != null ? applicationProps.getFirstStartRestore()
                                : FirstStartRestore.SKIP_RESTORE_FROM_SNAPSHOT)
                        .getNode().addDependency(namespace);
            }
            this.application = app.application();
            this.applicationName = app.application().getRef();
            this.applicationRole = app.role();
            this.applicationLogGroup = app.logGroup();
            if (app.permissions() != null) {
                NagSuppressionMetadata.applicationPermissions(app.permissions(), app.inVpc());
            }
            warnAboveDefaultMaxParallelism(settings);
        } else {
            this.application = null;
            this.applicationName = props.getExistingApplicationName();
            this.applicationRole = null;
            this.applicationLogGroup = null;
        }

        if (settings.logEncryptionKey != null) {
            ConstructLogGroups.allowLogsService(this, settings.logEncryptionKey);
        }
        warnAboutScheduledActions(settings);

        Construct scaleOut = new Construct(this, "ScaleOut");
        Construct scaleIn = new Construct(this, "ScaleIn");
        String scaleOutAlarmName = physicalName(scaleOut);
        String scaleInAlarmName = physicalName(scaleIn);

        ScalerFunctionBuilder.Result scaler = ScalerFunctionBuilder.build(new Construct(this, "Scaler"), settings,
                new ScalerFunctionBuilder.Inputs(applicationName, desiredCapacityParameter, rescaleAttemptParameter,
                        scaleOutAlarmName,
                        scaleInAlarmName));
        this.scalerFunction = scaler.function();
        this.scalerAlias = scaler.alias();
        this.scalerRole = scaler.role();
        this.scalerLogGroup = scaler.logGroup();
        this.reconcileRule = scaler.reconcileRule();
        this.scalerDeadLetterQueue = scaler.deadLetterQueue();
        NagSuppressionMetadata.scalerFunction(scalerFunction, settings);
        NagSuppressionMetadata.scalerRole(scaler.role(), settings);

        ScalingEndpointBuilder.Result endpoint = ScalingEndpointBuilder.build(new Construct(this, "Endpoint"),
                settings, scalerAlias);
        this.api = endpoint.api();
        this.apiAccessLogGroup = endpoint.accessLogs();
        scalerFunction.addEnvironment(ScalerEnvironment.SCALABLE_TARGET_RESOURCE_ID,
                StepScalingBuilder.resourceId(api.getRestApiId(), settings.stageName, applicationName));
        NagSuppressionMetadata.endpoint(api, settings);

        this.scalableTarget = StepScalingBuilder.target(this, settings, api, applicationName);
        scalableTarget.getNode().addDependency(api, scalerAlias);
        if (application != null) {
            scalableTarget.getNode().addDependency(application);
        }

        this.signalMetric = signalMetric(settings.signal);
        this.lagMetric = settings.lagMetric == null ? null : settings.lagMetric.bind(stream, applicationName);
        StepScalingBuilder.Direction out = StepScalingBuilder.direction(scaleOut, settings,
                ScalingDirection.SCALE_OUT, scalableTarget, signalMetric, scaleOutAlarmName);
        StepScalingBuilder.Direction in = StepScalingBuilder.direction(scaleIn, settings,
                ScalingDirection.SCALE_IN, scalableTarget,
                lagMetric == null ? signalMetric : StepScalingBuilder.scaleInUnlessBehind(settings, signalMetric,
                        lagMetric), scaleInAlarmName);
        this.scaleOutPolicy = out.policy();
        this.scaleOutAlarm = out.alarm();
        this.scaleInPolicy = in.policy();
        this.scaleInAlarm = in.alarm();
        if (lagMetric != null) {
            Construct lagGuard = new Construct(this, "LagGuard");
            StepScalingBuilder.Direction lag = StepScalingBuilder.lagGuard(lagGuard, settings, scalableTarget,
                    lagMetric, physicalName(lagGuard));
            this.lagPolicy = lag.policy();
            this.lagAlarm = lag.alarm();
        } else {
            this.lagPolicy = null;
            this.lagAlarm = null;
        }

        this.scalerHealthAlarm = ObservabilityBuilder.healthAlarm(new Construct(this, "ScalerHealth"), this,
                settings.reconcileInterval);
        String queryName = "kda-step-scaling/" + physicalName(this) + "/decisions";
        this.decisionsQuery = ObservabilityBuilder.queryDefinition(this, scalerLogGroup, queryName);
        this.dashboard = props.getDashboard() == null || props.getDashboard()
                ? ObservabilityBuilder.dashboard(new Construct(this, "Dashboard"), this, settings,
                        props.getDashboardName(), queryName)
                : null;
        // Last, so every role and policy is there, including those aws-cdk-lib adds for grants.
        NagSuppressionMetadata.inlinePolicies(this);
    }

    /**
     * One of the scaler's metrics (namespace {@value ScalerMetrics#NAMESPACE}, dimension
     * {@value ScalerMetrics#APPLICATION_DIMENSION}), published on its decision log line in embedded metric format.
     */
    private Metric scalerMetric(String name, String defaultStatistic, String defaultLabel, MetricOptions options) {
        MetricOptions given = options != null ? options : MetricOptions.builder().build();
        return Metric.Builder.create()
                .namespace(ScalerMetrics.NAMESPACE)
                .metricName(name)
                .dimensionsMap(Map.of(ScalerMetrics.APPLICATION_DIMENSION, applicationName))
                .statistic(given.getStatistic() != null ? given.getStatistic() : defaultStatistic)
                .period(given.getPeriod() != null ? given.getPeriod() : ObservabilityBuilder.period())
                .label(given.getLabel() != null ? given.getLabel() : defaultLabel)
                .color(given.getColor())
                .unit(given.getUnit())
                .account(given.getAccount())
                .region(given.getRegion())
                .build();
    }

    /** The capacity Application Auto Scaling last asked for, in KPUs (Maximum per minute by default). */
    public Metric metricDesiredCapacity(MetricOptions options) {
        return scalerMetric(ScalerMetrics.DESIRED_CAPACITY, "Maximum", "Desired capacity (KPUs)", options);
    }

    /** The capacity the application runs at, as the scaler saw it, in KPUs (Maximum per minute by default). */
    public Metric metricActualCapacity(MetricOptions options) {
        return scalerMetric(ScalerMetrics.ACTUAL_CAPACITY, "Maximum", "Actual capacity (KPUs)", options);
    }

    /**
     * The minimum capacity the scaler set the thresholds for: the scalable target's current one, which scheduled
     * actions move (Minimum per minute by default).
     */
    public Metric metricMinCapacity(MetricOptions options) {
        return scalerMetric(ScalerMetrics.MIN_CAPACITY, "Minimum", "Minimum capacity (KPUs)", options);
    }

    /** Rescales the scaler submitted, each a restart of the job (Sum by default). */
    public Metric metricRescales(MetricOptions options) {
        return scalerMetric(ScalerMetrics.RESCALES, "Sum", "Rescales", options);
    }

    /** Decisions that answered {@code Failed}: a rescale that needs a person (Sum by default). */
    public Metric metricFailedRescales(MetricOptions options) {
        return scalerMetric(ScalerMetrics.FAILED_RESCALES, "Sum", "Failed rescales", options);
    }

    /** Decisions that could not set an alarm threshold (Sum by default). */
    public Metric metricThresholdFailures(MetricOptions options) {
        return scalerMetric(ScalerMetrics.THRESHOLD_FAILURES, "Sum", "Threshold failures", options);
    }

    /** Decisions that failed: an AWS call, an unusable state, a bug (Sum by default; refused requests excluded). */
    public Metric metricScalerErrors(MetricOptions options) {
        return scalerMetric(ScalerMetrics.ERRORS, "Sum", "Scaler errors", options);
    }

    /** How long decisions take, in milliseconds (Average by default; SampleCount counts decisions). */
    public Metric metricScalerDuration(MetricOptions options) {
        return scalerMetric(ScalerMetrics.DURATION, "Average", "Decision duration (ms)", options);
    }

    /**
     * What a deploy changes the application by: everything CloudFormation sends in UpdateApplication but the
     * parallelism (a reference to the deploy-time capacity resource, the same in every synthesis).
     */
    private static Object configurationOf(CfnApplication application) {
        Map<String, Object> configuration = new java.util.LinkedHashMap<>();
        configuration.put("name", application.getApplicationName());
        configuration.put("runtime", application.getRuntimeEnvironment());
        configuration.put("role", application.getServiceExecutionRole());
        configuration.put("configuration", application.getApplicationConfiguration());
        return configuration;
    }

    /**
     * Flink fixes a job's max parallelism when it first starts (128 unless the job sets one, for parallelism up to
     * 128) and keeps it in every snapshot; a rescale above it cannot restore the snapshot and fails. The construct
     * cannot see the job's setting, so it warns rather than refuses.
     */
    private void warnAboveDefaultMaxParallelism(Settings settings) {
        int maxCapacity = settings.policy.capacityRange().maxCapacity();
        String source = "maxCapacity (" + maxCapacity + ")";
        for (ScheduledCapacityAction action : settings.policy.scheduledActions()) {
            if (action.maxCapacity() != null && action.maxCapacity() > maxCapacity) {
                maxCapacity = action.maxCapacity();
                source = "scheduled capacity '" + action.name() + "' maxCapacity (" + maxCapacity + ")";
            }
        }
        int highest = maxCapacity * settings.parallelismPerKpu;
        if (highest > DEFAULT_FLINK_MAX_PARALLELISM) {
            Annotations.of(this).addWarningV2("kda-step-scaling:maxParallelism", source + " x parallelismPerKpu ("
                    + settings.parallelismPerKpu + ") = " + highest + " is above " + DEFAULT_FLINK_MAX_PARALLELISM
                    + ", the max parallelism Flink gives a job that sets none; a rescale above the job's max "
                    + "parallelism cannot restore its snapshot. Set it in the job (setMaxParallelism) to at least "
                    + highest + ", or lower the maximum");
        }
    }

    /**
     * An {@code at} schedule with a time zone may be aws-cdk-lib's UTC rendering (see below). And a scheduled action
     * that gives one bound only leaves the other where it is at run time; AWS does not document
     * what happens when that bound crosses the other (a minimum above the current maximum, say), and the construct
     * cannot know which earlier action moved the other bound, so it warns rather than refuses.
     */
    private void warnAboutScheduledActions(Settings settings) {
        int min = settings.policy.capacityRange().minCapacity();
        int max = settings.policy.capacityRange().maxCapacity();
        for (ScheduledCapacityAction action : settings.policy.scheduledActions()) {
            if (action.schedule() instanceof ScheduleExpression.At && !action.timeZone().equals(ZoneOffset.UTC)) {
                // aws-cdk-lib's Schedule.at(Instant) writes the instant's UTC date and time; with a time zone,
                // Application Auto Scaling reads them as that zone's local time.
                Annotations.of(this).addWarningV2("kda-step-scaling:atScheduleTimeZone", "scheduled capacity '"
                        + action.name() + "' runs " + action.schedule() + " in " + action.timeZone().getId()
                        + " local time; Schedule.at(Instant) writes UTC, so if you built it that way, drop the "
                        + "timeZone or write the local time with Schedule.expression(\"at(...)\")");
            }
            if (action.maxCapacity() == null && action.minCapacity() > max
                    || action.minCapacity() == null && action.maxCapacity() < min) {
                Annotations.of(this).addWarningV2("kda-step-scaling:scheduledCapacityBound", "scheduled capacity '"
                        + action.name() + "' sets " + (action.maxCapacity() == null
                        ? "minCapacity (" + action.minCapacity() + ") above maxCapacity (" + max + ")"
                        : "maxCapacity (" + action.maxCapacity() + ") below minCapacity (" + min + ")")
                        + " without the other bound, which only another action can have moved by then; give both "
                        + "bounds");
            }
        }
    }

    /**
     * The scaling signal: the source stream's incoming records per second, {@code IncomingRecords} (Sum over one
     * minute, namespace {@code AWS/Kinesis}, dimension {@code StreamName}) divided by 60. Kinesis publishes no
     * datapoint for a minute without writes; {@code FILL(incoming, 0)} makes that minute a real 0, so a silent stream
     * is measured rather than missing: the scale-in policy then gets a value to choose its step from, and the
     * scale-out alarm can never fire on it.
     *
     * @param options label, period (default one minute) and the like
     */
    public MathExpression metricIncomingRecordsPerSecond(MathExpressionOptions options) {
        return perSecond(AlarmShape.INCOMING_RECORDS_ID, stream.metricIncomingRecords(minuteSums()),
                "Incoming records per second", options);
    }

    private static MetricOptions minuteSums() {
        return MetricOptions.builder()
                .statistic(AlarmShape.INCOMING_RECORDS_STATISTIC)
                .period(StepScalingBuilder.period())
                .build();
    }

    /** {@code FILL(id, 0) / 60}: a per-minute sum of the stream as a rate, a minute without writes as 0. */
    private static MathExpression perSecond(String id, Metric minuteSum, String defaultLabel,
                                            MathExpressionOptions options) {
        return MathExpression.Builder.create()
                .expression(AlarmShape.perSecondExpression(id))
                .usingMetrics(Map.of(id, minuteSum))
                .label(options.getLabel() != null ? options.getLabel() : defaultLabel)
                .period(options.getPeriod() != null ? options.getPeriod() : StepScalingBuilder.period())
                .color(options.getColor())
                .searchAccount(options.getSearchAccount())
                .searchRegion(options.getSearchRegion())
                .build();
    }

    /** The same signal with default options. */
    public MathExpression metricIncomingRecordsPerSecond() {
        return metricIncomingRecordsPerSecond(MathExpressionOptions.builder().build());
    }

    /**
     * The source stream's incoming bytes per second: {@code IncomingBytes} (Sum over one minute) divided by 60, a
     * minute without writes counting as 0, as for {@link #metricIncomingRecordsPerSecond(MathExpressionOptions)}.
     */
    public MathExpression metricIncomingBytesPerSecond(MathExpressionOptions options) {
        return perSecond(AlarmShape.INCOMING_BYTES_ID, stream.metricIncomingBytes(minuteSums()),
                "Incoming bytes per second", options);
    }

    /** The same metric with default options. */
    public MathExpression metricIncomingBytesPerSecond() {
        return metricIncomingBytesPerSecond(MathExpressionOptions.builder().build());
    }

    /** The metric the load alarms measure ({@link KdaStepScalingProps#getScalingSignal()}). */
    public IMetric metricScalingSignal() {
        return signalMetric;
    }

    /** The lag guard's metric in milliseconds, or {@code null} when the guard is off. */
    public IMetric metricLag() {
        return lagMetric;
    }

    private IMetric signalMetric(ScalingSignal signal) {
        switch (signal.getKind()) {
            case INCOMING_RECORDS:
                return metricIncomingRecordsPerSecond();
            case INCOMING_BYTES:
                return metricIncomingBytesPerSecond();
            default:
                return signal.getMetric();
        }
    }

    private static StreamProps encrypted(StreamProps props) {
        StreamProps given = props != null ? props : StreamProps.builder().build();
        StreamEncryption encryption = given.getEncryption() != null ? given.getEncryption()
                : given.getEncryptionKey() != null ? StreamEncryption.KMS : StreamEncryption.MANAGED;
        if (encryption == StreamEncryption.UNENCRYPTED) {
            throw new IllegalArgumentException("streamProps.encryption (UNENCRYPTED) is not allowed: the source stream"
                    + " must be encrypted at rest");
        }
        return StreamProps.builder()
                .streamName(given.getStreamName())
                .shardCount(given.getShardCount())
                .streamMode(given.getStreamMode())
                .retentionPeriod(given.getRetentionPeriod())
                .removalPolicy(given.getRemovalPolicy())
                .shardLevelMetrics(given.getShardLevelMetrics())
                .encryption(encryption)
                .encryptionKey(given.getEncryptionKey())
                .build();
    }

    private IStream requireSameEnvironment(IStream existing) {
        Stack stack = Stack.of(this);
        String streamRegion = existing.getEnv().getRegion();
        String streamAccount = existing.getEnv().getAccount();
        if (!Token.isUnresolved(streamRegion) && !Token.isUnresolved(stack.getRegion())
                && !streamRegion.equals(stack.getRegion())) {
            throw new IllegalArgumentException("existingStream (" + existing.getStreamName() + ") is in region "
                    + streamRegion + ", not the stack's region " + stack.getRegion()
                    + ": the alarms can only watch a stream in their own region");
        }
        if (!Token.isUnresolved(streamAccount) && !Token.isUnresolved(stack.getAccount())
                && !streamAccount.equals(stack.getAccount())) {
            throw new IllegalArgumentException("existingStream (" + existing.getStreamName() + ") is in account "
                    + streamAccount + ", not the stack's account " + stack.getAccount()
                    + ": the alarms can only watch a stream in their own account");
        }
        return existing;
    }

    /** A physical name derived from the stack and the construct path: stable, unique, and known without a cycle. */
    private static String physicalName(Construct scope) {
        return Names.uniqueResourceName(scope, UniqueResourceNameOptions.builder()
                .maxLength(255)
                .separator("-")
                .build());
    }

    /**
     * The validated scaling policy this construct deploys (range, thresholds, steps, cooldowns, alarm shapes,
     * scheduled actions), in the shared model the simulator runs: {@code StepScalingSpec.of(getScalingPolicy())}
     * simulates exactly this construct.
     */
    public ScalingPolicy getScalingPolicy() {
        return scalingPolicy;
    }

    /** The source stream (new or existing). */
    public IStream getStream() {
        return stream;
    }

    /** The Flink application the construct created, or {@code null} for an existing application. */
    public CfnApplication getApplication() {
        return application;
    }

    /** The application's name (a token for a created application without an explicit name). */
    public String getApplicationName() {
        return applicationName;
    }

    /** The created application's service execution role, or {@code null} for an existing application. */
    public IRole getApplicationRole() {
        return applicationRole;
    }

    /** The created application's log group, or {@code null} for an existing application. */
    public ILogGroup getApplicationLogGroup() {
        return applicationLogGroup;
    }

    /** The scaler Lambda. */
    public Function getScalerFunction() {
        return scalerFunction;
    }

    /** The {@code live} alias (SnapStart published version) the API and the schedule invoke. */
    public Alias getScalerAlias() {
        return scalerAlias;
    }

    /** The scaler Lambda's role. */
    public IRole getScalerRole() {
        return scalerRole;
    }

    /** The scaler Lambda's log group. */
    public ILogGroup getScalerLogGroup() {
        return scalerLogGroup;
    }

    /** The scheduled rule that invokes the scaler's reconcile entry point. */
    public Rule getReconcileRule() {
        return reconcileRule;
    }

    /** The REST API Application Auto Scaling calls. */
    public RestApi getApi() {
        return api;
    }

    /** The API's access log group. */
    public ILogGroup getApiAccessLogGroup() {
        return apiAccessLogGroup;
    }

    /** The SSM parameter that stores the last desired capacity. */
    public StringParameter getDesiredCapacityParameter() {
        return desiredCapacityParameter;
    }

    /** The SSM parameter where the scaler records the last rescale it submitted. */
    public StringParameter getRescaleAttemptParameter() {
        return rescaleAttemptParameter;
    }

    /** The {@code custom-resource} scalable target. */
    public CfnScalableTarget getScalableTarget() {
        return scalableTarget;
    }

    /** The scale-out step-scaling policy. */
    public StepScalingAction getScaleOutPolicy() {
        return scaleOutPolicy;
    }

    /** The scale-in step-scaling policy. */
    public StepScalingAction getScaleInPolicy() {
        return scaleInPolicy;
    }

    /** The alarm that executes the scale-out policy. */
    public Alarm getScaleOutAlarm() {
        return scaleOutAlarm;
    }

    /**
     * The alarm that executes the scale-in policy. With the lag guard on, its metric is the load signal except while
     * the job lags at or above {@code maxLag}, when it is a value above every threshold: those minutes do not breach,
     * and should earlier minutes still hold the alarm in ALARM, the policy, which steps on the newest value, finds no
     * scale-in step for it.
     */
    public Alarm getScaleInAlarm() {
        return scaleInAlarm;
    }

    /**
     * The encrypted queue that keeps reconcile invocations the schedule could not deliver or the scaler failed after
     * its retries; the health alarm fires when a message is sent to it.
     */
    public Queue getScalerDeadLetterQueue() {
        return scalerDeadLetterQueue;
    }

    /** The lag guard's step-scaling policy, or {@code null} when the guard is off. */
    public StepScalingAction getLagPolicy() {
        return lagPolicy;
    }

    /** The alarm on the job's lag that executes {@link #getLagPolicy()}, or {@code null} when the guard is off. */
    public Alarm getLagAlarm() {
        return lagAlarm;
    }

    /**
     * A composite alarm in ALARM when the scaler errs, answers {@code Failed}, cannot set a threshold, or has made no
     * decision for three reconcile intervals. It has no action: add one, e.g.
     * {@code getScalerHealthAlarm().addAlarmAction(new SnsAction(topic))}.
     */
    public CompositeAlarm getScalerHealthAlarm() {
        return scalerHealthAlarm;
    }

    /** The saved Logs Insights query that lists the scaler's decisions. */
    public QueryDefinition getDecisionsQuery() {
        return decisionsQuery;
    }

    /** The dashboard, or {@code null} with {@code dashboard(false)}. */
    public Dashboard getDashboard() {
        return dashboard;
    }

    /**
     * Builds a {@link KdaStepScaling} the way every aws-cdk-lib construct is built in Java:
     * {@code KdaStepScaling.Builder.create(this, "Scaling").streamProps(...).applicationProps(...).build()}.
     */
    public static final class Builder {
        private final Construct scope;
        private final String id;
        private final KdaStepScalingProps.Builder props = KdaStepScalingProps.builder();

        private Builder(Construct scope, String id) {
            this.scope = scope;
            this.id = id;
        }

        /** A builder for a construct {@code id} under {@code scope}. */
        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id);
        }

        /** @see KdaStepScalingProps#getExistingStream() */
        public Builder existingStream(IStream value) {
            props.existingStream(value);
            return this;
        }

        /** @see KdaStepScalingProps#getStreamProps() */
        public Builder streamProps(StreamProps value) {
            props.streamProps(value);
            return this;
        }

        /** @see KdaStepScalingProps#getExistingApplicationName() */
        public Builder existingApplicationName(String value) {
            props.existingApplicationName(value);
            return this;
        }

        /** @see KdaStepScalingProps#getApplicationProps() */
        public Builder applicationProps(FlinkApplicationProps value) {
            props.applicationProps(value);
            return this;
        }

        /** @see KdaStepScalingProps#getInitialCapacity() */
        public Builder initialCapacity(Number value) {
            props.initialCapacity(value);
            return this;
        }

        /** @see KdaStepScalingProps#getMinCapacity() */
        public Builder minCapacity(Number value) {
            props.minCapacity(value);
            return this;
        }

        /** @see KdaStepScalingProps#getMaxCapacity() */
        public Builder maxCapacity(Number value) {
            props.maxCapacity(value);
            return this;
        }

        /** @see KdaStepScalingProps#getKpuQuota() */
        public Builder kpuQuota(Number value) {
            props.kpuQuota(value);
            return this;
        }

        /** @see KdaStepScalingProps#getScaleOutRecordsPerSecondPerKpu() */
        public Builder scaleOutRecordsPerSecondPerKpu(Number value) {
            props.scaleOutRecordsPerSecondPerKpu(value);
            return this;
        }

        /** @see KdaStepScalingProps#getScaleInRecordsPerSecondPerKpu() */
        public Builder scaleInRecordsPerSecondPerKpu(Number value) {
            props.scaleInRecordsPerSecondPerKpu(value);
            return this;
        }

        /** @see KdaStepScalingProps#getScaleOutSteps() */
        public Builder scaleOutSteps(List<ScalingStep> value) {
            props.scaleOutSteps(value);
            return this;
        }

        /** @see KdaStepScalingProps#getScaleInSteps() */
        public Builder scaleInSteps(List<ScalingStep> value) {
            props.scaleInSteps(value);
            return this;
        }

        /** @see KdaStepScalingProps#getScaleOutCooldown() */
        public Builder scaleOutCooldown(Duration value) {
            props.scaleOutCooldown(value);
            return this;
        }

        /** @see KdaStepScalingProps#getScaleInCooldown() */
        public Builder scaleInCooldown(Duration value) {
            props.scaleInCooldown(value);
            return this;
        }

        /** @see KdaStepScalingProps#getExpectedRestartDuration() */
        public Builder expectedRestartDuration(Duration value) {
            props.expectedRestartDuration(value);
            return this;
        }

        /** @see KdaStepScalingProps#getScaleOutEvaluationPeriods() */
        public Builder scaleOutEvaluationPeriods(Number value) {
            props.scaleOutEvaluationPeriods(value);
            return this;
        }

        /** @see KdaStepScalingProps#getScaleOutDatapointsToAlarm() */
        public Builder scaleOutDatapointsToAlarm(Number value) {
            props.scaleOutDatapointsToAlarm(value);
            return this;
        }

        /** @see KdaStepScalingProps#getScaleInEvaluationPeriods() */
        public Builder scaleInEvaluationPeriods(Number value) {
            props.scaleInEvaluationPeriods(value);
            return this;
        }

        /** @see KdaStepScalingProps#getScaleInDatapointsToAlarm() */
        public Builder scaleInDatapointsToAlarm(Number value) {
            props.scaleInDatapointsToAlarm(value);
            return this;
        }

        /** @see KdaStepScalingProps#getAllowScalingWithoutSnapshots() */
        public Builder allowScalingWithoutSnapshots(Boolean value) {
            props.allowScalingWithoutSnapshots(value);
            return this;
        }

        /** @see KdaStepScalingProps#getReconcileInterval() */
        public Builder reconcileInterval(Duration value) {
            props.reconcileInterval(value);
            return this;
        }

        /** @see KdaStepScalingProps#getLogRetention() */
        public Builder logRetention(RetentionDays value) {
            props.logRetention(value);
            return this;
        }

        /** @see KdaStepScalingProps#getScalerMemorySize() */
        public Builder scalerMemorySize(Number value) {
            props.scalerMemorySize(value);
            return this;
        }

        /** @see KdaStepScalingProps#getStageName() */
        public Builder stageName(String value) {
            props.stageName(value);
            return this;
        }

        /** @see KdaStepScalingProps#getEndpointAccess() */
        public Builder endpointAccess(EndpointAccess value) {
            props.endpointAccess(value);
            return this;
        }

        /** @see KdaStepScalingProps#getScheduledCapacity() */
        public Builder scheduledCapacity(List<ScheduledCapacity> value) {
            props.scheduledCapacity(value);
            return this;
        }

        /** @see KdaStepScalingProps#getDashboard() */
        public Builder dashboard(Boolean value) {
            props.dashboard(value);
            return this;
        }

        /** @see KdaStepScalingProps#getDashboardName() */
        public Builder dashboardName(String value) {
            props.dashboardName(value);
            return this;
        }

        /** @see KdaStepScalingProps#getScalingSignal() */
        public Builder scalingSignal(ScalingSignal value) {
            props.scalingSignal(value);
            return this;
        }

        /** @see KdaStepScalingProps#getLogEncryptionKey() */
        public Builder logEncryptionKey(IKey value) {
            props.logEncryptionKey(value);
            return this;
        }

        /** @see KdaStepScalingProps#getTracing() */
        public Builder tracing(Boolean value) {
            props.tracing(value);
            return this;
        }

        /** @see KdaStepScalingProps#getScalerVpc() */
        public Builder scalerVpc(IVpc value) {
            props.scalerVpc(value);
            return this;
        }

        /** @see KdaStepScalingProps#getScalerVpcSubnets() */
        public Builder scalerVpcSubnets(SubnetSelection value) {
            props.scalerVpcSubnets(value);
            return this;
        }

        /** @see KdaStepScalingProps#getScalerSecurityGroups() */
        public Builder scalerSecurityGroups(List<ISecurityGroup> value) {
            props.scalerSecurityGroups(value);
            return this;
        }

        /** @see KdaStepScalingProps#getScalerConcurrency() */
        public Builder scalerConcurrency(ScalerConcurrency value) {
            props.scalerConcurrency(value);
            return this;
        }

        /** @see KdaStepScalingProps#getLagGuard() */
        public Builder lagGuard(LagGuardProps value) {
            props.lagGuard(value);
            return this;
        }

        /**
         * @throws IllegalArgumentException when a prop, or a combination of props, is invalid; the message names the
         *     prop and its value
         */
        public KdaStepScaling build() {
            return new KdaStepScaling(scope, id, props.build());
        }
    }
}
