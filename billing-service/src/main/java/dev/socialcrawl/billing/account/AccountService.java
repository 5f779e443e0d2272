package dev.socialcrawl.billing.account;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

import dev.socialcrawl.billing.audit.AuditLog;
import dev.socialcrawl.billing.audit.AuditedWrite;
import dev.socialcrawl.billing.config.BillingConfig;
import dev.socialcrawl.billing.ledger.EntryType;
import dev.socialcrawl.billing.ledger.LedgerAppender;
import dev.socialcrawl.billing.web.Inputs;
import dev.socialcrawl.billing.web.PageCursor;
import dev.socialcrawl.billing.web.Slice;

@ApplicationScoped
@Transactional
public class AccountService {
    public static final String SEARCH_CURSOR = "a";
    private static final int LAST4 = 4;
    private static final int MAX_ID_DIGITS = 18;

    private final EntityManager em;
    private final LedgerAppender ledger;
    private final AuditLog audit;
    private final long welcomeBonus;

    public AccountService(EntityManager em, LedgerAppender ledger, AuditLog audit, BillingConfig config) {
        this.em = em;
        this.ledger = ledger;
        this.audit = audit;
        this.welcomeBonus = config.welcomeBonus();
    }

    /** The account, its welcome bonus entry and its audit row commit together or not at all. */
    public AccountView create(String name) {
        Account account = new Account();
        account.name = name;
        account.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        account.persist();
        em.flush();
        if (welcomeBonus > 0) {
            ledger.append(account.id, EntryType.BONUS, welcomeBonus, "welcome bonus");
        }
        audit.record(account.id, account.id, new AuditedWrite.AccountCreated(name, welcomeBonus));
        em.refresh(account);
        return AccountView.of(account);
    }

    @Transactional(TxType.SUPPORTS)
    public AccountView get(long id) {
        return AccountView.of(find(id));
    }

    /**
     * Accounts whose name contains {@code query} (any case), whose id is {@code query}, or that hold a key ending in
     * {@code query} (exactly, as keys are case-sensitive); all accounts without a query. In id order, after
     * {@code afterId}; one more than {@code limit} is read to know whether a next page exists.
     */
    @Transactional(TxType.SUPPORTS)
    public AccountPage search(String query, long afterId, int limit) {
        StringBuilder where = new StringBuilder("id > :after");
        Parameters params = Parameters.with("after", afterId);
        if (query != null) {
            where.append(" and (lower(name) like :pattern escape '!'");
            params.and("pattern", "%" + likeEscaped(query.toLowerCase(Locale.ROOT)) + "%");
            if (query.chars().allMatch(Character::isDigit) && query.length() <= MAX_ID_DIGITS) {
                where.append(" or id = :id");
                params.and("id", Long.parseLong(query));
            }
            if (query.length() == LAST4) {
                where.append(" or id in (select k.accountId from ApiKey k where k.last4 = :last4)");
                params.and("last4", query);
            }
            where.append(')');
        }
        List<AccountView> rows = Account.<Account> find(where.toString(), Sort.by("id"), params).range(0, limit).list().stream()
                .map(AccountView::of).toList();
        Slice<AccountView> page = Slice.of(rows, limit, a -> PageCursor.encode(SEARCH_CURSOR, a.id()));
        return new AccountPage(page.items(), page.nextCursor());
    }

    private static String likeEscaped(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
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
