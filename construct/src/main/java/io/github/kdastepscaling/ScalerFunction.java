package io.github.kdastepscaling;

import io.github.kdastepscaling.contract.MetricSeriesText;
import io.github.kdastepscaling.contract.ScalerEnvironment;
import io.github.kdastepscaling.policy.rate.RescaleUnderBacklog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.amazon.awscdk.services.ssm.IStringParameter;
import software.constructs.Construct;

/**
 * Creates the scaler Lambda (Java 25, arm64, SnapStart behind the {@code live} alias, reserved concurrency), its log
 * group, its role with an inline least-privilege policy, the scheduled rule that invokes its reconcile entry point,
 * and the encrypted dead-letter queue for the reconciles the rule cannot deliver or the function fails.
 */
final class ScalerFunction extends Construct {

    /**
     * The scaler's and the deploy-time handlers' runtime (they share one jar): the newest Java runtime Lambda offers,
     * with SnapStart (docs/benchmarks.md, "JDK 25", for the sources). No JVM options: on java25 Lambda stops tiered
     * compilation at C1 for a function without SnapStart (the deploy-time handlers) and keeps the JVM's defaults
     * with SnapStart (the scaler), where compilation happens before the snapshot, not on the invoke path.
     */
    static final Runtime RUNTIME = Runtime.JAVA_25;

    static final String HANDLER = "io.github.kdastepscaling.lambda.ScalerHandler::handleRequest";
    static final String ALIAS_NAME = "live";

    /**
     * @param rescaleHistory   the snapshot retention's rescale history, or null when the retention is off
     * @param learnedRate      the learned per-KPU rate's parameter, or null when learning is off
     * @param learningMetrics  the series the learning reads ({@code LEARNING_METRICS}), or null when it is off
     * @param lagAlarmName     the lag guard's alarm, which the reconcile checks is in service, or null when it is off
     */
    record Inputs(
            String applicationName,
            IStringParameter desiredCapacity,
            IStringParameter rescaleAttempt,
            IStringParameter rescaleHistory,
            String scaleOutAlarmName,
            String scaleInAlarmName,
            IStringParameter learnedRate,
            String learningMetrics,
            String lagAlarmName) {}

    /**
     * Retries of a reconcile the rule could not deliver, and of one the function failed: a reconcile is idempotent
     * and the next one comes within a minute, so two retries within the minute are enough, and older events are
     * worth nothing.
     */
    static final int RECONCILE_RETRY_ATTEMPTS = 2;

    static final Duration RECONCILE_MAX_EVENT_AGE = Duration.minutes(1);

    private final Function function;
    private final Alias alias;
    private final Role role;
    private final LogGroup logGroup;
    private final Rule reconcileRule;
    private final Queue deadLetterQueue;

    /** A single application's scaler: its role may act on that application, its parameters and its alarms only. */
    ScalerFunction(Construct scope, String id, ResolvedProps settings, Inputs inputs) {
        this(
                scope,
                id,
                settings,
                Shape.of(settings),
                (self, logGroup) -> singleApplicationRole(self, settings, inputs, logGroup),
                environment(settings, inputs));
    }

    /**
     * How the function runs: a single application's props, or a fleet's.
     *
     * @param reservedConcurrency executions reserved, or null for none
     * @param vpc the VPC, or null for none (then subnets and security groups are ignored)
     */
    record Shape(
            int memorySize,
            Integer reservedConcurrency,
            boolean tracing,
            IVpc vpc,
            SubnetSelection subnets,
            List<ISecurityGroup> securityGroups,
            Duration reconcileInterval,
            Duration timeout) {

        /** A single application's decisions take seconds: API Gateway waits 29 seconds at most anyway. */
        static final Duration SINGLE_APPLICATION_TIMEOUT = Duration.seconds(30);

        static Shape of(ResolvedProps settings) {
            return new Shape(
                    settings.scalerMemorySize,
                    settings.scalerReservedConcurrency,
                    settings.tracing,
                    settings.scalerVpc,
                    settings.scalerVpcSubnets,
                    settings.scalerSecurityGroups,
                    settings.reconcileInterval,
                    SINGLE_APPLICATION_TIMEOUT);
        }
    }

    /**
     * The function, its alias, schedule and dead-letter queue around a role and environment of the caller's: a single
     * application's scaler, or a fleet's shared one.
     *
     * @param createRole creates the function's role in the given scope, allowed to write the given log group
     */
    ScalerFunction(
            Construct scope,
            String id,
            SharedSettings logs,
            Shape shape,
            BiFunction<Construct, LogGroup, Role> createRole,
            Map<String, String> environment) {
        super(scope, id);
        this.logGroup = ConstructLogGroups.create(this, "LogGroup", logs);
        this.role = createRole.apply(this, logGroup);

        // Undeliverable or failed reconciles (the only asynchronous invocations) land here, encrypted at rest and
        // reachable over TLS only; the health alarm watches for them.
        this.deadLetterQueue = Queue.Builder.create(this, "DeadLetters")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        NagSuppressionMetadata.deadLetterQueue(deadLetterQueue);

        this.function = Function.Builder.create(this, "Function")
                .description("kda-step-scaling scaler: the custom-resource endpoint of Application Auto Scaling")
                .runtime(RUNTIME)
                .architecture(Architecture.ARM_64)
                .handler(HANDLER)
                .code(Code.fromAsset(ScalerJar.path().toString()))
                .memorySize(shape.memorySize())
                .timeout(shape.timeout())
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .role(role)
                .logGroup(logGroup)
                .environment(environment)
                .reservedConcurrentExecutions(shape.reservedConcurrency())
                .deadLetterQueue(deadLetterQueue)
                .tracing(shape.tracing() ? Tracing.ACTIVE : Tracing.DISABLED)
                .vpc(shape.vpc())
                .vpcSubnets(shape.vpc() == null ? null : shape.subnets())
                .securityGroups(shape.vpc() == null ? null : shape.securityGroups())
                .build();
        Annotations.of(function)
                .acknowledgeWarning(
                        "@aws-cdk/aws-lambda:snapStartRequirePublish",
                        "the construct publishes a version (currentVersion) and invokes only it, through the live alias");
        this.alias = Alias.Builder.create(this, "Alias")
                .aliasName(ALIAS_NAME)
                .version(function.getCurrentVersion())
                .build();

        this.reconcileRule = Rule.Builder.create(this, "Reconcile")
                .description("Invokes the scaler's reconcile entry point, which finishes or repairs a rescale")
                .schedule(Schedule.rate(shape.reconcileInterval()))
                .targets(List.of(LambdaFunction.Builder.create(alias)
                        .retryAttempts(RECONCILE_RETRY_ATTEMPTS)
                        .maxEventAge(RECONCILE_MAX_EVENT_AGE)
                        .deadLetterQueue(deadLetterQueue)
                        .build()))
                .build();
        alias.configureAsyncInvoke(EventInvokeConfigOptions.builder()
                .retryAttempts(RECONCILE_RETRY_ATTEMPTS)
                .maxEventAge(RECONCILE_MAX_EVENT_AGE)
                .build());
        NagSuppressionMetadata.asyncInvokeConfig(alias.getNode().findChild("EventInvokeConfig"));
    }

    private static Role singleApplicationRole(
            Construct scope, ResolvedProps settings, Inputs inputs, LogGroup logGroup) {
        Stack stack = Stack.of(scope);

        String applicationArn = applicationArn(stack, inputs.applicationName());
        List<PolicyStatement> statements = new ArrayList<>(List.of(
                PolicyStatement.Builder.create()
                        .sid("RescaleApplication")
                        .actions(List.of("kinesisanalytics:DescribeApplication", "kinesisanalytics:UpdateApplication"))
                        .resources(List.of(applicationArn))
                        .build(),
                PolicyStatement.Builder.create()
                        .sid("StoreDesiredCapacityAndLastRescale")
                        .actions(List.of("ssm:GetParameter", "ssm:PutParameter"))
                        .resources(parameterArns(inputs))
                        .build(),
                PolicyStatement.Builder.create()
                        .sid("ResetAlarmThresholds")
                        .actions(List.of("cloudwatch:DescribeAlarms", "cloudwatch:PutMetricAlarm"))
                        .resources(List.of(
                                alarmArn(stack, inputs.scaleOutAlarmName()),
                                alarmArn(stack, inputs.scaleInAlarmName())))
                        .build(),
                PolicyStatement.Builder.create()
                        .sid("ReadScalableTargetRange")
                        // Application Auto Scaling's Describe actions support no resource-level permissions: the
                        // Service Authorization Reference lists no resource type for them, so "*" is the only
                        // resource a statement for them can name. It reads ranges, never changes them.
                        .actions(List.of("application-autoscaling:DescribeScalableTargets"))
                        .resources(List.of("*"))
                        .build()));
        if (inputs.lagAlarmName() != null) {
            statements.add(PolicyStatement.Builder.create()
                    .sid("CheckLagAlarm")
                    // The scheduled reconcile reads the lag alarm (with the two scaling alarms, allowed above) to
                    // find it deleted or with its actions disabled. DescribeAlarms takes alarm ARNs (only a composite
                    // alarm needs "*", and the scaler reads none), so it is scoped to this alarm; nothing is written.
                    .actions(List.of("cloudwatch:DescribeAlarms"))
                    .resources(List.of(alarmArn(stack, inputs.lagAlarmName())))
                    .build());
        }
        if (inputs.rescaleHistory() != null) {
            statements.add(PolicyStatement.Builder.create()
                    .sid("PruneOwnSnapshots")
                    // The snapshot retention lists the application's snapshots and deletes the scaler's own beyond
                    // it; both actions take the application's ARN.
                    .actions(List.of(
                            "kinesisanalytics:ListApplicationSnapshots", "kinesisanalytics:DeleteApplicationSnapshot"))
                    .resources(List.of(applicationArn))
                    .build());
        }
        if (inputs.learnedRate() != null) {
            statements.add(PolicyStatement.Builder.create()
                    .sid("ReadLearningMetrics")
                    // GetMetricData supports no resource-level permissions (the Service Authorization Reference
                    // lists no resource type for it), so "*" is the only resource it can name. It reads metrics,
                    // one call per scheduled reconcile, and changes nothing.
                    .actions(List.of("cloudwatch:GetMetricData"))
                    .resources(List.of("*"))
                    .build());
        }
        if (settings.scalerVpc != null) {
            statements.add(PolicyStatement.Builder.create()
                    .sid("NetworkInterfacesInTheVpc")
                    // What AWSLambdaVPCAccessExecutionRole grants, inline: Lambda creates and deletes the function's
                    // network interfaces with its role. The interfaces do not exist before Lambda creates them and
                    // the Describe action supports no resource-level permissions, so the resource is "*".
                    .actions(List.of(
                            "ec2:CreateNetworkInterface",
                            "ec2:DescribeNetworkInterfaces",
                            "ec2:DescribeSubnets",
                            "ec2:DeleteNetworkInterface",
                            "ec2:AssignPrivateIpAddresses",
                            "ec2:UnassignPrivateIpAddresses"))
                    .resources(List.of("*"))
                    .build());
        }
        return LambdaRoles.withOwnLogs(
                scope,
                "Role",
                "Rescales one Flink application and re-sets its scaling " + "alarms",
                "Scaler",
                "WriteOwnLogs",
                logGroup.getLogGroupArn(),
                LambdaRoles.document(statements));
    }

    Function function() {
        return function;
    }

    Alias alias() {
        return alias;
    }

    Role role() {
        return role;
    }

    LogGroup logGroup() {
        return logGroup;
    }

    Rule reconcileRule() {
        return reconcileRule;
    }

    Queue deadLetterQueue() {
        return deadLetterQueue;
    }

    /** The SSM parameters the scaler reads and writes. */
    private static List<String> parameterArns(Inputs inputs) {
        List<String> arns = new ArrayList<>(List.of(
                inputs.desiredCapacity().getParameterArn(),
                inputs.rescaleAttempt().getParameterArn()));
        if (inputs.rescaleHistory() != null) {
            arns.add(inputs.rescaleHistory().getParameterArn());
        }
        if (inputs.learnedRate() != null) {
            arns.add(inputs.learnedRate().getParameterArn());
        }
        return arns;
    }

    /** The ARN of the Flink application named {@code applicationName} in the stack's account and region. */
    static String applicationArn(Stack stack, String applicationName) {
        return stack.formatArn(ArnComponents.builder()
                .service("kinesisanalytics")
                .resource("application")
                .resourceName(applicationName)
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                .build());
    }

    static String alarmArn(Stack stack, String alarmName) {
        return stack.formatArn(ArnComponents.builder()
                .service("cloudwatch")
                .resource("alarm")
                .resourceName(alarmName)
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                .build());
    }

    /**
     * A single application's scaler configuration: the function's environment, or, in a fleet, the value of the
     * application's configuration parameter.
     */
    static Map<String, String> environment(ResolvedProps settings, Inputs inputs) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(ScalerEnvironment.APPLICATION_NAME, inputs.applicationName());
        env.put(
                ScalerEnvironment.DESIRED_CAPACITY_PARAMETER_NAME,
                inputs.desiredCapacity().getParameterName());
        env.put(
                ScalerEnvironment.RESCALE_ATTEMPT_PARAMETER_NAME,
                inputs.rescaleAttempt().getParameterName());
        env.put(ScalerEnvironment.SCALE_OUT_ALARM_NAME, inputs.scaleOutAlarmName());
        env.put(ScalerEnvironment.SCALE_IN_ALARM_NAME, inputs.scaleInAlarmName());
        if (inputs.lagAlarmName() != null) {
            env.put(ScalerEnvironment.LAG_ALARM_NAME, inputs.lagAlarmName());
        }
        env.put(
                ScalerEnvironment.SIGNAL_KIND,
                settings.policy.thresholds().kind().name());
        // A utilization signal's thresholds are fixed: the scaler has nothing to compute them from.
        if (settings.policy.thresholds().kind().followsCapacity()) {
            env.put(
                    ScalerEnvironment.SCALE_OUT_PER_KPU,
                    ScalerEnvironment.encodeNumber(settings.policy.thresholds().scaleOutPerKpu()));
            env.put(
                    ScalerEnvironment.SCALE_IN_PER_KPU,
                    ScalerEnvironment.encodeNumber(settings.policy.thresholds().scaleInPerKpu()));
        }
        env.put(
                ScalerEnvironment.MIN_CAPACITY,
                Integer.toString(settings.policy.capacityRange().minCapacity()));
        env.put(ScalerEnvironment.KPU_QUOTA, Integer.toString(settings.policy.kpuQuota()));
        env.put(
                ScalerEnvironment.ALLOW_SCALING_WITHOUT_SNAPSHOTS,
                Boolean.toString(settings.allowScalingWithoutSnapshots));
        if (inputs.rescaleHistory() != null) {
            env.put(
                    ScalerEnvironment.RESCALE_HISTORY_PARAMETER_NAME,
                    inputs.rescaleHistory().getParameterName());
            env.put(
                    ScalerEnvironment.SNAPSHOT_RETENTION_KEEP_COUNT,
                    Integer.toString(settings.snapshotRetention.keepCount()));
            settings.snapshotRetention
                    .maxAge()
                    .ifPresent(age -> env.put(
                            ScalerEnvironment.SNAPSHOT_RETENTION_MAX_AGE_SECONDS, Long.toString(age.toSeconds())));
        }
        if (inputs.learnedRate() != null) {
            learningEnvironment(env, settings, inputs);
        }
        return env;
    }

    /**
     * The learning's variables: the series, the window, the parameter, the lag guard a rescale is sized by (when the
     * guard is on), and the settings the user gave.
     */
    private static void learningEnvironment(Map<String, String> env, ResolvedProps settings, Inputs inputs) {
        env.put(ScalerEnvironment.LEARNING_METRICS, inputs.learningMetrics());
        env.put(
                ScalerEnvironment.LEARNING_WINDOW_MINUTES,
                MetricSeriesText.encodeWindowMinutes(settings.rateLearning.windowMinutes()));
        env.put(
                ScalerEnvironment.LEARNED_RATE_PARAMETER_NAME,
                inputs.learnedRate().getParameterName());
        RescaleUnderBacklog.GuardLimits guard = settings.rateLearning.guardLimits();
        if (guard.enabled()) {
            env.put(ScalerEnvironment.LAG_GUARD_MAX_LAG_SECONDS, Integer.toString(guard.maxLagSeconds()));
            env.put(ScalerEnvironment.LAG_GUARD_DRAIN_MINUTES, Integer.toString(guard.drainMinutes()));
            env.put(ScalerEnvironment.EXPECTED_RESTART_SECONDS, Integer.toString(guard.restartSeconds()));
        }
        RateLearningProps given = settings.rateLearningProps;
        if (given == null) {
            return;
        }
        if (given.getMinRatePerKpu() != null) {
            env.put(
                    ScalerEnvironment.LEARNING_MIN_RATE_PER_KPU,
                    ScalerEnvironment.encodeNumber(settings.rateLearning.minRate()));
        }
        if (given.getMaxRatePerKpu() != null) {
            env.put(
                    ScalerEnvironment.LEARNING_MAX_RATE_PER_KPU,
                    ScalerEnvironment.encodeNumber(settings.rateLearning.maxRate()));
        }
        if (given.getMaxMovePerHour() != null) {
            env.put(
                    ScalerEnvironment.LEARNING_MAX_MOVE_PER_HOUR,
                    ScalerEnvironment.encodeNumber(settings.rateLearning.maxMovePerHour()));
        }
        if (given.getWarmUp() != null) {
            env.put(
                    ScalerEnvironment.LEARNING_WARM_UP_MINUTES,
                    Integer.toString(settings.rateLearning.warmUpMinutes()));
        }
    }
}
