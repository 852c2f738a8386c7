package io.github.kdastepscaling.policy;

import java.util.Locale;

/**
 * What the load alarms measure, and so how their thresholds relate to capacity. The construct deploys it, the scaler
 * reads it from its environment ({@code SIGNAL_KIND}) to know whether thresholds follow capacity, and the simulator
 * models it.
 *
 * <ul>
 *   <li>{@link #INCOMING_RECORDS}, {@link #INCOMING_BYTES} and {@link #LOAD} grow with the load: the scale-out
 *       threshold is {@code capacity x scaleOut per KPU}, the scale-in threshold {@code (capacity - 1) x scaleIn per
 *       KPU}, and the scaler re-sets both after every rescale;</li>
 *   <li>{@link #UTILIZATION} is already normalised by capacity (CPU, busy time): its thresholds are fixed and the
 *       scaler re-sets nothing.</li>
 * </ul>
 */
public enum SignalKind {
    /** The source stream's {@code IncomingRecords}, per second. */
    INCOMING_RECORDS("records/s", "scaleOutRecordsPerSecondPerKpu", "scaleInRecordsPerSecondPerKpu"),
    /** The source stream's {@code IncomingBytes}, per second. */
    INCOMING_BYTES("bytes/s", "scaleOutBytesPerSecondPerKpu", "scaleInBytesPerSecondPerKpu"),
    /** Any metric that grows with the load, in its own unit. */
    LOAD("units", "scaleOutPerKpu", "scaleInPerKpu"),
    /** Any metric already normalised by capacity; thresholds are fixed. */
    UTILIZATION("units", "scaleOutAbove", "scaleInBelow");

    private final String unit;
    private final String scaleOutSetting;
    private final String scaleInSetting;

    SignalKind(String unit, String scaleOutSetting, String scaleInSetting) {
        this.unit = unit;
        this.scaleOutSetting = scaleOutSetting;
        this.scaleInSetting = scaleInSetting;
    }

    /** Whether the thresholds move with capacity (and the scaler re-sets them after each rescale). */
    public boolean followsCapacity() {
        return this != UTILIZATION;
    }

    /** The unit of the signal's values, for messages. */
    public String unit() {
        return unit;
    }

    /** The name of the scale-out setting, as error messages name it. */
    public String scaleOutSetting() {
        return scaleOutSetting;
    }

    /** The name of the scale-in setting, as error messages name it. */
    public String scaleInSetting() {
        return scaleInSetting;
    }

    /**
     * The kind as the props and the policy file name it, the name of the construct's {@code ScalingSignal} factory:
     * {@code incomingBytes} for {@link #INCOMING_BYTES}.
     */
    public String propName() {
        String[] words = name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return name.toString();
    }

    /**
     * The signal rule, which setting a per-KPU rate writes: the records rates ({@code scaleOutRecordsPerSecondPerKpu},
     * {@code scaleInRecordsPerSecondPerKpu}) are the {@link #INCOMING_RECORDS} signal's; another kind carries its own
     * two settings, and a records rate given beside it is refused rather than silently ignored. The construct's props
     * and the simulator's policy file apply this one rule.
     *
     * @param name  the records setting as given
     * @param value its value as given, or null when absent
     */
    public void refuseRecordsRate(String name, Object value) {
        if (this != INCOMING_RECORDS && value != null) {
            String given = value instanceof Number number ? NumberText.of(number.doubleValue()) : value.toString();
            throw new IllegalArgumentException(name + " (" + given + ") applies to the " + INCOMING_RECORDS.propName()
                    + " signal only; scalingSignal is " + propName() + ", which carries its own " + scaleOutSetting
                    + " and " + scaleInSetting);
        }
    }

    /** The setting of {@code direction}. */
    public String setting(ScalingDirection direction) {
        return direction == ScalingDirection.SCALE_OUT ? scaleOutSetting : scaleInSetting;
    }
}
