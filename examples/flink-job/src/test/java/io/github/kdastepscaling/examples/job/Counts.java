package io.github.kdastepscaling.examples.job;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.core.execution.JobClient;

/** Records to write, the counts per key they should give, and waiting for a running job to reach them. */
final class Counts {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Counts() {}

    /**
     * {@code count} records, random but the same on every run for a batch: records numbered in sequence would have
     * neighbouring hash codes, and so crowd into a few of the job's keys.
     */
    static List<String> records(String batch, int count) {
        Random random = new Random(batch.hashCode());
        return IntStream.range(0, count)
                .mapToObj(i -> batch + "-" + Long.toHexString(random.nextLong()))
                .collect(Collectors.toList());
    }

    /** How many of the records each key has: what the job must count. */
    static Map<Integer, Long> perKey(Collection<String> records) {
        return records.stream()
                .collect(Collectors.groupingBy(RecordCountPipeline::keyOf, TreeMap::new, Collectors.counting()));
    }

    /** The counts the job emitted, summed per key across its windows. */
    static Map<Integer, Long> sumPerKey(List<Tuple2<Integer, Long>> emitted) {
        return merge(emitted, Long::sum);
    }

    /** How many counts the job emitted per key: with running totals, one per record it read. */
    static Map<Integer, Long> emittedPerKey(List<Tuple2<Integer, Long>> emitted) {
        return emitted.stream().collect(Collectors.groupingBy(count -> count.f0, TreeMap::new, Collectors.counting()));
    }

    /** The highest count the job emitted per key: with running totals, the latest. */
    static Map<Integer, Long> maxPerKey(List<Tuple2<Integer, Long>> emitted) {
        return merge(emitted, Long::max);
    }

    /** Waits until the job has emitted the expected counts; fails early when the job ends. */
    static void await(JobClient job, Supplier<Map<Integer, Long>> counted, Map<Integer, Long> expected)
            throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!expected.equals(counted.get())) {
            JobStatus status = job.getJobStatus().get();
            if (status.isGloballyTerminalState()) {
                job.getJobExecutionResult().get();
                fail("the job ended " + status + " before counting every record");
            }
            if (System.nanoTime() > deadline) {
                fail("not counted within " + TIMEOUT.toSeconds() + " s: expected " + expected + " but was "
                        + counted.get());
            }
            Thread.sleep(100);
        }
    }

    /** Cancels the job unless it has ended already (a failed job keeps its own error). */
    static void cancel(JobClient job) throws Exception {
        if (!job.getJobStatus().get().isGloballyTerminalState()) {
            job.cancel().get();
        }
    }

    private static Map<Integer, Long> merge(List<Tuple2<Integer, Long>> emitted, BinaryOperator<Long> merge) {
        return emitted.stream().collect(Collectors.toMap(count -> count.f0, count -> count.f1, merge, TreeMap::new));
    }
}
