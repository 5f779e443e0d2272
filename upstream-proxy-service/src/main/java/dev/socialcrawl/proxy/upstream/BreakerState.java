package dev.socialcrawl.proxy.upstream;

import java.util.Locale;

/** A breaker's state as the wire and the {@code state} label of {@code upstream_circuit_state} show it. */
public enum BreakerState {
    CLOSED, OPEN, HALF_OPEN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
