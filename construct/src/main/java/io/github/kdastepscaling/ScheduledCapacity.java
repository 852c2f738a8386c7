package io.github.kdastepscaling;

import java.time.Instant;
import software.amazon.awscdk.TimeZone;
import software.amazon.awscdk.services.applicationautoscaling.Schedule;

/**
 * A scheduled action on the scalable target: at the times {@link #getSchedule()} gives, Application Auto Scaling sets
 * the target's minimum and/or maximum capacity, and moves the capacity into the new range when it lies outside.
 * Rendered as one of the target's {@code ScheduledActions}. Immutable; build with {@link #builder()}.
 *
 * <pre>{@code
 * ScheduledCapacity.builder()
 *         .name("weekday-mornings")
 *         .schedule(Schedule.cron(CronOptions.builder().weekDay("MON-FRI").hour("7").minute("30").build()))
 *         .timeZone(TimeZone.EUROPE_BERLIN)
 *         .minCapacity(4)
 *         .build();
 * }</pre>
 *
 * The range may go above the construct's {@code maxCapacity} (up to {@code kpuQuota}): Application Auto Scaling owns
 * it, and the scaler accepts any capacity up to the quota.
 */
public final class ScheduledCapacity {

    private final String name;
    private final Schedule schedule;
    private final TimeZone timeZone;
    private final Instant startTime;
    private final Instant endTime;
    private final Number minCapacity;
    private final Number maxCapacity;

    private ScheduledCapacity(Builder b) {
        this.name = b.name;
        this.schedule = b.schedule;
        this.timeZone = b.timeZone;
        this.startTime = b.startTime;
        this.endTime = b.endTime;
        this.minCapacity = b.minCapacity;
        this.maxCapacity = b.maxCapacity;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The scheduled action's name, unique among the construct's scheduled actions: 1 to 256 characters without
     * {@code :}, {@code /}, {@code |}, control characters or leading and trailing spaces.
     *
     * @default - none; required
     */
    public String getName() {
        return name;
    }

    /**
     * When the action runs: {@code Schedule.cron(...)}, {@code Schedule.at(...)}, {@code Schedule.rate(...)} or
     * {@code Schedule.expression("cron(0 8 ? * MON-FRI *)")}, in Application Auto Scaling's syntax.
     *
     * @default - none; required
     */
    public Schedule getSchedule() {
        return schedule;
    }

    /**
     * The time zone of {@code at} and {@code cron} schedules, an IANA name.
     *
     * @default - UTC
     */
    public TimeZone getTimeZone() {
        return timeZone;
    }

    /**
     * When the schedule starts.
     *
     * @default - at once
     */
    public Instant getStartTime() {
        return startTime;
    }

    /**
     * When the schedule ends.
     *
     * @default - never
     */
    public Instant getEndTime() {
        return endTime;
    }

    /**
     * The new minimum capacity, in KPUs, from 1 to {@code kpuQuota}. Give this, {@link #getMaxCapacity()} or both.
     *
     * @default - the minimum is left as it is
     */
    public Number getMinCapacity() {
        return minCapacity;
    }

    /**
     * The new maximum capacity, in KPUs, from 1 to {@code kpuQuota}. Give this, {@link #getMinCapacity()} or both.
     *
     * @default - the maximum is left as it is
     */
    public Number getMaxCapacity() {
        return maxCapacity;
    }

    /** Builds {@link ScheduledCapacity}. */
    public static final class Builder {
        private String name;
        private Schedule schedule;
        private TimeZone timeZone;
        private Instant startTime;
        private Instant endTime;
        private Number minCapacity;
        private Number maxCapacity;

        private Builder() {}

        /** @see ScheduledCapacity#getName() */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /** @see ScheduledCapacity#getSchedule() */
        public Builder schedule(Schedule value) {
            this.schedule = value;
            return this;
        }

        /** @see ScheduledCapacity#getTimeZone() */
        public Builder timeZone(TimeZone value) {
            this.timeZone = value;
            return this;
        }

        /** @see ScheduledCapacity#getStartTime() */
        public Builder startTime(Instant value) {
            this.startTime = value;
            return this;
        }

        /** @see ScheduledCapacity#getEndTime() */
        public Builder endTime(Instant value) {
            this.endTime = value;
            return this;
        }

        /** @see ScheduledCapacity#getMinCapacity() */
        public Builder minCapacity(Number value) {
            this.minCapacity = value;
            return this;
        }

        /** @see ScheduledCapacity#getMaxCapacity() */
        public Builder maxCapacity(Number value) {
            this.maxCapacity = value;
            return this;
        }

        public ScheduledCapacity build() {
            return new ScheduledCapacity(this);
        }
    }
}
