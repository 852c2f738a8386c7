package io.github.kdastepscaling;

import io.github.kdastepscaling.policy.AlarmShape;
import java.util.Map;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.MathExpressionOptions;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.kinesis.IStream;

/**
 * The source stream's load as rates, the way the load alarms read it: a per-minute sum divided by 60, a minute
 * without writes counting as 0 ({@link KdaStepScaling#metricIncomingRecordsPerSecond(MathExpressionOptions)}).
 */
final class StreamRates {

    private StreamRates() {}

    /** {@code IncomingRecords} per second. */
    static MathExpression incomingRecords(IStream stream, MathExpressionOptions options) {
        return perSecond(
                AlarmShape.INCOMING_RECORDS_ID,
                stream.metricIncomingRecords(minuteSums()),
                "Incoming records per second",
                options);
    }

    /** {@code IncomingBytes} per second. */
    static MathExpression incomingBytes(IStream stream, MathExpressionOptions options) {
        return perSecond(
                AlarmShape.INCOMING_BYTES_ID,
                stream.metricIncomingBytes(minuteSums()),
                "Incoming bytes per second",
                options);
    }

    private static MetricOptions minuteSums() {
        return MetricOptions.builder()
                .statistic(AlarmShape.INCOMING_RECORDS_STATISTIC)
                .period(OneMinuteMetric.PERIOD)
                .build();
    }

    /** {@code FILL(id, 0) / 60}: a per-minute sum of the stream as a rate, a minute without writes as 0. */
    private static MathExpression perSecond(
            String id, Metric minuteSum, String defaultLabel, MathExpressionOptions options) {
        return MathExpression.Builder.create()
                .expression(AlarmShape.perSecondExpression(id))
                .usingMetrics(Map.of(id, minuteSum))
                .label(options.getLabel() != null ? options.getLabel() : defaultLabel)
                .period(options.getPeriod() != null ? options.getPeriod() : OneMinuteMetric.PERIOD)
                .color(options.getColor())
                .searchAccount(options.getSearchAccount())
                .searchRegion(options.getSearchRegion())
                .build();
    }
}
