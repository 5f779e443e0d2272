package dev.socialcrawl.catalog.data;

/**
 * One field of a unified object.
 *
 * @param path dotted path inside the wrapper, e.g. {@code engagement.likes}
 * @param type what the value is when it is not null
 * @param description one line for the API reference
 */
public record Field(String path, FieldType type, String description) {
}
