package dev.socialcrawl.gateway.meta;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.socialcrawl.errors.RequestIds;
import dev.socialcrawl.gateway.wire.Envelopes;

/**
 * The response headers of the public API as the OpenAPI document declares them ({@code components.headers}), with
 * the names the gateway writes them under (docs/api.md#headers).
 */
final class ApiHeaders {
    static final String REQUEST_ID = RequestIds.HEADER;
    static final String CREDITS_USED = Envelopes.CREDITS_USED;
    static final String CREDITS_REMAINING = Envelopes.CREDITS_REMAINING;
    static final String CACHE = Envelopes.CACHE;
    static final String AGE = "Age";
    static final String REPLAY = Envelopes.REPLAY;
    static final String ORIGINAL_REQUEST_ID = Envelopes.ORIGINAL_REQUEST_ID;
    static final String RETRY_AFTER = "Retry-After";
    static final String ALLOW = "Allow";
    static final String CACHE_CONTROL = Envelopes.CACHE_CONTROL;
    /** What a stale answer says in {@code X-Cache} (docs/api.md#caching-and-stale-answers). */
    static final String STALE = "STALE";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ApiHeaders() {
    }

    /** Every header by name. */
    static Map<String, ObjectNode> all() {
        Map<String, ObjectNode> h = new LinkedHashMap<>();
        h.put(REQUEST_ID, header("Every response: this request's id, the body's `request_id`. Give it to the "
                + "operator when you ask about a request.", NODES.objectNode().put("type", "string")
                        .put("pattern", "^req-[A-Za-z0-9_-]{20,100}$")).put("required", true));
        h.put(CREDITS_USED, header("Whenever the account is known: credits this request cost in the end, the "
                + "endpoint's cost or 0 (cache hit, replay, rejection, refund).", integer()));
        h.put(CREDITS_REMAINING, header("Whenever the account is known: the balance after this request (on cache "
                + "hits, replays and rejections it may lag a few seconds behind requests in flight).", integer()));
        h.put(CACHE, header("Catalogue answers that reached the cache step: `HIT` from the cache (free), `MISS` "
                + "fetched live (or a replay), `STALE` an expired entry served because the live fetch failed and the "
                + "request sent `Cache-Control: max-stale`.", enumOf("HIT", "MISS", STALE)));
        h.put(AGE, header("With `X-Cache: STALE`: seconds since the served data was fetched.", integer()));
        h.put(REPLAY, header("A replay of an earlier request with the same `Idempotency-Key`.", enumOf("true")));
        h.put(ORIGINAL_REQUEST_ID, header("With `X-Idempotent-Replay`: the `request_id` of the request that did the "
                + "work.", NODES.objectNode().put("type", "string")));
        h.put(RETRY_AFTER, header("Whole seconds to wait: 1 on 429; on 503 the seconds until the platform's breaker "
                + "lets a trial request through (30 right after it opens), 1 when too many requests to the platform "
                + "are in flight, 5 when a store the gateway needs is down.", integer()));
        h.put(ALLOW, header("The methods this path allows.", enumOf("GET")).put("required", true));
        h.put(CACHE_CONTROL, header("How this answer may be cached: `no-store` on the balance, the status and the "
                + "activity log.", NODES.objectNode().put("type", "string")).put("required", true));
        return h;
    }

    private static ObjectNode header(String description, ObjectNode schema) {
        ObjectNode h = NODES.objectNode().put("description", description);
        h.set("schema", schema);
        return h;
    }

    private static ObjectNode integer() {
        return NODES.objectNode().put("type", "integer").put("minimum", 0);
    }

    private static ObjectNode enumOf(String... values) {
        ObjectNode schema = NODES.objectNode().put("type", "string");
        ArrayNode allowed = schema.putArray("enum");
        for (String v : values) {
            allowed.add(v);
        }
        return schema;
    }
}
