package dev.socialcrawl.billing.report;

/** An account's balance without its recent deductions (what the gateway needs for {@code credits_remaining}). */
public record CurrentBalanceView(long accountId, long balance) {
}
