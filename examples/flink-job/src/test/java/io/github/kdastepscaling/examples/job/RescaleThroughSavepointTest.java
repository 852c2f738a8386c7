package io.github.kdastepscaling.examples.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.JobException;
import org.apache.flink.runtime.jobgraph.SavepointConfigOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.GlobalWindows;
import org.apache.flink.streaming.api.windowing.triggers.CountTrigger;
import org.apache.flink.streaming.api.windowing.windows.GlobalWindow;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every scaling step does to the job in production: stop it with a savepoint, start it again from the savepoint
 * at another parallelism. The job's own source, operators and uids, on a local Kinesis; only the window differs: one
 * window per key that never ends and emits its running count on every record, so the state a rescale must carry is
 * the whole count, and the test can read it at any moment.
 */
class RescaleThroughSavepointTest {

    @RegisterExtension
    static final Kinesalite KINESIS = new Kinesalite();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(4)
            .build());

    /** A running total per key, emitted on every record: the job's keyed operator with a window that never ends. */
    private static final RecordCountPipeline<GlobalWindow> RUNNING_TOTALS =
            new RecordCountPipeline<>(GlobalWindows.create(), CountTrigger.of(1));

    @TempDir
    Path savepoints;

    @Test
    void rescalingUpAndDownThroughSavepointsKeepsEveryCountAndCountsNothingTwice() throws Exception {
        KINESIS.createStream("rescaled", 2);
        Map<Integer, Long> written = new TreeMap<>();
        List<Tuple2<Integer, Long>> emitted = new ArrayList<>();
        String savepoint = null;
        for (int parallelism : new int[] {2, 4, 1}) {
            List<String> records = Counts.records("at-" + parallelism, 1000);
            KINESIS.put("rescaled", records);
            Counts.perKey(records).forEach((key, count) -> written.merge(key, count, Long::sum));

            CollectingSink totals = new CollectingSink("rescaled-at-" + parallelism);
            savepoint = runUntilCounted(
                    "rescaled",
                    parallelism,
                    savepoint,
                    totals,
                    () -> Counts.maxPerKey(concat(emitted, totals.received())),
                    written);
            // One total per record of this run: the earlier runs' records were not read again...
            assertEquals(
                    Counts.perKey(records),
                    Counts.emittedPerKey(totals.received()),
                    "records counted at parallelism " + parallelism);
            emitted.addAll(totals.received());
            // ...and the totals went on from the savepoint's.
            assertEquals(written, Counts.maxPerKey(emitted), "totals after the run at parallelism " + parallelism);
        }
    }

    /**
     * The README's caveat: a rescale above the max parallelism cannot restore. The job sets its max parallelism, so
     * Flink refuses the restart as it builds the job, before it reads the savepoint.
     */
    @Test
    void failsToStartAboveTheMaxParallelism() throws Exception {
        KINESIS.createStream("beyond", 1);
        List<String> records = Counts.records("beyond", 100);
        KINESIS.put("beyond", records);
        CollectingSink totals = new CollectingSink("beyond");
        String savepoint = runUntilCounted(
                "beyond", 2, null, totals, () -> Counts.maxPerKey(totals.received()), Counts.perKey(records));

        JobClient beyond = start(
                "beyond",
                RecordCountPipeline.MAX_PARALLELISM + 1,
                savepoint,
                new CollectingSink("beyond-restored"),
                true);
        ExecutionException failure = assertThrows(
                ExecutionException.class, () -> beyond.getJobExecutionResult().get());
        assertEquals(
                "Vertex Source: Kinesis source -> Key's parallelism (129) is higher than the max parallelism "
                        + "(128). Please lower the parallelism or increase the max parallelism.",
                ExceptionUtils.findThrowable(failure, JobException.class)
                        .orElseThrow(() -> failure)
                        .getMessage());
    }

    /**
     * The README's caveat for a job that leaves its max parallelism to Flink: Flink chose 128 at the first start
     * (parallelism 2), the savepoint keeps it, and a restart at 129 fails when it restores the state.
     */
    @Test
    void aJobWithoutAnExplicitMaxParallelismCannotRestoreAboveTheOneFlinkChose() throws Exception {
        KINESIS.createStream("implicit", 1);
        List<String> records = Counts.records("implicit", 100);
        KINESIS.put("implicit", records);
        CollectingSink totals = new CollectingSink("implicit");
        JobClient first = start("implicit", 2, null, totals, false);
        String savepoint;
        try {
            Counts.await(first, () -> Counts.maxPerKey(totals.received()), Counts.perKey(records));
            savepoint = first.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                    .get();
        } finally {
            Counts.cancel(first);
        }

        JobClient beyond = start("implicit", 129, savepoint, new CollectingSink("implicit-restored"), false);
        ExecutionException failure = assertThrows(
                ExecutionException.class, () -> beyond.getJobExecutionResult().get());
        assertTrue(
                ExceptionUtils.findThrowableWithMessage(
                                failure,
                                "The maximum parallelism (128) of the restored "
                                        + "state is lower than the configured parallelism (129)")
                        .isPresent(),
                () -> ExceptionUtils.stringifyException(failure));
    }

    /**
     * Runs the job until the totals it has {@code counted} reach {@code expected}, then stops it with a savepoint, as
     * the service does before a rescale; returns the savepoint's path.
     */
    private String runUntilCounted(
            String stream,
            int parallelism,
            String savepoint,
            CollectingSink totals,
            Supplier<Map<Integer, Long>> counted,
            Map<Integer, Long> expected)
            throws Exception {
        JobClient job = start(stream, parallelism, savepoint, totals, true);
        try {
            Counts.await(job, counted, expected);
            return job.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                    .get();
        } finally {
            Counts.cancel(job);
        }
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /**
     * The job on the stream at the given parallelism, restored from the savepoint if there is one.
     *
     * @param explicitMaxParallelism whether the job sets its max parallelism, as the example does
     */
    private static JobClient start(
            String stream, int parallelism, String savepoint, CollectingSink sink, boolean explicitMaxParallelism)
            throws Exception {
        Configuration configuration = new Configuration();
        if (savepoint != null) {
            configuration.set(SavepointConfigOptions.SAVEPOINT_PATH, savepoint);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(configuration);
        if (explicitMaxParallelism) {
            RecordCountPipeline.withMaxParallelism(env);
        }
        env.setParallelism(parallelism);
        RUNNING_TOTALS
                .countPerKey(KinesisRecords.read(env, stream, KINESIS.consumerConfig()))
                .sinkTo(sink)
                .uid("collect");
        return env.executeAsync("record count at parallelism " + parallelism);
    }
}
