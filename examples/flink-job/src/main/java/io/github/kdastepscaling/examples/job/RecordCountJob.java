package io.github.kdastepscaling.examples.job;

import com.amazonaws.services.kinesisanalytics.runtime.KinesisAnalyticsRuntime;
import java.io.IOException;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The example's Flink job: reads the source stream, counts the records of each key in one-minute tumbling windows
 * held in keyed state ({@link RecordCountPipeline}), and discards the counts. Small, but it does real keyed work, so
 * a rescale restores state from a snapshot and the job's throughput grows with its parallelism.
 *
 * <p>The stream's name and region come from the runtime property group {@code kda-step-scaling}, which the
 * KdaStepScaling construct sets on the application.
 */
public final class RecordCountJob {

    /** The property group the construct passes to the application. */
    static final String PROPERTY_GROUP = "kda-step-scaling";

    private RecordCountJob() {}

    public static void main(String[] args) throws Exception {
        Properties source = sourceProperties();
        StreamExecutionEnvironment env =
                RecordCountPipeline.withMaxParallelism(StreamExecutionEnvironment.getExecutionEnvironment());
        DataStream<String> records = KinesisRecords.read(
                env, source.getProperty("streamName"), KinesisRecords.consumerConfig(source.getProperty("region")));
        RecordCountPipeline.perMinute()
                .countPerKey(records)
                .sinkTo(new DiscardingSink<>())
                .name("Discard")
                .uid("discard");
        env.execute("kda-step-scaling example: record count");
    }

    private static Properties sourceProperties() throws IOException {
        Map<String, Properties> groups = KinesisAnalyticsRuntime.getApplicationProperties();
        Properties group = groups.get(PROPERTY_GROUP);
        if (group == null || group.getProperty("streamName") == null || group.getProperty("region") == null) {
            throw new IllegalStateException("the application needs the property group '" + PROPERTY_GROUP
                    + "' with streamName and region; found groups " + groups.keySet());
        }
        return group;
    }
}
