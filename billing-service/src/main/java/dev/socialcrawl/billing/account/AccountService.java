package dev.socialcrawl.billing.account;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import dev.socialcrawl.billing.config.BillingConfig;
import dev.socialcrawl.billing.ledger.EntryType;
import dev.socialcrawl.billing.ledger.LedgerAppender;
import dev.socialcrawl.billing.web.Inputs;

@ApplicationScoped
@Transactional
public class AccountService {
    private final EntityManager em;
    private final LedgerAppender ledger;
    private final long welcomeBonus;

    public AccountService(EntityManager em, LedgerAppender ledger, BillingConfig config) {
        this.em = em;
        this.ledger = ledger;
        this.welcomeBonus = config.welcomeBonus();
    }

    /** The account and its welcome bonus entry commit together or not at all. */
    public AccountView create(String name) {
        Account account = new Account();
        account.name = name;
        account.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        account.persist();
        em.flush();
        if (welcomeBonus > 0) {
            ledger.append(account.id, EntryType.BONUS, welcomeBonus, "welcome bonus");
        }
        em.refresh(account);
        return AccountView.of(account);
    }

    @Transactional(TxType.SUPPORTS)
    public AccountView get(long id) {
        return AccountView.of(find(id));
    }

    @Transactional(TxType.SUPPORTS)
    public Account find(long id) {
        Account account = Account.findById(id);
        if (account == null) {
            throw unknown(id);
        }
        return account;
    }

    /** Locks the account row until the caller's transaction ends: serialises key creation and adjustments. */
    @Transactional(TxType.MANDATORY)
    public Account lock(long id) {
        Account account = em.find(Account.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (account == null) {
            throw unknown(id);
        }
        return account;
    }

    public static RuntimeException unknown(long id) {
        return Inputs.notFound("Account " + id + " does not exist.");
    }
}
