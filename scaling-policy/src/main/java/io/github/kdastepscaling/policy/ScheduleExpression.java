package io.github.kdastepscaling.policy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Application Auto Scaling schedule expression, parsed: {@code at(yyyy-mm-ddThh:mm:ss)}, {@code rate(value unit)}
 * or {@code cron(Minutes Hours Day-of-month Month Day-of-week Year)}.
 *
 * <p>Written here rather than taken from a cron library because Application Auto Scaling's dialect is its own (six
 * fields with a year, {@code ?} in exactly one day field, {@code L}, {@code W} and {@code #}; Quartz has seconds,
 * Unix cron has neither year nor {@code ?}), and because the construct validates with it: a cron library would
 * become a dependency of every user's CDK app. The construct refuses what this class refuses, and the simulator fires
 * scheduled actions where it matches, so both read a schedule the same way.
 *
 * <p>Sources: Application Auto Scaling API reference, {@code PutScheduledAction.Schedule}; user guide, "Schedule
 * recurring scaling actions using cron expressions" and its cron reference (the EventBridge cron syntax).
 */
public abstract sealed class ScheduleExpression {

    private static final Pattern AT = Pattern.compile("at\\((\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\)");
    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.*)\\)");

    private final String text;

    private ScheduleExpression(String text) {
        this.text = text;
    }

    /**
     * @param text the expression, e.g. {@code cron(0 8 ? * MON-FRI *)}
     * @throws IllegalArgumentException naming the expression and what is wrong with it
     */
    public static ScheduleExpression parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the schedule is empty; use at(...), rate(...) or cron(...)");
        }
        Matcher at = AT.matcher(text);
        if (at.matches()) {
            try {
                return new At(text, LocalDateTime.parse(at.group(1)));
            } catch (DateTimeParseException e) {
                throw invalid(text, "its date and time (" + at.group(1) + ") do not exist");
            }
        }
        Matcher rate = RATE.matcher(text);
        if (rate.matches()) {
            return Rate.of(text, rate.group(1), rate.group(2));
        }
        Matcher cron = CRON.matcher(text);
        if (cron.matches()) {
            return Cron.of(text, cron.group(1));
        }
        throw invalid(
                text,
                "it is none of at(yyyy-mm-ddThh:mm:ss), rate(value unit) with unit minute(s), hour(s) "
                        + "or day(s), and cron(Minutes Hours Day-of-month Month Day-of-week Year)");
    }

    /**
     * Whether the schedule fires in the minute that starts at {@code minute}.
     *
     * @param minute the minute, in the action's time zone (local time)
     * @param since when the schedule started counting: its start time, or when the action was created; only
     *              {@code rate} expressions depend on it
     */
    public abstract boolean firesAt(LocalDateTime minute, LocalDateTime since);

    /** The expression as written. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    private static IllegalArgumentException invalid(String text, String reason) {
        return new IllegalArgumentException("schedule (" + text + ") is not valid: " + reason);
    }

    /** A one-time schedule. */
    public static final class At extends ScheduleExpression {
        private final LocalDateTime when;

        private At(String text, LocalDateTime when) {
            super(text);
            this.when = when;
        }

        /** The local date and time it fires. */
        public LocalDateTime when() {
            return when;
        }

        @Override
        public boolean firesAt(LocalDateTime minute, LocalDateTime since) {
            return when.truncatedTo(ChronoUnit.MINUTES).equals(minute.truncatedTo(ChronoUnit.MINUTES));
        }
    }

    /** A fixed interval, counted from the schedule's start. */
    public static final class Rate extends ScheduleExpression {
        private final Duration interval;

        private Rate(String text, Duration interval) {
            super(text);
            this.interval = interval;
        }

        static Rate of(String text, String value, String unit) {
            long amount;
            try {
                amount = Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw invalid(text, "its value (" + value + ") is too large");
            }
            if (amount < 1) {
                throw invalid(text, "its value (" + value + ") must be a positive integer");
            }
            ChronoUnit chronoUnit = unit.startsWith("minute")
                    ? ChronoUnit.MINUTES
                    : unit.startsWith("hour") ? ChronoUnit.HOURS : ChronoUnit.DAYS;
            if (amount > 36_500L * 24 * 60) {
                throw invalid(text, "its value (" + value + ") is too large");
            }
            return new Rate(text, Duration.of(amount, chronoUnit));
        }

        public Duration interval() {
            return interval;
        }

        @Override
        public boolean firesAt(LocalDateTime minute, LocalDateTime since) {
            long elapsed = Duration.between(
                            since.truncatedTo(ChronoUnit.MINUTES), minute.truncatedTo(ChronoUnit.MINUTES))
                    .toMinutes();
            return elapsed >= 0 && elapsed % interval.toMinutes() == 0;
        }
    }

    /** A recurring schedule in Application Auto Scaling's six-field cron syntax. */
    public static final class Cron extends ScheduleExpression {
        private static final List<String> MONTHS =
                List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
        private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
        private static final Pattern NTH_WEEKDAY = Pattern.compile("([1-7]|[A-Z]{3})#([1-5])");
        private static final Pattern LAST_WEEKDAY = Pattern.compile("([1-7]|[A-Z]{3})L");
        private static final Pattern NEAREST_WEEKDAY = Pattern.compile("(\\d{1,2})W");

        private final BitSet minutes;
        private final BitSet hours;
        private final DayRule days;
        private final BitSet months;
        private final BitSet years;

        private Cron(String text, BitSet minutes, BitSet hours, DayRule days, BitSet months, BitSet years) {
            super(text);
            this.minutes = minutes;
            this.hours = hours;
            this.days = days;
            this.months = months;
            this.years = years;
        }

        static Cron of(String text, String body) {
            String[] fields = body.trim().split("\\s+");
            if (fields.length != 6) {
                throw invalid(
                        text,
                        "cron takes six fields (Minutes Hours Day-of-month Month Day-of-week Year), " + "not "
                                + fields.length);
            }
            String dayOfMonth = fields[2].toUpperCase(Locale.ROOT);
            String dayOfWeek = fields[4].toUpperCase(Locale.ROOT);
            if (dayOfMonth.equals("?") == dayOfWeek.equals("?")) {
                throw invalid(
                        text,
                        "exactly one of Day-of-month (" + fields[2] + ") and Day-of-week (" + fields[4]
                                + ") must be '?'");
            }
            Field minute = new Field(text, "Minutes", 0, 59, List.of());
            Field hour = new Field(text, "Hours", 0, 23, List.of());
            Field month = new Field(text, "Month", 1, 12, MONTHS);
            Field year = new Field(text, "Year", 1970, 2199, List.of());
            DayRule days =
                    dayOfMonth.equals("?") ? DayOfWeekRule.of(text, dayOfWeek) : DayOfMonthRule.of(text, dayOfMonth);
            return new Cron(
                    text,
                    minute.values(fields[0]),
                    hour.values(fields[1]),
                    days,
                    month.values(fields[3].toUpperCase(Locale.ROOT)),
                    year.values(fields[5]));
        }

        @Override
        public boolean firesAt(LocalDateTime minute, LocalDateTime since) {
            return minutes.get(minute.getMinute())
                    && hours.get(minute.getHour())
                    && months.get(minute.getMonthValue())
                    && minute.getYear() <= 2199
                    && years.get(minute.getYear())
                    && days.matches(minute);
        }

        /** One numeric field: lists, ranges, steps and names, within its bounds. */
        private record Field(String text, String name, int min, int max, List<String> names) {

            BitSet values(String field) {
                BitSet set = new BitSet(max + 1);
                for (String part : field.split(",", -1)) {
                    addPart(set, part);
                }
                return set;
            }

            private void addPart(BitSet set, String part) {
                String range = part;
                int step = 1;
                int slash = part.indexOf('/');
                if (slash >= 0) {
                    range = part.substring(0, slash);
                    step = number(part.substring(slash + 1), 1, max);
                }
                int from;
                int to;
                if (range.equals("*")) {
                    from = min;
                    to = max;
                } else if (range.contains("-")) {
                    String[] bounds = range.split("-", -1);
                    if (bounds.length != 2) {
                        throw bad(part);
                    }
                    from = value(bounds[0]);
                    to = value(bounds[1]);
                    if (from > to) {
                        throw invalid(text, name + " range " + part + " runs backwards");
                    }
                } else {
                    from = value(range);
                    to = slash >= 0 ? max : from;
                }
                for (int v = from; v <= to; v += step) {
                    set.set(v);
                }
            }

            int value(String token) {
                int index = names.indexOf(token);
                if (index >= 0) {
                    return index + min;
                }
                return number(token, min, max);
            }

            private int number(String token, int low, int high) {
                if (!token.matches("\\d{1,4}")) {
                    throw bad(token);
                }
                int v = Integer.parseInt(token);
                if (v < low || v > high) {
                    throw invalid(text, name + " value " + token + " is outside " + low + "-" + high);
                }
                return v;
            }

            IllegalArgumentException bad(String part) {
                return invalid(
                        text,
                        name + " field has '" + part + "', which is not a value, a range, a list or " + "a step"
                                + (names.isEmpty() ? "" : " (names: " + String.join(", ", names) + ")"));
            }
        }

        private interface DayRule {
            boolean matches(LocalDateTime day);
        }

        /** Day-of-month: values, {@code L} (last day) or {@code nW} (the weekday nearest day n, within the month). */
        private record DayOfMonthRule(BitSet days, boolean last, int nearestWeekdayTo) implements DayRule {

            static DayOfMonthRule of(String text, String field) {
                if (field.equals("L")) {
                    return new DayOfMonthRule(new BitSet(), true, 0);
                }
                Matcher weekday = NEAREST_WEEKDAY.matcher(field);
                if (weekday.matches()) {
                    int day = new Field(text, "Day-of-month", 1, 31, List.of()).value(weekday.group(1));
                    return new DayOfMonthRule(new BitSet(), false, day);
                }
                return new DayOfMonthRule(new Field(text, "Day-of-month", 1, 31, List.of()).values(field), false, 0);
            }

            @Override
            public boolean matches(LocalDateTime day) {
                int lastDay = YearMonth.from(day).lengthOfMonth();
                if (last) {
                    return day.getDayOfMonth() == lastDay;
                }
                if (nearestWeekdayTo > 0) {
                    return day.getDayOfMonth() == nearestWeekday(day, Math.min(nearestWeekdayTo, lastDay), lastDay);
                }
                return days.get(day.getDayOfMonth());
            }

            private static int nearestWeekday(LocalDateTime day, int target, int lastDay) {
                DayOfWeek weekday = day.withDayOfMonth(target).getDayOfWeek();
                if (weekday == DayOfWeek.SATURDAY) {
                    return target == 1 ? 3 : target - 1;
                }
                if (weekday == DayOfWeek.SUNDAY) {
                    return target == lastDay ? target - 2 : target + 1;
                }
                return target;
            }
        }

        /** Day-of-week (1 = SUN ... 7 = SAT): values, {@code dL} (last such day of the month), {@code d#n}. */
        private record DayOfWeekRule(BitSet days, int lastOf, int nthDay, int nth) implements DayRule {

            static DayOfWeekRule of(String text, String field) {
                Field dayField = new Field(text, "Day-of-week", 1, 7, DAYS);
                if (field.equals("L")) {
                    return new DayOfWeekRule(new BitSet(), 7, 0, 0);
                }
                Matcher last = LAST_WEEKDAY.matcher(field);
                if (last.matches()) {
                    return new DayOfWeekRule(new BitSet(), dayField.value(last.group(1)), 0, 0);
                }
                Matcher nth = NTH_WEEKDAY.matcher(field);
                if (nth.matches()) {
                    return new DayOfWeekRule(
                            new BitSet(), 0, dayField.value(nth.group(1)), Integer.parseInt(nth.group(2)));
                }
                return new DayOfWeekRule(dayField.values(field), 0, 0, 0);
            }

            @Override
            public boolean matches(LocalDateTime day) {
                int cronDay = day.getDayOfWeek().getValue() % 7 + 1;
                if (lastOf > 0) {
                    return cronDay == lastOf
                            && day.getDayOfMonth() + 7 > YearMonth.from(day).lengthOfMonth();
                }
                if (nth > 0) {
                    return cronDay == nthDay && (day.getDayOfMonth() - 1) / 7 + 1 == nth;
                }
                return days.get(cronDay);
            }
        }
    }

    /** Whether {@code instant} lies within an optional start and end, both inclusive as AWS applies them. */
    public static boolean within(Instant instant, Instant start, Instant end) {
        return (start == null || !instant.isBefore(start)) && (end == null || !instant.isAfter(end));
    }
}
