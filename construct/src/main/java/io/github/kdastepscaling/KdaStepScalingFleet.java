package io.github.kdastepscaling;

import io.github.kdastepscaling.contract.DeployTimeResources;
import io.github.kdastepscaling.contract.ScalerEnvironment;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.customresources.Provider;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.cloudwatch.CompositeAlarm;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.QueryDefinition;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

/**
 * What many {@link KdaStepScaling}s share: one scaling API, one scaler function (fleet mode: it finds each
 * application's configuration in SSM by the scalable target's dimension id, and reconciles every registered
 * application on one schedule), one dead-letter queue, one provider of the deploy-time handlers, one dashboard and
 * one health alarm. Each application joins with {@code KdaStepScalingProps.builder().fleet(fleet)} and then creates
 * only its own parts.
 *
 * <pre>{@code
 * KdaStepScalingFleet fleet = new KdaStepScalingFleet(this, "Fleet", KdaStepScalingFleetProps.builder()
 *         .fleetId("orders")
 *         .build());
 * new KdaStepScaling(this, "Checkout", KdaStepScalingProps.builder()
 *         .fleet(fleet)
 *         .streamProps(StreamProps.builder().build())
 *         .applicationProps(FlinkApplicationProps.builder().applicationName("checkout")...build())
 *         .build());
 * }</pre>
 */
public class KdaStepScalingFleet extends Construct {

    /** A fleet's scaler reconciles every application in one invocation, each within one shared deadline. */
    static final Duration SCALER_TIMEOUT = Duration.minutes(1);

    private final FleetSettings settings;
    private final ScalerParts parts;
    private final FleetPermissions permissions;
    private final FleetObservability observability;
    private final QueryDefinition decisionsQuery;
    private final Set<String> applicationNames = new LinkedHashSet<>();
    private Provider capacityProvider;
    private DeployTimeCustomResources.Starter starter;

    /**
     * @throws IllegalArgumentException when a prop is invalid; the message names the prop and its value
     */
    public KdaStepScalingFleet(Construct scope, String id, KdaStepScalingFleetProps props) {
        super(scope, id);
        this.settings = FleetSettings.of(props);
        this.permissions = new FleetPermissions(Stack.of(this), settings);
        ScalerFunction scaler = new ScalerFunction(
                this,
                "Scaler",
                settings,
                new ScalerFunction.Shape(
                        settings.scalerMemorySize(),
                        settings.scalerReservedConcurrency(),
                        false,
                        null,
                        null,
                        null,
                        settings.reconcileInterval(),
                        SCALER_TIMEOUT),
                (self, logGroup) -> LambdaRoles.withOwnLogs(
                        self,
                        "Role",
                        "Rescales the Flink applications of " + "kda-step-scaling fleet " + settings.fleetId()
                                + " and re-sets their scaling alarms",
                        "Scaler",
                        "WriteOwnLogs",
                        logGroup.getLogGroupArn(),
                        permissions.document()),
                Map.of(ScalerEnvironment.FLEET_CONFIGURATION_PATH, settings.configurationPath()));
        NagSuppressionMetadata.fleetScaler(scaler.function(), scaler.role());
        ScalingEndpoint endpoint = new ScalingEndpoint(this, "Endpoint", settings, scaler.alias());
        NagSuppressionMetadata.endpoint(endpoint.api(), settings);
        this.parts = ScalerParts.of(scaler, endpoint);
        String queryName = decisionsQueryName();
        this.decisionsQuery = ObservabilityFactory.queryDefinition(this, parts.logGroup(), queryName);
        this.observability = new FleetObservability(this, settings, parts, queryName);
        NagSuppressionMetadata.inlinePolicies(this);
    }

    /** The fleet's id, as given. */
    public String getFleetId() {
        return settings.fleetId();
    }

    /** The SSM path under which each application's configuration and state are stored. */
    public String getConfigurationPath() {
        return settings.configurationPath();
    }

    /** The names of the applications that joined so far, in the order they joined. */
    public List<String> getApplicationNames() {
        return List.copyOf(applicationNames);
    }

    /** The shared scaler Lambda. */
    public Function getScalerFunction() {
        return parts.function();
    }

    /** The {@code live} alias the API and the schedule invoke. */
    public Alias getScalerAlias() {
        return parts.alias();
    }

    /** The shared scaler's role. */
    public IRole getScalerRole() {
        return parts.role();
    }

    /** The shared scaler's log group: every application's decision lines, each with its application's name. */
    public ILogGroup getScalerLogGroup() {
        return parts.logGroup();
    }

    /** The scheduled rule that reconciles every application. */
    public Rule getReconcileRule() {
        return parts.reconcileRule();
    }

    /** The shared scaler's dead-letter queue. */
    public Queue getScalerDeadLetterQueue() {
        return parts.deadLetterQueue();
    }

    /** The one REST API Application Auto Scaling calls for every application. */
    public RestApi getApi() {
        return parts.api();
    }

    /** The API's access log group. */
    public ILogGroup getApiAccessLogGroup() {
        return parts.apiAccessLogs();
    }

    /** The saved Logs Insights query of the fleet's decisions. */
    public QueryDefinition getDecisionsQuery() {
        return decisionsQuery;
    }

    /** The fleet's dashboard: the shared scaler, then one section per application. */
    public Dashboard getDashboard() {
        return observability.dashboard();
    }

    /**
     * A composite alarm in ALARM when the shared scaler or endpoint fails, or any application's health composite is
     * (named after the application). It has no action: add one, e.g.
     * {@code getHealthAlarm().addAlarmAction(new SnsAction(topic))}.
     */
    public CompositeAlarm getHealthAlarm() {
        return observability.healthAlarm();
    }

    String decisionsQueryName() {
        return "kda-step-scaling/fleet-" + settings.fleetId() + "/decisions";
    }

    ScalerParts parts() {
        return parts;
    }

    FleetSettings settings() {
        return settings;
    }

    /**
     * The member's props with the fleet's settings in place of those the fleet owns; refuses a prop the fleet owns,
     * an application name not known at synthesis (it names the member's parameters and alarms), and a second member
     * of the same name.
     */
    KdaStepScalingProps memberProps(KdaStepScalingProps props) {
        FleetMembership.refuseOwnedProps(props, settings.fleetId());
        String name = FleetMembership.applicationName(props, settings.fleetId());
        if (!applicationNames.add(name)) {
            throw new IllegalArgumentException("fleet (" + settings.fleetId() + ") already has an application named "
                    + name + ": each application of a fleet needs its own name");
        }
        PropValues values = props.values.copy();
        values.reconcileInterval = settings.reconcileInterval();
        values.logRetention = settings.logRetention();
        return new KdaStepScalingProps(values);
    }

    /** The SSM path of a member's state parameters. */
    String statePath(String applicationName) {
        return settings.configurationPath() + "/state/" + applicationName;
    }

    /** The shared provider of the deploy-time capacity and thresholds: its function reads every member's state. */
    Provider capacityProvider() {
        if (capacityProvider == null) {
            Construct namespace = new Construct(this, "DeployTimeCapacity");
            Function function = DeployTimeCustomResources.function(
                    namespace,
                    "Function",
                    settings,
                    DeployTimeResources.CAPACITY_HANDLER,
                    "kda-step-scaling: the parallelism and alarm thresholds a "
                            + "deploy gives each application of fleet " + settings.fleetId(),
                    List.of(
                            PolicyStatement.Builder.create()
                                    .sid("ReadDesiredCapacity")
                                    .actions(List.of("ssm:GetParameter"))
                                    .resources(List.of(FleetPermissions.parameterArn(
                                            Stack.of(this), settings.configurationPath() + "/state/*")))
                                    .build(),
                            PolicyStatement.Builder.create()
                                    .sid("ReadScalableTargetMinimum")
                                    // No resource-level permissions for Application Auto Scaling's Describe actions.
                                    .actions(List.of("application-autoscaling:DescribeScalableTargets"))
                                    .resources(List.of("*"))
                                    .build()));
            NagSuppressionMetadata.fleetDeployTimeRead(function.getRole());
            this.capacityProvider = DeployTimeCustomResources.provider(namespace, settings, function, null);
            NagSuppressionMetadata.inlinePolicies(namespace);
        }
        return capacityProvider;
    }

    /** The shared provider that starts created applications, now allowed to start {@code applicationArn} too. */
    Provider starter(String applicationArn) {
        if (starter == null) {
            Construct namespace = new Construct(this, "StartOnCreate");
            this.starter =
                    DeployTimeCustomResources.starter(namespace, settings, new ArrayList<>(List.of(applicationArn)));
            NagSuppressionMetadata.inlinePolicies(namespace);
        } else {
            starter.statements().forEach(statement -> statement.addResources(applicationArn));
        }
        return starter.provider();
    }

    /**
     * Registers a member: its configuration parameter, which the scaler reads by the scalable target's dimension id
     * and lists on each reconcile; its application in the scaler's policy.
     *
     * @return the configuration parameter, which the scalable target must wait for (registering it calls the API)
     */
    StringParameter register(KdaStepScaling scaling, ResolvedProps member, ScalerFunction.Inputs inputs) {
        String name = inputs.applicationName();
        permissions.register(
                ScalerFunction.applicationArn(Stack.of(this), name),
                member.snapshotRetention != null,
                member.rateLearning != null);
        return FleetMembership.configurationParameter(
                scaling,
                settings,
                member,
                inputs,
                StepScalingFactory.resourceId(parts.api().getRestApiId(), settings.stageName(), name));
    }

    /** Adds the member's health composite to the fleet's health alarm and its section to the dashboard. */
    CompositeAlarm addObservability(KdaStepScaling scaling) {
        return observability.addMember(scaling);
    }
}
