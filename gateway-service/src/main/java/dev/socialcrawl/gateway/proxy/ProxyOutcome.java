package dev.socialcrawl.gateway.proxy;

import dev.socialcrawl.errors.ErrorCode;

/**
 * What the proxy made of the upstream call: {@code data} (raw JSON text) on success, otherwise the error code,
 * its message, whether the upstream answered with nothing usable, and the {@code Retry-After} of a 503.
 */
public record ProxyOutcome(String data, ErrorCode code, String message, boolean emptyUpstream, String retryAfter) {

    public static ProxyOutcome success(String data) {
        return new ProxyOutcome(data, null, null, false, null);
    }

    public static ProxyOutcome failure(ErrorCode code, String message, boolean emptyUpstream, String retryAfter) {
        return new ProxyOutcome(null, code, message, emptyUpstream, retryAfter);
    }

    public boolean succeeded() {
        return code == null;
    }

    /** Whether the debit of this request goes back (the rule on ErrorCode; a debit for nothing served goes back too). */
    public boolean refunds() {
        return !succeeded() && (code.refundsDebit(emptyUpstream)
                || code.refundRule() == dev.socialcrawl.errors.RefundRule.NEVER_CHARGED);
    }
}
