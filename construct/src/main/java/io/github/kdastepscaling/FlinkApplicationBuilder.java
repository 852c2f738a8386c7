package io.github.kdastepscaling;

import io.github.kdastepscaling.math.Capacity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kinesis.IStream;
import software.amazon.awscdk.services.kinesisanalyticsv2.CfnApplication;
import software.amazon.awscdk.services.kinesisanalyticsv2.CfnApplicationCloudWatchLoggingOption;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.LogStream;
import software.constructs.Construct;

/**
 * Creates the Flink application (L1), its log group and stream, and its least-privilege role: read the source
 * stream, read the code object, write its own log stream.
 */
final class FlinkApplicationBuilder {

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

    record Result(CfnApplication application, Role role, LogGroup logGroup) {
    }

    private FlinkApplicationBuilder() {
    }

    static Result build(Construct scope, FlinkApplicationProps props, Settings settings, IStream stream) {
        Stack stack = Stack.of(scope);
        ApplicationCode.Location code = props.getCode().bind(scope);

        LogGroup logGroup = LogGroup.Builder.create(scope, "LogGroup").retention(settings.logRetention).build();
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
                .resources(List.of(code.bucket().arnForObjects(code.key())))
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
        Role role = Role.Builder.create(scope, "Role")
                .assumedBy(new ServicePrincipal("kinesisanalytics.amazonaws.com"))
                .description("Runs the Flink application: reads its source stream and code, writes its log stream")
                .inlinePolicies(Map.of("Application", PolicyDocument.Builder.create().statements(statements).build()))
                .build();

        CfnApplication application = CfnApplication.Builder.create(scope, "Resource")
                .applicationName(props.getApplicationName())
                .applicationDescription("Flink application scaled by kda-step-scaling")
                .runtimeEnvironment(settings.runtime)
                .serviceExecutionRole(role.getRoleArn())
                .applicationConfiguration(CfnApplication.ApplicationConfigurationProperty.builder()
                        .applicationCodeConfiguration(CfnApplication.ApplicationCodeConfigurationProperty.builder()
                                .codeContentType("ZIPFILE")
                                .codeContent(CfnApplication.CodeContentProperty.builder()
                                        .s3ContentLocation(CfnApplication.S3ContentLocationProperty.builder()
                                                .bucketArn(code.bucket().getBucketArn())
                                                .fileKey(code.key())
                                                .build())
                                        .build())
                                .build())
                        .applicationSnapshotConfiguration(CfnApplication.ApplicationSnapshotConfigurationProperty
                                .builder().snapshotsEnabled(settings.snapshotsEnabled).build())
                        // A rescale the job cannot take (its max parallelism, say) rolls back to the capacity that
                        // ran, instead of leaving the application stopped; the scaler then stops retrying it.
                        .applicationSystemRollbackConfiguration(CfnApplication
                                .ApplicationSystemRollbackConfigurationProperty.builder().rollbackEnabled(true).build())
                        .environmentProperties(CfnApplication.EnvironmentPropertiesProperty.builder()
                                .propertyGroups(propertyGroups(props, stream))
                                .build())
                        .flinkApplicationConfiguration(CfnApplication.FlinkApplicationConfigurationProperty.builder()
                                .checkpointConfiguration(CfnApplication.CheckpointConfigurationProperty.builder()
                                        .configurationType("DEFAULT")
                                        .build())
                                .monitoringConfiguration(CfnApplication.MonitoringConfigurationProperty.builder()
                                        .configurationType("CUSTOM")
                                        .logLevel("INFO")
                                        .metricsLevel("APPLICATION")
                                        .build())
                                .parallelismConfiguration(CfnApplication.ParallelismConfigurationProperty.builder()
                                        .configurationType("CUSTOM")
                                        .parallelism(Capacity.parallelismFor(settings.initialCapacity,
                                                settings.parallelismPerKpu))
                                        .parallelismPerKpu(settings.parallelismPerKpu)
                                        .autoScalingEnabled(false)
                                        .build())
                                .build())
                        .build())
                .build();
        application.getNode().addDependency(role);

        CfnApplicationCloudWatchLoggingOption logging = CfnApplicationCloudWatchLoggingOption.Builder
                .create(scope, "Logging")
                .applicationName(application.getRef())
                .cloudWatchLoggingOption(CfnApplicationCloudWatchLoggingOption.CloudWatchLoggingOptionProperty.builder()
                        .logStreamArn(logStreamArn)
                        .build())
                .build();
        logging.getNode().addDependency(logStream);
        return new Result(application, role, logGroup);
    }

    private static List<CfnApplication.PropertyGroupProperty> propertyGroups(FlinkApplicationProps props,
                                                                            IStream stream) {
        List<CfnApplication.PropertyGroupProperty> groups = new ArrayList<>();
        Map<String, String> own = new LinkedHashMap<>();
        own.put("streamName", stream.getStreamName());
        own.put("region", stream.getEnv().getRegion());
        groups.add(CfnApplication.PropertyGroupProperty.builder()
                .propertyGroupId(PROPERTY_GROUP_ID)
                .propertyMap(own)
                .build());
        props.getPropertyGroups().forEach((id, map) -> groups.add(CfnApplication.PropertyGroupProperty.builder()
                .propertyGroupId(id)
                .propertyMap(new LinkedHashMap<>(new java.util.TreeMap<>(map)))
                .build()));
        return groups;
    }
}
