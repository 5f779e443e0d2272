package dev.socialcrawl.proxy.normalize;

import java.util.Locale;

/**
 * How a raw value becomes a unified value. Each unified field has a natural type (see {@link UnifiedSchema});
 * a field map names another one only when the platform encodes it differently (epoch seconds, for instance).
 */
public enum ValueType {
    /** Text; numbers become their decimal text (ids are always strings). */
    STRING,
    /** A whole number; accepts numbers, numeric text and abbreviations such as {@code 1.2M} or {@code 12,345}. */
    INTEGER,
    /** A number that may have decimals (durations). */
    NUMBER,
    BOOLEAN,
    /** ISO-8601 text, RFC-1123 or Twitter's {@code Wed Oct 10 20:19:24 +0000 2018}; written as ISO-8601 UTC. */
    DATETIME,
    /** Seconds since the epoch (number or text), written as ISO-8601 UTC. */
    EPOCH_SECONDS,
    /** Milliseconds since the epoch, written as ISO-8601 UTC. */
    EPOCH_MILLIS,
    /** A duration in milliseconds, written as seconds (TikTok video durations). */
    DURATION_MILLIS,
    /** An array of URLs: text items are kept, object items give the first non-null of the rule's {@code item} pointers. */
    STRING_LIST;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ValueType fromWireName(String name) {
        for (ValueType t : values()) {
            if (t.wireName().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
