package dev.socialcrawl.gateway.pipeline;

import java.util.List;
import java.util.Map;

import dev.socialcrawl.catalog.Endpoint;
import dev.socialcrawl.gateway.auth.AuthenticatedKey;

/** One public request as it moves through the steps; later steps fill in what earlier ones learnt. */
public final class RequestState {
    final String requestId;
    final String path;
    final Map<String, List<String>> query;
    final String apiKey;
    final String idempotencyKey;
    final boolean noCache;
    final long startedNanos = System.nanoTime();
    AuthenticatedKey key;
    Endpoint endpoint;
    String metricPlatform = "unknown";
    String metricEndpoint = "unknown";

    RequestState(String requestId, String path, Map<String, List<String>> query, String apiKey, String idempotencyKey,
            boolean noCache) {
        this.requestId = requestId;
        this.path = path;
        this.query = query;
        this.apiKey = apiKey;
        this.idempotencyKey = idempotencyKey;
        this.noCache = noCache;
    }

    boolean accountKnown() {
        return key != null;
    }
}
