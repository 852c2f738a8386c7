package io.github.kdastepscaling.examples.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job end to end: records written to a local Kinesis stream with the AWS SDK, read by the real Kinesis connector
 * on a local Flink cluster, counted per key and window. Windows of one second instead of one minute, so the test
 * does not wait for a minute to end; everything else is the job's own code.
 */
class RecordCountJobTest {

    @RegisterExtension
    static final Kinesalite KINESIS = new Kinesalite();

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(4)
            .build());

    @Test
    void countsEveryRecordOfTheStreamOncePerKey() throws Exception {
        KINESIS.createStream("records", 2);
        List<String> records = Counts.records("record", 2000);
        KINESIS.put("records", records);
        Map<Integer, Long> written = Counts.perKey(records);

        StreamExecutionEnvironment env =
                RecordCountPipeline.withMaxParallelism(StreamExecutionEnvironment.getExecutionEnvironment());
        env.setParallelism(2);
        CollectingSink counts = new CollectingSink("end-to-end");
        RecordCountPipeline.tumbling(Duration.ofSeconds(1))
                .countPerKey(KinesisRecords.read(env, "records", KINESIS.consumerConfig()))
                .sinkTo(counts);
        JobClient job = env.executeAsync("record count, end to end");
        try {
            Counts.await(job, () -> Counts.sumPerKey(counts.received()), written);
        } finally {
            Counts.cancel(job);
        }
        assertEquals(written, Counts.sumPerKey(counts.received()));
    }
}
