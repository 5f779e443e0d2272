package dev.socialcrawl.errors;

/** What happens to the credits of a request that ends with a given {@link ErrorCode}. */
public enum RefundRule {
    /** Rejected before any debit: nothing was charged, nothing to refund. */
    NEVER_CHARGED("No credits were charged: the request was refused before any debit (`X-Credits-Used: 0` whenever "
            + "the account is known)."),
    /** Debited and kept: the upstream was called and answered. */
    CHARGED("The credits were charged: the platform was called and answered."),
    /** Debited, then given back: the request could not be served. */
    REFUNDED("Credits were refunded: nothing stays charged for this request (`X-Credits-Used: 0`, and "
            + "`credits_remaining` is the balance after the refund)."),
    /** Charged when the upstream said 404; refunded when the upstream answered 200 with nothing usable. */
    REFUNDED_IF_EMPTY_UPSTREAM("Credits were refunded when the platform answered with no usable data "
            + "(`X-Credits-Used: 0`); they stay charged when the platform said the resource does not exist (an "
            + "upstream 404), because that lookup was made.");

    private final String text;

    RefundRule(String text) {
        this.text = text;
    }

    /** The rule in one or two sentences for the client, as the error pages and the API reference say it. */
    public String text() {
        return text;
    }
}
