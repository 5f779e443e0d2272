package dev.socialcrawl.catalog;

import java.util.Locale;

/** The format validator a parameter gets. */
public enum ParamType {
    /** A username without {@code @} or whitespace, at most 100 characters. */
    HANDLE,
    /** An http(s) URL whose host is one of the platform's hosts (any host when the platform lists none). */
    URL,
    /** A subreddit name without the {@code r/} prefix. */
    SUBREDDIT,
    INT,
    BOOL,
    ENUM,
    STRING;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ParamType fromWireName(String name) {
        for (ParamType t : values()) {
            if (t.wireName().equals(name)) {
                return t;
            }
        }
        return null;
    }
}
