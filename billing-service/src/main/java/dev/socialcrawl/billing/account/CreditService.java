package dev.socialcrawl.billing.account;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.socialcrawl.billing.ledger.EntryType;
import dev.socialcrawl.billing.ledger.EntryView;
import dev.socialcrawl.billing.ledger.LedgerAppender;
import dev.socialcrawl.billing.web.Inputs;

/** Operator credits: top-ups, bonuses and adjustments (the only entry that may be negative). */
@ApplicationScoped
@Transactional
public class CreditService {
    private final AccountService accounts;
    private final LedgerAppender ledger;

    public CreditService(AccountService accounts, LedgerAppender ledger) {
        this.accounts = accounts;
        this.ledger = ledger;
    }

    public EntryView add(long accountId, CreditRequest request) {
        EntryType type = operatorType(request.type());
        long amount = type == EntryType.ADJUSTMENT ? nonZero(request.amount()) : Inputs.positiveAmount("amount", request.amount());
        String note = Inputs.optionalText("note", request.note(), Inputs.MAX_NOTE);
        Account account = accounts.lock(accountId);
        if (account.balance + amount < 0) {
            throw Inputs.invalid("An adjustment of " + amount + " would take account " + accountId + " below zero (balance "
                    + account.balance + ").");
        }
        return EntryView.of(ledger.append(accountId, type, amount, note));
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
