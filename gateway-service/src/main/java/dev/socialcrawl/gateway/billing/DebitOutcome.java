package dev.socialcrawl.gateway.billing;

/** What billing said to a debit: charged (with the balance after), or not enough credits. */
public sealed interface DebitOutcome {
    record Debited(long balanceAfter) implements DebitOutcome {
    }

    record Insufficient(long balance, String message) implements DebitOutcome {
    }
}
