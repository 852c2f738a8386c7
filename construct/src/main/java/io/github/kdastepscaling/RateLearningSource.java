package io.github.kdastepscaling;

import io.github.kdastepscaling.contract.LearningSeries;
import io.github.kdastepscaling.contract.MetricSeries;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

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
        return kinesis("GetRecords", streamName -> Map.of("StreamName", streamName));
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
        return kinesis(
                "SubscribeToShardEvent",
                streamName -> new TreeMap<>(Map.of("StreamName", streamName, "ConsumerName", consumerName)));
    }

    /**
     * One of the stream's own consumption metrics, {@code metric.Records} or {@code metric.Bytes} (Sum, namespace
     * {@code AWS/Kinesis}), by the dimensions {@code dimensions} gives for the stream's name.
     */
    private static RateLearningSource kinesis(String metric, Function<String, Map<String, String>> dimensions) {
        return new RateLearningSource() {
            @Override
            MetricSeries series(String streamName, String applicationName, boolean bytes) {
                return new MetricSeries(
                        LearningSeries.CONSUMED,
                        "AWS/Kinesis",
                        metric + (bytes ? ".Bytes" : ".Records"),
                        dimensions.apply(streamName),
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
