package io.github.kdastepscaling.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kdastepscaling.fakes.FakeApplication;
import io.github.kdastepscaling.fakes.FakeAws;
import io.github.kdastepscaling.fakes.FakeSnapshot;
import io.github.kdastepscaling.fakes.Fault;
import io.github.kdastepscaling.policy.RecordedRescale;
import io.github.kdastepscaling.policy.SnapshotRetention;
import io.github.kdastepscaling.policy.SnapshotVerdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ConfigurationType;

/**
 * The snapshot retention against the fake Flink service through the real SDK client: the snapshots the service takes
 * on the scaler's rescales, a team's own, and the calls that fail.
 */
class SnapshotPrunerTest {

    private static final String APPLICATION = "orders-enricher";
    private static final String HISTORY = "/kda-step-scaling/orders-enricher/rescale-history";

    private FakeAws aws;
    private ScalerClients clients;
    private FakeApplication app;
    private RescaleHistory history;

    @BeforeEach
    void start() {
        aws = FakeAws.start().acceptCredentials(ScalerFixture.ACCESS_KEY, ScalerFixture.SECRET);
        clients = ScalerFixture.clientsFor(aws);
        app = aws.flink().addApplication(APPLICATION).parallelism(2).autoScalingEnabled(false);
        history = new RescaleHistory(clients.ssm().parameter(HISTORY));
    }

    @AfterEach
    void stop() {
        clients.close();
        aws.close();
    }

    /** A rescale as the scaler submits it, recorded as the lead is to wire it, then finished by the service. */
    private void rescaleTo(int parallelism) {
        Instant submittedAt = Instant.now();
        long version = clients.flink()
                .updateApplication(r -> r.applicationName(APPLICATION)
                        .conditionalToken(app.conditionalToken())
                        .applicationConfigurationUpdate(c ->
                                c.flinkApplicationConfigurationUpdate(f -> f.parallelismConfigurationUpdate(
                                        p -> p.configurationTypeUpdate(ConfigurationType.CUSTOM)
                                                .parallelismUpdate(parallelism)))))
                .applicationDetail()
                .applicationVersionId();
        history.record(version, submittedAt, app.snapshotsEnabled());
        aws.flink().completeTransitions();
    }

    private void manualSnapshot(String name) {
        clients.flink()
                .createApplicationSnapshot(r -> r.applicationName(APPLICATION).snapshotName(name));
    }

    private SnapshotPruneReport prune(SnapshotRetention retention) {
        return new SnapshotPruner(clients.flink(), APPLICATION, retention).prune(history, Instant.now());
    }

    private Set<String> remaining() {
        return app.snapshots().stream().map(FakeSnapshot::name).collect(Collectors.toSet());
    }

    private List<String> automaticNames() {
        return app.snapshots().stream()
                .filter(FakeSnapshot::automatic)
                .map(FakeSnapshot::name)
                .toList();
    }

    private static Set<String> names(List<SnapshotVerdict> verdicts) {
        return verdicts.stream().map(v -> v.snapshot().name()).collect(Collectors.toSet());
    }

    @Test
    void deletesTheOldAutomaticSnapshotsBeyondTheRetentionAndKeepsTheNewestAndTheTeamsOwn() throws Exception {
        rescaleTo(3);
        rescaleTo(4);
        Thread.sleep(2);
        manualSnapshot("before-release");
        // A team's snapshot and the next update in the same millisecond would be indistinguishable (the history keeps
        // milliseconds, and a snapshot created at a rescale's millisecond is claimed): on a fast machine they were.
        Thread.sleep(2);
        rescaleTo(5);
        rescaleTo(6);
        rescaleTo(7);
        Thread.sleep(2);
        manualSnapshot("latest-by-hand");
        List<String> automatic = automaticNames();
        assertEquals(5, automatic.size());

        SnapshotPruneReport report =
                prune(SnapshotRetention.builder().keepCount(2).build());

        assertFalse(report.failed(), report.failures().toString());
        assertEquals(Set.copyOf(automatic.subList(0, 3)), names(report.deleted()));
        assertEquals(3, report.snapshotsDeleted());
        assertEquals(Set.of("before-release", "latest-by-hand", automatic.get(3), automatic.get(4)), remaining());
        assertEquals(7, report.listed());
        assertTrue(
                report.kept().stream()
                        .anyMatch(v -> v.snapshot().name().equals("latest-by-hand")
                                && v.reason().startsWith("the application's newest snapshot")),
                report.kept().toString());
        assertTrue(
                report.kept().stream()
                        .anyMatch(v -> v.snapshot().name().equals("before-release")
                                && v.reason().startsWith("not taken for one of the scaler's rescales")),
                report.kept().toString());
        assertTrue(
                report.lines().contains("snapshot retention: 7 snapshots listed, 3 deleted, 4 kept"),
                report.lines().toString());
    }

    @Test
    void keepsTheNewestSnapshotWhenItIsTheScalersOwnAndOlderThanTheMaximumAge() {
        Instant longAgo = Instant.now().minus(Duration.ofDays(30));
        List<RecordedRescale> rescales = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Instant submitted = longAgo.plus(Duration.ofDays(i));
            rescales.add(new RecordedRescale(i + 2, submitted));
            app.addSnapshot("old-auto-" + i, submitted.plusSeconds(30), i + 2, "READY");
        }

        SnapshotPruneReport report = new SnapshotPruner(
                        clients.flink(),
                        APPLICATION,
                        SnapshotRetention.builder()
                                .keepCount(10)
                                .maxAge(Duration.ofDays(7))
                                .build())
                .prune(rescales, Instant.now());

        assertEquals(Set.of("old-auto-0", "old-auto-1"), names(report.deleted()));
        assertEquals(Set.of("old-auto-2"), remaining());
    }

    @Test
    void followsEveryPageOfTheList() {
        Instant start = Instant.now().minus(Duration.ofDays(2));
        List<RecordedRescale> rescales = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Instant submitted = start.plus(Duration.ofMinutes(10L * i));
            rescales.add(new RecordedRescale(i + 2, submitted));
            app.addSnapshot("auto-" + i, submitted.plusSeconds(5), i + 2, "READY");
        }
        app.addSnapshot("manual-newest", Instant.now(), 70, "READY");
        aws.clearCalls();

        SnapshotPruneReport report = new SnapshotPruner(
                        clients.flink(),
                        APPLICATION,
                        SnapshotRetention.builder().keepCount(50).build())
                .prune(rescales, Instant.now());

        assertEquals(2, aws.calls("kinesisanalytics:ListApplicationSnapshots").size());
        assertEquals(61, report.listed());
        assertEquals(
                Set.of(
                        "auto-0", "auto-1", "auto-2", "auto-3", "auto-4", "auto-5", "auto-6", "auto-7", "auto-8",
                        "auto-9"),
                names(report.deleted()),
                "the oldest ten, at most ten per run");
        assertTrue(remaining().contains("manual-newest"));
    }

    @Test
    void aFailedDeletionIsReportedAndNothingElseChanges() {
        for (int i = 3; i <= 6; i++) {
            rescaleTo(i);
        }
        Set<String> before = remaining();
        aws.faults()
                .fail(
                        "kinesisanalytics:DeleteApplicationSnapshot",
                        Fault.error(
                                400, "ResourceInUseException", "The application is not available for this operation"),
                        1);

        SnapshotPruneReport report =
                prune(SnapshotRetention.builder().keepCount(1).build());

        assertTrue(report.failed());
        assertEquals(0, report.snapshotsDeleted());
        assertEquals(before, remaining());
        assertEquals(1, aws.calls("kinesisanalytics:DeleteApplicationSnapshot").size(), "stops at the failure");
        assertEquals(1, report.failures().size());
        assertTrue(
                report.failures().get(0).contains("could not delete snapshot")
                        && report.failures().get(0).contains("ResourceInUseException")
                        && report.failures().get(0).endsWith("the remaining deletions wait for the next run"),
                report.failures().get(0));
        assertEquals(
                2,
                report.kept().stream()
                        .filter(v -> v.reason().startsWith("not attempted after a failed " + "deletion"))
                        .count());
        assertTrue(report.lines().get(0).startsWith("snapshot retention: could not delete snapshot"));

        SnapshotPruneReport next =
                prune(SnapshotRetention.builder().keepCount(1).build());
        assertFalse(next.failed());
        assertEquals(3, next.snapshotsDeleted(), "the next run catches up");
    }

    @Test
    void aFailedListDeletesNothing() {
        rescaleTo(3);
        rescaleTo(4);
        rescaleTo(5);
        aws.faults()
                .failAlways(
                        "kinesisanalytics:ListApplicationSnapshots",
                        Fault.error(400, "InvalidArgumentException", "bad"));

        SnapshotPruneReport report =
                prune(SnapshotRetention.builder().keepCount(1).build());

        assertEquals(
                List.of("could not list the snapshots of application orders-enricher: KinesisAnalyticsV2 "
                        + "InvalidArgumentException (HTTP 400): bad; no snapshot deleted"),
                report.failures());
        assertEquals(3, remaining().size());
        assertEquals(0, aws.calls("kinesisanalytics:DeleteApplicationSnapshot").size());
    }

    @Test
    void anUnreadableHistoryDeletesNothing() {
        rescaleTo(3);
        rescaleTo(4);
        aws.faults().failAlways("ssm:GetParameter", Fault.error(400, "AccessDeniedException", "denied"));
        aws.clearCalls();

        SnapshotPruneReport report =
                prune(SnapshotRetention.builder().keepCount(1).build());

        assertTrue(
                report.failures().get(0).startsWith("could not read the rescale history from SSM parameter " + HISTORY),
                report.failures().toString());
        assertEquals(0, aws.calls("kinesisanalytics:ListApplicationSnapshots").size());
        assertEquals(2, remaining().size());
    }

    @Test
    void rescalesWithSnapshotsOffAreNotRecordedSoTheirNextSnapshotIsNeverClaimed() {
        app.snapshotsEnabled(false);
        rescaleTo(3);
        app.snapshotsEnabled(true);
        manualSnapshot("right-after-a-rescale");
        rescaleTo(4);

        assertEquals(1, history.recorded().size());
        SnapshotPruneReport report =
                prune(SnapshotRetention.builder().keepCount(1).build());

        assertEquals(0, report.snapshotsDeleted());
        assertTrue(remaining().contains("right-after-a-rescale"));
    }

    @Test
    void withoutAnyRecordedRescaleNothingIsDeleted() {
        app.addSnapshot("a", Instant.now().minus(Duration.ofDays(3)), 1, "READY");
        app.addSnapshot("b", Instant.now().minus(Duration.ofDays(2)), 1, "READY");
        app.addSnapshot("c", Instant.now().minus(Duration.ofDays(1)), 1, "READY");

        SnapshotPruneReport report =
                prune(SnapshotRetention.builder().keepCount(1).build());

        assertEquals(0, report.snapshotsDeleted());
        assertEquals(3, report.kept().size());
    }
}
