package io.github.kdastepscaling.examples.job;

import java.util.Properties;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.connectors.kinesis.FlinkKinesisConsumer;
import org.apache.flink.streaming.connectors.kinesis.config.AWSConfigConstants;
import org.apache.flink.streaming.connectors.kinesis.config.ConsumerConfigConstants;

/**
 * The job's source: the records of a Kinesis stream, as text, read with the Kinesis connector's
 * {@link FlinkKinesisConsumer}.
 *
 * <p>Not the connector's newer {@code KinesisStreamsSource}, although 4.3.0-1.19 ships it: in that version it is
 * {@code @Experimental}; it addresses the stream by ARN only, while the application is given the stream's name and
 * region; no local Kinesis can serve it (kinesalite 3.3.3 refuses a {@code ListShards} that names the stream by ARN:
 * "Either NextToken or StreamName should be provided."), so it could not be tested here; and a running application's
 * snapshots hold this consumer's shard positions under the uid {@value #UID}, which the other source cannot restore.
 */
final class KinesisRecords {

    /** The source operator's uid: its state (the position in each shard) is found by it on every restore. */
    static final String UID = "kinesis-source";

    private KinesisRecords() {}

    /**
     * The stream's records. The consumer is a legacy {@code SourceFunction}, hence the deprecated
     * {@code addSource}: the connector's replacement is not usable yet (see the class comment).
     */
    @SuppressWarnings("deprecation")
    static DataStream<String> read(StreamExecutionEnvironment env, String streamName, Properties consumerConfig) {
        return env.addSource(new FlinkKinesisConsumer<>(streamName, new SimpleStringSchema(), consumerConfig))
                .name("Kinesis source")
                .uid(UID);
    }

    /**
     * The consumer's settings in the application: the region, credentials from the application's role, and the
     * newest records on a first start (a restore continues from the snapshot's positions).
     */
    static Properties consumerConfig(String region) {
        Properties config = new Properties();
        config.setProperty(AWSConfigConstants.AWS_REGION, region);
        config.setProperty(
                ConsumerConfigConstants.STREAM_INITIAL_POSITION, ConsumerConfigConstants.InitialPosition.LATEST.name());
        return config;
    }
}
