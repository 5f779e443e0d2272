package dev.socialcrawl.billing.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code truncated}: more groups than {@code limit} matched and only the first {@code limit} are listed. */
public record UsageView(String groupBy, Instant from, Instant to, @JsonInclude(JsonInclude.Include.NON_NULL) Long account,
        List<Item> items, boolean truncated, Map<String, String> definitions) {

    static final Map<String, String> DEFINITIONS = Map.of(
            "requests", "debits written in the range (each debited request counts once)",
            "refunded", "how many of those debits were refunded (by the gateway or the sweeper)",
            "credits", "credits of those debits net of their refunds");

    /** {@code account_id} and {@code name} only when grouped by account ({@code key} is then the account id). */
    public record Item(String key, @JsonInclude(JsonInclude.Include.NON_NULL) Long accountId,
            @JsonInclude(JsonInclude.Include.NON_NULL) String name, long requests, long refunded, long credits) {
    }
}
