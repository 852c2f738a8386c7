package io.github.kdastepscaling;

import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.kinesis.IStream;

/**
 * How far the job is behind its source, in milliseconds: the lag guard's metric. Sources (docs/signals.md):
 * The default measures this construct's application: {@link #millisBehindLatest()} for a stream given with
 * {@code existingStream}, where other consumers are the rule (an archive, a second job), and {@link #iteratorAge()}
 * for the stream the construct creates, which only its job reads unless the user adds a consumer.
 * <ul>
 *   <li>{@link #iteratorAge()}, the default for a created stream: the stream's {@code GetRecords.IteratorAgeMilliseconds}, Maximum per
 *       minute (namespace {@code AWS/Kinesis}, dimension {@code StreamName}), the age of the oldest record any
 *       polling consumer read. It needs no metrics level and works for the construct's job and the example's
 *       polling consumer. It is the stream's, not the application's: another polling consumer that falls behind
 *       raises it too.</li>
 *   <li>{@link #millisBehindLatest()}: the application's own {@code millisBehindLatest}, Maximum per minute
 *       (namespace {@code AWS/KinesisAnalytics}, dimensions {@code Application}, {@code Flow=Input},
 *       {@code Id=<stream name>}), published at the {@code APPLICATION} metrics level and above by the Kinesis
 *       connector; the default for an imported stream; -1 until the connector first reports (below any bound, so
 *       not behind) and no datapoint while the job restarts (missing: not breaching); the only choice for an
 *       enhanced fan-out consumer, whose reads do not count in the stream's
 *       iterator age.</li>
 *   <li>{@link #of(IMetric)}: any metric in milliseconds, such as a Kafka source's lag turned into time.</li>
 * </ul>
 */
public abstract class LagMetric {

    LagMetric() {}

    /** The stream's {@code GetRecords.IteratorAgeMilliseconds}, Maximum per minute. */
    public static LagMetric iteratorAge() {
        return new LagMetric() {
            @Override
            IMetric bind(IStream stream, String applicationName) {
                return stream.metricGetRecordsIteratorAgeMilliseconds(MetricOptions.builder()
                        .statistic("Maximum")
                        .period(OneMinuteMetric.PERIOD)
                        .label("Iterator age (ms)")
                        .build());
            }
        };
    }

    /** The application's {@code millisBehindLatest} for the source stream, Maximum per minute. */
    public static LagMetric millisBehindLatest() {
        return new LagMetric() {
            @Override
            IMetric bind(IStream stream, String applicationName) {
                return Metric.Builder.create()
                        .namespace("AWS/KinesisAnalytics")
                        .metricName("millisBehindLatest")
                        // Sorted, so the template does not depend on Map.of's per-JVM iteration order.
                        .dimensionsMap(new TreeMap<>(
                                Map.of("Application", applicationName, "Flow", "Input", "Id", stream.getStreamName())))
                        .statistic("Maximum")
                        .period(OneMinuteMetric.PERIOD)
                        .label("Milliseconds behind latest")
                        .build();
            }
        };
    }

    /**
     * The default: the application's own lag for an imported stream (other consumers' lag must not add capacity nor
     * block scale-in), the stream's iterator age for a created one (no metrics level needed). docs/signals.md.
     */
    static LagMetric defaultFor(boolean importedStream) {
        return importedStream ? millisBehindLatest() : iteratorAge();
    }

    /** Any lag metric in milliseconds with a one-minute period. */
    public static LagMetric of(IMetric metric) {
        OneMinuteMetric.require("lagGuard.lagMetric", metric);
        return new LagMetric() {
            @Override
            IMetric bind(IStream stream, String applicationName) {
                return metric;
            }
        };
    }

    /** The metric for this construct's stream and application. */
    abstract IMetric bind(IStream stream, String applicationName);
}
