package dev.socialcrawl.billing.charge;

import java.util.List;

/** Bodies of the gateway's debit, refund and settle calls (docs/internal-api.md). */
public final class ChargeViews {
    private ChargeViews() {
    }

    public record DebitRequest(String requestId, Long accountId, Long amount, String endpoint) {
    }

    public record RefundRequest(String requestId) {
    }

    public record SettleRequest(List<String> requestIds) {
    }

    /** Answer of a debit or a refund: {@code balance} is the balance right after that entry was written. */
    public record ChargeResult(String requestId, long amount, long balance, boolean replayed) {
    }

    /** The balance without the recent deductions of {@code /internal/accounts/{id}/balance}. */
    public record CurrentBalance(long accountId, long balance) {
    }

    public record SettleResult(int settled) {
    }
}
