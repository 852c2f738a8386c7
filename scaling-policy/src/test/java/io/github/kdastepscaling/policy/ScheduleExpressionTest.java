package io.github.kdastepscaling.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScheduleExpressionTest {

    private static final LocalDateTime SINCE = LocalDateTime.parse("2026-01-01T00:00");

    /** Every minute of {@code days} days from 2026-03-02 (a Monday) at which the expression fires. */
    private static List<LocalDateTime> firings(String expression, int days) {
        ScheduleExpression schedule = ScheduleExpression.parse(expression);
        List<LocalDateTime> fired = new ArrayList<>();
        LocalDateTime start = LocalDateTime.parse("2026-03-02T00:00");
        for (LocalDateTime t = start; t.isBefore(start.plusDays(days)); t = t.plusMinutes(1)) {
            if (schedule.firesAt(t, SINCE)) {
                fired.add(t);
            }
        }
        return fired;
    }

    @Test
    void weekdayMorningsFireOncePerWeekday() {
        List<LocalDateTime> fired = firings("cron(30 6 ? * MON-FRI *)", 7);
        assertEquals(5, fired.size());
        assertEquals(LocalDateTime.parse("2026-03-02T06:30"), fired.get(0));
        assertEquals(LocalDateTime.parse("2026-03-06T06:30"), fired.get(4));
    }

    @Test
    void numericDaysOfWeekCountFromSunday() {
        assertEquals(firings("cron(0 8 ? * MON *)", 14), firings("cron(0 8 ? * 2 *)", 14));
        assertEquals(
                LocalDateTime.parse("2026-03-08T08:00"),
                firings("cron(0 8 ? * 1 *)", 7).get(0));
    }

    @Test
    void stepsListsAndRanges() {
        assertEquals(96, firings("cron(0/15 * * * ? *)", 1).size());
        assertEquals(
                List.of(LocalDateTime.parse("2026-03-02T08:00"), LocalDateTime.parse("2026-03-02T17:00")),
                firings("cron(0 8,17 2 MAR ? 2026)", 31));
        assertEquals(0, firings("cron(0 8 * * ? 2027)", 7).size());
    }

    @Test
    void lastDayNearestWeekdayAndNthWeekday() {
        assertEquals(List.of(LocalDateTime.parse("2026-03-31T00:00")), firings("cron(0 0 L * ? *)", 31));
        // 2026-03-15 is a Sunday: the nearest weekday is Monday the 16th.
        assertEquals(List.of(LocalDateTime.parse("2026-03-16T00:00")), firings("cron(0 0 15W * ? *)", 31));
        // The second Tuesday of March 2026 is the 10th; the last Friday is the 27th.
        assertEquals(List.of(LocalDateTime.parse("2026-03-10T00:00")), firings("cron(0 0 ? * 3#2 *)", 31));
        assertEquals(List.of(LocalDateTime.parse("2026-03-27T00:00")), firings("cron(0 0 ? * 6L *)", 31));
    }

    @Test
    void atFiresInItsMinuteAndRateCountsFromItsStart() {
        assertEquals(List.of(LocalDateTime.parse("2026-03-02T09:15")), firings("at(2026-03-02T09:15:30)", 2));
        ScheduleExpression rate = ScheduleExpression.parse("rate(90 minutes)");
        LocalDateTime since = LocalDateTime.parse("2026-03-02T00:10");
        assertTrue(rate.firesAt(since, since));
        assertTrue(rate.firesAt(since.plusMinutes(90), since));
        assertFalse(rate.firesAt(since.plusMinutes(60), since));
        assertFalse(rate.firesAt(since.minusMinutes(90), since));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "cron(0 8 * * MON *)|exactly one of Day-of-month (*) and Day-of-week (MON) must be '?'",
                "cron(0 8 ? * ? *)|exactly one of Day-of-month (?) and Day-of-week (?) must be '?'",
                "cron(0 8 ? * MON)|cron takes six fields",
                "cron(60 8 ? * MON *)|Minutes value 60 is outside 0-59",
                "cron(0 24 ? * MON *)|Hours value 24 is outside 0-23",
                "cron(0 8 ? FOO MON *)|Month field has 'FOO'",
                "cron(0 8 ? * 8 *)|Day-of-week value 8 is outside 1-7",
                "cron(0 17-8 ? * MON *)|Hours range 17-8 runs backwards",
                "cron(0 8 ? * MON 1969)|Year value 1969 is outside 1970-2199",
                "at(2026-02-30T08:00:00)|do not exist",
                "at(2026-02-03 08:00:00)|is none of",
                "rate(0 minutes)|must be a positive integer",
                "rate(5 weeks)|is none of",
                "every monday|is none of",
            })
    void failsOnMalformedExpressions(String expression, String reason) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ScheduleExpression.parse(expression));
        assertTrue(e.getMessage().startsWith("schedule (" + expression + ") is not valid: "), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "cron(0 8 ? * MON-FRI *)",
                "cron(*/5 * * * ? *)",
                "cron(0 0 1 JAN,JUL ? 2026-2030)",
                "rate(1 day)",
                "rate(5 minutes)",
                "at(2026-12-24T18:00:00)"
            })
    void acceptsWellFormedExpressions(String expression) {
        assertEquals(expression, ScheduleExpression.parse(expression).text());
    }
}
