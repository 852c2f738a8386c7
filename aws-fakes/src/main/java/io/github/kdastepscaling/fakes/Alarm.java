package io.github.kdastepscaling.fakes;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An immutable snapshot of one CloudWatch metric alarm with every field PutMetricAlarm accepts, so a test can
 * check that code which reads an alarm and puts it back (PutMetricAlarm replaces the whole configuration) loses
 * nothing. Unset fields are {@code null}; unset lists are empty. Build with {@link #builder(String)} or copy
 * with {@link #toBuilder()}.
 *
 * @param alarmName                          name (the key)
 * @param alarmArn                           {@code arn:aws:cloudwatch:REGION:ACCOUNT:alarm:NAME}; filled in by the fake
 * @param alarmDescription                   description
 * @param actionsEnabled                     whether actions run; CloudWatch stores {@code true} when not sent
 * @param okActions                          OK actions
 * @param alarmActions                       ALARM actions
 * @param insufficientDataActions            INSUFFICIENT_DATA actions
 * @param metricName                         single-metric alarm: metric name
 * @param namespace                          single-metric alarm: namespace
 * @param statistic                          single-metric alarm: statistic (or {@code extendedStatistic})
 * @param extendedStatistic                  single-metric alarm: percentile statistic, e.g. {@code p99}
 * @param dimensions                         single-metric alarm: dimensions
 * @param period                             single-metric alarm: period in seconds
 * @param unit                               single-metric alarm: unit
 * @param evaluationPeriods                  periods evaluated
 * @param datapointsToAlarm                  "M out of N" datapoints
 * @param threshold                          threshold
 * @param comparisonOperator                 e.g. {@code GreaterThanOrEqualToThreshold}
 * @param treatMissingData                   {@code missing}, {@code ignore}, {@code breaching}, {@code notBreaching}
 * @param evaluateLowSampleCountPercentile   {@code evaluate} or {@code ignore}
 * @param metrics                            metric-math alarm: the queries
 * @param thresholdMetricId                  anomaly-detection alarm: id of the band
 * @param stateValue                         {@code OK}, {@code ALARM} or {@code INSUFFICIENT_DATA} (on creation)
 * @param stateReason                        why the state is what it is
 * @param stateUpdatedTimestamp              when the state last changed
 * @param alarmConfigurationUpdatedTimestamp when the configuration was last put
 */
public record Alarm(
        String alarmName,
        String alarmArn,
        String alarmDescription,
        Boolean actionsEnabled,
        List<String> okActions,
        List<String> alarmActions,
        List<String> insufficientDataActions,
        String metricName,
        String namespace,
        String statistic,
        String extendedStatistic,
        List<Dimension> dimensions,
        Integer period,
        String unit,
        Integer evaluationPeriods,
        Integer datapointsToAlarm,
        Double threshold,
        String comparisonOperator,
        String treatMissingData,
        String evaluateLowSampleCountPercentile,
        List<MetricQuery> metrics,
        String thresholdMetricId,
        String stateValue,
        String stateReason,
        Instant stateUpdatedTimestamp,
        Instant alarmConfigurationUpdatedTimestamp) {

    /** Makes the lists immutable and never null. */
    public Alarm {
        Objects.requireNonNull(alarmName, "alarmName");
        okActions = copy(okActions);
        alarmActions = copy(alarmActions);
        insufficientDataActions = copy(insufficientDataActions);
        dimensions = copy(dimensions);
        metrics = copy(metrics);
    }

    private static <T> List<T> copy(List<T> l) {
        return l == null ? List.of() : List.copyOf(l);
    }

    /** A metric dimension (name/value pair). */
    public record Dimension(String name, String value) {}

    /** A metric, as in {@code MetricStat.Metric}. */
    public record Metric(String namespace, String metricName, List<Dimension> dimensions) {
        /** Makes the dimensions immutable and never null. */
        public Metric {
            dimensions = copy(dimensions);
        }
    }

    /** A metric with its aggregation, as in {@code MetricDataQuery.MetricStat}. */
    public record MetricStat(Metric metric, Integer period, String stat, String unit) {}

    /**
     * One {@code MetricDataQuery} of a metric-math alarm: either {@code expression} or {@code metricStat}.
     * {@code returnData} null means not sent (CloudWatch then treats it as true).
     */
    public record MetricQuery(
            String id,
            String expression,
            String label,
            Boolean returnData,
            Integer period,
            String accountId,
            MetricStat metricStat) {}

    /** @return a builder for an alarm of that name with every other field unset */
    public static Builder builder(String alarmName) {
        return new Builder(alarmName);
    }

    /** @return a builder holding this alarm's fields */
    public Builder toBuilder() {
        Builder b = new Builder(alarmName);
        b.alarmArn = alarmArn;
        b.alarmDescription = alarmDescription;
        b.actionsEnabled = actionsEnabled;
        b.okActions = okActions;
        b.alarmActions = alarmActions;
        b.insufficientDataActions = insufficientDataActions;
        b.metricName = metricName;
        b.namespace = namespace;
        b.statistic = statistic;
        b.extendedStatistic = extendedStatistic;
        b.dimensions = dimensions;
        b.period = period;
        b.unit = unit;
        b.evaluationPeriods = evaluationPeriods;
        b.datapointsToAlarm = datapointsToAlarm;
        b.threshold = threshold;
        b.comparisonOperator = comparisonOperator;
        b.treatMissingData = treatMissingData;
        b.evaluateLowSampleCountPercentile = evaluateLowSampleCountPercentile;
        b.metrics = metrics;
        b.thresholdMetricId = thresholdMetricId;
        b.stateValue = stateValue;
        b.stateReason = stateReason;
        b.stateUpdatedTimestamp = stateUpdatedTimestamp;
        b.alarmConfigurationUpdatedTimestamp = alarmConfigurationUpdatedTimestamp;
        return b;
    }

    /** Mutable builder for {@link Alarm}; every setter returns the builder. */
    public static final class Builder {
        private String alarmName;
        private String alarmArn;
        private String alarmDescription;
        private Boolean actionsEnabled;
        private List<String> okActions;
        private List<String> alarmActions;
        private List<String> insufficientDataActions;
        private String metricName;
        private String namespace;
        private String statistic;
        private String extendedStatistic;
        private List<Dimension> dimensions;
        private Integer period;
        private String unit;
        private Integer evaluationPeriods;
        private Integer datapointsToAlarm;
        private Double threshold;
        private String comparisonOperator;
        private String treatMissingData;
        private String evaluateLowSampleCountPercentile;
        private List<MetricQuery> metrics;
        private String thresholdMetricId;
        private String stateValue;
        private String stateReason;
        private Instant stateUpdatedTimestamp;
        private Instant alarmConfigurationUpdatedTimestamp;

        private Builder(String alarmName) {
            this.alarmName = alarmName;
        }

        /** Sets the name. */
        public Builder alarmName(String v) {
            alarmName = v;
            return this;
        }
        /** Sets the ARN (normally left to the fake). */
        public Builder alarmArn(String v) {
            alarmArn = v;
            return this;
        }
        /** Sets the description. */
        public Builder alarmDescription(String v) {
            alarmDescription = v;
            return this;
        }
        /** Sets ActionsEnabled. */
        public Builder actionsEnabled(Boolean v) {
            actionsEnabled = v;
            return this;
        }
        /** Sets the OK actions. */
        public Builder okActions(List<String> v) {
            okActions = v;
            return this;
        }
        /** Sets the ALARM actions. */
        public Builder alarmActions(List<String> v) {
            alarmActions = v;
            return this;
        }
        /** Sets the INSUFFICIENT_DATA actions. */
        public Builder insufficientDataActions(List<String> v) {
            insufficientDataActions = v;
            return this;
        }
        /** Sets the metric name. */
        public Builder metricName(String v) {
            metricName = v;
            return this;
        }
        /** Sets the namespace. */
        public Builder namespace(String v) {
            namespace = v;
            return this;
        }
        /** Sets the statistic. */
        public Builder statistic(String v) {
            statistic = v;
            return this;
        }
        /** Sets the extended statistic. */
        public Builder extendedStatistic(String v) {
            extendedStatistic = v;
            return this;
        }
        /** Sets the dimensions. */
        public Builder dimensions(List<Dimension> v) {
            dimensions = v;
            return this;
        }
        /** Sets the period in seconds. */
        public Builder period(Integer v) {
            period = v;
            return this;
        }
        /** Sets the unit. */
        public Builder unit(String v) {
            unit = v;
            return this;
        }
        /** Sets EvaluationPeriods. */
        public Builder evaluationPeriods(Integer v) {
            evaluationPeriods = v;
            return this;
        }
        /** Sets DatapointsToAlarm. */
        public Builder datapointsToAlarm(Integer v) {
            datapointsToAlarm = v;
            return this;
        }
        /** Sets the threshold. */
        public Builder threshold(Double v) {
            threshold = v;
            return this;
        }
        /** Sets the comparison operator. */
        public Builder comparisonOperator(String v) {
            comparisonOperator = v;
            return this;
        }
        /** Sets TreatMissingData. */
        public Builder treatMissingData(String v) {
            treatMissingData = v;
            return this;
        }
        /** Sets EvaluateLowSampleCountPercentile. */
        public Builder evaluateLowSampleCountPercentile(String v) {
            evaluateLowSampleCountPercentile = v;
            return this;
        }
        /** Sets the metric-math queries. */
        public Builder metrics(List<MetricQuery> v) {
            metrics = v;
            return this;
        }
        /** Sets ThresholdMetricId. */
        public Builder thresholdMetricId(String v) {
            thresholdMetricId = v;
            return this;
        }
        /** Sets the state. */
        public Builder stateValue(String v) {
            stateValue = v;
            return this;
        }
        /** Sets the state reason. */
        public Builder stateReason(String v) {
            stateReason = v;
            return this;
        }
        /** Sets when the state changed. */
        public Builder stateUpdatedTimestamp(Instant v) {
            stateUpdatedTimestamp = v;
            return this;
        }
        /** Sets when the configuration changed. */
        public Builder alarmConfigurationUpdatedTimestamp(Instant v) {
            alarmConfigurationUpdatedTimestamp = v;
            return this;
        }

        /** @return the alarm */
        public Alarm build() {
            return new Alarm(
                    alarmName,
                    alarmArn,
                    alarmDescription,
                    actionsEnabled,
                    okActions,
                    alarmActions,
                    insufficientDataActions,
                    metricName,
                    namespace,
                    statistic,
                    extendedStatistic,
                    dimensions,
                    period,
                    unit,
                    evaluationPeriods,
                    datapointsToAlarm,
                    threshold,
                    comparisonOperator,
                    treatMissingData,
                    evaluateLowSampleCountPercentile,
                    metrics,
                    thresholdMetricId,
                    stateValue,
                    stateReason,
                    stateUpdatedTimestamp,
                    alarmConfigurationUpdatedTimestamp);
        }
    }
}
