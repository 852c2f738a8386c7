package io.github.kdastepscaling.examples.job;

import com.amazonaws.services.kinesisanalytics.runtime.KinesisAnalyticsRuntime;
import java.io.IOException;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.windowing.assigners.TumblingProcessingTimeWindows;
import org.apache.flink.streaming.api.windowing.time.Time;
import org.apache.flink.streaming.connectors.kinesis.FlinkKinesisConsumer;
import org.apache.flink.streaming.connectors.kinesis.config.AWSConfigConstants;
import org.apache.flink.streaming.connectors.kinesis.config.ConsumerConfigConstants;

/**
 * The example's Flink job: reads the source stream, counts the records of each key (the record's hash modulo
 * {@link #KEYS}) in one-minute tumbling windows held in keyed state, and discards the counts. Small, but it does
 * real keyed work, so a rescale restores state from a snapshot and the job's throughput grows with its parallelism.
 *
 * <p>The stream's name and region come from the runtime property group {@code kda-step-scaling}, which the
 * KdaStepScaling construct sets on the application.
 */
public final class RecordCountJob {

    /** The property group the construct passes to the application. */
    static final String PROPERTY_GROUP = "kda-step-scaling";
    /** How many distinct keys the records spread over; more than the largest parallelism. */
    static final int KEYS = 256;

    private RecordCountJob() {
    }

    public static void main(String[] args) throws Exception {
        Properties source = sourceProperties();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.addSource(new FlinkKinesisConsumer<>(source.getProperty("streamName"), new SimpleStringSchema(),
                        consumerConfig(source.getProperty("region"))))
                .name("Kinesis source").uid("kinesis-source")
                .map(record -> Tuple2.of(keyOf(record), 1L))
                .returns(Types.TUPLE(Types.INT, Types.LONG))
                .name("Key").uid("key")
                .keyBy(count -> count.f0)
                .window(TumblingProcessingTimeWindows.of(Time.minutes(1)))
                .sum(1)
                .name("Count per key and minute").uid("count")
                .sinkTo(new DiscardingSink<>())
                .name("Discard").uid("discard");
        env.execute("kda-step-scaling example: record count");
    }

    /** The key of a record: spreads records evenly over {@link #KEYS} keys. */
    static int keyOf(String record) {
        return Math.floorMod(record.hashCode(), KEYS);
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

    private static Properties consumerConfig(String region) {
        Properties config = new Properties();
        config.setProperty(AWSConfigConstants.AWS_REGION, region);
        config.setProperty(ConsumerConfigConstants.STREAM_INITIAL_POSITION, "LATEST");
        return config;
    }
}
