package io.github.kdastepscaling.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.kdastepscaling.fakes.RecordedCall;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Application Auto Scaling may call several execution environments at once. Twenty PATCH and ten GET calls asking
 * for the same capacity, each in its own handler with its own clients, end in exactly one UpdateApplication.
 */
class ConcurrencyTest {

    private static final int PATCHES = 20;
    private static final int GETS = 10;

    private final ScalerFixture fixture = new ScalerFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    @RepeatedTest(3)
    void concurrentCallsForTheSameCapacityUpdateOnce() throws Exception {
        List<ScalerHandler> handlers = new ArrayList<>();
        for (int i = 0; i < PATCHES + GETS; i++) {
            handlers.add(fixture.anotherHandler());
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<ScalerFixture.Response>> calls = new ArrayList<>();
        for (int i = 0; i < PATCHES + GETS; i++) {
            ScalerHandler handler = handlers.get(i);
            boolean patch = i < PATCHES;
            calls.add(() -> {
                start.await();
                return fixture.sendTo(
                        handler,
                        patch
                                ? ScalerFixture.event(
                                        "patch-scalable-target.json",
                                        ScalerFixture.APPLICATION,
                                        "{\"desiredCapacity\": 5}")
                                : ScalerFixture.event("get-scalable-target.json", ScalerFixture.APPLICATION, null));
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(PATCHES + GETS);
        try {
            List<Future<ScalerFixture.Response>> results = new ArrayList<>();
            for (Callable<ScalerFixture.Response> call : calls) {
                results.add(pool.submit(call));
            }
            start.countDown();
            for (Future<ScalerFixture.Response> result : results) {
                assertEquals(200, result.get().statusCode());
            }
        } finally {
            pool.shutdownNow();
            handlers.forEach(handler -> handler.clients().close());
        }

        long updates = fixture.aws.calls("kinesisanalytics:UpdateApplication").stream()
                .filter(RecordedCall::succeeded)
                .count();
        assertEquals(1, updates);
        assertEquals(5, fixture.application.parallelism());
        fixture.aws.flink().completeTransitions();
        assertEquals("Successful", fixture.get().scalingStatus());
        assertEquals(
                1,
                fixture.aws.calls("kinesisanalytics:UpdateApplication").stream()
                        .filter(RecordedCall::succeeded)
                        .count());
    }
}
