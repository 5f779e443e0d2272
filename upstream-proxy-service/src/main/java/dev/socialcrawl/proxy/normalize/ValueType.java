package dev.socialcrawl.proxy.normalize;

import java.util.Locale;

import dev.socialcrawl.catalog.data.FieldType;
import dev.socialcrawl.catalog.data.UnifiedSchema;

/**
 * How a raw value becomes a unified value. Each unified field has a type (see {@link UnifiedSchema}), read by the
 * reader of the same name; a field map names another reader only when the platform encodes the value differently
 * (epoch seconds, for instance), and that reader must still write the field's type.
 */
public enum ValueType {
    /** Text; numbers become their decimal text (ids are always strings). */
    STRING(FieldType.STRING),
    /** A whole number; accepts numbers, numeric text and abbreviations such as {@code 1.2M} or {@code 12,345}. */
    INTEGER(FieldType.INTEGER),
    /** A number that may have decimals (durations). */
    NUMBER(FieldType.NUMBER),
    BOOLEAN(FieldType.BOOLEAN),
    /** ISO-8601 text, RFC-1123 or Twitter's {@code Wed Oct 10 20:19:24 +0000 2018}; written as ISO-8601 UTC. */
    DATETIME(FieldType.DATETIME),
    /** Seconds since the epoch (number or text), written as ISO-8601 UTC. */
    EPOCH_SECONDS(FieldType.DATETIME),
    /** Milliseconds since the epoch, written as ISO-8601 UTC. */
    EPOCH_MILLIS(FieldType.DATETIME),
    /** A duration in milliseconds, written as seconds (TikTok video durations). */
    DURATION_MILLIS(FieldType.NUMBER),
    /** An array of URLs: text items are kept, object items give the first non-null of the rule's {@code item} pointers. */
    STRING_LIST(FieldType.STRING_LIST);

    private final FieldType writes;

    ValueType(FieldType writes) {
        this.writes = writes;
    }

    /** The unified type this reader writes. */
    public FieldType writes() {
        return writes;
    }

    /** The reader of a field's own type. */
    public static ValueType of(FieldType type) {
        return switch (type) {
            case STRING -> STRING;
            case INTEGER -> INTEGER;
            case NUMBER -> NUMBER;
            case BOOLEAN -> BOOLEAN;
            case DATETIME -> DATETIME;
            case STRING_LIST -> STRING_LIST;
        };
    }

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
