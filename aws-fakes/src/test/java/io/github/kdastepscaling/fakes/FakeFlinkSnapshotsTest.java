package io.github.kdastepscaling.fakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ConfigurationType;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.InvalidApplicationConfigurationException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.LimitExceededException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ListApplicationSnapshotsResponse;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.SnapshotDetails;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.SnapshotStatus;

/** The fake's snapshots, through the real SDK client: what the service keeps, and how it refuses. */
class FakeFlinkSnapshotsTest {

    static FakeAws aws;
    static KinesisAnalyticsV2Client kda;
    static int counter;
    String name;
    FakeApplication app;

    @BeforeAll
    static void start() {
        aws = FakeAws.start();
        kda = Clients.kda(aws);
    }

    @AfterAll
    static void stop() {
        kda.close();
        aws.close();
    }

    @BeforeEach
    void newApp() {
        aws.flink().setSnapshotQuota(FakeFlink.DEFAULT_SNAPSHOT_QUOTA);
        name = "snap-app-" + (++counter);
        app = aws.flink().addApplication(name).parallelism(2).autoScalingEnabled(false);
    }

    private long rescale(int parallelism) {
        return kda.updateApplication(r -> r.applicationName(name)
                        .conditionalToken(app.conditionalToken())
                        .applicationConfigurationUpdate(c ->
                                c.flinkApplicationConfigurationUpdate(f -> f.parallelismConfigurationUpdate(
                                        p -> p.configurationTypeUpdate(ConfigurationType.CUSTOM)
                                                .parallelismUpdate(parallelism)))))
                .applicationDetail()
                .applicationVersionId();
    }

    private List<SnapshotDetails> listAll(int limit) {
        List<SnapshotDetails> all = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            ListApplicationSnapshotsResponse response = kda.listApplicationSnapshots(
                    r -> r.applicationName(name).limit(limit).nextToken(page));
            all.addAll(response.snapshotSummaries());
            token = response.nextToken();
        } while (token != null);
        return all;
    }

    @Test
    void anUpdateOfARunningApplicationTakesASnapshotThatIsReadyOnceTheUpdateIsDone() {
        Instant before = Instant.now().minusMillis(1);
        long version = rescale(4);

        List<SnapshotDetails> snapshots = listAll(50);
        assertEquals(1, snapshots.size());
        SnapshotDetails taken = snapshots.get(0);
        assertEquals(SnapshotStatus.CREATING, taken.snapshotStatus());
        assertEquals(version, taken.applicationVersionId());
        assertFalse(taken.snapshotCreationTimestamp().isBefore(before));
        assertEquals("FLINK-1_19", taken.runtimeEnvironmentAsString());
        assertTrue(app.snapshots().get(0).automatic());

        aws.flink().completeTransitions();
        assertEquals(
                SnapshotStatus.READY,
                kda.describeApplicationSnapshot(r -> r.applicationName(name).snapshotName(taken.snapshotName()))
                        .snapshotDetails()
                        .snapshotStatus());
    }

    @Test
    void noAutomaticSnapshotWithSnapshotsOffOrWhenTheApplicationIsNotRunning() {
        app.snapshotsEnabled(false);
        rescale(4);
        aws.flink().completeTransitions();
        app.snapshotsEnabled(true).status("READY");
        rescale(6);
        assertEquals(List.of(), app.snapshots());
    }

    @Test
    void aStopOfARunningApplicationTakesASnapshotAForceStopDoesNot() {
        kda.stopApplication(r -> r.applicationName(name));
        assertEquals(1, app.snapshots().size());
        aws.flink().completeTransitions();
        app.status("RUNNING");
        kda.stopApplication(r -> r.applicationName(name).force(true));
        assertEquals(1, app.snapshots().size());
    }

    @Test
    void listingPagesThroughEverySnapshotWithLimitAndNextToken() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 7; i++) {
            app.addSnapshot("s-" + i, t.plusSeconds(i), 1, "READY");
        }
        ListApplicationSnapshotsResponse first =
                kda.listApplicationSnapshots(r -> r.applicationName(name).limit(3));
        assertEquals(3, first.snapshotSummaries().size());
        assertTrue(first.nextToken() != null);

        List<SnapshotDetails> all = listAll(3);
        assertEquals(
                List.of("s-0", "s-1", "s-2", "s-3", "s-4", "s-5", "s-6"),
                all.stream().map(SnapshotDetails::snapshotName).toList());
        assertNull(kda.listApplicationSnapshots(r -> r.applicationName(name)).nextToken(), "one page of 50");
    }

    @Test
    void listingRefusesABadLimitOrToken() {
        assertTrue(assertThrows(
                        InvalidArgumentException.class,
                        () -> kda.listApplicationSnapshots(
                                r -> r.applicationName(name).limit(51)))
                .getMessage()
                .contains("Limit (51) must be between 1 and 50"));
        assertThrows(
                InvalidArgumentException.class,
                () -> kda.listApplicationSnapshots(r -> r.applicationName(name).nextToken("not-a-token")));
        assertThrows(
                ResourceNotFoundException.class,
                () -> kda.listApplicationSnapshots(r -> r.applicationName("no-such-app")));
    }

    @Test
    void createApplicationSnapshotNeedsARunningApplicationWithSnapshotsAndAFreeName() {
        kda.createApplicationSnapshot(r -> r.applicationName(name).snapshotName("before-release"));
        SnapshotDetails made = kda.describeApplicationSnapshot(
                        r -> r.applicationName(name).snapshotName("before-release"))
                .snapshotDetails();
        assertEquals(SnapshotStatus.READY, made.snapshotStatus());
        assertEquals(app.versionId(), made.applicationVersionId());
        assertFalse(app.snapshots().get(0).automatic());

        assertThrows(
                InvalidArgumentException.class,
                () -> kda.createApplicationSnapshot(r -> r.applicationName(name).snapshotName("before-release")));
        assertThrows(
                InvalidArgumentException.class,
                () -> kda.createApplicationSnapshot(r -> r.applicationName(name).snapshotName("has space")));
        app.snapshotsEnabled(false);
        assertThrows(
                InvalidApplicationConfigurationException.class,
                () -> kda.createApplicationSnapshot(r -> r.applicationName(name).snapshotName("off")));
        app.snapshotsEnabled(true).status("UPDATING");
        assertThrows(
                ResourceInUseException.class,
                () -> kda.createApplicationSnapshot(r -> r.applicationName(name).snapshotName("busy")));
    }

    @Test
    void automaticSnapshotsCountTowardTheQuotaAndAreTakenBeyondItManualOnesFail() {
        aws.flink().setSnapshotQuota(2);
        kda.createApplicationSnapshot(r -> r.applicationName(name).snapshotName("manual-1"));
        rescale(4);
        aws.flink().completeTransitions();

        assertTrue(assertThrows(
                        LimitExceededException.class,
                        () -> kda.createApplicationSnapshot(
                                r -> r.applicationName(name).snapshotName("manual-2")))
                .getMessage()
                .contains("has 2 snapshots"));
        rescale(6);
        assertEquals(3, app.snapshots().size(), "the service still snapshots its updates");
    }

    @Test
    void deleteNeedsTheSnapshotsOwnCreationTimestamp() {
        Instant created = Instant.parse("2026-02-03T04:05:06.789Z");
        app.addSnapshot("old", created, 3, "READY");

        InvalidArgumentException wrong = assertThrows(
                InvalidArgumentException.class,
                () -> kda.deleteApplicationSnapshot(r ->
                        r.applicationName(name).snapshotName("old").snapshotCreationTimestamp(created.plusSeconds(1))));
        assertTrue(
                wrong.getMessage().contains("does not match the creation timestamp of snapshot old"),
                wrong.getMessage());
        assertEquals(1, app.snapshots().size(), "a refused delete deletes nothing");

        SnapshotDetails listed = listAll(50).get(0);
        kda.deleteApplicationSnapshot(r -> r.applicationName(name)
                .snapshotName("old")
                .snapshotCreationTimestamp(listed.snapshotCreationTimestamp()));
        assertEquals(List.of(), app.snapshots());
    }

    @Test
    void deleteAndDescribeRefuseUnknownSnapshotsAndDeleteRefusesOneBeingCreated() {
        assertThrows(
                ResourceNotFoundException.class,
                () -> kda.describeApplicationSnapshot(
                        r -> r.applicationName(name).snapshotName("nope")));
        assertThrows(
                ResourceNotFoundException.class,
                () -> kda.deleteApplicationSnapshot(
                        r -> r.applicationName(name).snapshotName("nope").snapshotCreationTimestamp(Instant.now())));
        assertThrows(
                InvalidArgumentException.class,
                () -> kda.deleteApplicationSnapshot(r -> r.applicationName(name).snapshotName("nope")),
                "the timestamp is required");

        rescale(4);
        SnapshotDetails creating = listAll(50).get(0);
        assertThrows(
                ResourceInUseException.class,
                () -> kda.deleteApplicationSnapshot(r -> r.applicationName(name)
                        .snapshotName(creating.snapshotName())
                        .snapshotCreationTimestamp(creating.snapshotCreationTimestamp())));
        assertEquals(1, app.snapshots().size());
    }

    @Test
    void snapshotCallsAreRecordedOnTheApplicationsArn() {
        aws.clearCalls();
        kda.listApplicationSnapshots(r -> r.applicationName(name));
        RecordedCall call =
                aws.calls("kinesisanalytics:ListApplicationSnapshots").get(0);
        assertEquals(List.of(app.arn()), call.resourceArns());
    }
}
