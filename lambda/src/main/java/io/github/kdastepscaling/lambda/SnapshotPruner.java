package io.github.kdastepscaling.lambda;

import io.github.kdastepscaling.policy.ApplicationSnapshot;
import io.github.kdastepscaling.policy.RecordedRescale;
import io.github.kdastepscaling.policy.RetentionPlan;
import io.github.kdastepscaling.policy.ScalerSnapshots;
import io.github.kdastepscaling.policy.SnapshotRetention;
import io.github.kdastepscaling.policy.SnapshotVerdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ListApplicationSnapshotsResponse;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.SnapshotDetails;

/**
 * Carries out the {@link SnapshotRetention}: lists every snapshot of the application (following
 * {@code NextToken}), works out which ones the scaler's rescales caused ({@link ScalerSnapshots}), and deletes what
 * the retention says with {@code DeleteApplicationSnapshot}, which needs the snapshot's
 * {@code SnapshotCreationTimestamp} as listed.
 *
 * <p>It never throws on an AWS error: a failed read of the history or the list deletes nothing; a failed deletion
 * stops the run (the rest wait for the next one) and is reported. A snapshot already gone when deleted
 * ({@code ResourceNotFoundException}: someone deleted it meanwhile) is reported among the kept with that reason, not as
 * a failure.
 * Calls: {@code kinesisanalytics:ListApplicationSnapshots} and {@code kinesisanalytics:DeleteApplicationSnapshot}, both
 * on the application's ARN, and {@code ssm:GetParameter} on the history parameter.
 */
public final class SnapshotPruner {

    /** The page size: the most ListApplicationSnapshots allows. */
    static final int PAGE_SIZE = 50;
    /** The most pages read: 5,000 snapshots, above any quota; beyond it the list is not trusted and nothing deleted. */
    static final int MAX_PAGES = 100;

    private final KinesisAnalyticsV2Client client;
    private final String applicationName;
    private final SnapshotRetention retention;
    private final ScalerSnapshots attribution;

    /**
     * @param client          the kinesisanalyticsv2 client the scaler already holds
     * @param applicationName the application whose snapshots are kept in check
     * @param retention       how many and how old
     */
    public SnapshotPruner(KinesisAnalyticsV2Client client, String applicationName, SnapshotRetention retention) {
        this(client, applicationName, retention, ScalerSnapshots.withDefaultWindow());
    }

    SnapshotPruner(
            KinesisAnalyticsV2Client client,
            String applicationName,
            SnapshotRetention retention,
            ScalerSnapshots attribution) {
        this.client = client;
        this.applicationName = applicationName;
        this.retention = retention;
        this.attribution = attribution;
    }

    /** Reads the rescales from {@code history}, then prunes as {@link #prune(List, Instant)}. */
    SnapshotPruneReport prune(RescaleHistory history, Instant now) {
        List<RecordedRescale> rescales;
        try {
            rescales = history.recorded();
        } catch (SdkException e) {
            return SnapshotPruneReport.failedBeforeDeleting("could not read the rescale history from SSM parameter "
                    + history.parameterName() + ": " + AwsFailure.describe(e) + "; no snapshot deleted");
        }
        return prune(rescales, now);
    }

    /**
     * @param rescales the rescales the scaler recorded (see {@link RescaleHistory})
     * @param now      the time ages are measured at
     */
    public SnapshotPruneReport prune(List<RecordedRescale> rescales, Instant now) {
        List<ApplicationSnapshot> snapshots = new ArrayList<>();
        List<SnapshotVerdict> undatable = new ArrayList<>();
        try {
            String token = null;
            int pages = 0;
            do {
                if (++pages > MAX_PAGES) {
                    return SnapshotPruneReport.failedBeforeDeleting("ListApplicationSnapshots still had more pages "
                            + "after " + MAX_PAGES + " of " + PAGE_SIZE + "; no snapshot deleted");
                }
                String page = token;
                ListApplicationSnapshotsResponse response = client.listApplicationSnapshots(
                        r -> r.applicationName(applicationName).limit(PAGE_SIZE).nextToken(page));
                for (SnapshotDetails details : response.snapshotSummaries()) {
                    ApplicationSnapshot snapshot = of(details);
                    if (snapshot == null) {
                        undatable.add(new SnapshotVerdict(
                                new ApplicationSnapshot(
                                        String.valueOf(details.snapshotName()),
                                        String.valueOf(details.snapshotStatusAsString()),
                                        0,
                                        Instant.EPOCH),
                                false,
                                "listed without a name or a creation timestamp, which DeleteApplicationSnapshot "
                                        + "needs"));
                    } else {
                        snapshots.add(snapshot);
                    }
                }
                token = response.nextToken();
            } while (token != null && !token.isEmpty());
        } catch (SdkException e) {
            return SnapshotPruneReport.failedBeforeDeleting("could not list the snapshots of application "
                    + applicationName + ": " + AwsFailure.describe(e) + "; no snapshot deleted");
        }
        Set<String> ours = attribution.createdByScaler(snapshots, rescales);
        RetentionPlan plan = retention.plan(snapshots, ours, now);
        return carryOut(plan, snapshots.size() + undatable.size(), undatable);
    }

    private SnapshotPruneReport carryOut(RetentionPlan plan, int listed, List<SnapshotVerdict> undatable) {
        List<SnapshotVerdict> deleted = new ArrayList<>();
        List<SnapshotVerdict> kept = new ArrayList<>(plan.toKeep());
        kept.addAll(undatable);
        List<String> failures = new ArrayList<>();
        for (SnapshotVerdict verdict : plan.toDelete()) {
            if (!failures.isEmpty()) {
                kept.add(new SnapshotVerdict(
                        verdict.snapshot(),
                        false,
                        "not attempted after a failed deletion, left for the next run: " + verdict.reason()));
                continue;
            }
            ApplicationSnapshot snapshot = verdict.snapshot();
            try {
                client.deleteApplicationSnapshot(r -> r.applicationName(applicationName)
                        .snapshotName(snapshot.name())
                        .snapshotCreationTimestamp(snapshot.createdAt()));
                deleted.add(verdict);
            } catch (AwsServiceException e) {
                if (e.awsErrorDetails() != null
                        && "ResourceNotFoundException"
                                .equals(e.awsErrorDetails().errorCode())) {
                    kept.add(new SnapshotVerdict(
                            snapshot,
                            false,
                            "already gone when deleted (someone else " + "deleted it): " + verdict.reason()));
                    continue;
                }
                failures.add(deleteFailure(snapshot, e));
            } catch (SdkException e) {
                failures.add(deleteFailure(snapshot, e));
            }
        }
        return new SnapshotPruneReport(listed, deleted, kept, failures);
    }

    private String deleteFailure(ApplicationSnapshot snapshot, SdkException e) {
        return "could not delete snapshot " + snapshot.name() + " (created " + snapshot.createdAt()
                + ") of application " + applicationName + ": " + AwsFailure.describe(e)
                + "; the remaining deletions wait for the next run";
    }

    private static ApplicationSnapshot of(SnapshotDetails details) {
        if (details.snapshotCreationTimestamp() == null || details.snapshotName() == null) {
            return null;
        }
        return new ApplicationSnapshot(
                details.snapshotName(),
                details.snapshotStatusAsString() == null ? "UNKNOWN" : details.snapshotStatusAsString(),
                details.applicationVersionId() == null ? 0 : details.applicationVersionId(),
                details.snapshotCreationTimestamp());
    }
}
