package io.github.kdastepscaling;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * The shared scaler's policy, which stays the same size however many applications register, but for one ARN per
 * application: the SSM parameters are named under the fleet's path and the scaling alarms with the fleet's prefix, so
 * a path or prefix scopes them; the Flink applications are listed one by one as they register.
 */
final class FleetPermissions {

    /** The suffixes of a member's scaling alarms: the scaler may re-set these and no other alarm of the fleet. */
    static final List<String> ALARM_KINDS = List.of("ScaleOut", "ScaleIn", "Lag");

    private final PolicyDocument document;
    private PolicyStatement applications;
    private PolicyStatement snapshots;
    private boolean readsMetrics;

    FleetPermissions(Stack stack, FleetSettings settings) {
        String path = settings.configurationPath();
        List<String> alarms = new ArrayList<>();
        for (String kind : ALARM_KINDS) {
            alarms.add(ScalerFunction.alarmArn(stack, settings.alarmName("*", kind)));
        }
        this.document = PolicyDocument.Builder.create()
                .statements(new ArrayList<>(List.of(
                        PolicyStatement.Builder.create()
                                .sid("ListApplications")
                                // GetParametersByPath's resource is the path itself.
                                .actions(List.of("ssm:GetParametersByPath"))
                                .resources(List.of(parameterArn(stack, path + "/applications")))
                                .build(),
                        PolicyStatement.Builder.create()
                                .sid("ReadApplicationConfiguration")
                                .actions(List.of("ssm:GetParameter"))
                                .resources(List.of(parameterArn(stack, path + "/applications/*")))
                                .build(),
                        PolicyStatement.Builder.create()
                                .sid("StoreApplicationState")
                                .actions(List.of("ssm:GetParameter", "ssm:PutParameter"))
                                .resources(List.of(parameterArn(stack, path + "/state/*")))
                                .build(),
                        PolicyStatement.Builder.create()
                                .sid("ResetAlarmThresholds")
                                .actions(List.of("cloudwatch:DescribeAlarms", "cloudwatch:PutMetricAlarm"))
                                .resources(alarms)
                                .build(),
                        PolicyStatement.Builder.create()
                                .sid("ReadScalableTargetRange")
                                // No resource-level permissions for Application Auto Scaling's Describe actions: "*" is
                                // the
                                // only resource a statement can name. It reads ranges, never changes them.
                                .actions(List.of("application-autoscaling:DescribeScalableTargets"))
                                .resources(List.of("*"))
                                .build())))
                .build();
    }

    /** The document, for the role; {@link #register} still adds to it. */
    PolicyDocument document() {
        return document;
    }

    /**
     * Lets the scaler rescale one more application; statements a member needs are added with the first member that
     * needs them, so no statement is ever without a resource.
     */
    void register(String applicationArn, boolean prunesSnapshots, boolean learns) {
        if (applications == null) {
            applications = PolicyStatement.Builder.create()
                    .sid("RescaleApplications")
                    .actions(List.of("kinesisanalytics:DescribeApplication", "kinesisanalytics:UpdateApplication"))
                    .resources(new ArrayList<>(List.of(applicationArn)))
                    .build();
            document.addStatements(applications);
        } else {
            applications.addResources(applicationArn);
        }
        if (prunesSnapshots && snapshots == null) {
            snapshots = PolicyStatement.Builder.create()
                    .sid("PruneOwnSnapshots")
                    // The snapshot retention lists an application's snapshots and deletes the scaler's own beyond it.
                    .actions(List.of(
                            "kinesisanalytics:ListApplicationSnapshots", "kinesisanalytics:DeleteApplicationSnapshot"))
                    .resources(new ArrayList<>(List.of(applicationArn)))
                    .build();
            document.addStatements(snapshots);
        } else if (prunesSnapshots) {
            snapshots.addResources(applicationArn);
        }
        if (learns && !readsMetrics) {
            readsMetrics = true;
            document.addStatements(PolicyStatement.Builder.create()
                    .sid("ReadLearningMetrics")
                    // GetMetricData supports no resource-level permissions: "*" is the only resource it can name. It
                    // reads metrics, one call per learning application and scheduled reconcile, and changes nothing.
                    .actions(List.of("cloudwatch:GetMetricData"))
                    .resources(List.of("*"))
                    .build());
        }
    }

    /** The ARN of the SSM parameter (or path) {@code name}, which starts with '/'. */
    static String parameterArn(Stack stack, String name) {
        return stack.formatArn(ArnComponents.builder()
                .service("ssm")
                .resource("parameter")
                .resourceName(name.substring(1))
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                .build());
    }
}
