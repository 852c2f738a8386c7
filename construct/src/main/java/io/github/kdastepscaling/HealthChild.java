package io.github.kdastepscaling;

import java.util.Locale;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.constructs.Construct;

/**
 * One child of a health alarm, as a row of its table: the child's construct id, which lower-cased is also the anchor
 * of its runbook entry, the condition that puts it in ALARM, and in how many of how many periods.
 *
 * @param datapoints the breaching periods that put it in ALARM, or null for all of them
 */
record HealthChild(String id, HealthCondition condition, Integer datapoints, int periods) {

    /** The child alarm on {@code metric}, described by {@code wording} and then the link to its runbook entry. */
    Alarm alarm(Construct scope, String wording, IMetric metric) {
        String description = Runbook.describe(wording, id.toLowerCase(Locale.ROOT));
        return condition.alarm(scope, id, description, metric, datapoints, periods);
    }
}
