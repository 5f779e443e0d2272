package dev.socialcrawl.gateway.idempotency;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What {@code {p}gw:idem:{hash}} holds: the owner, the fingerprint, and once finished the stored outcome
 * (status, error type and message, or the data JSON) with the original request id. An outcome answered from the
 * shared cache keeps no copy of the data ({@code from_cache}): its replays read the cache entry while it lives, so a
 * free request never makes the gateway keep more than a small record (docs/api.md#limits).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IdempotencyRecord(
        @JsonProperty("account_id") long accountId,
        @JsonProperty("fingerprint") String fingerprint,
        @JsonProperty("state") String state,
        @JsonProperty("request_id") String requestId,
        @JsonProperty("created_at_ms") long createdAtMs,
        @JsonProperty("status") Integer status,
        @JsonProperty("error_type") String errorType,
        @JsonProperty("message") String message,
        @JsonProperty("data") String data,
        @JsonProperty("from_cache") Boolean fromCache) {

    static final String IN_FLIGHT = "in_flight";
    static final String DONE = "done";

    static IdempotencyRecord inFlight(long accountId, String fingerprint, String requestId, long nowMs) {
        return new IdempotencyRecord(accountId, fingerprint, IN_FLIGHT, requestId, nowMs, null, null, null, null,
                null);
    }

    IdempotencyRecord done(int status, String errorType, String message, String data) {
        return new IdempotencyRecord(accountId, fingerprint, DONE, requestId, createdAtMs, status, errorType, message,
                data, null);
    }

    IdempotencyRecord doneFromCache() {
        return new IdempotencyRecord(accountId, fingerprint, DONE, requestId, createdAtMs, 200, null, null, null,
                true);
    }

    /** Whether the outcome was a cache hit whose data lives in the cache entry, not here. */
    public boolean answeredFromCache() {
        return Boolean.TRUE.equals(fromCache);
    }

    boolean finished() {
        return DONE.equals(state);
    }
}
