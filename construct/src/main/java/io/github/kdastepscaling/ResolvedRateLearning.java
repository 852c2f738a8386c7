package io.github.kdastepscaling;

import io.github.kdastepscaling.policy.PolicyWarnings;
import io.github.kdastepscaling.policy.ScalingPolicy;
import io.github.kdastepscaling.policy.rate.RateLearningSettings;
import io.github.kdastepscaling.policy.rate.RescaleUnderBacklog;
import software.amazon.awscdk.Duration;

/**
 * The {@code rateLearning} prop resolved against the policy: the estimator's settings and the consumption source, or
 * why learning is off (a synth warning says so).
 *
 * @param settings the estimator's settings, or null when the scaler does not learn
 * @param source what the scaler reads as consumption, or null when it does not learn
 * @param offReason why learning is off by default here, or null
 */
record ResolvedRateLearning(RateLearningSettings settings, RateLearningSource source, String offReason) {

    /** Resolves {@code props} for {@code policy}; refuses learning set explicitly where it cannot run. */
    static ResolvedRateLearning of(ScalingPolicy policy, RateLearningProps props) {
        String offReason = PolicyWarnings.learningUnavailable(policy).orElse(null);
        boolean explicit = props != null && !Boolean.FALSE.equals(props.getEnabled());
        if (offReason != null && explicit) {
            throw new IllegalArgumentException("rateLearning is set but " + offReason + "; remove rateLearning or "
                    + "give it RateLearningProps.disabled()");
        }
        if (props != null && !explicit) {
            return new ResolvedRateLearning(null, null, null);
        }
        RateLearningSettings settings = offReason != null ? null : rateLearning(policy, props);
        RateLearningSource source = settings == null
                ? null
                : props != null && props.getSource() != null ? props.getSource() : RateLearningSource.soleConsumer();
        return new ResolvedRateLearning(settings, source, offReason);
    }

    static void refuseIgnoredSettings(RateLearningProps learning) {
        if (learning == null || !Boolean.FALSE.equals(learning.getEnabled())) {
            return;
        }
        String ignored = learning.getMinRatePerKpu() != null
                ? "minRatePerKpu"
                : learning.getMaxRatePerKpu() != null
                        ? "maxRatePerKpu"
                        : learning.getMaxMovePerHour() != null
                                ? "maxMovePerHour"
                                : learning.getWarmUp() != null
                                        ? "warmUp"
                                        : learning.getWindow() != null
                                                ? "window"
                                                : learning.getSource() != null
                                                        ? "source"
                                                        : learning.getBusyTime() != null ? "busyTime" : null;
        if (ignored != null) {
            throw new IllegalArgumentException("rateLearning." + ignored + " is set but rateLearning.enabled is false:"
                    + " learning is off, so it would be ignored; remove " + ignored + " or turn learning on");
        }
    }

    /** Whether the scaler reads busy time: learning is on and {@code rateLearning.busyTime} is not false. */
    static boolean readsBusyTime(ResolvedProps settings) {
        return settings.rateLearning != null
                && (settings.rateLearningProps == null
                        || !Boolean.FALSE.equals(settings.rateLearningProps.getBusyTime()));
    }

    /**
     * The metrics level of an application the construct creates: TASK when the scaler reads busy time (AWS
     * publishes {@code busyTimeMsPerSecond} at Task level and finer only), else APPLICATION, unless given.
     *
     * @throws IllegalArgumentException for APPLICATION given while the scaler reads busy time
     */
    static FlinkMetricsLevel metricsLevel(FlinkMetricsLevel given, ResolvedProps settings) {
        boolean busy = readsBusyTime(settings);
        if (given == FlinkMetricsLevel.APPLICATION && busy) {
            throw new IllegalArgumentException("applicationProps.metricsLevel (APPLICATION) publishes no busy time, "
                    + "which rateLearning.busyTime reads (AWS publishes busyTimeMsPerSecond at TASK level and finer): "
                    + "set metricsLevel TASK or leave it unset, or give rateLearning busyTime(false)");
        }
        return given != null ? given : busy ? FlinkMetricsLevel.TASK : FlinkMetricsLevel.APPLICATION;
    }

    private static RateLearningSettings rateLearning(ScalingPolicy policy, RateLearningProps props) {
        RateLearningSettings.Builder settings = RateLearningSettings.builder(policy.thresholds())
                .guardLimits(RescaleUnderBacklog.GuardLimits.of(policy.lagGuard(), policy.expectedRestartSeconds()));
        if (props == null) {
            return settings.build();
        }
        if (props.getMinRatePerKpu() != null) {
            settings.minRate(ResolvedProps.rate("rateLearning.minRatePerKpu", props.getMinRatePerKpu(), 0));
        }
        if (props.getMaxRatePerKpu() != null) {
            settings.maxRate(ResolvedProps.rate("rateLearning.maxRatePerKpu", props.getMaxRatePerKpu(), 0));
        }
        if (props.getMaxMovePerHour() != null) {
            settings.maxMovePerHour(ResolvedProps.rate("rateLearning.maxMovePerHour", props.getMaxMovePerHour(), 0));
        }
        if (props.getWarmUp() != null) {
            settings.warmUpMinutes(minutes("rateLearning.warmUp", props.getWarmUp()));
        }
        if (props.getWindow() != null) {
            settings.windowMinutes(minutes("rateLearning.window", props.getWindow()));
        }
        try {
            return settings.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(withPropNames(e.getMessage()), e);
        }
    }

    /** The shared settings' message with each setting named as the prop that carries it. */
    private static String withPropNames(String message) {
        return message.replaceAll("rateLearning\\.minRate\\b", "rateLearning.minRatePerKpu")
                .replaceAll("rateLearning\\.maxRate\\b", "rateLearning.maxRatePerKpu")
                .replace("rateLearning.windowMinutes", "rateLearning.window in minutes")
                .replace("rateLearning.warmUpMinutes", "rateLearning.warmUp in minutes");
    }

    private static int minutes(String name, Duration value) {
        int seconds = ResolvedProps.seconds(name, value, 0);
        if (seconds % 60 != 0) {
            throw new IllegalArgumentException(
                    name + " (" + value.toHumanString() + ") must be a whole number of " + "minutes");
        }
        return seconds / 60;
    }
}
