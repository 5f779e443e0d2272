package dev.socialcrawl.billing.activity;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A stored activity row on the wire: the record as the gateway sent it. {@code account_id} only on the billing team's
 * route (the gateway's is per account already); {@code error_type} is always present, null on success.
 */
@JsonPropertyOrder({ "request_id", "account_id", "key_id", "key_last4", "method", "path", "query", "status", "error_type",
        "credits", "cached", "replay", "latency_ms", "at" })
public record ActivityItem(String requestId, @JsonInclude(JsonInclude.Include.NON_NULL) Long accountId, long keyId,
        String keyLast4, String method, String path, String query, int status,
        @JsonInclude(JsonInclude.Include.ALWAYS) String errorType, long credits, boolean cached, boolean replay,
        long latencyMs, Instant at) {

    public record Page(List<ActivityItem> items, @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor) {
    }
}
