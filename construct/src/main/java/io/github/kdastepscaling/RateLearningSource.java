package io.github.kdastepscaling;

import io.github.kdastepscaling.contract.LearningSeries;
import io.github.kdastepscaling.contract.MetricSeries;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the scaler reads what the application consumed each minute, in the load alarm's units (records, or bytes for
 * an incoming-bytes signal): the "consumed" input of the rate estimator. While the job lags, consumption divided by
 * capacity is what one KPU can do.
 */
public abstract class RateLearningSource {

    RateLearningSource() {}

    /**
     * The stream's {@code GetRecords.Records} ({@code GetRecords.Bytes} for an incoming-bytes signal), Sum, by
     * {@code StreamName}: every polling consumer of the stream together, so only right when this application is the
     * stream's sole polling consumer. The estimator distrusts minutes where consumption exceeds what came in by more
     * than its tolerance (another consumer).
     */
    public static RateLearningSource soleConsumer() {
        return new RateLearningSource() {
            @Override
            MetricSeries series(String streamName, String applicationName, boolean bytes) {
                return new MetricSeries(
                        LearningSeries.CONSUMED,
                        "AWS/Kinesis",
                        bytes ? "GetRecords.Bytes" : "GetRecords.Records",
                        Map.of("StreamName", streamName),
                        "Sum");
            }
        };
    }

    /**
     * The stream's {@code SubscribeToShardEvent.Records} ({@code .Bytes} for an incoming-bytes signal), Sum, by
     * {@code StreamName} and {@code ConsumerName}: what this application's enhanced fan-out consumer received.
     *
     * @param consumerName the name the application registered its consumer with
     */
    public static RateLearningSource enhancedFanOut(String consumerName) {
        if (consumerName == null || consumerName.isBlank()) {
            throw new IllegalArgumentException(
                    "rateLearning.source: enhancedFanOut consumerName (" + consumerName + ") must not be empty");
        }
        return new RateLearningSource() {
            @Override
            MetricSeries series(String streamName, String applicationName, boolean bytes) {
                return new MetricSeries(
                        LearningSeries.CONSUMED,
                        "AWS/Kinesis",
                        bytes ? "SubscribeToShardEvent.Bytes" : "SubscribeToShardEvent.Records",
                        new TreeMap<>(Map.of("StreamName", streamName, "ConsumerName", consumerName)),
                        "Sum");
            }
        };
    }

    /**
     * The application's {@code numRecordsIn}, Sum, by {@code Application} (namespace {@code AWS/KinesisAnalytics}):
     * records as Flink counts them, after de-aggregation, so not in the alarm's units when producers use KPL
     * aggregation. Records only: refused with an incoming-bytes signal.
     */
    public static RateLearningSource applicationRecordsIn() {
        return new RateLearningSource() {
            @Override
            MetricSeries series(String streamName, String applicationName, boolean bytes) {
                if (bytes) {
                    throw new IllegalArgumentException("rateLearning.source (applicationRecordsIn) counts records, "
                            + "but the scaling signal is incoming bytes: choose soleConsumer() or enhancedFanOut(...)");
                }
                return new MetricSeries(
                        LearningSeries.CONSUMED,
                        "AWS/KinesisAnalytics",
                        "numRecordsIn",
                        Map.of("Application", applicationName),
                        "Sum");
            }
        };
    }

    /** The "consumed" series for this stream and application, in records or bytes. */
    abstract MetricSeries series(String streamName, String applicationName, boolean bytes);
}
