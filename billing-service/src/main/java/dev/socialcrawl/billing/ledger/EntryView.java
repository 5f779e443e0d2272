package dev.socialcrawl.billing.ledger;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A ledger row; {@code settled_at} is null except on a debit the gateway settled (served). */
@JsonPropertyOrder({ "id", "account_id", "type", "amount", "balance_after", "request_id", "endpoint", "refund_of", "note",
        "created_at", "settled_at" })
public record EntryView(
        long id,
        long accountId,
        String type,
        long amount,
        long balanceAfter,
        @JsonInclude(JsonInclude.Include.NON_NULL) String requestId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String endpoint,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long refundOf,
        @JsonInclude(JsonInclude.Include.NON_NULL) String note,
        Instant createdAt,
        Instant settledAt) {

    public static EntryView of(LedgerEntry e) {
        return new EntryView(e.id, e.accountId, e.type, e.amount, e.balanceAfter, e.requestId, e.endpoint, e.refundOf,
                e.note, e.createdAt, e.settledAt);
    }
}
