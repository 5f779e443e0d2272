package dev.socialcrawl.gateway.activity;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One line of an account's activity log (docs/api.md#activity-log), as the gateway hands it to billing. */
public record ActivityRecord(
        @JsonProperty("request_id") String requestId,
        @JsonProperty("account_id") long accountId,
        @JsonProperty("key_id") long keyId,
        @JsonProperty("key_last4") String keyLast4,
        @JsonProperty("method") String method,
        @JsonProperty("path") String path,
        @JsonProperty("query") String query,
        @JsonProperty("status") int status,
        @JsonProperty("error_type") String errorType,
        @JsonProperty("credits") long credits,
        @JsonProperty("cached") boolean cached,
        @JsonProperty("replay") boolean replay,
        @JsonProperty("latency_ms") long latencyMs,
        @JsonProperty("at") Instant at) {
}
