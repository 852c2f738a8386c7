package io.github.kdastepscaling.lambda;

import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationDetail;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ConfigurationType;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ParallelismConfigurationDescription;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.UpdateApplicationRequest;

/** The one Flink application the scaler owns, seen through the kinesisanalyticsv2 API. */
final class FlinkApplication {

    private final KinesisAnalyticsV2Client client;
    private final String applicationName;

    FlinkApplication(KinesisAnalyticsV2Client client, String applicationName) {
        this.client = client;
        this.applicationName = applicationName;
    }

    ApplicationState describe() {
        ApplicationDetail detail = client.describeApplication(r -> r.applicationName(applicationName))
                .applicationDetail();
        var configuration = detail.applicationConfigurationDescription();
        ParallelismConfigurationDescription parallelism = configuration == null
                        || configuration.flinkApplicationConfigurationDescription() == null
                ? null
                : configuration.flinkApplicationConfigurationDescription().parallelismConfigurationDescription();
        if (parallelism == null) {
            throw new ScalerFailure(
                    ScalerFailure.Kind.UNUSABLE_STATE,
                    "application " + applicationName
                            + " describes no Flink parallelism "
                            + "configuration (runtime " + detail.runtimeEnvironmentAsString()
                            + "): the scaler only scales "
                            + "Managed Service for Apache Flink applications");
        }
        var snapshots = configuration.applicationSnapshotConfigurationDescription();
        int configured = orDefault(parallelism.parallelism(), 1);
        return new ApplicationState(
                detail.applicationStatusAsString(),
                configured,
                orDefault(parallelism.parallelismPerKPU(), 1),
                orDefault(parallelism.currentParallelism(), configured),
                Boolean.TRUE.equals(parallelism.autoScalingEnabled()),
                snapshots != null && Boolean.TRUE.equals(snapshots.snapshotsEnabled()),
                detail.conditionalToken(),
                detail.applicationVersionId() == null ? 0 : detail.applicationVersionId(),
                detail.lastUpdateTimestamp());
    }

    /**
     * Sets the parallelism, guarded by the conditional token of {@code seen}: if anyone changed the application
     * since, the service answers {@code ConcurrentModificationException} and nothing changes. The service's own
     * autoscaling is switched off in the same update, so it cannot undo the scaler's choice.
     *
     * @return the application version the update created
     */
    long setParallelism(ApplicationState seen, int parallelism) {
        ApplicationDetail updated = client.updateApplication(r -> guardedBy(r.applicationName(applicationName), seen)
                        .applicationConfigurationUpdate(c ->
                                c.flinkApplicationConfigurationUpdate(f -> f.parallelismConfigurationUpdate(
                                        p -> p.configurationTypeUpdate(ConfigurationType.CUSTOM)
                                                .parallelismUpdate(parallelism)
                                                .autoScalingEnabledUpdate(false)))))
                .applicationDetail();
        return updated == null || updated.applicationVersionId() == null
                ? seen.versionId() + 1
                : updated.applicationVersionId();
    }

    /** The docs prefer the conditional token; the version id guards the same way where no token is given. */
    private static UpdateApplicationRequest.Builder guardedBy(
            UpdateApplicationRequest.Builder request, ApplicationState seen) {
        return seen.conditionalToken() != null
                ? request.conditionalToken(seen.conditionalToken())
                : request.currentApplicationVersionId(seen.versionId());
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
