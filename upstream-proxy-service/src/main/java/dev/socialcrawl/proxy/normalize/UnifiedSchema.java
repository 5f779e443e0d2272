package dev.socialcrawl.proxy.normalize;

import java.util.LinkedHashMap;
import java.util.Map;

/** The unified Author and Post shapes: every field (dotted path inside the wrapper) and its natural type. */
public final class UnifiedSchema {
    public enum Kind {
        AUTHOR("author"), POST("post");

        private final String wrapper;

        Kind(String wrapper) {
            this.wrapper = wrapper;
        }

        /** The key under {@code data} that holds the unified object. */
        public String wrapper() {
            return wrapper;
        }
    }

    private static final Map<String, ValueType> AUTHOR = new LinkedHashMap<>();
    private static final Map<String, ValueType> POST = new LinkedHashMap<>();

    static {
        AUTHOR.put("id", ValueType.STRING);
        AUTHOR.put("username", ValueType.STRING);
        AUTHOR.put("display_name", ValueType.STRING);
        AUTHOR.put("avatar_url", ValueType.STRING);
        AUTHOR.put("bio", ValueType.STRING);
        AUTHOR.put("url", ValueType.STRING);
        AUTHOR.put("verified", ValueType.BOOLEAN);
        AUTHOR.put("private", ValueType.BOOLEAN);
        AUTHOR.put("followers", ValueType.INTEGER);
        AUTHOR.put("following", ValueType.INTEGER);
        AUTHOR.put("posts_count", ValueType.INTEGER);
        AUTHOR.put("likes_count", ValueType.INTEGER);
        AUTHOR.put("joined_at", ValueType.DATETIME);

        POST.put("id", ValueType.STRING);
        POST.put("url", ValueType.STRING);
        POST.put("content.text", ValueType.STRING);
        POST.put("content.media_urls", ValueType.STRING_LIST);
        POST.put("content.thumbnail_url", ValueType.STRING);
        POST.put("content.duration_seconds", ValueType.NUMBER);
        POST.put("author.username", ValueType.STRING);
        POST.put("author.display_name", ValueType.STRING);
        POST.put("author.avatar_url", ValueType.STRING);
        POST.put("author.verified", ValueType.BOOLEAN);
        POST.put("engagement.views", ValueType.INTEGER);
        POST.put("engagement.likes", ValueType.INTEGER);
        POST.put("engagement.comments", ValueType.INTEGER);
        POST.put("engagement.shares", ValueType.INTEGER);
        POST.put("engagement.saves", ValueType.INTEGER);
        POST.put("published_at", ValueType.DATETIME);
    }

    private UnifiedSchema() {
    }

    /** Field → natural type, in output order. */
    public static Map<String, ValueType> fields(Kind kind) {
        return kind == Kind.AUTHOR ? AUTHOR : POST;
    }
}
