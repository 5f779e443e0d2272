package dev.socialcrawl.billing.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

public record UsageView(String groupBy, Instant from, Instant to, @JsonInclude(JsonInclude.Include.NON_NULL) Long account,
        List<Item> items, Map<String, String> definitions) {

    static final Map<String, String> DEFINITIONS = Map.of(
            "requests", "debits written in the range (each debited request counts once)",
            "refunded", "how many of those debits were refunded (by the gateway or the sweeper)",
            "credits", "credits of those debits net of their refunds");

    public record Item(String key, long requests, long refunded, long credits) {
    }
}
