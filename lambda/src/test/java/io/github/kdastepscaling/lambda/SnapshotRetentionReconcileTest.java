package io.github.kdastepscaling.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.kdastepscaling.contract.ScalerEnvironment;
import io.github.kdastepscaling.fakes.FakeSnapshot;
import io.github.kdastepscaling.fakes.Fault;
import io.github.kdastepscaling.fakes.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Snapshot retention wired into the scaler over the fakes: each submitted rescale is recorded in the history, the
 * scheduled reconcile prunes while the application runs (after a rescale took, else hourly), says so in the decision
 * log and the {@code SnapshotsDeleted} metric, and a failure never fails the reconcile.
 */
class SnapshotRetentionReconcileTest {

    private static final String HISTORY = "/kda-step-scaling/orders-enricher/rescale-history";

    private final SettableClock clock = new SettableClock(Instant.now().minus(Duration.ofDays(1)));
    private final ScalerFixture fixture = new ScalerFixture(
            environment -> {
                environment.put(ScalerEnvironment.RESCALE_HISTORY_PARAMETER_NAME, HISTORY);
                environment.put(ScalerEnvironment.SNAPSHOT_RETENTION_KEEP_COUNT, "1");
            },
            clock);

    SnapshotRetentionReconcileTest() {
        fixture.aws.ssm().put(HISTORY, ScalerEnvironment.NO_DESIRED_CAPACITY);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private void rescaleTo(int capacity) {
        clock.advance(Duration.ofMinutes(5));
        fixture.patchCapacity(capacity);
        clock.advance(Duration.ofMinutes(3));
        fixture.aws.flink().completeTransitions();
    }

    private JsonNode lastDecision() {
        List<JsonNode> lines = fixture.decisions();
        return lines.get(lines.size() - 1);
    }

    private List<String> automatic() {
        return fixture.application.snapshots().stream()
                .filter(FakeSnapshot::automatic)
                .map(FakeSnapshot::name)
                .toList();
    }

    @Test
    void eachRescaleIsRecordedAndTheReconcileAfterItTookPrunesBeyondTheRetention() {
        rescaleTo(3);
        fixture.reconcile();
        rescaleTo(4);
        List<String> before = automatic();
        assertEquals(2, before.size());
        assertEquals(2, fixture.aws.ssm().value(HISTORY).orElseThrow().split(" ").length, "two rescales recorded");

        fixture.reconcile();

        assertEquals(List.of(before.get(1)), automatic(), "the older one deleted, the newest kept");
        JsonNode line = lastDecision();
        assertEquals(1, line.get("SnapshotsDeleted").asInt());
        assertEquals(1, line.get("snapshotsDeleted").asInt());
        assertTrue(
                line.get("done").toString().contains("snapshot retention: deleted " + before.get(0)), line.toString());
        fixture.assertEveryDecisionLineIsEmbeddedMetricFormat();
    }

    @Test
    void theRetentionRunsHourlyNotOnEveryReconcileAndNeverOnAGet() {
        fixture.reconcile();
        fixture.reconcile();
        fixture.get();
        assertEquals(
                1,
                fixture.aws.calls("kinesisanalytics:ListApplicationSnapshots").size());
        assertFalse(lastDecision().has("SnapshotsDeleted"), "a decision that did not prune publishes no count");

        clock.advance(SnapshotHousekeeping.INTERVAL);
        fixture.reconcile();

        assertEquals(
                2,
                fixture.aws.calls("kinesisanalytics:ListApplicationSnapshots").size());
        assertEquals(0, lastDecision().get("SnapshotsDeleted").asInt());
    }

    @Test
    void noPruningWhileTheApplicationIsNotRunning() {
        fixture.application.status("UPDATING");

        fixture.reconcile();

        assertEquals(
                0,
                fixture.aws.calls("kinesisanalytics:ListApplicationSnapshots").size());
    }

    @Test
    void aFailedListingIsSaidAndTheReconcileStillSucceeds() {
        rescaleTo(3);
        fixture.aws.faults().failAlways("kinesisanalytics:ListApplicationSnapshots", Fault.serverError());

        JsonNode answer = fixture.reconcile();

        assertEquals(3, answer.get("actualCapacity").asInt());
        assertTrue(
                lastDecision()
                        .get("done")
                        .toString()
                        .contains("snapshot retention: could not list the " + "snapshots of application "
                                + ScalerFixture.APPLICATION),
                lastDecision().toString());
        assertFalse(lastDecision().has("failure"));
    }

    @Test
    void aHistoryThatCannotBeWrittenKeepsTheRescaleAndSaysSo() {
        fixture.aws.faults().failAlways("ssm:PutParameter", Fault.error(400, "AccessDeniedException", "no"));
        fixture.aws.ssm().put(ScalerFixture.PARAMETER, "3");

        fixture.reconcile();

        assertEquals(1, fixture.updateCalls(), "the rescale is made all the same");
        assertTrue(
                lastDecision().get("done").toString().contains("could not record the rescale in " + HISTORY),
                lastDecision().toString());
    }
}
