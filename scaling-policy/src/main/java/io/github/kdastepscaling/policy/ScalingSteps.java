package io.github.kdastepscaling.policy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The validated steps of one direction's policy, sorted by their bounds.
 *
 * <p>Validation follows Application Auto Scaling's own rules (no overlap, no gap, at most one open bound on each
 * side, no step open on both sides) and adds what makes a policy work for a capacity that moves both ways: the
 * steps start at the threshold (0), scale-out steps lie above it with positive adjustments, scale-in steps below it
 * with negative ones, and the outermost step is open so that no load, however far from the threshold, goes
 * unanswered.
 */
public final class ScalingSteps {

    private final ScalingDirection direction;
    private final List<ScalingStep> steps;

    private ScalingSteps(ScalingDirection direction, List<ScalingStep> steps) {
        this.direction = direction;
        this.steps = steps;
    }

    /**
     * Validates {@code steps} for {@code direction}.
     *
     * @param propName the name of the prop the steps came from, used in error messages
     * @throws IllegalArgumentException naming {@code propName} and the offending step
     */
    public static ScalingSteps of(ScalingDirection direction, List<ScalingStep> steps, String propName) {
        if (steps == null || steps.isEmpty()) {
            throw new IllegalArgumentException(propName + " must have at least one step");
        }
        for (int i = 0; i < steps.size(); i++) {
            ScalingStep step = steps.get(i);
            if (step == null) {
                throw new IllegalArgumentException(propName + "[" + i + "] must not be null");
            }
            requireSign(direction, step, propName + "[" + i + "]");
        }
        List<ScalingStep> sorted = new ArrayList<>(steps);
        sorted.sort(Comparator.comparingDouble(ScalingStep::lowerOrMinusInfinity));
        for (int i = 1; i < sorted.size(); i++) {
            ScalingStep previous = sorted.get(i - 1);
            ScalingStep next = sorted.get(i);
            double end = previous.upperOrPlusInfinity();
            double start = next.lowerOrMinusInfinity();
            if (end > start) {
                throw new IllegalArgumentException(propName + ": steps " + previous.describe(direction) + " and "
                        + next.describe(direction) + " overlap");
            }
            if (end < start) {
                throw new IllegalArgumentException(propName + ": steps " + previous.describe(direction) + " and "
                        + next.describe(direction) + " leave a gap from " + NumberText.of(end) + " to "
                        + NumberText.of(start) + " KPUs of load");
            }
        }
        requireCoverage(direction, sorted, propName);
        return new ScalingSteps(direction, List.copyOf(sorted));
    }

    private static void requireSign(ScalingDirection direction, ScalingStep step, String where) {
        if (step.lowerBoundKpus() == null && step.upperBoundKpus() == null) {
            throw new IllegalArgumentException(
                    where + " " + step.describe(direction) + " must have a lower or an upper bound");
        }
        if (step.lowerOrMinusInfinity() >= step.upperOrPlusInfinity()) {
            throw new IllegalArgumentException(
                    where + " " + step.describe(direction) + " must have its lower bound below its upper bound");
        }
        requireFinite(step.lowerBoundKpus(), where, step, direction);
        requireFinite(step.upperBoundKpus(), where, step, direction);
        if (direction == ScalingDirection.SCALE_OUT) {
            if (step.adjustmentKpus() <= 0) {
                throw new IllegalArgumentException(where + " " + step.describe(direction)
                        + " is a scale-out step: its adjustment must be positive");
            }
            if (step.lowerOrMinusInfinity() < 0) {
                throw new IllegalArgumentException(where + " " + step.describe(direction)
                        + " is a scale-out step: its bounds must be at or above the threshold (>= 0)");
            }
        } else {
            if (step.adjustmentKpus() >= 0) {
                throw new IllegalArgumentException(where + " " + step.describe(direction)
                        + " is a scale-in step: its adjustment must be negative");
            }
            if (step.upperOrPlusInfinity() > 0) {
                throw new IllegalArgumentException(where + " " + step.describe(direction)
                        + " is a scale-in step: its bounds must be at or below the threshold (<= 0)");
            }
        }
    }

    private static void requireFinite(Double bound, String where, ScalingStep step, ScalingDirection direction) {
        if (bound != null && (bound.isNaN() || bound.isInfinite())) {
            throw new IllegalArgumentException(
                    where + " " + step.describe(direction) + " must have finite bounds (use null for an open bound)");
        }
    }

    private static void requireCoverage(ScalingDirection direction, List<ScalingStep> sorted, String propName) {
        ScalingStep first = sorted.get(0);
        ScalingStep last = sorted.get(sorted.size() - 1);
        if (direction == ScalingDirection.SCALE_OUT) {
            if (first.lowerOrMinusInfinity() != 0) {
                throw new IllegalArgumentException(propName + ": the first step " + first.describe(direction)
                        + " must start at the threshold (lower bound 0), or loads just above it match no step");
            }
            if (last.upperBoundKpus() != null) {
                throw new IllegalArgumentException(propName + ": the last step " + last.describe(direction)
                        + " must have no upper bound, or loads more than " + NumberText.of(last.upperBoundKpus())
                        + " KPUs above the threshold match no step and maxCapacity may never be reached");
            }
        } else {
            if (last.upperOrPlusInfinity() != 0) {
                throw new IllegalArgumentException(propName + ": the last step " + last.describe(direction)
                        + " must end at the threshold (upper bound 0), or loads just below it match no step");
            }
        }
    }

    /**
     * The adjustment for a load {@code distanceKpus} KPUs of load away from the threshold (positive above it),
     * or empty when no step matches.
     */
    public Optional<Integer> adjustmentFor(double distanceKpus) {
        for (ScalingStep step : steps) {
            boolean matches = direction == ScalingDirection.SCALE_OUT
                    ? distanceKpus >= step.lowerOrMinusInfinity() && distanceKpus < step.upperOrPlusInfinity()
                    : distanceKpus > step.lowerOrMinusInfinity() && distanceKpus <= step.upperOrPlusInfinity();
            if (matches) {
                return Optional.of(step.adjustmentKpus());
            }
        }
        return Optional.empty();
    }

    /** The steps sorted by their lower bound. */
    public List<ScalingStep> steps() {
        return steps;
    }
}
