package dev.socialcrawl.billing.audit;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

/** An audit row on the wire: who ({@code actor_kind} {@code token} or {@code user}, {@code actor}), what, when. */
@JsonPropertyOrder({ "id", "at", "actor_kind", "actor", "action", "method", "path", "account_id", "target_id", "details",
        "request_id" })
public record AuditView(long id, Instant at, String actorKind, String actor, String action, String method, String path,
        @JsonInclude(JsonInclude.Include.ALWAYS) Long accountId, @JsonInclude(JsonInclude.Include.ALWAYS) Long targetId,
        JsonNode details, String requestId) {

    public record Page(List<AuditView> items, @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor) {
    }
}
