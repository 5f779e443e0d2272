package dev.socialcrawl.billing.charge;

/** What {@code billing_debit_step} answers for one debit; the SQL spells each value in lower case. */
public enum DebitOutcome {
    DEBITED,
    /** This request id was debited before with the same account and amount: the first answer again. */
    REPLAYED,
    INSUFFICIENT,
    NO_ACCOUNT,
    /** This request id was debited before with another account or amount. */
    CONFLICT,
    /** A refund found no debit for this request id first and claimed it: it is never debited. */
    VOIDED;

    static DebitOutcome fromSql(String value) {
        return SqlEnums.parse(DebitOutcome.class, "billing_debit_step", value);
    }
}
