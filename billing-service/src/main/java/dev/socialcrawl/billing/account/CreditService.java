package dev.socialcrawl.billing.account;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.quarkus.narayana.jta.QuarkusTransaction;

import dev.socialcrawl.billing.audit.AuditLog;
import dev.socialcrawl.billing.audit.AuditedWrite;
import dev.socialcrawl.billing.ledger.EntryType;
import dev.socialcrawl.billing.ledger.EntryView;
import dev.socialcrawl.billing.ledger.LedgerAppender;
import dev.socialcrawl.billing.ledger.LedgerEntry;
import dev.socialcrawl.billing.web.Inputs;
import dev.socialcrawl.errors.ApiException;
import dev.socialcrawl.errors.ErrorCode;

/**
 * Operator credits: top-ups, bonuses and adjustments (the only entry that may be negative). With an
 * {@code Idempotency-Key} a retried request is written once: the key is claimed by a primary key in the entry's own
 * transaction; a retry with the same account, type, amount and note gets the first entry back, anything else under
 * that key is a 422. The account's row lock orders retries on one account; two requests racing with one key on two
 * accounts meet at the primary key, and the loser, run again, finds the winner's entry.
 */
@ApplicationScoped
public class CreditService {
    private static final Pattern KEY_FORM = Pattern.compile("[\\x20-\\x7E]{16,255}");
    private static final String UNIQUE_VIOLATION = "23505";

    private final AccountService accounts;
    private final LedgerAppender ledger;
    private final AuditLog audit;
    private final EntityManager em;

    public CreditService(AccountService accounts, LedgerAppender ledger, AuditLog audit, EntityManager em) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.audit = audit;
        this.em = em;
    }

    /** The entry written, or the one an earlier request with the same key and body wrote ({@code replayed}). */
    public record Outcome(EntryView entry, boolean replayed) {
    }

    private record Credit(long accountId, EntryType type, long amount, String note, String key) {
    }

    @Transactional(TxType.NEVER)
    public Outcome add(long accountId, CreditRequest request, String idempotencyKey) {
        EntryType type = operatorType(request.type());
        long amount = type == EntryType.ADJUSTMENT ? nonZero(request.amount()) : Inputs.positiveAmount("amount", request.amount());
        Credit credit = new Credit(accountId, type, amount, Inputs.optionalText("note", request.note(), Inputs.MAX_NOTE),
                idempotencyKey(idempotencyKey));
        try {
            return QuarkusTransaction.requiringNew().call(() -> write(credit));
        } catch (RuntimeException e) {
            if (credit.key() == null || !isUniqueViolation(e)) {
                throw e;
            }
            return QuarkusTransaction.requiringNew().call(() -> write(credit));
        }
    }

    private Outcome write(Credit credit) {
        Account account = accounts.lock(credit.accountId());
        if (credit.key() != null) {
            CreditKey claimed = CreditKey.findById(credit.key());
            if (claimed != null) {
                return replay(credit, LedgerEntry.findById(claimed.entryId));
            }
        }
        if (account.balance + credit.amount() < 0) {
            throw Inputs.invalid("An adjustment of " + credit.amount() + " would take account " + credit.accountId()
                    + " below zero (balance " + account.balance + ").");
        }
        LedgerEntry entry = ledger.append(credit.accountId(), credit.type(), credit.amount(), credit.note());
        if (credit.key() != null) {
            CreditKey key = new CreditKey();
            key.idempotencyKey = credit.key();
            key.entryId = entry.id;
            key.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            key.persist();
            em.flush();
        }
        audit.record(credit.accountId(), entry.id,
                new AuditedWrite.CreditsAdded(credit.type().wire(), credit.amount(), credit.note(), credit.key()));
        return new Outcome(EntryView.of(entry), false);
    }

    private static Outcome replay(Credit credit, LedgerEntry first) {
        boolean same = first.accountId == credit.accountId() && first.type.equals(credit.type().wire())
                && first.amount == credit.amount() && Objects.equals(first.note, credit.note());
        if (!same) {
            throw new ApiException(ErrorCode.IDEMPOTENCY_KEY_PAYLOAD_MISMATCH, "Idempotency-Key " + credit.key()
                    + " was used for entry " + first.id + " of account " + first.accountId
                    + " with another account, type, amount or note.");
        }
        return new Outcome(EntryView.of(first), true);
    }

    private static String idempotencyKey(String raw) {
        if (raw == null) {
            return null;
        }
        if (!KEY_FORM.matcher(raw).matches()) {
            throw Inputs.invalid("Header 'Idempotency-Key' must be 16 to 255 printable ASCII characters (a UUIDv4 is recommended).");
        }
        return raw;
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static EntryType operatorType(String raw) {
        EntryType type = EntryType.fromWire(raw);
        if (type != EntryType.TOPUP && type != EntryType.BONUS && type != EntryType.ADJUSTMENT) {
            throw Inputs.invalid("Invalid request body: field 'type' must be one of topup, bonus, adjustment.");
        }
        return type;
    }

    private static long nonZero(Long amount) {
        if (amount == null) {
            throw Inputs.invalid("Invalid request body: field 'amount' is required.");
        }
        if (amount == 0) {
            throw Inputs.invalid("Invalid request body: field 'amount' must not be zero.");
        }
        return Inputs.atMostMax("amount", amount);
    }
}
