package io.github.kdastepscaling.lambda;

import java.util.List;

/**
 * What aligning the alarm thresholds did.
 *
 * @param capacity the capacity the thresholds were aligned to
 * @param minCapacity the minimum capacity they were computed with (the scalable target's current one when read)
 * @param changes the thresholds that were changed
 * @param problems what could not be done, each a sentence; empty when both thresholds are right
 * @param unscaled the alarms a scaler that learns found on the signal itself rather than on the scaled load (an
 *     upgrade's first minutes, or an edit): they got the learned thresholds on the signal, and the next deploy that
 *     updates them puts them on the scaled load
 */
record ThresholdReport(
        int capacity, int minCapacity, List<Change> changes, List<String> problems, List<String> unscaled) {

    ThresholdReport {
        changes = List.copyOf(changes);
        problems = List.copyOf(problems);
        unscaled = List.copyOf(unscaled);
    }

    /** A report in which every alarm measures what the scaler expects. */
    ThresholdReport(int capacity, int minCapacity, List<Change> changes, List<String> problems) {
        this(capacity, minCapacity, changes, problems, List.of());
    }

    /** The report for fixed thresholds (a utilization signal): nothing to change; a range read failure is kept. */
    static ThresholdReport fixed(int capacity, ScalableTargetView.Minimum minimum) {
        return new ThresholdReport(
                capacity,
                minimum.minCapacity(),
                List.of(),
                minimum.problem() == null ? List.of() : List.of(minimum.problem()));
    }

    /**
     * The report when the thresholds could not be computed (the learned rate could not be read): nothing changed,
     * with {@code problem} and a range read failure, if any.
     */
    static ThresholdReport notAligned(int capacity, ScalableTargetView.Minimum minimum, String problem) {
        return new ThresholdReport(
                capacity,
                minimum.minCapacity(),
                List.of(),
                minimum.problem() == null ? List.of(problem) : List.of(minimum.problem(), problem));
    }

    boolean aligned() {
        return problems.isEmpty();
    }

    /**
     * One threshold changed.
     *
     * @param alarmName the alarm
     * @param from its threshold before, or null if it had none
     * @param to its threshold now
     * @param measures the scaled load's expression written with it ({@code load * configured / learned}), or null
     *     when the alarm's metric was left as it was
     */
    record Change(String alarmName, Double from, double to, String measures) {}
}
