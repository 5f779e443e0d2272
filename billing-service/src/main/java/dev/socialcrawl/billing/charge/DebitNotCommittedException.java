package dev.socialcrawl.billing.charge;

import java.time.Duration;

/** The debit was not committed within {@code billing.debit.timeout}, and PostgreSQL will never commit it. */
public class DebitNotCommittedException extends RuntimeException {
    private final String requestId;
    private final Duration timeout;

    public DebitNotCommittedException(String requestId, Duration timeout) {
        super("debit " + requestId + " not committed within " + timeout.toMillis() + " ms", null, false, false);
        this.requestId = requestId;
        this.timeout = timeout;
    }

    public String requestId() {
        return requestId;
    }

    public Duration timeout() {
        return timeout;
    }
}
