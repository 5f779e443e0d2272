package dev.socialcrawl.gateway.pipeline;

import java.util.Locale;

import dev.socialcrawl.errors.ApiException;
import dev.socialcrawl.errors.ErrorCode;

/**
 * What a request's {@code Cache-Control} asks of the cache (docs/api.md#caching-and-stale-answers): {@code no-cache}
 * (a live, billed fetch) and {@code max-stale[=N]} (data up to N seconds past its TTL — any age when bare — is
 * welcome when the live fetch fails). Other directives are ignored.
 */
record CacheDirectives(boolean noCache, Long maxStaleSeconds) {
    static final CacheDirectives NONE = new CacheDirectives(false, null);

    static CacheDirectives parse(String header) {
        if (header == null || header.isBlank()) {
            return NONE;
        }
        boolean noCache = false;
        Long maxStale = null;
        for (String directive : header.split(",")) {
            String d = directive.trim().toLowerCase(Locale.ROOT);
            if (d.equals("no-cache")) {
                noCache = true;
            } else if (d.equals("max-stale")) {
                maxStale = Long.MAX_VALUE;
            } else if (d.startsWith("max-stale=")) {
                maxStale = seconds(d.substring("max-stale=".length()));
            }
        }
        return new CacheDirectives(noCache, maxStale);
    }

    private static long seconds(String value) {
        String v = value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2
                ? value.substring(1, value.length() - 1) : value;
        if (v.isEmpty() || v.length() > 10 || !v.chars().allMatch(Character::isDigit)) {
            throw new ApiException(ErrorCode.INVALID_REQUEST,
                    "Header 'Cache-Control': max-stale takes a whole number of seconds, e.g. max-stale=600.");
        }
        return Long.parseLong(v);
    }
}
