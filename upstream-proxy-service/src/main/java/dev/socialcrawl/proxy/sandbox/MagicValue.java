package dev.socialcrawl.proxy.sandbox;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox's test switches (docs/api.md#sandbox): a param value starting with {@code notfound}, {@code empty},
 * {@code error} or {@code slow}. A URL counts when one of its path segments starts with the word (e.g.
 * {@code https://www.tiktok.com/@notfound_user}), so the switches also work through the gateway's URL validation.
 */
enum MagicValue {
    NOT_FOUND("notfound"), EMPTY("empty"), ERROR("error"), SLOW("slow");

    private final String prefix;

    MagicValue(String prefix) {
        this.prefix = prefix;
    }

    static Optional<MagicValue> find(Map<String, String> params) {
        for (String value : params.values()) {
            Optional<MagicValue> m = of(value);
            if (m.isPresent()) {
                return m;
            }
        }
        return Optional.empty();
    }

    private static Optional<MagicValue> of(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        for (MagicValue m : values()) {
            if (v.startsWith(m.prefix)) {
                return Optional.of(m);
            }
        }
        if (v.startsWith("http://") || v.startsWith("https://")) {
            try {
                String path = URI.create(value).getPath();
                if (path != null) {
                    for (String segment : path.split("/")) {
                        String s = segment.replace("@", "").toLowerCase(Locale.ROOT);
                        for (MagicValue m : values()) {
                            if (!s.isEmpty() && s.startsWith(m.prefix)) {
                                return Optional.of(m);
                            }
                        }
                    }
                }
            } catch (IllegalArgumentException ignored) {
                // not a parseable URL: no switch in it
            }
        }
        return Optional.empty();
    }
}
