package dev.socialcrawl.billing.report;

import com.fasterxml.jackson.annotation.JsonProperty;

public record BalanceView(long accountId, long balance, RecentDeductions recentDeductions) {

    /** Credits debited in the window, net of the refunds of those debits. */
    public record RecentDeductions(@JsonProperty("last_24h") long last24h, @JsonProperty("last_7d") long last7d) {
    }
}
