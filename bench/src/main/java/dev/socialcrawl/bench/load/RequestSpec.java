package dev.socialcrawl.bench.load;

import java.util.Map;

/**
 * One request the load generator sends: target, method, path with query, headers and an optional body.
 *
 * @param method HTTP method, e.g. {@code GET}
 * @param host   target host, e.g. {@code 127.0.0.1}
 * @param port   target port
 * @param uri    path and query, e.g. {@code /v1/tiktok/profile?handle=a}
 * @param headers request headers (may be empty)
 * @param body   request body, or {@code null} for none
 */
public record RequestSpec(String method, String host, int port, String uri, Map<String, String> headers, String body) {

    public RequestSpec {
        headers = Map.copyOf(headers);
    }

    public static RequestSpec get(String host, int port, String uri, Map<String, String> headers) {
        return new RequestSpec("GET", host, port, uri, headers, null);
    }

    public static RequestSpec postJson(String host, int port, String uri, Map<String, String> headers, String json) {
        var all = new java.util.HashMap<>(headers);
        all.put("Content-Type", "application/json");
        return new RequestSpec("POST", host, port, uri, all, json);
    }
}
