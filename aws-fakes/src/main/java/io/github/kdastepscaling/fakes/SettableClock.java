package io.github.kdastepscaling.fakes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock a test moves by hand, for the fakes ({@link FakeFlink#clock}, {@link FakeCloudWatch#clock}) and the code
 * under test alike, so that simulated minutes pass in milliseconds and both sides agree on the time.
 */
public final class SettableClock extends Clock {

    private volatile Instant now;

    public SettableClock(Instant start) {
        this.now = start;
    }

    /** Moves the clock forward by {@code step}. */
    public void advance(Duration step) {
        now = now.plus(step);
    }

    public void set(Instant instant) {
        now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
