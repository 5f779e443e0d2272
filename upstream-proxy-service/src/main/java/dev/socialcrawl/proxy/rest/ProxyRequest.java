package dev.socialcrawl.proxy.rest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.socialcrawl.catalog.QueryString;

/**
 * A {@code /proxy/…} request line read once: the path after {@code /proxy/} and the query parameters by name in the
 * order the request gave them, both percent-decoded as UTF-8 (in the query {@code +} is a space, in the path a plus).
 */
record ProxyRequest(String path, Map<String, List<String>> query) {
    static final String PREFIX = "/proxy/";

    /** Whether the raw request path belongs to the proxy's door ({@code /proxy} and everything under it). */
    static boolean isProxyPath(String rawPath) {
        return rawPath != null && rawPath.startsWith("/proxy") && (rawPath.length() == 6 || rawPath.charAt(6) == '/');
    }

    /**
     * Decodes the raw path (from {@code /proxy…}) and the raw query (without {@code ?}, or {@code null}).
     *
     * @throws IllegalArgumentException on malformed percent-encoding, naming the part
     */
    static ProxyRequest decode(String rawPath, String rawQuery) {
        String rest = rawPath.length() <= PREFIX.length() ? "" : rawPath.substring(PREFIX.length());
        String path;
        try {
            path = rest.indexOf('%') < 0 ? rest : URLDecoder.decode(rest.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The request path has malformed percent-encoding.");
        }
        return new ProxyRequest(path, params(rawQuery));
    }

    private static Map<String, List<String>> params(String query) {
        try {
            return QueryString.decode(query);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The query string has malformed percent-encoding.");
        }
    }
}
