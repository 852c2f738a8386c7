package io.github.kdastepscaling;

import io.github.kdastepscaling.policy.AlarmShape;
import java.util.Map;
import java.util.function.BiFunction;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.MathExpressionOptions;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.kinesis.IStream;

/**
 * The source stream's load as a rate, the way the load alarms read it: a per-minute sum divided by 60, a minute
 * without writes counting as 0 ({@link KdaStepScaling#metricIncomingRecordsPerSecond(MathExpressionOptions)}).
 */
enum StreamRate {
    INCOMING_RECORDS(AlarmShape.INCOMING_RECORDS_ID, IStream::metricIncomingRecords, "Incoming records per second"),
    INCOMING_BYTES(AlarmShape.INCOMING_BYTES_ID, IStream::metricIncomingBytes, "Incoming bytes per second");

    private final String id;
    private final BiFunction<IStream, MetricOptions, Metric> minuteSum;
    private final String defaultLabel;

    StreamRate(String id, BiFunction<IStream, MetricOptions, Metric> minuteSum, String defaultLabel) {
        this.id = id;
        this.minuteSum = minuteSum;
        this.defaultLabel = defaultLabel;
    }

    /** {@code FILL(id, 0) / 60} over the stream's per-minute sum, with {@code options} over the defaults. */
    MathExpression of(IStream stream, MathExpressionOptions options) {
        MetricOptions minuteSums = MetricOptions.builder()
                .statistic(AlarmShape.INCOMING_RECORDS_STATISTIC)
                .period(OneMinuteMetric.PERIOD)
                .build();
        return MathExpression.Builder.create()
                .expression(AlarmShape.perSecondExpression(id))
                .usingMetrics(Map.of(id, minuteSum.apply(stream, minuteSums)))
                .label(options.getLabel() != null ? options.getLabel() : defaultLabel)
                .period(options.getPeriod() != null ? options.getPeriod() : OneMinuteMetric.PERIOD)
                .color(options.getColor())
                .searchAccount(options.getSearchAccount())
                .searchRegion(options.getSearchRegion())
                .build();
    }
}
