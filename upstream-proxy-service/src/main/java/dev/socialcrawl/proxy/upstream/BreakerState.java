package dev.socialcrawl.proxy.upstream;

import java.util.Locale;

/** A breaker's state as the wire shows it ({@code closed}, {@code open}, {@code half_open}) and the gauge value. */
public enum BreakerState {
    CLOSED(0), OPEN(1), HALF_OPEN(2);

    private final int gaugeValue;

    BreakerState(int gaugeValue) {
        this.gaugeValue = gaugeValue;
    }

    public int gaugeValue() {
        return gaugeValue;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
