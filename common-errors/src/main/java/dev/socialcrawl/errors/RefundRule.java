package dev.socialcrawl.errors;

/** What happens to the credits of a request that ends with a given {@link ErrorCode}. */
public enum RefundRule {
    /** Rejected before any debit: nothing was charged, nothing to refund. */
    NEVER_CHARGED,
    /** Debited and kept: the upstream was called and answered. */
    CHARGED,
    /** Debited, then given back: the request could not be served. */
    REFUNDED,
    /** Charged when the upstream said 404; refunded when the upstream answered 200 with nothing usable. */
    REFUNDED_IF_EMPTY_UPSTREAM
}
