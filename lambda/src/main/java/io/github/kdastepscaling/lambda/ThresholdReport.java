package io.github.kdastepscaling.lambda;

import java.util.List;

/**
 * What aligning the alarm thresholds did.
 *
 * @param capacity the capacity the thresholds were aligned to
 * @param minCapacity the minimum capacity they were computed with (the scalable target's current one when read)
 * @param changes the thresholds that were changed
 * @param problems what could not be done, each a sentence; empty when both thresholds are right
 */
record ThresholdReport(int capacity, int minCapacity, List<Change> changes, List<String> problems) {

    ThresholdReport {
        changes = List.copyOf(changes);
        problems = List.copyOf(problems);
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
