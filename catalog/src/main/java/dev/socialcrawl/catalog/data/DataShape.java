package dev.socialcrawl.catalog.data;

import dev.socialcrawl.catalog.Endpoint;

/**
 * What the normaliser makes of an endpoint's payload, decided here once for the normaliser and the document:
 * a list page, a unified Author or Post, or the platform's object passed through (checked for its
 * {@code audience} or {@code comment} where the archetype needs one).
 */
public enum DataShape {
    /** {@code {items, next_cursor?, total?}}: PostList, CommentList, SearchResult. */
    LIST,
    /** {@code {author, computed, _warnings?}}: an endpoint with an author field map. */
    UNIFIED_AUTHOR,
    /** {@code {post, computed, _warnings?}}: an endpoint with a post field map. */
    UNIFIED_POST,
    /** The platform's object, which has an {@code audience} object. */
    AUDIENCE,
    /** The platform's object, which has a {@code comment}. */
    COMMENT,
    /** The platform's object as it came: Analytics, and Author or Post endpoints without a field map. */
    PASSTHROUGH;

    public static DataShape of(Endpoint endpoint) {
        if (endpoint.archetype().isList()) {
            return LIST;
        }
        if (endpoint.fieldMap() != null) {
            UnifiedSchema.Kind kind = UnifiedSchema.Kind.ofFieldMap(endpoint.fieldMap()).orElseThrow(
                    () -> new IllegalStateException("field map " + endpoint.fieldMap() + " names no unified kind"));
            return kind == UnifiedSchema.Kind.AUTHOR ? UNIFIED_AUTHOR : UNIFIED_POST;
        }
        return switch (endpoint.archetype()) {
            case AUDIENCE -> AUDIENCE;
            case COMMENT -> COMMENT;
            default -> PASSTHROUGH;
        };
    }
}
