package dev.socialcrawl.gateway.billing;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The bodies of billing's internal API, snake_case on the wire. */
public final class BillingDtos {
    private BillingDtos() {
    }

    public record KeyInfo(
            @JsonProperty("account_id") long accountId,
            @JsonProperty("key_id") long keyId,
            @JsonProperty("status") String status,
            @JsonProperty("expires_at") Instant expiresAt) {

        public boolean usableAt(Instant now) {
            return "active".equals(status) && (expiresAt == null || now.isBefore(expiresAt));
        }
    }

    public record DebitRequest(
            @JsonProperty("request_id") String requestId,
            @JsonProperty("account_id") long accountId,
            @JsonProperty("amount") long amount,
            @JsonProperty("endpoint") String endpoint) {
    }

    public record LedgerResult(
            @JsonProperty("request_id") String requestId,
            @JsonProperty("amount") long amount,
            @JsonProperty("balance") long balance,
            @JsonProperty("replayed") boolean replayed) {
    }

    public record RefundRequest(@JsonProperty("request_id") String requestId) {
    }

    public record SettleRequest(@JsonProperty("request_ids") List<String> requestIds) {
    }

    public record RecentDeductions(
            @JsonProperty("last_24h") long last24h,
            @JsonProperty("last_7d") long last7d) {
    }

    public record BalanceInfo(
            @JsonProperty("account_id") long accountId,
            @JsonProperty("balance") long balance,
            @JsonProperty("recent_deductions") RecentDeductions recentDeductions) {
    }

    /** {@code GET /internal/accounts/{id}/current-balance}: the balance without the ledger sums. */
    public record CurrentBalance(
            @JsonProperty("account_id") long accountId,
            @JsonProperty("balance") long balance) {
    }
}
