package io.github.kdastepscaling.policy;

import java.math.BigDecimal;
import java.util.OptionalDouble;

/**
 * The load alarms of a scaler that learns its per-KPU rate measure the signal at the configured rate's scale:
 * {@code load * configured / learned}, where {@code load} is the metric (or metric math) the alarm would otherwise
 * measure. The construct deploys this expression, the scaler rewrites its learned rate together with the threshold
 * (one {@code PutMetricAlarm}, so the two never disagree), and the simulator models it.
 *
 * <p>Why not only the thresholds: Application Auto Scaling's step bounds are offsets from the threshold in the alarm's
 * metric, written in the template in units of the configured rate. With thresholds at the learned rate and bounds at
 * the configured one, a job learned 30 % faster overshoots a scale-out by a KPU and a scale-in cuts one too deep.
 * Scaling the metric keeps both in the learned rate's units, with no change to the step policies (rewriting those
 * would need {@code application-autoscaling:PutScalingPolicy}, which cannot be scoped to one scalable target:
 * CloudFormation does not return the target's ARN).
 */
public final class ScaledLoad {

    /** The id, in the alarm's metric math, of the load the scaled expression multiplies. */
    public static final String LOAD_ID = "load";

    private static final String PREFIX = LOAD_ID + " * ";

    private ScaledLoad() {}

    /** {@code load * configured / learned} for {@code thresholds}' configured and (learned) scale-out rates. */
    public static String expression(ScalingThresholds thresholds) {
        return expression(plain(thresholds.configuredScaleOutPerKpu()), plain(thresholds.scaleOutPerKpu()));
    }

    /**
     * {@code load * configured / learned} with both rates as text: the construct passes the learned rate as a
     * deploy-time token.
     */
    public static String expression(String configuredRate, String learnedRate) {
        return PREFIX + configuredRate + " / " + learnedRate;
    }

    /** Whether {@code expression} is a scaled load ({@link #expression}), whatever its rates. */
    public static boolean isScaledLoad(String expression) {
        return expression != null && expression.startsWith(PREFIX) && expression.indexOf(" / ") > PREFIX.length();
    }

    /**
     * What a scaled load multiplies the load by, {@code configured / learned}, read back from its expression (the
     * proofs read the alarms this way); empty for an expression that is not a scaled load with two numbers.
     */
    public static OptionalDouble scaleOf(String expression) {
        if (!isScaledLoad(expression)) {
            return OptionalDouble.empty();
        }
        String[] rates = expression.substring(PREFIX.length()).split(" / ", -1);
        try {
            return rates.length == 2
                    ? OptionalDouble.of(Double.parseDouble(rates[0]) / Double.parseDouble(rates[1]))
                    : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /**
     * A rate as metric math takes it: plain decimal digits, never an exponent ({@code 1.25E7}), which
     * {@link Double#toString} writes from 10^7 on.
     */
    public static String plain(double rate) {
        return BigDecimal.valueOf(rate).stripTrailingZeros().toPlainString();
    }
}
