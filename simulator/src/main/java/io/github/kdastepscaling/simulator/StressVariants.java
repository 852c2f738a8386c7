package io.github.kdastepscaling.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * What tomorrow may bring, made from the training trace: the variants {@code tune} judges every candidate on, so that
 * the recommendation holds on a day it never saw (issue 20). Each variant is as long as the training trace, so each
 * costs one more simulation of the same length.
 *
 * <ul>
 *   <li>{@code nominal}: the training trace itself (what the history says);</li>
 *   <li>{@code busier}: every minute {@value #BUSIER_PERCENT}% higher, so the peak is above anything seen (a campaign
 *       day);</li>
 *   <li>{@code steeper}: the trace played at twice its speed (twice over, to keep its length): every ramp and drop
 *       twice as steep, every burst half as long and twice as frequent, the same levels;</li>
 *   <li>{@code reversed}: the trace backwards: a slow rise becomes a sudden one and a burst's tail its front;</li>
 *   <li>{@code busiest day every day} (two whole days or more only): each day scaled so that its peak equals the
 *       busiest training day's peak: a quiet day's shape at the busy day's level;</li>
 *   <li>{@code resampled #1..#8}: block bootstraps that keep the time of day ({@link #resampled}): the history's own
 *       two-hour blocks from random days, moved by up to an hour, so that bursts and ramps meet the policy after
 *       other gaps, in other states (scaled in, in a cooldown, restarting).</li>
 * </ul>
 *
 * <p>Why these, and why so many resamples: docs/tuning.md (issue 20), measured on multi-day traces
 * ({@link MultiDayTraces}) with the bars of the issue.
 */
public final class StressVariants {

    /** The busier variant's factor on every minute. */
    public static final double BUSIER = 1.15;

    static final int BUSIER_PERCENT = 15;
    /** Minutes in a day: the unit of the busiest-day variant. */
    static final int DAY = 1440;

    public static final String NOMINAL = "nominal";

    /** One variant: a name for the report, and the trace. */
    public record Variant(String name, Trace trace) {}

    private StressVariants() {}

    /** The kinds of stress, each a variant. */
    enum Kind {
        BUSIER,
        STEEPER,
        REVERSED,
        BUSIEST_DAY,
        RESAMPLED
    }

    /** Resampled variants (block bootstrap), each with its own seed. */
    static final int RESAMPLES = 8;
    /** The length of a resampled block, in minutes: long enough to hold a burst or a ramp whole. */
    static final int BLOCK_MINUTES = 120;

    /** The kinds {@link #of(Trace)} uses. */
    static final List<Kind> CHOSEN =
            List.of(Kind.BUSIER, Kind.STEEPER, Kind.REVERSED, Kind.BUSIEST_DAY, Kind.RESAMPLED);

    /** The nominal trace and its stressed variants, nominal first. */
    public static List<Variant> of(Trace train) {
        return of(train, CHOSEN, BUSIER, RESAMPLES);
    }

    /** The nominal trace and the variants of {@code kinds} (the measurements of docs/tuning.md try others). */
    static List<Variant> of(Trace train, List<Kind> kinds, double busier, int resamples) {
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant(NOMINAL, train));
        for (Kind kind : kinds) {
            switch (kind) {
                case BUSIER ->
                    variants.add(new Variant(
                            String.format(Locale.ROOT, "busier (+%.0f%%)", (busier - 1) * 100), scaled(train, busier)));
                case STEEPER -> variants.add(new Variant("steeper (2x speed)", steeper(train)));
                case REVERSED -> variants.add(new Variant("reversed", reversed(train)));
                case RESAMPLED -> {
                    for (int r = 1; r <= resamples; r++) {
                        variants.add(new Variant("resampled #" + r, resampled(train, r)));
                    }
                }
                case BUSIEST_DAY -> {
                    if (train.length() >= 2 * DAY) {
                        variants.add(new Variant("busiest day every day", busiestDayEveryDay(train)));
                    }
                }
            }
        }
        return List.copyOf(variants);
    }

    /** Only the nominal trace: the search without stress ({@code --no-stress}). */
    public static List<Variant> nominalOnly(Trace train) {
        return List.of(new Variant(NOMINAL, train));
    }

    static Trace scaled(Trace trace, double factor) {
        double[] values = values(trace);
        for (int m = 0; m < values.length; m++) {
            values[m] = Double.isNaN(values[m]) ? Double.NaN : values[m] * factor;
        }
        return new Trace(
                trace.name(), trace.firstMinute(), values, trace.start().orElse(null));
    }

    static Trace steeper(Trace trace) {
        double[] source = values(trace);
        double[] values = new double[source.length];
        for (int m = 0; m < values.length; m++) {
            values[m] = source[(2 * m) % source.length];
        }
        return new Trace(
                trace.name(), trace.firstMinute(), values, trace.start().orElse(null));
    }

    static Trace reversed(Trace trace) {
        double[] source = values(trace);
        double[] values = new double[source.length];
        for (int m = 0; m < values.length; m++) {
            values[m] = source[source.length - 1 - m];
        }
        return new Trace(
                trace.name(), trace.firstMinute(), values, trace.start().orElse(null));
    }

    /**
     * A block bootstrap of the trace that keeps its time of day: each block of {@link #BLOCK_MINUTES} minutes is taken
     * from the same time of day on a random training day (any day; with less than two days, the one there is), moved
     * by up to half a block earlier or later. The same loads at about the same hours, but bursts and ramps met after
     * other gaps and in other orders, so that they find the policy in other states (scaled in, in a cooldown,
     * restarting); a quiet day's morning can meet a busy day's afternoon.
     */
    static Trace resampled(Trace trace, int seed) {
        double[] source = values(trace);
        double[] values = new double[source.length];
        Random random = new Random(seed);
        int block = Math.min(BLOCK_MINUTES, source.length);
        int days = Math.max(1, source.length / DAY);
        for (int m = 0; m < values.length; m += block) {
            int day = random.nextInt(days);
            int shift = random.nextInt(block + 1) - block / 2;
            int from = Math.floorMod(m, DAY) + day * DAY + shift;
            from = Math.max(0, Math.min(source.length - block, from));
            for (int i = 0; i < block && m + i < values.length; i++) {
                values[m + i] = source[from + i];
            }
        }
        return new Trace(
                trace.name(), trace.firstMinute(), values, trace.start().orElse(null));
    }

    static Trace busiestDayEveryDay(Trace trace) {
        double[] values = values(trace);
        int days = values.length / DAY;
        double[] peaks = new double[days];
        double busiest = 0;
        for (int d = 0; d < days; d++) {
            for (int m = d * DAY; m < (d + 1) * DAY; m++) {
                if (!Double.isNaN(values[m])) {
                    peaks[d] = Math.max(peaks[d], values[m]);
                }
            }
            busiest = Math.max(busiest, peaks[d]);
        }
        for (int m = 0; m < days * DAY; m++) {
            double peak = peaks[m / DAY];
            if (!Double.isNaN(values[m]) && peak > 0) {
                values[m] = values[m] * busiest / peak;
            }
        }
        return new Trace(
                trace.name(), trace.firstMinute(), values, trace.start().orElse(null));
    }

    private static double[] values(Trace trace) {
        double[] values = new double[trace.length()];
        for (int m = 0; m < values.length; m++) {
            values[m] = trace.datapoint(m).orElse(Double.NaN);
        }
        return values;
    }
}
