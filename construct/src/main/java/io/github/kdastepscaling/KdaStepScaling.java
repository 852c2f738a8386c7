package io.github.kdastepscaling;

import io.github.kdastepscaling.policy.ScalingDirection;
import io.github.kdastepscaling.policy.ScalingPolicy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awscdk.Names;
import software.amazon.awscdk.Stack;
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
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.kinesis.IStream;
import software.amazon.awscdk.services.kinesisanalyticsv2.CfnApplication;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.QueryDefinition;
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

    private final ScalingPolicy scalingPolicy;
    private final IStream stream;
    private final CfnApplication application;
    private final String applicationName;
    private final IRole applicationRole;
    private final ILogGroup applicationLogGroup;
    /** The scaler and endpoint: the construct's own, or its fleet's. */
    private final ScalerParts shared;

    private final ScalerStateParameters state;
    private final CfnScalableTarget scalableTarget;
    private final StepScalingAction scaleOutPolicy;
    private final StepScalingAction scaleInPolicy;
    private final Alarm scaleOutAlarm;
    private final Alarm scaleInAlarm;
    private final IMetric signalMetric;
    private final IMetric lagMetric;
    private final StepScalingAction lagPolicy;
    private final Alarm lagAlarm;
    private final CompositeAlarm scalerHealthAlarm;
    private final QueryDefinition decisionsQuery;
    private final Dashboard dashboard;
    private final FlinkJobMetrics jobMetrics;

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
        KdaStepScalingFleet fleet = props.getFleet();
        ResolvedProps settings = new ResolvedProps(fleet == null ? props : fleet.memberProps(props));
        this.scalingPolicy = settings.policy;

        this.stream = SourceStream.of(this, props);

        SynthesisWarnings.aboutRateLearning(this, settings);
        String fleetName = fleet == null ? null : FleetMembership.applicationName(props, fleet.getFleetId());
        this.state = ScalerStateParameters.create(this, settings, fleet == null ? null : fleet.statePath(fleetName));

        // A deploy writes what the stored desired capacity gives, not initialCapacity: the parallelism of a created
        // application and a load signal's thresholds (a utilization signal's are fixed).
        boolean thresholdsAtDeploy = settings.policy.thresholds().kind().followsCapacity();
        Construct namespace = props.getApplicationProps() != null ? new Construct(this, "Application") : null;
        DeployTimeCapacity deployTime = namespace != null || thresholdsAtDeploy
                ? new DeployTimeCapacity(
                        this,
                        "DeployTimeCapacity",
                        settings,
                        state.desiredCapacity(),
                        state.learnedRate(),
                        thresholdsAtDeploy,
                        fleet == null ? null : fleet.capacityProvider())
                : null;
        if (namespace != null) {
            FlinkApplicationProps applicationProps = props.getApplicationProps();
            // The application's configuration is known only once it is built; the hash reads it at synthesis.
            AtomicReference<CfnApplication> built = new AtomicReference<>();
            Number parallelism = deployTime.parallelism(() -> DeployTimeCapacity.configurationOf(built.get()));
            FlinkApplicationFactory.Result app =
                    FlinkApplicationFactory.create(namespace, applicationProps, settings, stream, parallelism);
            built.set(app.application());
            if (Boolean.TRUE.equals(applicationProps.getStartApplication())) {
                Construct start = new Construct(this, "StartOnCreate");
                String arn = ScalerFunction.applicationArn(
                        Stack.of(this), app.application().getRef());
                FirstStartRestore restore = applicationProps.getFirstStartRestore() != null
                        ? applicationProps.getFirstStartRestore()
                        : FirstStartRestore.SKIP_RESTORE_FROM_SNAPSHOT;
                DeployTimeCustomResources.startOnCreate(
                                start,
                                fleet != null
                                        ? fleet.starter(arn)
                                        : DeployTimeCustomResources.starter(start, settings, List.of(arn))
                                                .provider(),
                                app.application(),
                                restore)
                        .getNode()
                        .addDependency(namespace);
            }
            this.application = app.application();
            // In a fleet the name is known (it names the parameters); the parts that need the application depend on it.
            this.applicationName = fleet != null ? fleetName : app.application().getRef();
            this.applicationRole = app.role();
            this.applicationLogGroup = app.logGroup();
            if (app.permissions() != null) {
                NagSuppressionMetadata.applicationPermissions(app.permissions(), app.inVpc());
            }
            SynthesisWarnings.aboveDefaultMaxParallelism(this, settings);
        } else {
            this.application = null;
            this.applicationName = props.getExistingApplicationName();
            this.applicationRole = null;
            this.applicationLogGroup = null;
        }

        if (settings.logEncryptionKey != null) {
            ConstructLogGroups.allowLogsService(this, settings.logEncryptionKey);
        }
        SynthesisWarnings.aboutScheduledActions(this, settings);

        Construct scaleOut = new Construct(this, "ScaleOut");
        Construct scaleIn = new Construct(this, "ScaleIn");
        String scaleOutAlarmName =
                fleet == null ? physicalName(scaleOut) : fleet.settings().alarmName(fleetName, "ScaleOut");
        String scaleInAlarmName =
                fleet == null ? physicalName(scaleIn) : fleet.settings().alarmName(fleetName, "ScaleIn");
        // Named before the scaler, which checks that the lag alarm is in service (the scaling alarms' names too).
        Construct lagGuard = settings.lagMetric == null ? null : new Construct(this, "LagGuard");
        String lagAlarmName = lagGuard == null
                ? null
                : fleet == null ? physicalName(lagGuard) : fleet.settings().alarmName(fleetName, "Lag");

        String learningMetrics = settings.rateLearning == null
                ? null
                : LearningMetrics.text(
                        settings, stream, applicationName, settings.lagMetric.bind(stream, applicationName));
        ScalerFunction.Inputs inputs = new ScalerFunction.Inputs(
                applicationName,
                state.desiredCapacity(),
                state.rescaleAttempt(),
                state.rescaleHistory(),
                scaleOutAlarmName,
                scaleInAlarmName,
                state.learnedRate(),
                learningMetrics,
                lagAlarmName);
        this.shared = fleet == null ? ScalerParts.own(this, settings, inputs) : fleet.parts();
        RestApi api = shared.api();

        this.scalableTarget = StepScalingFactory.target(this, settings, api, applicationName);
        scalableTarget.getNode().addDependency(api, shared.alias());
        if (fleet != null) {
            // Registering the target calls the API, whose scaler reads the application's configuration.
            scalableTarget.getNode().addDependency(fleet.register(this, settings, inputs));
        }
        if (application != null) {
            scalableTarget.getNode().addDependency(application);
        }

        this.jobMetrics = FlinkJobMetrics.of(this, settings.runtime, applicationName);
        this.signalMetric = signalMetric(settings.signal);
        this.lagMetric = settings.lagMetric == null ? null : settings.lagMetric.bind(stream, applicationName);
        // The alarms' configuration is known only once they are built; the thresholds resource reads it at synthesis.
        AtomicReference<Map<String, Alarm>> loadAlarms = new AtomicReference<>();
        DeployTimeCapacity.Thresholds deployed = thresholdsAtDeploy
                ? deployTime.thresholds(
                        StepScalingFactory.resourceId(api.getRestApiId(), settings.stageName, applicationName),
                        scalableTarget,
                        loadAlarms::get)
                : DeployTimeCapacity.Thresholds.atInitialCapacity(settings);
        IMetric scaleInMetric = lagMetric == null
                ? signalMetric
                : StepScalingFactory.scaleInUnlessBehind(settings, signalMetric, lagMetric);
        StepScalingFactory.Direction out = StepScalingFactory.direction(
                scaleOut,
                settings,
                ScalingDirection.SCALE_OUT,
                scalableTarget,
                StepScalingFactory.loadAlarmMetric(settings, signalMetric, deployed.learnedRate()),
                scaleOutAlarmName,
                deployed.scaleOut());
        StepScalingFactory.Direction in = StepScalingFactory.direction(
                scaleIn,
                settings,
                ScalingDirection.SCALE_IN,
                scalableTarget,
                StepScalingFactory.loadAlarmMetric(settings, scaleInMetric, deployed.learnedRate()),
                scaleInAlarmName,
                deployed.scaleIn());
        loadAlarms.set(Map.of("ScaleOut", out.alarm(), "ScaleIn", in.alarm()));
        this.scaleOutPolicy = out.policy();
        this.scaleOutAlarm = out.alarm();
        this.scaleInPolicy = in.policy();
        this.scaleInAlarm = in.alarm();
        if (lagGuard != null) {
            StepScalingFactory.Direction lag =
                    StepScalingFactory.lagGuard(lagGuard, settings, scalableTarget, lagMetric, lagAlarmName);
            this.lagPolicy = lag.policy();
            this.lagAlarm = lag.alarm();
        } else {
            this.lagPolicy = null;
            this.lagAlarm = null;
        }

        String queryName =
                fleet != null ? fleet.decisionsQueryName() : "kda-step-scaling/" + physicalName(this) + "/decisions";
        if (fleet != null) {
            this.scalerHealthAlarm = fleet.addObservability(this);
            this.decisionsQuery = fleet.getDecisionsQuery();
            this.dashboard = fleet.getDashboard();
        } else {
            this.scalerHealthAlarm = ObservabilityFactory.healthAlarm(
                    new Construct(this, "ScalerHealth"), this, shared, settings.reconcileInterval);
            this.decisionsQuery = ObservabilityFactory.queryDefinition(this, shared.logGroup(), queryName);
            this.dashboard = props.getDashboard() == null || props.getDashboard()
                    ? ObservabilityFactory.dashboard(
                            new Construct(this, "Dashboard"), this, settings, props.getDashboardName(), queryName)
                    : null;
        }
        StackOutputs.add(new Construct(this, "Outputs"), this, queryName);
        // Last, so every role and policy is there, including those aws-cdk-lib adds for grants.
        NagSuppressionMetadata.inlinePolicies(this);
    }

    /** The capacity Application Auto Scaling last asked for, in KPUs (Maximum per minute by default). */
    public Metric metricDesiredCapacity(MetricOptions options) {
        return ScalerMetric.DESIRED_CAPACITY.of(applicationName, options);
    }

    /** The capacity the application runs at, as the scaler saw it, in KPUs (Maximum per minute by default). */
    public Metric metricActualCapacity(MetricOptions options) {
        return ScalerMetric.ACTUAL_CAPACITY.of(applicationName, options);
    }

    /**
     * The minimum capacity the scaler set the thresholds for: the scalable target's current one, which scheduled
     * actions move (Minimum per minute by default).
     */
    public Metric metricMinCapacity(MetricOptions options) {
        return ScalerMetric.MIN_CAPACITY.of(applicationName, options);
    }

    /**
     * The per-KPU scale-out rate the scaler learned and sets the thresholds from, in the signal's units per second
     * (Maximum per minute by default); published only while learning is on ({@code rateLearning}).
     */
    public Metric metricLearnedScaleOutPerKpu(MetricOptions options) {
        return ScalerMetric.LEARNED_SCALE_OUT_PER_KPU.of(applicationName, options);
    }

    /** The configured per-KPU scale-out rate, the learning's starting point (Maximum per minute by default). */
    public Metric metricConfiguredScaleOutPerKpu(MetricOptions options) {
        return ScalerMetric.CONFIGURED_SCALE_OUT_PER_KPU.of(applicationName, options);
    }

    /** Rescales the scaler submitted, each a restart of the job (Sum by default). */
    public Metric metricRescales(MetricOptions options) {
        return ScalerMetric.RESCALES.of(applicationName, options);
    }

    /** Decisions that answered {@code Failed}: a rescale that needs a person (Sum by default). */
    public Metric metricFailedRescales(MetricOptions options) {
        return ScalerMetric.FAILED_RESCALES.of(applicationName, options);
    }

    /** Decisions that could not set an alarm threshold (Sum by default). */
    public Metric metricThresholdFailures(MetricOptions options) {
        return ScalerMetric.THRESHOLD_FAILURES.of(applicationName, options);
    }

    /** Decisions that failed: an AWS call, an unusable state, a bug (Sum by default; refused requests excluded). */
    public Metric metricScalerErrors(MetricOptions options) {
        return ScalerMetric.ERRORS.of(applicationName, options);
    }

    /** How long decisions take, in milliseconds (Average by default; SampleCount counts decisions). */
    public Metric metricScalerDuration(MetricOptions options) {
        return ScalerMetric.DURATION.of(applicationName, options);
    }

    /**
     * Decisions the reconcile schedule triggered (Sum per minute by default): the health alarm's no-decision child
     * counts these only, so it fires when the schedule stops even while Application Auto Scaling still calls.
     */
    public Metric metricScheduledDecisions(MetricOptions options) {
        return ScalerMetric.SCHEDULED_DECISIONS.of(applicationName, options);
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
        return StreamRate.INCOMING_RECORDS.of(stream, options);
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
        return StreamRate.INCOMING_BYTES.of(stream, options);
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
        return switch (signal.getKind()) {
            case INCOMING_RECORDS -> metricIncomingRecordsPerSecond();
            case INCOMING_BYTES -> metricIncomingBytesPerSecond();
            default -> signal.getMetric();
        };
    }

    /** A physical name derived from the stack and the construct path: stable, unique, and known without a cycle. */
    private static String physicalName(Construct scope) {
        return Names.uniqueResourceName(
                scope,
                UniqueResourceNameOptions.builder()
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
        return shared.function();
    }

    /** The {@code live} alias (SnapStart published version) the API and the schedule invoke. */
    public Alias getScalerAlias() {
        return shared.alias();
    }

    /** The scaler Lambda's role. */
    public IRole getScalerRole() {
        return shared.role();
    }

    /** The scaler Lambda's log group. */
    public ILogGroup getScalerLogGroup() {
        return shared.logGroup();
    }

    /** The scheduled rule that invokes the scaler's reconcile entry point. */
    public Rule getReconcileRule() {
        return shared.reconcileRule();
    }

    /** The REST API Application Auto Scaling calls. */
    public RestApi getApi() {
        return shared.api();
    }

    /** The API's access log group. */
    public ILogGroup getApiAccessLogGroup() {
        return shared.apiAccessLogs();
    }

    /** The SSM parameter that stores the last desired capacity. */
    public StringParameter getDesiredCapacityParameter() {
        return state.desiredCapacity();
    }

    /** The SSM parameter where the scaler records the last rescale it submitted. */
    public StringParameter getRescaleAttemptParameter() {
        return state.rescaleAttempt();
    }

    /**
     * The SSM parameter where the scaler records its rescales for the snapshot retention, or null when the retention
     * is off ({@code SnapshotRetentionProps.disabled()}).
     */
    public StringParameter getRescaleHistoryParameter() {
        return state.rescaleHistory();
    }

    /**
     * The SSM parameter where the scaler keeps the per-KPU rate it learned ({@code none} before its first
     * estimate), or null when learning is off.
     */
    public StringParameter getLearnedRateParameter() {
        return state.learnedRate();
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
        return shared.deadLetterQueue();
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
     * A composite alarm in ALARM when the scaler errs, answers {@code Failed}, cannot set a threshold, has made no
     * decision for three reconcile intervals, or finds state deleted or muted behind its back (docs/runbook.md), or
     * the job is down or crash-looping. It has no action: add one, e.g.
     * {@code getScalerHealthAlarm().addAlarmAction(new SnsAction(topic))}.
     */
    public CompositeAlarm getScalerHealthAlarm() {
        return scalerHealthAlarm;
    }

    /** The saved Logs Insights query that lists the scaler's decisions. */
    public QueryDefinition getDecisionsQuery() {
        return decisionsQuery;
    }

    /**
     * The application's job-health metrics under the names its runtime publishes (Flink 2.2 renamed them): restarts,
     * running time, downtime; for an existing application, whose runtime the construct is not told, both families.
     */
    public FlinkJobMetrics getJobMetrics() {
        return jobMetrics;
    }

    /** The dashboard, or {@code null} with {@code dashboard(false)}. */
    public Dashboard getDashboard() {
        return dashboard;
    }

    /**
     * Builds a {@link KdaStepScaling} the way every aws-cdk-lib construct is built in Java:
     * {@code KdaStepScaling.Builder.create(this, "Scaling").streamProps(...).applicationProps(...).build()}. Its
     * setters are those of {@link KdaStepScalingProps.Builder} (both inherit them from
     * {@link KdaStepScalingPropsSetters}).
     */
    public static final class Builder extends KdaStepScalingPropsSetters<Builder> {
        private final Construct scope;
        private final String id;

        private Builder(Construct scope, String id) {
            this.scope = scope;
            this.id = id;
        }

        /** A builder for a construct {@code id} under {@code scope}. */
        public static Builder create(Construct scope, String id) {
            return new Builder(scope, id);
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * @throws IllegalArgumentException when a prop, or a combination of props, is invalid; the message names the
         *     prop and its value
         */
        public KdaStepScaling build() {
            return new KdaStepScaling(scope, id, new KdaStepScalingProps(values.copy()));
        }
    }
}
