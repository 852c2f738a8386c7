package io.github.kdastepscaling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kinesis.IStream;
import software.amazon.awscdk.services.kinesisanalyticsv2.CfnApplication;
import software.amazon.awscdk.services.kinesisanalyticsv2.CfnApplicationCloudWatchLoggingOption;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.LogStream;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * Creates the Flink application (L1), its log group and stream, and its least-privilege role: read the source
 * stream, read the code object, write its own log stream.
 */
final class FlinkApplicationFactory {

    /** The property group through which the job learns its source stream. */
    static final String PROPERTY_GROUP_ID = "kda-step-scaling";

    static final String LOG_STREAM_NAME = "flink-application";

    /** The Kinesis actions a Flink Kinesis source needs to read a stream by polling. */
    static final List<String> STREAM_READ_ACTIONS = List.of(
            "kinesis:DescribeStream",
            "kinesis:DescribeStreamSummary",
            "kinesis:GetRecords",
            "kinesis:GetShardIterator",
            "kinesis:ListShards");

    /** The checkpoint pause the service uses by default, kept when only the interval is customised. */
    static final Duration DEFAULT_MIN_PAUSE_BETWEEN_CHECKPOINTS = Duration.seconds(5);
    /** The checkpoint interval the service uses by default, kept when only the pause is customised. */
    static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.minutes(1);

    /** The EC2 actions an application in a VPC needs for its network interfaces (none takes a resource ARN). */
    static final List<String> VPC_ACTIONS = List.of(
            "ec2:CreateNetworkInterface",
            "ec2:CreateNetworkInterfacePermission",
            "ec2:DeleteNetworkInterface",
            "ec2:DescribeDhcpOptions",
            "ec2:DescribeNetworkInterfaces",
            "ec2:DescribeSecurityGroups",
            "ec2:DescribeSubnets",
            "ec2:DescribeVpcs");

    /**
     * @param role the application's role
     * @param createdRole the role the construct created, or null when the user gave one (its statements are then a
     *                    policy attached to it)
     * @param logGroup the application's log group
     * @param permissions the construct that holds the application's statements (the created role, or the policy
     *                    attached to a given one), where their cdk-nag suppressions go
     * @param inVpc whether the application runs in a VPC (its statements then include the EC2 actions)
     */
    record Result(
            CfnApplication application,
            IRole role,
            Role createdRole,
            ILogGroup logGroup,
            IConstruct permissions,
            boolean inVpc) {}

    private FlinkApplicationFactory() {}

    /**
     * @param parallelism the application's {@code Parallelism}: the deploy-time capacity resource's attribute, so a
     *                    deploy keeps the capacity the scaler chose
     */
    static Result create(
            Construct scope, FlinkApplicationProps props, ResolvedProps settings, IStream stream, Number parallelism) {
        Stack stack = Stack.of(scope);
        ApplicationCodeConfig code = props.getCode().bind(scope);
        if (code == null) {
            throw new IllegalArgumentException(
                    "applicationProps.code (" + props.getCode().getClass().getName()
                            + ") bound to no location: bind must return an ApplicationCodeConfig");
        }

        ILogGroup logGroup = props.getLogGroup();
        if (logGroup == null) {
            LogGroup created = ConstructLogGroups.create(scope, "LogGroup", settings);
            if (props.getRemovalPolicy() != null) {
                created.applyRemovalPolicy(props.getRemovalPolicy());
            }
            logGroup = created;
        }
        LogStream logStream = LogStream.Builder.create(scope, "LogStream")
                .logGroup(logGroup)
                .logStreamName(LOG_STREAM_NAME)
                .build();
        String logStreamArn = stack.formatArn(ArnComponents.builder()
                .service("logs")
                .resource("log-group")
                .resourceName(logGroup.getLogGroupName() + ":log-stream:" + LOG_STREAM_NAME)
                .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                .build());

        List<PolicyStatement> statements = new ArrayList<>();
        statements.add(PolicyStatement.Builder.create()
                .sid("ReadSourceStream")
                .actions(STREAM_READ_ACTIONS)
                .resources(List.of(stream.getStreamArn()))
                .build());
        if (stream.getEncryptionKey() != null) {
            statements.add(PolicyStatement.Builder.create()
                    .sid("DecryptSourceStream")
                    .actions(List.of("kms:Decrypt"))
                    .resources(List.of(stream.getEncryptionKey().getKeyArn()))
                    .build());
        }
        statements.add(PolicyStatement.Builder.create()
                .sid("ReadCode")
                .actions(List.of("s3:GetObject"))
                .resources(List.of(code.bucket().arnForObjects(code.fileKey())))
                .build());
        // AWS's documented role for application logging: DescribeLogGroups is a listing call that takes only the
        // log-group:* form of ARN; it reveals group names, never their events.
        statements.add(PolicyStatement.Builder.create()
                .sid("DescribeLogGroups")
                .actions(List.of("logs:DescribeLogGroups"))
                .resources(List.of(stack.formatArn(ArnComponents.builder()
                        .service("logs")
                        .resource("log-group")
                        .resourceName("*")
                        .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                        .build())))
                .build());
        statements.add(PolicyStatement.Builder.create()
                .sid("DescribeOwnLogStreams")
                .actions(List.of("logs:DescribeLogStreams"))
                .resources(List.of(stack.formatArn(ArnComponents.builder()
                        .service("logs")
                        .resource("log-group")
                        .resourceName(logGroup.getLogGroupName() + ":log-stream:*")
                        .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                        .build())))
                .build());
        statements.add(PolicyStatement.Builder.create()
                .sid("WriteOwnLogStream")
                .actions(List.of("logs:PutLogEvents"))
                .resources(List.of(logStreamArn))
                .build());
        Network network = props.getVpc() == null ? null : network(scope, props);
        if (network != null) {
            statements.add(PolicyStatement.Builder.create()
                    .sid("ManageNetworkInterfacesInVpc")
                    .actions(VPC_ACTIONS)
                    .resources(List.of("*"))
                    .build());
        }
        Role createdRole = null;
        IConstruct permissions;
        IRole role = props.getRole();
        if (role == null) {
            createdRole = Role.Builder.create(scope, "Role")
                    .assumedBy(new ServicePrincipal("kinesisanalytics.amazonaws.com"))
                    .description("Runs the Flink application: reads its source stream and code, writes its log stream")
                    .inlinePolicies(Map.of(
                            "Application",
                            PolicyDocument.Builder.create()
                                    .statements(statements)
                                    .build()))
                    .build();
            role = createdRole;
            permissions = createdRole;
        } else {
            // addToPrincipalPolicy leaves a role imported as immutable untouched; a mutable one gets a policy.
            for (PolicyStatement statement : statements) {
                role.addToPrincipalPolicy(statement);
            }
            permissions = role.getNode().tryFindChild("Policy");
        }

        CfnApplication application = CfnApplication.Builder.create(scope, "Resource")
                .applicationName(props.getApplicationName())
                .applicationDescription("Flink application scaled by kda-step-scaling")
                .runtimeEnvironment(settings.runtime.getValue())
                .serviceExecutionRole(role.getRoleArn())
                .applicationConfiguration(CfnApplication.ApplicationConfigurationProperty.builder()
                        .applicationCodeConfiguration(CfnApplication.ApplicationCodeConfigurationProperty.builder()
                                .codeContentType("ZIPFILE")
                                .codeContent(CfnApplication.CodeContentProperty.builder()
                                        .s3ContentLocation(CfnApplication.S3ContentLocationProperty.builder()
                                                .bucketArn(code.bucket().getBucketArn())
                                                .fileKey(code.fileKey())
                                                .objectVersion(code.objectVersion())
                                                .build())
                                        .build())
                                .build())
                        .applicationSnapshotConfiguration(
                                CfnApplication.ApplicationSnapshotConfigurationProperty.builder()
                                        .snapshotsEnabled(settings.snapshotsEnabled)
                                        .build())
                        // A rescale the job cannot take (its max parallelism, say) rolls back to the capacity that
                        // ran, instead of leaving the application stopped; the scaler then stops retrying it.
                        .applicationSystemRollbackConfiguration(
                                CfnApplication.ApplicationSystemRollbackConfigurationProperty.builder()
                                        .rollbackEnabled(true)
                                        .build())
                        .environmentProperties(CfnApplication.EnvironmentPropertiesProperty.builder()
                                .propertyGroups(propertyGroups(props, stream))
                                .build())
                        .flinkApplicationConfiguration(CfnApplication.FlinkApplicationConfigurationProperty.builder()
                                .checkpointConfiguration(checkpoints(props))
                                .monitoringConfiguration(CfnApplication.MonitoringConfigurationProperty.builder()
                                        .configurationType("CUSTOM")
                                        .logLevel(
                                                (props.getLogLevel() != null ? props.getLogLevel() : FlinkLogLevel.INFO)
                                                        .name())
                                        .metricsLevel(
                                                ResolvedRateLearning.metricsLevel(props.getMetricsLevel(), settings)
                                                        .name())
                                        .build())
                                .parallelismConfiguration(CfnApplication.ParallelismConfigurationProperty.builder()
                                        .configurationType("CUSTOM")
                                        .parallelism(parallelism)
                                        .parallelismPerKpu(settings.parallelismPerKpu)
                                        .autoScalingEnabled(false)
                                        .build())
                                .build())
                        .vpcConfigurations(
                                network == null
                                        ? null
                                        : List.of(CfnApplication.VpcConfigurationProperty.builder()
                                                .subnetIds(network.subnetIds())
                                                .securityGroupIds(network.securityGroupIds())
                                                .build()))
                        .build())
                .build();
        application.getNode().addDependency(role);
        if (props.getRemovalPolicy() != null) {
            application.applyRemovalPolicy(props.getRemovalPolicy());
        }

        CfnApplicationCloudWatchLoggingOption logging = CfnApplicationCloudWatchLoggingOption.Builder.create(
                        scope, "Logging")
                .applicationName(application.getRef())
                .cloudWatchLoggingOption(CfnApplicationCloudWatchLoggingOption.CloudWatchLoggingOptionProperty.builder()
                        .logStreamArn(logStreamArn)
                        .build())
                .build();
        logging.getNode().addDependency(logStream);
        return new Result(application, role, createdRole, logGroup, permissions, network != null);
    }

    /** The service's default checkpointing unless an interval or a pause is given; checkpointing stays on. */
    private static CfnApplication.CheckpointConfigurationProperty checkpoints(FlinkApplicationProps props) {
        if (props.getCheckpointInterval() == null && props.getMinPauseBetweenCheckpoints() == null) {
            return CfnApplication.CheckpointConfigurationProperty.builder()
                    .configurationType("DEFAULT")
                    .build();
        }
        Duration interval =
                props.getCheckpointInterval() != null ? props.getCheckpointInterval() : DEFAULT_CHECKPOINT_INTERVAL;
        Duration pause = props.getMinPauseBetweenCheckpoints() != null
                ? props.getMinPauseBetweenCheckpoints()
                : DEFAULT_MIN_PAUSE_BETWEEN_CHECKPOINTS;
        return CfnApplication.CheckpointConfigurationProperty.builder()
                .configurationType("CUSTOM")
                .checkpointingEnabled(true)
                .checkpointInterval(interval.toMilliseconds())
                .minPauseBetweenCheckpoints(pause.toMilliseconds())
                .build();
    }

    private record Network(List<String> subnetIds, List<String> securityGroupIds) {}

    /** The subnets and security groups of a VPC application: the given ones, or private subnets and a new group. */
    private static Network network(Construct scope, FlinkApplicationProps props) {
        SubnetSelection selection = props.getVpcSubnets() != null
                ? props.getVpcSubnets()
                : SubnetSelection.builder()
                        .subnetType(SubnetType.PRIVATE_WITH_EGRESS)
                        .build();
        List<String> subnets = props.getVpc().selectSubnets(selection).getSubnetIds();
        List<ISecurityGroup> groups = props.getSecurityGroups() != null
                ? props.getSecurityGroups()
                : List.of(SecurityGroup.Builder.create(scope, "SecurityGroup")
                        .vpc(props.getVpc())
                        .description("Network interfaces of the Flink application scaled by kda-step-scaling")
                        .allowAllOutbound(true)
                        .build());
        return new Network(
                subnets, groups.stream().map(ISecurityGroup::getSecurityGroupId).toList());
    }

    private static List<CfnApplication.PropertyGroupProperty> propertyGroups(
            FlinkApplicationProps props, IStream stream) {
        List<CfnApplication.PropertyGroupProperty> groups = new ArrayList<>();
        Map<String, String> own = new LinkedHashMap<>();
        own.put("streamName", stream.getStreamName());
        own.put("region", stream.getEnv().getRegion());
        groups.add(CfnApplication.PropertyGroupProperty.builder()
                .propertyGroupId(PROPERTY_GROUP_ID)
                .propertyMap(own)
                .build());
        props.getPropertyGroups()
                .forEach((id, map) -> groups.add(CfnApplication.PropertyGroupProperty.builder()
                        .propertyGroupId(id)
                        .propertyMap(new LinkedHashMap<>(new TreeMap<>(map)))
                        .build()));
        return groups;
    }
}
