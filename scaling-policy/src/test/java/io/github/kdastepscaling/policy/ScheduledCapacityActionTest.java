package io.github.kdastepscaling.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduledCapacityActionTest {

    private static ScheduledCapacityAction action(String name, Integer min, Integer max) {
        return new ScheduledCapacityAction(
                name,
                ScheduleExpression.parse("cron(0 8 ? * MON-FRI *)"),
                ZoneId.of("Europe/Berlin"),
                null,
                null,
                min,
                max);
    }

    private static String failure(Runnable validation) {
        return assertThrows(IllegalArgumentException.class, validation::run).getMessage();
    }

    @Test
    void runsAtTheScheduleInItsTimeZone() {
        ScheduledCapacityAction mornings = action("mornings", 4, null);
        // 08:00 in Berlin in winter is 07:00 UTC.
        assertTrue(mornings.runsAt(Instant.parse("2026-03-02T07:00:00Z"), Instant.EPOCH));
        assertFalse(mornings.runsAt(Instant.parse("2026-03-02T08:00:00Z"), Instant.EPOCH));
    }

    @Test
    void runsOnlyBetweenStartAndEnd() {
        ScheduledCapacityAction bounded = new ScheduledCapacityAction(
                "bounded",
                ScheduleExpression.parse("cron(0 8 ? * MON-FRI *)"),
                null,
                Instant.parse("2026-03-03T00:00:00Z"),
                Instant.parse("2026-03-05T00:00:00Z"),
                2,
                null);
        assertFalse(bounded.runsAt(Instant.parse("2026-03-02T08:00:00Z"), Instant.EPOCH));
        assertTrue(bounded.runsAt(Instant.parse("2026-03-04T08:00:00Z"), Instant.EPOCH));
        assertFalse(bounded.runsAt(Instant.parse("2026-03-05T08:00:00Z"), Instant.EPOCH));
    }

    @Test
    void replacesTheBoundsItGives() {
        CapacityRange range = new CapacityRange(1, 8);
        assertEquals(new CapacityRange(4, 8), action("a", 4, null).applyTo(range));
        assertEquals(new CapacityRange(1, 12), action("a", null, 12).applyTo(range));
        assertEquals(new CapacityRange(2, 3), action("a", 2, 3).applyTo(range));
        assertEquals(new CapacityRange(10, 10), action("a", 10, null).applyTo(range));
    }

    @Test
    void failsWithoutABound() {
        assertEquals(
                "scheduled capacity 'a': give minCapacity, maxCapacity or both",
                failure(() -> action("a", null, null).validate(64)));
    }

    @Test
    void failsOnBoundsOutsideTheQuotaOrCrossed() {
        assertEquals(
                "scheduled capacity 'a': maxCapacity (65) must be between 1 and kpuQuota (64)",
                failure(() -> action("a", 1, 65).validate(64)));
        assertEquals(
                "scheduled capacity 'a': minCapacity (0) must be between 1 and kpuQuota (64)",
                failure(() -> action("a", 0, null).validate(64)));
        assertEquals(
                "scheduled capacity 'a': minCapacity (5) must be <= maxCapacity (4)",
                failure(() -> action("a", 5, 4).validate(64)));
    }

    @Test
    void failsOnBadNamesAndDuplicates() {
        assertTrue(failure(() -> action("a/b", 1, null).validate(64)).startsWith("scheduled capacity 'a/b': the name"));
        assertTrue(failure(() -> action(" a", 1, null).validate(64)).startsWith("scheduled capacity ' a': the name"));
        assertEquals(
                "scheduled capacity 'a' is named twice: names must be unique on the scalable target",
                failure(() ->
                        ScheduledCapacityAction.validateAll(List.of(action("a", 1, null), action("a", 2, null)), 64)));
    }

    @Test
    void failsWhenStartIsNotBeforeEnd() {
        Instant t = Instant.parse("2026-03-03T00:00:00Z");
        assertEquals(
                "scheduled capacity 'a': startTime (2026-03-03T00:00:00Z) must be before endTime "
                        + "(2026-03-03T00:00:00Z)",
                failure(() -> new ScheduledCapacityAction(
                                "a", ScheduleExpression.parse("rate(1 hour)"), null, t, t, 2, null)
                        .validate(64)));
    }
}
