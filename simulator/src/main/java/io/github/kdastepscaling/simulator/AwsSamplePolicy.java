package io.github.kdastepscaling.simulator;

import io.github.kdastepscaling.policy.AlarmComparison;
import io.github.kdastepscaling.policy.AlarmEvaluation;
import io.github.kdastepscaling.policy.CapacityRange;
import io.github.kdastepscaling.policy.MissingDataTreatment;
import io.github.kdastepscaling.policy.ScalingDefaults;
import io.github.kdastepscaling.policy.ScalingDirection;
import io.github.kdastepscaling.policy.ScalingStep;
import io.github.kdastepscaling.policy.ScalingSteps;
import io.github.kdastepscaling.policy.SignalKind;
import java.util.List;

/**
 * The policy of the original AWS sample (aws-samples/kda-flink-app-autoscaling, step-scaling/step-scaling.yaml and
 * index.py), which this project replaces, with its throughput per KPU set to the policy under test's
 * {@code scaleOutRecordsPerSecondPerKpu} and its capacity range set to the policy under test's, so the two differ only
 * in their scaling logic.
 *
 * <ul>
 *   <li>scale-out: {@code GreaterThanOrEqualToThreshold} capacity x rate (the template's first alarm says
 *       {@code GreaterThanThreshold}; the Lambda re-creates it with {@code >=} at the first rescale: the difference is
 *       one exact value and is not modelled), 1 datapoint out of 1, steps +1/+2/+4/+8 for one-KPU bands of excess
 *       load ({@code [0,1) [1,2) [2,3) [3,+inf)}), Cooldown 600 s;</li>
 *   <li>scale-in: {@code LessThanOrEqualToThreshold} (capacity - 1) x rate, 2 datapoints out of 2, steps -1..-4 for
 *       one-KPU bands below the threshold, Cooldown 600 s;</li>
 *   <li>missing data: the template leaves {@code TreatMissingData} unset, so {@code missing};</li>
 *   <li>modelled bug: the template creates the scale-in alarm with threshold 0, and only the Lambda sets it to
 *       (capacity - 1) x rate, at the first rescale: until the first scale-out the sample never scales in;</li>
 *   <li>not modelled: the sample's alarms return the raw {@code IncomingRecords} Sum per minute ({@code ReturnData}
 *       is on {@code ir}, not on the {@code ir/60} expression) and compare it with thresholds in records per
 *       second, so as deployed it scales out at 1/60 of the intended load and sits at maximum capacity. That is a
 *       defect in one line of YAML rather than a policy, and a baseline pinned at maximum capacity would teach
 *       nothing; the simulator evaluates the policy the sample meant.</li>
 * </ul>
 */
public final class AwsSamplePolicy {

    public static final String NAME = "aws-sample";
    public static final int COOLDOWN_SECONDS = 600;

    private AwsSamplePolicy() {}

    /**
     * @param capacityRange          the scalable target's range
     * @param recordsPerSecondPerKpu the sample's {@code ThroughputPerKPU}: threshold per KPU and step band width
     */
    public static StepScalingSpec spec(CapacityRange capacityRange, double recordsPerSecondPerKpu) {
        ScalingSteps out = ScalingSteps.of(
                ScalingDirection.SCALE_OUT,
                List.of(
                        ScalingStep.between(0, 1, 1),
                        ScalingStep.between(1, 2, 2),
                        ScalingStep.between(2, 3, 4),
                        ScalingStep.from(3, 8)),
                "awsSample.scaleOutSteps");
        ScalingSteps in = ScalingSteps.of(
                ScalingDirection.SCALE_IN,
                List.of(
                        ScalingStep.between(-1, 0, -1),
                        ScalingStep.between(-2, -1, -2),
                        ScalingStep.between(-3, -2, -3),
                        ScalingStep.upTo(-3, -4)),
                "awsSample.scaleInSteps");
        ThresholdSetter thresholds = new ThresholdSetter() {
            @Override
            public AlarmThresholds initial(int capacity) {
                return new AlarmThresholds(capacity * recordsPerSecondPerKpu, 0);
            }

            @Override
            public AlarmThresholds afterRescale(int capacity) {
                return new AlarmThresholds(
                        capacity * recordsPerSecondPerKpu, capacity > 1 ? (capacity - 1) * recordsPerSecondPerKpu : 0);
            }
        };
        return new StepScalingSpec(
                capacityRange,
                out,
                in,
                COOLDOWN_SECONDS,
                COOLDOWN_SECONDS,
                new MetricAlarm(
                        AlarmComparison.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                        new AlarmEvaluation(1, 1),
                        MissingDataTreatment.MISSING),
                new MetricAlarm(
                        AlarmComparison.LESS_THAN_OR_EQUAL_TO_THRESHOLD,
                        new AlarmEvaluation(2, 2),
                        MissingDataTreatment.MISSING),
                thresholds,
                recordsPerSecondPerKpu,
                recordsPerSecondPerKpu,
                List.of(),
                SignalKind.INCOMING_RECORDS,
                null,
                ScalingDefaults.EXPECTED_RESTART_SECONDS);
    }
}
