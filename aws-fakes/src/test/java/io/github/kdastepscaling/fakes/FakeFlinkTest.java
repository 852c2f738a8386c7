package io.github.kdastepscaling.fakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationDetail;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ApplicationStatus;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ConcurrentModificationException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ConfigurationType;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ParallelismConfigurationDescription;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesisanalyticsv2.model.UpdateApplicationRequest;

class FakeFlinkTest {

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
        name = "app-" + (++counter);
        app = aws.flink()
                .addApplication(name)
                .parallelism(4)
                .parallelismPerKpu(2)
                .autoScalingEnabled(false);
    }

    ApplicationDetail describe() {
        return kda.describeApplication(r -> r.applicationName(name)).applicationDetail();
    }

    static ParallelismConfigurationDescription par(ApplicationDetail d) {
        return d.applicationConfigurationDescription()
                .flinkApplicationConfigurationDescription()
                .parallelismConfigurationDescription();
    }

    ApplicationDetail update(Consumer<UpdateApplicationRequest.Builder> lock, int parallelism) {
        return kda.updateApplication(r -> {
                    r.applicationName(name)
                            .applicationConfigurationUpdate(c ->
                                    c.flinkApplicationConfigurationUpdate(f -> f.parallelismConfigurationUpdate(
                                            p -> p.configurationTypeUpdate(ConfigurationType.CUSTOM)
                                                    .parallelismUpdate(parallelism))));
                    lock.accept(r);
                })
                .applicationDetail();
    }

    @Test
    void describeReturnsTheConfiguredApplication() {
        ApplicationDetail d = describe();
        assertEquals("arn:aws:kinesisanalytics:us-east-1:123456789012:application/" + name, d.applicationARN());
        assertEquals(name, d.applicationName());
        assertEquals(ApplicationStatus.RUNNING, d.applicationStatus());
        assertEquals(1L, d.applicationVersionId());
        assertEquals(app.conditionalToken(), d.conditionalToken());
        assertEquals("FLINK-1_19", d.runtimeEnvironmentAsString());
        assertTrue(d.serviceExecutionRole().startsWith("arn:aws:iam::123456789012:role/"));
        ParallelismConfigurationDescription p = par(d);
        assertEquals(ConfigurationType.CUSTOM, p.configurationType());
        assertEquals(4, p.parallelism());
        assertEquals(2, p.parallelismPerKPU());
        assertEquals(4, p.currentParallelism());
        assertFalse(p.autoScalingEnabled());
        assertTrue(d.applicationConfigurationDescription()
                .applicationSnapshotConfigurationDescription()
                .snapshotsEnabled());
        assertTrue(d.createTimestamp() != null && d.lastUpdateTimestamp() != null);
    }

    @Test
    void failsDescribeOfUnknownApplication() {
        ResourceNotFoundException e = assertThrows(
                ResourceNotFoundException.class, () -> kda.describeApplication(r -> r.applicationName("nope")));
        assertEquals(400, e.statusCode());
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }

    @Test
    void updateWithTokenBumpsVersionAndTokenAndGoesThroughUpdating() {
        String token = describe().conditionalToken();
        ApplicationDetail d = update(r -> r.conditionalToken(token), 8);
        assertEquals(2L, d.applicationVersionId());
        assertNotEquals(token, d.conditionalToken());
        assertEquals(ApplicationStatus.UPDATING, d.applicationStatus());
        assertEquals(8, par(d).parallelism());
        assertEquals(4, par(d).currentParallelism(), "the job keeps running at the old parallelism until restarted");
        assertEquals(1, app.updateCount());

        assertEquals(1, aws.flink().completeTransitions());
        ApplicationDetail after = describe();
        assertEquals(ApplicationStatus.RUNNING, after.applicationStatus());
        assertEquals(8, par(after).currentParallelism());
        assertEquals(2L, after.applicationVersionId());
    }

    @Test
    void updateWithVersionIdWorksToo() {
        ApplicationDetail d = update(r -> r.currentApplicationVersionId(1L), 2);
        assertEquals(2L, d.applicationVersionId());
        assertEquals(2, app.parallelism());
    }

    @Test
    void failsUpdateWithStaleToken() {
        String stale = app.conditionalToken();
        app.bumpVersion();
        ConcurrentModificationException e =
                assertThrows(ConcurrentModificationException.class, () -> update(r -> r.conditionalToken(stale), 8));
        assertTrue(e.getMessage().contains("token"), e.getMessage());
        assertEquals(4, app.parallelism(), "a rejected update changes nothing");
        assertEquals(2L, app.versionId());
    }

    @Test
    void failsUpdateWithStaleVersionId() {
        update(r -> r.currentApplicationVersionId(1L), 5);
        aws.flink().completeTransitions();
        assertThrows(ConcurrentModificationException.class, () -> update(r -> r.currentApplicationVersionId(1L), 6));
        assertEquals(5, app.parallelism());
    }

    @Test
    void failsUpdateWhileUpdating() {
        update(r -> r.conditionalToken(app.conditionalToken()), 8);
        String fresh = describe().conditionalToken();
        ResourceInUseException e =
                assertThrows(ResourceInUseException.class, () -> update(r -> r.conditionalToken(fresh), 16));
        assertTrue(e.getMessage().contains("UPDATING"), e.getMessage());
        assertEquals(8, app.parallelism());
    }

    @Test
    void failsUpdateWhileAutoscaling() {
        app.status("AUTOSCALING");
        assertThrows(ResourceInUseException.class, () -> update(r -> r.conditionalToken(app.conditionalToken()), 8));
    }

    @Test
    void failsUpdateWithoutVersionOrToken() {
        assertThrows(InvalidArgumentException.class, () -> update(r -> {}, 8));
    }

    @Test
    void failsUpdateWithBothVersionAndToken() {
        assertThrows(
                InvalidArgumentException.class,
                () -> update(r -> r.currentApplicationVersionId(1L).conditionalToken(app.conditionalToken()), 8));
    }

    @Test
    void failsParallelismUpdateWithoutCustomType() {
        InvalidArgumentException e = assertThrows(
                InvalidArgumentException.class,
                () -> kda.updateApplication(r -> r.applicationName(name)
                        .currentApplicationVersionId(1L)
                        .applicationConfigurationUpdate(c -> c.flinkApplicationConfigurationUpdate(
                                f -> f.parallelismConfigurationUpdate(p -> p.parallelismUpdate(8))))));
        assertTrue(e.getMessage().contains("CUSTOM"), e.getMessage());
    }

    @Test
    void failsParallelismBelowOneAndPerKpuAboveEight() {
        assertThrows(InvalidArgumentException.class, () -> update(r -> r.currentApplicationVersionId(1L), 0));
        assertThrows(
                InvalidArgumentException.class,
                () -> kda.updateApplication(r -> r.applicationName(name)
                        .currentApplicationVersionId(1L)
                        .applicationConfigurationUpdate(c ->
                                c.flinkApplicationConfigurationUpdate(f -> f.parallelismConfigurationUpdate(
                                        p -> p.configurationTypeUpdate(ConfigurationType.CUSTOM)
                                                .parallelismPerKPUUpdate(9))))));
        assertEquals(1L, app.versionId());
    }

    @Test
    void updatesPerKpuAutoscalingAndSnapshots() {
        ApplicationDetail d = kda.updateApplication(r -> r.applicationName(name)
                        .currentApplicationVersionId(1L)
                        .applicationConfigurationUpdate(c -> c.flinkApplicationConfigurationUpdate(
                                        f -> f.parallelismConfigurationUpdate(
                                                p -> p.configurationTypeUpdate(ConfigurationType.CUSTOM)
                                                        .parallelismPerKPUUpdate(4)
                                                        .autoScalingEnabledUpdate(true)))
                                .applicationSnapshotConfigurationUpdate(s -> s.snapshotsEnabledUpdate(false))))
                .applicationDetail();
        assertEquals(4, par(d).parallelismPerKPU());
        assertTrue(par(d).autoScalingEnabled());
        assertFalse(d.applicationConfigurationDescription()
                .applicationSnapshotConfigurationDescription()
                .snapshotsEnabled());
        assertEquals(4, app.parallelism(), "parallelism not sent is kept");
    }

    @Test
    void updateOfReadyApplicationAppliesAtOnce() {
        app.status("READY");
        ApplicationDetail d = update(r -> r.currentApplicationVersionId(1L), 6);
        assertEquals(ApplicationStatus.READY, d.applicationStatus());
        assertEquals(6, par(d).currentParallelism());
    }

    @Test
    void autoCompleteAfterDescribes() {
        aws.flink().setAutoCompleteAfter(2);
        try {
            update(r -> r.currentApplicationVersionId(1L), 8);
            assertEquals(ApplicationStatus.UPDATING, describe().applicationStatus());
            assertEquals(ApplicationStatus.UPDATING, describe().applicationStatus());
            ApplicationDetail d = describe();
            assertEquals(ApplicationStatus.RUNNING, d.applicationStatus());
            assertEquals(8, par(d).currentParallelism());
        } finally {
            aws.flink().setAutoCompleteAfter(0);
        }
    }

    @Test
    void transitionsWaitForCompleteTransitionsByDefault() {
        update(r -> r.currentApplicationVersionId(1L), 8);
        for (int i = 0; i < 5; i++) {
            assertEquals(ApplicationStatus.UPDATING, describe().applicationStatus());
        }
    }

    @Test
    void stopAndStartGoThroughTransitionalStatuses() {
        kda.stopApplication(r -> r.applicationName(name));
        assertEquals(ApplicationStatus.STOPPING, describe().applicationStatus());
        assertThrows(ResourceInUseException.class, () -> kda.startApplication(r -> r.applicationName(name)));
        aws.flink().completeTransitions();
        assertEquals(ApplicationStatus.READY, describe().applicationStatus());
        kda.startApplication(r -> r.applicationName(name));
        assertEquals(ApplicationStatus.STARTING, describe().applicationStatus());
        aws.flink().completeTransitions();
        assertEquals(ApplicationStatus.RUNNING, describe().applicationStatus());
        assertEquals(1L, app.versionId(), "start and stop do not change the configuration version");
    }

    @Test
    void concurrentUpdatesWithTheSameTokenLetExactlyOneThrough() throws Exception {
        int threads = 24;
        String token = describe().conditionalToken();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                int parallelism = 10 + i;
                Callable<String> task = () -> {
                    go.await();
                    try {
                        update(r -> r.conditionalToken(token), parallelism);
                        return "ok";
                    } catch (ConcurrentModificationException e) {
                        return "conflict";
                    }
                };
                results.add(pool.submit(task));
            }
            go.countDown();
            int ok = 0;
            int conflicts = 0;
            for (Future<String> f : results) {
                String r = f.get();
                if (r.equals("ok")) {
                    ok++;
                } else {
                    conflicts++;
                }
            }
            assertEquals(1, ok);
            assertEquals(threads - 1, conflicts);
            assertEquals(2L, app.versionId());
            assertEquals(1, app.updateCount());
            assertEquals(
                    threads,
                    aws.calls("kinesisanalytics:UpdateApplication").stream()
                            .filter(c -> c.resourceArns().contains(app.arn()))
                            .count());
        } finally {
            pool.shutdownNow();
        }
    }
}
