package dev.socialcrawl.billing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/**
 * A clock the test moves by hand (days pass in a call), in place of the system clock when a test profile enables
 * this alternative ({@link ActivityClockProfile}). It starts at {@link #START}.
 */
@Alternative
@Singleton
public class SettableClock extends Clock {
    static final Instant START = Instant.parse("2030-01-10T12:00:00Z");

    private volatile Instant now = START;

    public void advance(Duration by) {
        now = now.plus(by);
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
        return zone.equals(ZoneOffset.UTC) ? this : Clock.fixed(now, zone);
    }
}
