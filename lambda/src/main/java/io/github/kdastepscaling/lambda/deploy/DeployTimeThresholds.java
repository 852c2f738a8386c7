package io.github.kdastepscaling.lambda.deploy;

import io.github.kdastepscaling.contract.ScalerEnvironment;
import io.github.kdastepscaling.policy.CapacityRange;
import io.github.kdastepscaling.policy.NumberText;
import io.github.kdastepscaling.policy.ScaledLoad;
import io.github.kdastepscaling.policy.ScalingThresholds;
import io.github.kdastepscaling.policy.rate.LearnedRate;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The load alarms' thresholds a deploy writes: those of the stored capacity ({@link DeployTimeCapacity}, the one the
 * parallelism is deployed with), by the shared formula ({@link ScalingThresholds}), with the scale-in rule at the
 * scalable target's current minimum, as the scaler sets them. A deploy that updates an alarm therefore writes back the
 * thresholds the scaler already set for the capacity the job runs at, not those of the initial capacity, and cannot
 * make the alarm fire (with the default one-of-one scale-out alarm, a restart). With learning the alarms measure the
 * scaled load ({@link ScaledLoad}): the result then also gives the learned rate the expression divides by, and the
 * thresholds are those of the configured rate, so threshold and rate are written together as the scaler writes them.
 *
 * <p>A read that fails stops the deploy with the reason rather than guess: a guessed threshold could scale the job.
 */
final class DeployTimeThresholds {

    /**
     * What the resource decided, for its response and the function's log.
     *
     * @param minimum the minimum the scale-in threshold was computed with
     * @param scaleOut the scale-out alarm's threshold, in the alarm's units
     * @param scaleIn the scale-in alarm's threshold, in the alarm's units
     * @param learnedScaleOutPerKpu with learning, the rate the scaled load divides by ({@code load * configured /
     *     learned}, {@link ScaledLoad}), and the thresholds are the configured rate's; NaN without learning
     */
    record Result(
            int capacity, int minimum, double scaleOut, double scaleIn, double learnedScaleOutPerKpu, String reason) {}

    /** The scalable target's current range, or empty when no such target is registered. */
    interface CurrentRange {
        Optional<CapacityRange> read(String resourceId);
    }

    /**
     * The scaler's learning, when it learns: where it keeps the learned rate and the bounds within which it uses it.
     */
    record Learning(String parameterName, double minRate, double maxRate) {}

    private final DeployTimeCapacity storedCapacity;
    private final CurrentRange currentRange;
    private final DeployTimeCapacity.StoredDesire parameters;

    /** @param parameters reads an SSM parameter (the learned rate's) */
    DeployTimeThresholds(
            DeployTimeCapacity storedCapacity, CurrentRange currentRange, DeployTimeCapacity.StoredDesire parameters) {
        this.storedCapacity = storedCapacity;
        this.currentRange = currentRange;
        this.parameters = parameters;
    }

    /**
     * @param configured the thresholds the template's policy gives (its per-KPU settings and deployed minimum)
     * @throws IllegalStateException with the reason the deploy must stop: the stored capacity or the target's range
     *     cannot be read
     */
    Result thresholds(
            String parameterName,
            int initialCapacity,
            int kpuQuota,
            ScalingThresholds configured,
            String scalableTargetResourceId,
            Learning learning) {
        DeployTimeCapacity.StoredCapacity stored =
                storedCapacity.storedCapacity(parameterName, initialCapacity, kpuQuota);
        Optional<CapacityRange> range;
        try {
            range = currentRange.read(scalableTargetResourceId);
        } catch (SdkException e) {
            throw new IllegalStateException("could not read the scalable target's current minimum ("
                    + e.getMessage() + "): the deploy stops rather than write alarm thresholds that could scale the "
                    + "job");
        }
        int minimum = range.map(CapacityRange::minCapacity).orElse(configured.minCapacity());
        Rates rates = rates(configured, learning);
        ScalingThresholds thresholds = rates.thresholds().withMinCapacity(minimum);
        // With learning the alarms measure the scaled load: thresholds at the configured scale, the rate in the
        // expression, as the scaler writes them.
        ScalingThresholds inAlarm = learning == null ? thresholds : thresholds.inAlarmUnits();
        int capacity = stored.capacity();
        return new Result(
                capacity,
                minimum,
                inAlarm.scaleOutThreshold(capacity),
                inAlarm.scaleInThreshold(capacity),
                learning == null ? Double.NaN : thresholds.scaleOutPerKpu(),
                stored.reason() + "; minimum " + minimum
                        + (range.isPresent()
                                ? ", the scalable target's current one"
                                : ", as deployed (no scalable target registered yet)")
                        + "; " + rates.reason());
    }

    private record Rates(ScalingThresholds thresholds, String reason) {}

    /**
     * The per-KPU rates the thresholds are computed with: those the scaler uses. Without learning, the configured
     * ones; with it, the stored learned rate within its bounds, as the scaler reads it ({@code LearnedRateDecision}):
     * {@code none}, a value that does not parse, or one learned from another configured rate give the configured
     * rate (the scaler starts over from it). A failed read stops the deploy: a guessed threshold could scale the job.
     */
    private Rates rates(ScalingThresholds configured, Learning learning) {
        double configuredRate = configured.scaleOutPerKpu();
        if (learning == null) {
            return new Rates(configured, "configured rate " + NumberText.of(configuredRate) + " per KPU");
        }
        Optional<String> stored;
        try {
            stored = parameters.read(learning.parameterName());
        } catch (SdkException e) {
            throw new IllegalStateException("could not read the learned rate from SSM parameter "
                    + learning.parameterName() + " (" + e.getMessage() + "): the deploy stops rather than write "
                    + "alarm thresholds that could scale the job");
        }
        String value = stored.orElse(ScalerEnvironment.NO_DESIRED_CAPACITY).trim();
        if (value.equals(ScalerEnvironment.NO_DESIRED_CAPACITY)) {
            return new Rates(
                    configured, "configured rate " + NumberText.of(configuredRate) + " per KPU (nothing learned yet)");
        }
        LearnedRate learned;
        try {
            learned = LearnedRate.parse(value);
        } catch (IllegalArgumentException e) {
            return new Rates(
                    configured,
                    "configured rate " + NumberText.of(configuredRate) + " per KPU (SSM " + "parameter "
                            + learning.parameterName() + " holds no learned rate: " + e.getMessage() + ")");
        }
        if (learned.configured() != configuredRate) {
            return new Rates(
                    configured,
                    "configured rate " + NumberText.of(configuredRate) + " per KPU (the "
                            + "stored rate was learned from a configured " + NumberText.of(learned.configured()) + ")");
        }
        double rate = Math.max(learning.minRate(), Math.min(learning.maxRate(), learned.rate()));
        return new Rates(configured.withLearnedScaleOut(rate), "learned rate " + NumberText.of(rate) + " per KPU");
    }
}
