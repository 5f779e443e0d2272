package dev.socialcrawl.catalog;

import java.util.Locale;

/** What an endpoint costs per request. */
public enum Tier {
    STANDARD(1),
    ADVANCED(5),
    PREMIUM(10);

    private final long credits;

    Tier(long credits) {
        this.credits = credits;
    }

    public long credits() {
        return credits;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
