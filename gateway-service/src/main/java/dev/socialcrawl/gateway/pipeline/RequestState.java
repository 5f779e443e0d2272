package dev.socialcrawl.gateway.pipeline;

import java.util.List;
import java.util.Map;

import org.jboss.logging.MDC;

import dev.socialcrawl.catalog.Endpoint;
import dev.socialcrawl.gateway.auth.AuthenticatedKey;

/** One public request as it moves through the steps; later steps fill in what earlier ones learnt. */
public final class RequestState {
    static final String UNKNOWN = "unknown";
    private static final String ACCOUNT_MDC_KEY = "account_id";

    final String requestId;
    final String path;
    final Map<String, List<String>> query;
    final String apiKey;
    final String rawQuery;
    final String idempotencyKey;
    final boolean noCache;
    /**
     * From {@code Cache-Control: max-stale[=N]}: how many seconds past its TTL an entry may be to answer when the
     * live fetch fails; {@code Long.MAX_VALUE} for a bare {@code max-stale}, {@code null} when stale data is not accepted.
     */
    final Long maxStale;
    final long startedNanos = System.nanoTime();
    AuthenticatedKey key;
    /** False while the key comes from this replica's cache and its revocation marker is still unchecked. */
    boolean markerChecked;
    Endpoint endpoint;
    String metricPlatform = UNKNOWN;
    String metricEndpoint = UNKNOWN;

    RequestState(String requestId, String path, Map<String, List<String>> query, String rawQuery, String apiKey,
            String idempotencyKey, boolean noCache, Long maxStale) {
        this.requestId = requestId;
        this.path = path;
        this.query = query;
        this.rawQuery = rawQuery == null ? "" : rawQuery;
        this.apiKey = apiKey;
        this.idempotencyKey = idempotencyKey;
        this.noCache = noCache;
        this.maxStale = maxStale;
    }

    boolean acceptsStale() {
        return maxStale != null;
    }

    boolean accountKnown() {
        return key != null;
    }

    void authenticated(AuthenticatedKey authenticated, boolean markerAlreadyChecked) {
        this.key = authenticated;
        this.markerChecked = markerAlreadyChecked;
        MDC.put(ACCOUNT_MDC_KEY, Long.toString(authenticated.accountId()));
    }

    /**
     * Step 3 failed after all (revoked, or its marker could not be read): the request ends as if it had never got
     * past the key, with no account and no endpoint, whatever later steps had already looked at.
     */
    void notAuthenticated() {
        key = null;
        endpoint = null;
        metricPlatform = UNKNOWN;
        metricEndpoint = UNKNOWN;
        MDC.remove(ACCOUNT_MDC_KEY);
    }
}
