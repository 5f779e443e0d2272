package dev.socialcrawl.billing.charge;

/** What {@code billing_refund} (and the sweeper's {@code billing_sweep_one}) answers; lower case in SQL. */
public enum RefundOutcome {
    REFUNDED,
    /** Refunded before, by anyone (the gateway, the sweeper). */
    REPLAYED,
    /** The gateway settled the debit: it was served, and corrections are admin adjustments. */
    SETTLED,
    /** No debit, and none can be written any more under this request id. */
    NOT_FOUND;

    static RefundOutcome fromSql(String value) {
        return SqlEnums.parse(RefundOutcome.class, "billing_refund", value);
    }
}
