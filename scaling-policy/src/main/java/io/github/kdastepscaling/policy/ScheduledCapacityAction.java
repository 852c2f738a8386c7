package io.github.kdastepscaling.policy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A scheduled action on the scalable target: at the times its schedule gives, Application Auto Scaling sets the
 * target's minimum and/or maximum capacity, and moves the capacity into the new range if it lies outside. The
 * construct deploys these (the target's {@code ScheduledActions}); the simulator applies them to a trace.
 *
 * @param name the scheduled action's name, unique on the target
 * @param schedule when it runs
 * @param timeZone the time zone of {@code at} and {@code cron} schedules (UTC when none is given)
 * @param startTime when the schedule starts, or null
 * @param endTime when it ends, or null
 * @param minCapacity the new minimum capacity, or null to leave it
 * @param maxCapacity the new maximum capacity, or null to leave it
 */
public record ScheduledCapacityAction(
        String name,
        ScheduleExpression schedule,
        ZoneId timeZone,
        Instant startTime,
        Instant endTime,
        Integer minCapacity,
        Integer maxCapacity) {

    /**
     * Application Auto Scaling's pattern for {@code ScheduledActionName}: no leading or trailing space, no control
     * characters, no {@code :}, {@code /} or {@code |}; 1 to 256 characters (API reference, PutScheduledAction).
     */
    private static final Pattern NAME =
            Pattern.compile("(?!((^[ ]+.*)|(.*([\\u0000-\\u001f]|[\\u007f-\\u009f]|[:/|])+.*)|(.*[ ]+$))).{1,256}");

    public ScheduledCapacityAction {
        timeZone = timeZone == null ? ZoneOffset.UTC : timeZone;
    }

    /**
     * Checks one action against the KPU quota, each message naming the action and the value.
     *
     * @throws IllegalArgumentException when it is invalid
     */
    public void validate(int kpuQuota) {
        String label = "scheduled capacity " + (name == null ? "(without a name)" : "'" + name + "'");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(label + ": the name must be 1 to 256 characters without ':', '/', "
                    + "'|', control characters or leading and trailing spaces");
        }
        if (schedule == null) {
            throw new IllegalArgumentException(label + ": a schedule is required");
        }
        if (minCapacity == null && maxCapacity == null) {
            throw new IllegalArgumentException(label + ": give minCapacity, maxCapacity or both");
        }
        if (minCapacity != null && (minCapacity < 1 || minCapacity > kpuQuota)) {
            throw new IllegalArgumentException(label + ": minCapacity (" + minCapacity + ") must be between 1 and "
                    + "kpuQuota (" + kpuQuota + ")");
        }
        if (maxCapacity != null && (maxCapacity < 1 || maxCapacity > kpuQuota)) {
            throw new IllegalArgumentException(label + ": maxCapacity (" + maxCapacity + ") must be between 1 and "
                    + "kpuQuota (" + kpuQuota + ")");
        }
        if (minCapacity != null && maxCapacity != null && minCapacity > maxCapacity) {
            throw new IllegalArgumentException(
                    label + ": minCapacity (" + minCapacity + ") must be <= maxCapacity (" + maxCapacity + ")");
        }
        if (startTime != null && endTime != null && !startTime.isBefore(endTime)) {
            throw new IllegalArgumentException(
                    label + ": startTime (" + startTime + ") must be before endTime (" + endTime + ")");
        }
        if (schedule instanceof ScheduleExpression.At at
                && endTime != null
                && at.when().atZone(timeZone).toInstant().isAfter(endTime)) {
            throw new IllegalArgumentException(
                    label + ": schedule (" + schedule + ") runs after endTime (" + endTime + "), so it never runs");
        }
    }

    /** Checks every action and that their names are unique on the target. */
    public static void validateAll(List<ScheduledCapacityAction> actions, int kpuQuota) {
        Set<String> names = new HashSet<>();
        for (ScheduledCapacityAction action : actions) {
            action.validate(kpuQuota);
            if (!names.add(action.name())) {
                throw new IllegalArgumentException("scheduled capacity '" + action.name() + "' is named twice: "
                        + "names must be unique on the scalable target");
            }
        }
    }

    /**
     * Whether the action runs in the minute that starts at {@code minute}.
     *
     * @param created when the action was put on the target (the start of a {@code rate} schedule without a start
     *                time)
     */
    public boolean runsAt(Instant minute, Instant created) {
        if (!ScheduleExpression.within(minute, startTime, endTime)) {
            return false;
        }
        LocalDateTime local = LocalDateTime.ofInstant(minute, timeZone);
        LocalDateTime since = LocalDateTime.ofInstant(startTime != null ? startTime : created, timeZone);
        return schedule.firesAt(local, since);
    }

    /** The range after this action ran on {@code range}: the given bounds replaced, the others kept. */
    public CapacityRange applyTo(CapacityRange range) {
        int min = minCapacity != null ? minCapacity : range.minCapacity();
        int max = maxCapacity != null ? maxCapacity : range.maxCapacity();
        // A range needs min <= max; when one bound given crosses the other, the other moves with it. AWS does not
        // document this case, so the construct warns about it (see the construct's validation) rather than rely on it.
        if (minCapacity == null) {
            min = Math.min(min, max);
        }
        if (maxCapacity == null) {
            max = Math.max(max, min);
        }
        return new CapacityRange(min, max);
    }
}
