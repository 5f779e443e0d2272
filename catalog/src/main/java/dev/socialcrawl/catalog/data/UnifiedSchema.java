package dev.socialcrawl.catalog.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a normalised {@code data} is made of, in one place for the proxy's normaliser (which writes it) and the
 * gateway's OpenAPI document (which describes it): the unified Author and Post fields with their types, the names
 * under {@code data} and those of {@code data.computed}. Every unified field is always present, null when the
 * platform does not give it.
 */
public final class UnifiedSchema {
    /** Under {@code data} of a field-mapped endpoint, beside the unified object. */
    public static final String COMPUTED = "computed";
    /** Under {@code data}: sentences about values that were clamped or could not be read; only when there are any. */
    public static final String WARNINGS = "_warnings";
    /** The keys of a list's {@code data}. */
    public static final String ITEMS = "items";
    public static final String NEXT_CURSOR = "next_cursor";
    public static final String TOTAL = "total";
    /** Without it as an object under {@code data}, an Audience answer has nothing usable. */
    public static final String AUDIENCE = "audience";
    /** Without a non-null value under it in {@code data}, a Comment answer has nothing usable. */
    public static final String COMMENT = "comment";

    /** The fields of {@code data.computed}. */
    public static final String ENGAGEMENT_RATE = "engagement_rate";
    public static final String LANGUAGE = "language";
    public static final String CONTENT_CATEGORY = "content_category";
    public static final String ESTIMATED_REACH = "estimated_reach";

    /** A unified object and the key under {@code data} that holds it. */
    public enum Kind {
        AUTHOR("author"), POST("post");

        private final String wrapper;

        Kind(String wrapper) {
            this.wrapper = wrapper;
        }

        public String wrapper() {
            return wrapper;
        }

        /** The kind a field map writes, from its name ({@code tiktok-author}, {@code tiktok-post}). */
        public static Optional<Kind> ofFieldMap(String fieldMapName) {
            if (fieldMapName.endsWith("-" + AUTHOR.wrapper)) {
                return Optional.of(AUTHOR);
            }
            if (fieldMapName.endsWith("-" + POST.wrapper)) {
                return Optional.of(POST);
            }
            return Optional.empty();
        }
    }

    private static final Map<String, Field> AUTHOR = new LinkedHashMap<>();
    private static final Map<String, Field> POST = new LinkedHashMap<>();

    static {
        add(AUTHOR, "id", FieldType.STRING, "The platform's id of the account.");
        add(AUTHOR, "username", FieldType.STRING, "The handle, without @.");
        add(AUTHOR, "display_name", FieldType.STRING, "The name shown on the profile.");
        add(AUTHOR, "avatar_url", FieldType.STRING, "Profile picture.");
        add(AUTHOR, "bio", FieldType.STRING, "Profile text.");
        add(AUTHOR, "url", FieldType.STRING, "The profile's address on the platform.");
        add(AUTHOR, "verified", FieldType.BOOLEAN, "Whether the platform marks the account as verified.");
        add(AUTHOR, "private", FieldType.BOOLEAN, "Whether the account is private.");
        add(AUTHOR, "followers", FieldType.INTEGER, "Followers (subscribers, members).");
        add(AUTHOR, "following", FieldType.INTEGER, "Accounts it follows.");
        add(AUTHOR, "posts_count", FieldType.INTEGER, "Posts (videos, tweets) published.");
        add(AUTHOR, "likes_count", FieldType.INTEGER, "Likes received over all posts.");
        add(AUTHOR, "joined_at", FieldType.DATETIME, "When the account was created.");

        add(POST, "id", FieldType.STRING, "The platform's id of the post.");
        add(POST, "url", FieldType.STRING, "The post's address on the platform.");
        add(POST, "content.text", FieldType.STRING, "Caption, title or text.");
        add(POST, "content.media_urls", FieldType.STRING_LIST, "Video or image files.");
        add(POST, "content.thumbnail_url", FieldType.STRING, "Cover image.");
        add(POST, "content.duration_seconds", FieldType.NUMBER, "Length of a video or clip, in seconds.");
        add(POST, "author.username", FieldType.STRING, "The author's handle, without @.");
        add(POST, "author.display_name", FieldType.STRING, "The author's shown name.");
        add(POST, "author.avatar_url", FieldType.STRING, "The author's profile picture.");
        add(POST, "author.verified", FieldType.BOOLEAN, "Whether the author is verified.");
        add(POST, "engagement.views", FieldType.INTEGER, "Views (plays).");
        add(POST, "engagement.likes", FieldType.INTEGER, "Likes (hearts, upvotes).");
        add(POST, "engagement.comments", FieldType.INTEGER, "Comments (replies).");
        add(POST, "engagement.shares", FieldType.INTEGER, "Shares (reposts, retweets).");
        add(POST, "engagement.saves", FieldType.INTEGER, "Saves (bookmarks, collects).");
        add(POST, "published_at", FieldType.DATETIME, "When it was published.");
    }

    private UnifiedSchema() {
    }

    /** The unified object's fields by dotted path, in output order. */
    public static Map<String, Field> fields(Kind kind) {
        return Collections.unmodifiableMap(kind == Kind.AUTHOR ? AUTHOR : POST);
    }

    private static void add(Map<String, Field> fields, String path, FieldType type, String description) {
        fields.put(path, new Field(path, type, description));
    }
}
