package io.github.kdastepscaling.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Multi-day versions of the reference traces, for the bars of issue 20: tune on the first days, replay the
 * recommendation on the last, which the search never saw. Each day is 1,440 minutes of the reference trace's pattern
 * ({@link ReferenceTraces}) that varies from day to day as a real workload does: its level (90% to 105% of the
 * reference), the time of its events (up to two hours earlier or later) and, for bursts, where the bursts fall. The
 * <b>last day is a campaign day</b>: its level is {@value #CAMPAIGN_PERCENT}% above the busiest day before it, a peak
 * above anything the tuner saw (issue 20's week had one 13% above). Deterministic ({@link Random} with fixed seeds),
 * generated rather than shipped: the reference traces stay as they are.
 *
 * <p>Write them as CSV: {@code java -cp simulator/target/kda-step-scaling-simulator.jar
 * io.github.kdastepscaling.simulator.MultiDayTraces DIR DAYS} (files {@code DIR/PATTERN-DAYSd.csv}).
 */
public final class MultiDayTraces {

    /** The patterns, one per reference trace of the bars. */
    public static final List<String> PATTERNS = ReferenceTraces.NAMES;
    /** The campaign day's level above the busiest training day, in percent. */
    public static final int CAMPAIGN_PERCENT = 13;

    private static final int DAY = 1440;

    private MultiDayTraces() {}

    /** {@code days} days of {@code pattern}, the last a campaign day; named {@code PATTERN-DAYSd}. */
    public static Trace generate(String pattern, int days) {
        if (!PATTERNS.contains(pattern)) {
            throw new IllegalArgumentException(
                    "no multi-day pattern named '" + pattern + "' (known: " + PATTERNS + ")");
        }
        if (days < 2) {
            throw new IllegalArgumentException("days (" + days + ") must be >= 2");
        }
        Random random = new Random(20L * 1000 + PATTERNS.indexOf(pattern));
        double[] levels = new double[days];
        int[] shifts = new int[days];
        double busiest = 0;
        for (int d = 0; d < days - 1; d++) {
            levels[d] = 0.90 + 0.15 * random.nextDouble();
            shifts[d] = random.nextInt(241) - 120;
            busiest = Math.max(busiest, levels[d]);
        }
        levels[days - 1] = busiest * (1 + CAMPAIGN_PERCENT / 100.0);
        shifts[days - 1] = random.nextInt(241) - 120;
        double[] values = new double[days * DAY];
        for (int d = 0; d < days; d++) {
            double[] day = day(pattern, levels[d], shifts[d], random);
            System.arraycopy(day, 0, values, d * DAY, DAY);
        }
        return Trace.of(pattern + "-" + days + "d", values);
    }

    private static double[] day(String pattern, double level, int shift, Random random) {
        double[] values = new double[DAY];
        int burstEnd = -1;
        int nextBurst = 30 + random.nextInt(60);
        double burstLevel = 0;
        for (int m = 0; m < DAY; m++) {
            int t = m - shift;
            double base = switch (pattern) {
                // the step trace's 2-hour step to 5,600 records/s from 1,200, in the middle of the day
                case "step" -> t >= 600 && t < 720 ? 5600 * level : 1200;
                // the ramp trace: 3 hours up from 600 to 7,200, an hour there, 3 hours down
                case "ramp" -> 600 + (7200 * level - 600) * rampShare(t - 420);
                // the diurnal curve, from 500 at 04:00 to 7,100 at 16:00
                case "diurnal" -> 500 + (7100 * level - 500) * (1 - Math.cos(2 * Math.PI * (t - 240) / DAY)) / 2;
                // the bursts trace: 2,500 with bursts of 5..20 minutes to 4,000..7,000 every 1 to 2 hours
                default -> {
                    if (m == nextBurst) {
                        burstEnd = m + 5 + random.nextInt(16);
                        burstLevel = (4000 + 3000 * random.nextDouble()) * level;
                        nextBurst = burstEnd + 60 + random.nextInt(61);
                    }
                    yield m < burstEnd ? burstLevel : 2500;
                }
            };
            values[m] = Math.round(base * (1 + 0.04 * (2 * random.nextDouble() - 1)) * 10) / 10.0;
        }
        return values;
    }

    /** 0 before the ramp, up over 180 minutes, 1 for 60, down over 180. */
    private static double rampShare(int t) {
        if (t < 0 || t >= 420) {
            return 0;
        }
        if (t < 180) {
            return t / 180.0;
        }
        return t < 240 ? 1 : 1 - (t - 240) / 180.0;
    }

    /** Writes every pattern's {@code DAYS}-day trace as {@code DIR/PATTERN-DAYSd.csv}. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "simulator-out/multi-day");
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Files.createDirectories(dir);
        for (String pattern : PATTERNS) {
            Trace trace = generate(pattern, days);
            Path file = dir.resolve(trace.name() + ".csv");
            Files.writeString(file, ReferenceTraces.csv(trace), StandardCharsets.UTF_8);
            System.out.println("wrote " + file);
        }
    }
}
