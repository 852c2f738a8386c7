package io.github.kdastepscaling.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.kdastepscaling.fakes.FakeApplication;
import io.github.kdastepscaling.fakes.FakeAws;
import io.github.kdastepscaling.fakes.RecordedCall;
import io.github.kdastepscaling.lambda.ScalerClients;
import io.github.kdastepscaling.lambda.SnapshotPruneReport;
import io.github.kdastepscaling.lambda.SnapshotPruner;
import io.github.kdastepscaling.policy.RecordedRescale;
import io.github.kdastepscaling.policy.SnapshotRetention;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ConfigurationType;

/**
 * The IAM the snapshot retention needs, proved against the calls it makes: the statement the scaler role must gain
 * ({@link #SNAPSHOT_RETENTION_STATEMENT}) allows every call {@link SnapshotPruner} made over the fakes, on the
 * application's ARN only, and grants nothing it never calls. Once the construct grants it, the same check belongs in
 * {@code ExampleStackProofTest} on the synthesized role (with a prune in {@code ScalerRun}).
 */
class SnapshotRetentionPermissionsTest {

    private static final String APPLICATION = "orders-enricher";
    private static final String APPLICATION_ARN = "arn:aws:kinesisanalytics:" + FakeDeployment.REGION + ":"
            + FakeDeployment.ACCOUNT + ":application/" + APPLICATION;

    /** The statement proposed for the scaler role: two actions on the one application's ARN. */
    static final String SNAPSHOT_RETENTION_STATEMENT = "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":["
            + "\"kinesisanalytics:ListApplicationSnapshots\",\"kinesisanalytics:DeleteApplicationSnapshot\"],"
            + "\"Resource\":\"" + APPLICATION_ARN + "\"}]}";

    @Test
    void theProposedStatementAllowsEverySnapshotCallAndNothingElse() throws Exception {
        List<RecordedCall> calls;
        try (FakeAws aws = ScalerRun.fakeAws();
                ScalerClients clients = ScalerRun.clientsFor(aws)) {
            FakeApplication app =
                    aws.flink().addApplication(APPLICATION).parallelism(2).autoScalingEnabled(false);
            List<RecordedRescale> rescales = new ArrayList<>();
            for (int parallelism = 3; parallelism <= 6; parallelism++) {
                int p = parallelism;
                Instant submittedAt = Instant.now();
                long version = clients.flink()
                        .updateApplication(r -> r.applicationName(APPLICATION)
                                .conditionalToken(app.conditionalToken())
                                .applicationConfigurationUpdate(c ->
                                        c.flinkApplicationConfigurationUpdate(f -> f.parallelismConfigurationUpdate(
                                                u -> u.configurationTypeUpdate(ConfigurationType.CUSTOM)
                                                        .parallelismUpdate(p)))))
                        .applicationDetail()
                        .applicationVersionId();
                rescales.add(new RecordedRescale(version, submittedAt));
                aws.flink().completeTransitions();
            }
            aws.clearCalls();

            SnapshotPruneReport report = new SnapshotPruner(
                            clients.flink(),
                            APPLICATION,
                            SnapshotRetention.builder().keepCount(1).build())
                    .prune(rescales, Instant.now());

            assertEquals(List.of(), report.failures());
            assertEquals(3, report.snapshotsDeleted());
            calls = aws.calls();
        }
        Set<String> actions =
                new TreeSet<>(calls.stream().map(RecordedCall::iamAction).toList());
        assertEquals(
                Set.of("kinesisanalytics:ListApplicationSnapshots", "kinesisanalytics:DeleteApplicationSnapshot"),
                actions);
        for (RecordedCall call : calls) {
            assertEquals(List.of(APPLICATION_ARN), call.resourceArns(), "each call acts on the application: " + call);
        }
        IamPolicy policy = IamPolicy.of(List.of(new ObjectMapper().readTree(SNAPSHOT_RETENTION_STATEMENT)));
        ScalerPermissions.assertEveryCallIsAllowed(policy, calls);
        ScalerPermissions.assertNothingUnused(
                policy,
                calls,
                "arn:aws:logs:" + FakeDeployment.REGION + ":" + FakeDeployment.ACCOUNT
                        + ":log-group:/aws/lambda/scaler:*");
        assertFalse(
                policy.allows("kinesisanalytics:DeleteApplicationSnapshot", APPLICATION_ARN + "-other"),
                "another application's snapshots stay out of reach");
    }
}
