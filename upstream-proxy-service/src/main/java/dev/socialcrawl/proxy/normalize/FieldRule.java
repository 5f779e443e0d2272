package dev.socialcrawl.proxy.normalize;

import java.util.List;

import com.fasterxml.jackson.core.JsonPointer;

/**
 * How one unified field is read from a raw payload.
 *
 * @param field dotted unified field, e.g. {@code engagement.likes}
 * @param from JSON pointers tried in order, first non-null wins; empty when the platform has no such value
 * @param template optional text with {@code {/pointer}} placeholders (e.g. a profile URL built from the handle)
 * @param type how the raw value is read
 * @param item for {@link ValueType#STRING_LIST}: pointers into each object item
 */
public record FieldRule(String field, List<JsonPointer> from, String template, ValueType type, List<JsonPointer> item) {
    public FieldRule {
        from = List.copyOf(from);
        item = List.copyOf(item);
    }

    /** The platform does not expose this value at all: null without a warning. */
    public boolean unsupported() {
        return from.isEmpty() && template == null;
    }
}
