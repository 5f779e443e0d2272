package dev.socialcrawl.catalog.data;

/**
 * The type a unified field has in {@code data}: what the proxy's normaliser writes and what the OpenAPI document
 * promises. A field map may read a platform's value differently (epoch seconds, milliseconds), but always writes
 * this type.
 */
public enum FieldType {
    /** Text (ids are always text, even where a platform sends numbers). */
    STRING,
    /** A whole number. */
    INTEGER,
    /** A number that may have decimals. */
    NUMBER,
    BOOLEAN,
    /** An ISO-8601 instant in UTC, e.g. {@code 2024-04-14T15:06:59Z}. */
    DATETIME,
    /** A list of URLs. */
    STRING_LIST
}
