package io.github.kdastepscaling;

import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.constructs.Construct;

/** What puts a child of a health alarm in ALARM: its metric (a count) compared with 1. */
enum HealthCondition {
    /** Something happened: the metric is at least 1; missing data (nothing happened) is not breaching. */
    HAPPENED(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, TreatMissingData.NOT_BREACHING),
    /** Something stopped: the metric is below 1; missing data (nothing published) is breaching. */
    ABSENT(ComparisonOperator.LESS_THAN_THRESHOLD, TreatMissingData.BREACHING);

    private final ComparisonOperator comparison;
    private final TreatMissingData missingData;

    HealthCondition(ComparisonOperator comparison, TreatMissingData missingData) {
        this.comparison = comparison;
        this.missingData = missingData;
    }

    /**
     * A health child in ALARM when this condition holds in {@code datapoints} (null: all) of the last {@code periods}
     * periods, with no action of its own (the composite alarms).
     */
    Alarm alarm(Construct scope, String id, String description, IMetric metric, Integer datapoints, int periods) {
        Alarm alarm = Alarm.Builder.create(scope, id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(1)
                .evaluationPeriods(periods)
                .datapointsToAlarm(datapoints)
                .comparisonOperator(comparison)
                .treatMissingData(missingData)
                .build();
        NagSuppressionMetadata.healthAlarmChild(alarm);
        return alarm;
    }
}
