package io.github.kdastepscaling;

import io.github.kdastepscaling.contract.LearningSeries;
import io.github.kdastepscaling.contract.MetricSeries;
import io.github.kdastepscaling.contract.MetricSeriesText;
import io.github.kdastepscaling.policy.SignalKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.services.cloudwatch.Dimension;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MetricStatConfig;
import software.amazon.awscdk.services.kinesis.IStream;

/**
 * The series the scaler reads to learn the per-KPU rate ({@code LEARNING_METRICS}), one per input of the estimator:
 * what the application consumed (the learning's source), the lag guard's metric (Maximum), what came into the stream
 * (the signal's metric, Sum), the stream's read throttling (Sum) and, unless {@code rateLearning.busyTime} is
 * false, the application's {@code busyTimeMsPerSecond} (Maximum; read as the busiest task's).
 */
final class LearningMetrics {

    private LearningMetrics() {}

    /** The variable's text; the stream and application names may be tokens, resolved at deploy time. */
    static String text(ResolvedProps settings, IStream stream, String applicationName, IMetric lagMetric) {
        boolean bytes = settings.policy.thresholds().kind() == SignalKind.INCOMING_BYTES;
        String streamName = stream.getStreamName();
        List<MetricSeries> series = new ArrayList<>(List.of(
                settings.rateLearningSource.series(streamName, applicationName, bytes),
                lag(lagMetric),
                new MetricSeries(
                        LearningSeries.INCOMING,
                        "AWS/Kinesis",
                        bytes ? "IncomingBytes" : "IncomingRecords",
                        Map.of("StreamName", streamName),
                        "Sum"),
                new MetricSeries(
                        LearningSeries.THROTTLED,
                        "AWS/Kinesis",
                        "ReadProvisionedThroughputExceeded",
                        Map.of("StreamName", streamName),
                        "Sum")));
        if (ResolvedRateLearning.readsBusyTime(settings)) {
            // published per task (Task level and finer): the scaler reads the busiest with a search in the same call
            series.add(new MetricSeries(
                    LearningSeries.BUSY,
                    "AWS/KinesisAnalytics",
                    "busyTimeMsPerSecond",
                    Map.of("Application", applicationName),
                    "Maximum"));
        }
        return MetricSeriesText.encode(series);
    }

    /**
     * The lag guard's metric as a series, Maximum: the estimator asks whether the job had a backlog through the
     * minute. A math expression cannot be one series of GetMetricData's MetricStat, so it is refused.
     */
    private static MetricSeries lag(IMetric metric) {
        MetricStatConfig stat = metric.toMetricConfig().getMetricStat();
        if (stat == null) {
            throw new IllegalArgumentException("lagGuard.lagMetric (" + metric + ") is a math expression, but "
                    + "rateLearning reads the lag as one metric: give LagMetric.of(a Metric) or "
                    + "rateLearning(RateLearningProps.disabled())");
        }
        Map<String, String> dimensions = new TreeMap<>();
        List<Dimension> given = stat.getDimensions();
        if (given != null) {
            for (Dimension d : given) {
                dimensions.put(d.getName(), String.valueOf(d.getValue()));
            }
        }
        return new MetricSeries(LearningSeries.LAG, stat.getNamespace(), stat.getMetricName(), dimensions, "Maximum");
    }
}
