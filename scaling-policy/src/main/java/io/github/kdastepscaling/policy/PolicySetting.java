package io.github.kdastepscaling.policy;

/**
 * Every setting of a scaling policy, once: its name as a construct prop ({@code KdaStepScalingProps}) and as a field
 * of the simulator's policy file and report. The simulator reads and writes them with exhaustive switches over this
 * enum, and a construct test checks every prop exists, so a setting added here is added everywhere or fails to
 * compile or test.
 */
public enum PolicySetting {
    MIN_CAPACITY("minCapacity", "minCapacity"),
    MAX_CAPACITY("maxCapacity", "maxCapacity"),
    KPU_QUOTA("kpuQuota", "kpuQuota"),
    SCALE_OUT_RECORDS_PER_SECOND_PER_KPU("scaleOutRecordsPerSecondPerKpu", "scaleOutRecordsPerSecondPerKpu"),
    SCALE_IN_RECORDS_PER_SECOND_PER_KPU("scaleInRecordsPerSecondPerKpu", "scaleInRecordsPerSecondPerKpu"),
    SCALE_OUT_STEPS("scaleOutSteps", "scaleOutSteps"),
    SCALE_IN_STEPS("scaleInSteps", "scaleInSteps"),
    /** A {@code Duration} prop; whole seconds in the file. */
    SCALE_OUT_COOLDOWN("scaleOutCooldown", "scaleOutCooldownSeconds"),
    /** A {@code Duration} prop; whole seconds in the file. */
    SCALE_IN_COOLDOWN("scaleInCooldown", "scaleInCooldownSeconds"),
    SCALE_OUT_EVALUATION_PERIODS("scaleOutEvaluationPeriods", "scaleOutEvaluationPeriods"),
    SCALE_OUT_DATAPOINTS_TO_ALARM("scaleOutDatapointsToAlarm", "scaleOutDatapointsToAlarm"),
    SCALE_IN_EVALUATION_PERIODS("scaleInEvaluationPeriods", "scaleInEvaluationPeriods"),
    SCALE_IN_DATAPOINTS_TO_ALARM("scaleInDatapointsToAlarm", "scaleInDatapointsToAlarm"),
    /** A {@code Duration} prop; whole seconds in the file. */
    EXPECTED_RESTART("expectedRestartDuration", "expectedRestartSeconds"),
    SCHEDULED_CAPACITY("scheduledCapacity", "scheduledCapacity"),
    /** The load signal: its kind and its two settings (a {@code ScalingSignal} prop; an object in the file). */
    SCALING_SIGNAL("scalingSignal", "scalingSignal"),
    /** The lag guard (a {@code LagGuardProps} prop; an object in the file, {@code false} to turn it off). */
    LAG_GUARD("lagGuard", "lagGuard");

    private final String propName;
    private final String fileField;

    PolicySetting(String propName, String fileField) {
        this.propName = propName;
        this.fileField = fileField;
    }

    /** The construct prop, e.g. {@code scaleOutCooldown}. */
    public String propName() {
        return propName;
    }

    /** The simulator's policy-file and report field, e.g. {@code scaleOutCooldownSeconds}. */
    public String fileField() {
        return fileField;
    }
}
