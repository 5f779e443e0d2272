package dev.socialcrawl.catalog;

import java.time.Duration;

/**
 * The shape class of an endpoint's answer: it decides list stripping, the empty-upstream check and the
 * default cache TTL (docs/api.md#credits-and-refunds, #caching-and-stale-answers).
 */
public enum Archetype {
    AUTHOR("Author", "author", Duration.ofMinutes(15)),
    POST("Post", "post", Duration.ofMinutes(10)),
    COMMENT("Comment", "comment", Duration.ofMinutes(5)),
    POST_LIST("PostList", "post-list", Duration.ofMinutes(5)),
    COMMENT_LIST("CommentList", "comment-list", Duration.ofMinutes(5)),
    SEARCH_RESULT("SearchResult", "search-result", Duration.ofMinutes(2)),
    AUDIENCE("Audience", "audience", Duration.ofMinutes(30)),
    ANALYTICS("Analytics", "analytics", Duration.ofMinutes(30));

    private final String catalogName;
    private final String configKey;
    private final Duration defaultCacheTtl;

    Archetype(String catalogName, String configKey, Duration defaultCacheTtl) {
        this.catalogName = catalogName;
        this.configKey = configKey;
        this.defaultCacheTtl = defaultCacheTtl;
    }

    /** The name used in catalog.json and catalog.md, e.g. {@code PostList}. */
    public String catalogName() {
        return catalogName;
    }

    /** The key under {@code gateway.cache.ttl.} that overrides the TTL, e.g. {@code post-list}. */
    public String configKey() {
        return configKey;
    }

    public Duration defaultCacheTtl() {
        return defaultCacheTtl;
    }

    public boolean isList() {
        return this == POST_LIST || this == COMMENT_LIST || this == SEARCH_RESULT;
    }

    public static Archetype fromCatalogName(String name) {
        for (Archetype a : values()) {
            if (a.catalogName.equals(name)) {
                return a;
            }
        }
        return null;
    }
}
