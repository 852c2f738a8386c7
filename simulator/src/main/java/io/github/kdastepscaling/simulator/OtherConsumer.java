package io.github.kdastepscaling.simulator;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Another polling consumer of the same stream (an archive, a second application), with its own lag: what the
 * stream's {@code GetRecords.IteratorAgeMilliseconds} also measures, and what the stream's {@code GetRecords.Records}
 * also counts. Written as {@code key=value} pairs separated by commas ({@link #parse}):
 * <ul>
 *   <li>{@code behind=SECONDS}: it reads that far behind the head of the stream (0: it keeps up);</li>
 *   <li>{@code at=HH:MM,for=MINUTES}: {@code behind} only during that window every day (of the trace's UTC wall clock
 *       when it has one, else of its minutes counted from 00:00); caught up the rest of the day;</li>
 *   <li>{@code rate=RECORDS_PER_SECOND}: it processes at most that many, so it falls behind when the load is higher
 *       (its lag then comes from its own backlog, modelled as the job is, {@link JobModel}, without restarts); with
 *       {@code behind}, the larger of the two;</li>
 *   <li>{@code down=HH:MM/MINUTES} (with {@code rate}): it stops every day at that time for that long, reading nothing
 *       (so it publishes no iterator age), then catches up on what arrived at {@code rate}: an archive job that is
 *       down for an hour.</li>
 * </ul>
 * Example: {@code behind=600,at=01:00,for=120} is 10 minutes behind for two hours a day.
 *
 * @param behindSeconds      how far behind the head it reads (in its window, or always)
 * @param windowStartMinute  the window's start, minute of the day; -1: no window, always
 * @param windowMinutes      the window's length
 * @param recordsPerSecond   the most it processes; {@link Double#POSITIVE_INFINITY}: keeps up with any load
 * @param downStartMinute    the daily stop's start, minute of the day; -1: it never stops
 * @param downMinutes        the daily stop's length
 */
public record OtherConsumer(
        double behindSeconds,
        int windowStartMinute,
        int windowMinutes,
        double recordsPerSecond,
        int downStartMinute,
        int downMinutes) {

    static final String OPTION = "--other-consumer-lag";
    private static final int MINUTES_PER_DAY = 1440;

    /** A consumer that keeps up: it only adds its reads to the stream's consumption (what --second-consumer stands for). */
    public static final OtherConsumer KEEPING_UP = new OtherConsumer(0, -1, 0, Double.POSITIVE_INFINITY);

    public OtherConsumer {
        if (!(behindSeconds >= 0) || Double.isInfinite(behindSeconds)) {
            throw new IllegalArgumentException("behind (" + behindSeconds + ") must be a number of seconds >= 0");
        }
        if (windowStartMinute < -1 || windowStartMinute >= MINUTES_PER_DAY) {
            throw new IllegalArgumentException("at (minute " + windowStartMinute + ") must be a time of day");
        }
        if (windowStartMinute >= 0 && (windowMinutes < 1 || windowMinutes > MINUTES_PER_DAY)) {
            throw new IllegalArgumentException("for (" + windowMinutes + ") must be between 1 and 1440 minutes");
        }
        if (!(recordsPerSecond > 0)) {
            throw new IllegalArgumentException("rate (" + recordsPerSecond + ") must be a positive number");
        }
        if (downStartMinute < -1 || downStartMinute >= MINUTES_PER_DAY) {
            throw new IllegalArgumentException("down (minute " + downStartMinute + ") must start at a time of day");
        }
        if (downStartMinute >= 0 && (downMinutes < 1 || downMinutes >= MINUTES_PER_DAY)) {
            throw new IllegalArgumentException("down (" + downMinutes + " minutes) must be between 1 and 1439 minutes");
        }
        if (downStartMinute >= 0 && Double.isInfinite(recordsPerSecond)) {
            throw new IllegalArgumentException("down needs rate=RECORDS_PER_SECOND, the rate it catches up at");
        }
    }

    /** Without a daily stop. */
    public OtherConsumer(double behindSeconds, int windowStartMinute, int windowMinutes, double recordsPerSecond) {
        this(behindSeconds, windowStartMinute, windowMinutes, recordsPerSecond, -1, 0);
    }

    /** {@code behindSeconds} behind for {@code minutes} minutes a day from {@code startMinuteOfDay}. */
    public static OtherConsumer behindDuring(double behindSeconds, int startMinuteOfDay, int minutes) {
        return new OtherConsumer(behindSeconds, startMinuteOfDay, minutes, Double.POSITIVE_INFINITY);
    }

    /**
     * Reads {@code behind=S,at=HH:MM,for=M,rate=R,down=HH:MM/M} (every key optional; {@code at} and {@code for}
     * together; {@code down} with {@code rate}).
     *
     * @throws IllegalArgumentException naming the option, the key and the value
     */
    public static OtherConsumer parse(String spec) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : spec.split(",", -1)) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair.trim() : pair.substring(0, eq).trim();
            if (eq < 0
                    || !(key.equals("behind")
                            || key.equals("at")
                            || key.equals("for")
                            || key.equals("rate")
                            || key.equals("down"))) {
                throw new IllegalArgumentException(OPTION + " (" + spec + "): '" + pair
                        + "' must be behind=SECONDS, at=HH:MM, for=MINUTES, rate=RECORDS_PER_SECOND or "
                        + "down=HH:MM/MINUTES");
            }
            if (values.put(key, pair.substring(eq + 1).trim()) != null) {
                throw new IllegalArgumentException(OPTION + " (" + spec + "): " + key + " given twice");
            }
        }
        if (values.containsKey("at") != values.containsKey("for")) {
            throw new IllegalArgumentException(OPTION + " (" + spec + "): give at=HH:MM and for=MINUTES together");
        }
        try {
            String down = values.get("down");
            int slash = down == null ? -1 : down.indexOf('/');
            if (down != null && slash < 0) {
                throw new IllegalArgumentException("down (" + down + ") must be HH:MM/MINUTES");
            }
            return new OtherConsumer(
                    values.containsKey("behind") ? number(values.get("behind"), "behind") : 0,
                    values.containsKey("at") ? minuteOfDay(values.get("at"), "at") : -1,
                    values.containsKey("for")
                            ? (int) Math.max(-1, Math.min(Integer.MAX_VALUE, whole(values.get("for"), "for")))
                            : 0,
                    values.containsKey("rate") ? number(values.get("rate"), "rate") : Double.POSITIVE_INFINITY,
                    down == null ? -1 : minuteOfDay(down.substring(0, slash), "down's start"),
                    down == null
                            ? 0
                            : (int) Math.max(
                                    -1,
                                    Math.min(Integer.MAX_VALUE, whole(down.substring(slash + 1), "down's minutes"))));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(OPTION + " (" + spec + "): " + e.getMessage(), e);
        }
    }

    private static double number(String value, String key) {
        return parsed(value, key, Double::parseDouble, "a number");
    }

    private static long whole(String value, String key) {
        return parsed(value, key, Long::parseLong, "a whole number");
    }

    private static <T> T parsed(String value, String key, Function<String, T> parse, String what) {
        try {
            return parse.apply(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " (" + value + ") must be " + what, e);
        }
    }

    private static int minuteOfDay(String value, String key) {
        String[] parts = value.split(":", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException(key + " (" + value + ") must be HH:MM");
        }
        long hours = whole(parts[0], key + "'s hours");
        long minutes = whole(parts[1], key + "'s minutes");
        if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) {
            throw new IllegalArgumentException(key + " (" + value + ") must be a time of day from 00:00 to 23:59");
        }
        return (int) (hours * 60 + minutes);
    }

    /** As written on the command line. */
    public String spec() {
        StringBuilder s = new StringBuilder("behind=").append(plain(behindSeconds));
        if (windowStartMinute >= 0) {
            s.append(",at=")
                    .append(timeOfDay(windowStartMinute))
                    .append(",for=")
                    .append(windowMinutes);
        }
        if (!Double.isInfinite(recordsPerSecond)) {
            s.append(",rate=").append(plain(recordsPerSecond));
        }
        if (downStartMinute >= 0) {
            s.append(",down=").append(timeOfDay(downStartMinute)).append('/').append(downMinutes);
        }
        return s.toString();
    }

    /** {@code HH:MM}, as {@link #minuteOfDay} reads it. */
    private static String timeOfDay(int minuteOfDay) {
        return String.format(Locale.ROOT, "%02d:%02d", minuteOfDay / 60, minuteOfDay % 60);
    }

    private static String plain(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    /** Whether minute {@code m} of {@code trace} is in the window (always, without one). */
    boolean inWindow(Trace trace, int m) {
        return windowStartMinute < 0 || within(trace, m, windowStartMinute, windowMinutes);
    }

    /** Whether minute {@code m} of {@code trace} is in its daily stop. */
    boolean down(Trace trace, int m) {
        return downStartMinute >= 0 && within(trace, m, downStartMinute, downMinutes);
    }

    private static boolean within(Trace trace, int m, int start, int length) {
        int minuteOfDay = trace.timeOf(m)
                .map(t -> (int) ((t.getEpochSecond() / 60) % MINUTES_PER_DAY))
                .orElse(Math.floorMod(m, MINUTES_PER_DAY));
        return Math.floorMod(minuteOfDay - start, MINUTES_PER_DAY) < length;
    }

    /** Its lag and reads over a whole trace. */
    public Series over(Trace trace) {
        int n = trace.length();
        double[] lag = new double[n];
        double[] reads = new double[n];
        JobModel queue = Double.isInfinite(recordsPerSecond) ? null : new JobModel(trace, recordsPerSecond, 0);
        for (int m = 0; m < n; m++) {
            double ownBacklogLag = 0;
            if (queue == null) {
                reads[m] = trace.load(m) * 60;
            } else {
                boolean stopped = down(trace, m);
                queue.step(1, stopped);
                reads[m] = queue.processed(m) * 60;
                if (stopped) {
                    lag[m] = Double.NaN;
                    continue;
                }
                ownBacklogLag = queue.lagMillis(m);
            }
            double behind = inWindow(trace, m) ? behindSeconds * 1000 : 0;
            lag[m] = Math.max(ownBacklogLag, behind);
        }
        return new Series(lag, reads);
    }

    /**
     * The other consumer over a trace.
     *
     * @param lagMillis its lag at the end of each minute, ms; NaN while it is down (no reads, no datapoint)
     * @param records   the records it read in each minute (what it adds to the stream's {@code GetRecords.Records})
     */
    public record Series(double[] lagMillis, double[] records) {}
}
