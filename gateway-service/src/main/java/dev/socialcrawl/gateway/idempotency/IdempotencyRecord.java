package dev.socialcrawl.gateway.idempotency;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What {@code {p}gw:idem:{hash}} holds: the owner, the fingerprint, and once finished the stored outcome
 * (status, error type and message, or the data JSON) with the original request id.
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
        @JsonProperty("data") String data) {

    static final String IN_FLIGHT = "in_flight";
    static final String DONE = "done";

    static IdempotencyRecord inFlight(long accountId, String fingerprint, String requestId, long nowMs) {
        return new IdempotencyRecord(accountId, fingerprint, IN_FLIGHT, requestId, nowMs, null, null, null, null);
    }

    IdempotencyRecord done(int status, String errorType, String message, String data) {
        return new IdempotencyRecord(accountId, fingerprint, DONE, requestId, createdAtMs, status, errorType, message,
                data);
    }

    boolean finished() {
        return DONE.equals(state);
    }
}
