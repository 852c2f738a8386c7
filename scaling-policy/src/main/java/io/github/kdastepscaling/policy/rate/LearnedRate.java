package io.github.kdastepscaling.policy.rate;

import io.github.kdastepscaling.policy.NumberText;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The estimator's state between two reconciles, stored by the scaler (an SSM String parameter) as {@link #text()}:
 * <pre>v1 rate=1300 configured=1000 anchor=1000 anchorAt=29412345 probeAt=29412345</pre>
 * and, once a lagging measurement has shown the job slower than the learned rate, {@code busyCeiling=R}; then, once a
 * reconcile has seen the application, {@code sizedFor=R sizedAt=M}; then, once it has seen the load,
 * {@code need=K [inNeed=J] [resizeTo=F] [backlog=H] needAt=M} at the end (a text without any of these, as written
 * before, still parses).
 *
 * @param rate       the learned scale-out rate per KPU, in the load alarm's units per second
 * @param configured the configured rate it was learned from: when the configuration changes, learning starts over
 * @param anchor     the rate at the start of the current move-limit hour: within the hour the rate stays within
 *                   {@code anchor / (1 + maxMovePerHour)} and {@code anchor x (1 + maxMovePerHour)}
 * @param anchorAt   the minute (since the epoch) that hour started
 * @param probeAt    the minute of the last probe upward, or of the last cut: the next probe waits a probe interval
 * @param busyCeiling the highest rate busy time may raise the learned rate to: the best minute of the last lagging
 *                   measurement that cut the rate (busy time said more than the job could do while it lagged, so
 *                   the busiest task is not the bottleneck, or the guess was too high); NaN when none
 * @param loadNeed   the KPUs the latest minute's load needs at the learned rate ({@link ScaleOutFloor}); 0 when
 *                   unknown
 * @param loadNeedAt the minute that need was last seen
 * @param scaleInNeed the KPUs the highest load of the last {@code LoadNeeds.SCALE_IN_MINUTES} (5) minutes needs
 *                   at the learned scale-in rate ({@link ScaleInTarget}), seen at {@code loadNeedAt}; 0 when unknown
 * @param sizedFor   the learned rate in force when the running capacity was set: the rate its scale-out or scale-in
 *                   thresholds were computed from ({@link ResizeAfterRaise}); NaN when unknown
 * @param sizedAt    the first minute at that capacity, as the reconcile saw it ({@link RateObservation#NO_RESCALE}
 *                   when unknown): a different one seen later means the application was rescaled since
 * @param resizeNeed the KPUs the load of the learning window needs at the learned scale-out rate when the running
 *                   capacity was sized for a lower rate and is more than that ({@link ResizeAfterRaise}), seen at
 *                   {@code loadNeedAt}; 0 when there is nothing to resize
 * @param backlogNeed the KPUs a rescale must reach while the job is behind, so that its restart does not leave the lag
 *                   at the lag guard's bound at a pace the guard calls too slow ({@link RescaleUnderBacklog}), seen at
 *                   {@code loadNeedAt}; 0 when the job is not that far behind
 */
public record LearnedRate(
        double rate,
        double configured,
        double anchor,
        long anchorAt,
        long probeAt,
        double busyCeiling,
        int loadNeed,
        long loadNeedAt,
        int scaleInNeed,
        double sizedFor,
        long sizedAt,
        int resizeNeed,
        int backlogNeed) {

    /** The version tag the text starts with; a stored text of another version is refused. */
    public static final String VERSION = "v1";
    /**
     * The most KPUs a stored need may say: what the text's nine digits hold. A need computed from a wild datapoint (a
     * lag of days, a load of billions) is stored as this rather than as a text the next call could not read; every
     * rule that acts on a need keeps within the scalable target's range anyway.
     */
    public static final int MAX_STORED_KPUS = 999_999_999;

    private static final String NUMBER = "(-?[0-9]+(?:\\.[0-9]+)?(?:E-?[0-9]+)?)";
    private static final String MINUTE = "(-?[0-9]{1,19})";
    private static final Pattern TEXT = Pattern.compile(VERSION + " rate=" + NUMBER + " configured=" + NUMBER
            + " anchor=" + NUMBER + " anchorAt=" + MINUTE + " probeAt=" + MINUTE + "(?: busyCeiling=" + NUMBER + ")?"
            + "(?: sizedFor=" + NUMBER + " sizedAt=" + MINUTE + ")?"
            + "(?: need=([0-9]{1,9})(?: inNeed=([0-9]{1,9}))?(?: resizeTo=([0-9]{1,9}))?"
            + "(?: backlog=([0-9]{1,9}))? needAt=" + MINUTE
            + ")?");

    public LearnedRate {
        requirePositive("rate", rate);
        requirePositive("configured", configured);
        requirePositive("anchor", anchor);
        if (!Double.isNaN(busyCeiling)) {
            requirePositive("busyCeiling", busyCeiling);
        }
        if (loadNeed < 0) {
            throw new IllegalArgumentException("need (" + loadNeed + ") must be 0 (unknown) or more KPUs");
        }
        if (scaleInNeed < 0) {
            throw new IllegalArgumentException("inNeed (" + scaleInNeed + ") must be 0 (unknown) or more KPUs");
        }
        if (!Double.isNaN(sizedFor)) {
            requirePositive("sizedFor", sizedFor);
        }
        if (resizeNeed < 0) {
            throw new IllegalArgumentException("resizeTo (" + resizeNeed + ") must be 0 (none) or more KPUs");
        }
        if (backlogNeed < 0) {
            throw new IllegalArgumentException("backlog (" + backlogNeed + ") must be 0 (none) or more KPUs");
        }
    }

    /** A state with load needs and without a record of what the running capacity was sized for. */
    public LearnedRate(
            double rate,
            double configured,
            double anchor,
            long anchorAt,
            long probeAt,
            double busyCeiling,
            int loadNeed,
            long loadNeedAt,
            int scaleInNeed) {
        this(
                rate,
                configured,
                anchor,
                anchorAt,
                probeAt,
                busyCeiling,
                loadNeed,
                loadNeedAt,
                scaleInNeed,
                Double.NaN,
                RateObservation.NO_RESCALE,
                0,
                0);
    }

    /** A state without a load need. */
    public LearnedRate(double rate, double configured, double anchor, long anchorAt, long probeAt, double busyCeiling) {
        this(rate, configured, anchor, anchorAt, probeAt, busyCeiling, 0, 0, 0);
    }

    /** A state without a busy-time ceiling. */
    public LearnedRate(double rate, double configured, double anchor, long anchorAt, long probeAt) {
        this(rate, configured, anchor, anchorAt, probeAt, Double.NaN);
    }

    /** This state with another busy-time ceiling (NaN: none). */
    public LearnedRate withBusyCeiling(double value) {
        return new LearnedRate(
                rate,
                configured,
                anchor,
                anchorAt,
                probeAt,
                value,
                loadNeed,
                loadNeedAt,
                scaleInNeed,
                sizedFor,
                sizedAt,
                resizeNeed,
                backlogNeed);
    }

    /**
     * This state with the KPUs the load needed at {@code minute}: {@code kpus} at the scale-out rate, {@code inKpus}
     * at the scale-in rate (0: unknown), and no resize.
     */
    public LearnedRate withLoadNeed(int kpus, int inKpus, long minute) {
        return withLoadNeed(kpus, inKpus, 0, minute);
    }

    /**
     * This state with the KPUs the load needed at {@code minute}: {@code kpus} at the scale-out rate, {@code inKpus}
     * at the scale-in rate (0: unknown), and {@code resizeKpus} for a capacity sized for a lower rate (0: none); no
     * backlog need.
     */
    public LearnedRate withLoadNeed(int kpus, int inKpus, int resizeKpus, long minute) {
        return withLoadNeed(kpus, inKpus, resizeKpus, 0, minute);
    }

    /**
     * This state with the KPUs the load needed at {@code minute}: as {@link #withLoadNeed(int, int, int, long)}, and
     * {@code backlogKpus} a rescale must reach while the job is behind (0: none).
     */
    public LearnedRate withLoadNeed(int kpus, int inKpus, int resizeKpus, int backlogKpus, long minute) {
        return new LearnedRate(
                rate,
                configured,
                anchor,
                anchorAt,
                probeAt,
                busyCeiling,
                kpus,
                minute,
                inKpus,
                sizedFor,
                sizedAt,
                resizeKpus,
                backlogKpus);
    }

    /** This state saying the capacity first seen at {@code minute} was sized for the learned rate {@code rate}. */
    public LearnedRate withSizing(double sizedForRate, long minute) {
        return new LearnedRate(
                rate,
                configured,
                anchor,
                anchorAt,
                probeAt,
                busyCeiling,
                loadNeed,
                loadNeedAt,
                scaleInNeed,
                sizedForRate,
                minute,
                resizeNeed,
                backlogNeed);
    }

    /** The state before anything was learned: the configured rate, from {@code now}. */
    public static LearnedRate start(double configured, long now) {
        return new LearnedRate(configured, configured, configured, now, now);
    }

    /**
     * The compact text to store: {@code v1 rate=R configured=C anchor=A anchorAt=M probeAt=M [busyCeiling=R]
     * [sizedFor=R sizedAt=M] [need=K [inNeed=J] [resizeTo=F] [backlog=H] needAt=M]}.
     */
    public String text() {
        return VERSION + " rate=" + NumberText.of(rate) + " configured=" + NumberText.of(configured) + " anchor="
                + NumberText.of(anchor) + " anchorAt=" + anchorAt + " probeAt=" + probeAt
                + (Double.isNaN(busyCeiling) ? "" : " busyCeiling=" + NumberText.of(busyCeiling))
                + (Double.isNaN(sizedFor) ? "" : " sizedFor=" + NumberText.of(sizedFor) + " sizedAt=" + sizedAt)
                + (loadNeed == 0
                        ? ""
                        : " need=" + loadNeed
                                + (scaleInNeed == 0 ? "" : " inNeed=" + scaleInNeed)
                                + (resizeNeed == 0 ? "" : " resizeTo=" + resizeNeed)
                                + (backlogNeed == 0 ? "" : " backlog=" + backlogNeed)
                                + " needAt=" + loadNeedAt);
    }

    /**
     * Reads a stored {@link #text()}.
     *
     * @throws IllegalArgumentException naming the text, or the value, that is not what {@link #text()} writes
     */
    public static LearnedRate parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("learned rate state (null) must be text like '"
                    + start(1000, 0).text() + "'");
        }
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("learned rate state (" + shorten(text) + ") must be text like '"
                    + start(1000, 0).text() + "'");
        }
        try {
            return new LearnedRate(
                    number("rate", m.group(1)),
                    number("configured", m.group(2)),
                    number("anchor", m.group(3)),
                    minute("anchorAt", m.group(4)),
                    minute("probeAt", m.group(5)),
                    m.group(6) == null ? Double.NaN : number("busyCeiling", m.group(6)),
                    m.group(9) == null ? 0 : Integer.parseInt(m.group(9)),
                    m.group(13) == null ? 0 : minute("needAt", m.group(13)),
                    m.group(10) == null ? 0 : Integer.parseInt(m.group(10)),
                    m.group(7) == null ? Double.NaN : number("sizedFor", m.group(7)),
                    m.group(8) == null ? RateObservation.NO_RESCALE : minute("sizedAt", m.group(8)),
                    m.group(11) == null ? 0 : Integer.parseInt(m.group(11)),
                    m.group(12) == null ? 0 : Integer.parseInt(m.group(12)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("learned rate state (" + shorten(text) + "): " + e.getMessage(), e);
        }
    }

    private static double number(String name, String value) {
        double parsed = Double.parseDouble(value);
        requirePositive(name, parsed);
        return parsed;
    }

    private static long minute(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " (" + value + ") must be a minute since the epoch", e);
        }
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " (" + NumberText.of(value) + ") must be a positive number");
        }
    }

    private static String shorten(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }
}
