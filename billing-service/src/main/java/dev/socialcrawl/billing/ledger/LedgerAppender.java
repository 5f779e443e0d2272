package dev.socialcrawl.billing.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * Appends operator entries (bonus, top-up, adjustment) inside the caller's transaction. The database trigger
 * moves the balance and fills {@code balance_after}; debits and refunds have their own SQL functions.
 */
@ApplicationScoped
public class LedgerAppender {
    private final EntityManager em;

    public LedgerAppender(EntityManager em) {
        this.em = em;
    }

    @Transactional(TxType.MANDATORY)
    public LedgerEntry append(long accountId, EntryType type, long amount, String note) {
        if (type == EntryType.DEBIT || type == EntryType.REFUND) {
            throw new IllegalArgumentException("debits and refunds go through billing_debit/billing_refund");
        }
        Number id = (Number) em.createNativeQuery("INSERT INTO ledger_entries (account_id, type, amount, balance_after, note)"
                + " VALUES (?1, ?2, ?3, 0, CAST(?4 AS varchar)) RETURNING id")
                .setParameter(1, accountId)
                .setParameter(2, type.wire())
                .setParameter(3, amount)
                .setParameter(4, note)
                .getSingleResult();
        return em.find(LedgerEntry.class, id.longValue());
    }
}
