package dev.socialcrawl.billing.report;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

import dev.socialcrawl.billing.account.AccountService;
import dev.socialcrawl.billing.ledger.EntryView;
import dev.socialcrawl.billing.ledger.LedgerEntry;
import dev.socialcrawl.billing.web.Inputs;
import dev.socialcrawl.billing.web.PageCursor;
import dev.socialcrawl.billing.web.Slice;

@ApplicationScoped
@Transactional(TxType.SUPPORTS)
public class LedgerQueryService {
    private final AccountService accounts;

    public LedgerQueryService(AccountService accounts) {
        this.accounts = accounts;
    }

    public EntryPage entries(long accountId, EntryQuery q) {
        accounts.find(accountId);
        StringBuilder where = new StringBuilder("accountId = :account and id > :after");
        Parameters params = Parameters.with("account", accountId).and("after", q.afterId());
        if (q.type() != null) {
            where.append(" and type = :type");
            params.and("type", q.type().wire());
        }
        if (q.from() != null) {
            where.append(" and createdAt >= :from");
            params.and("from", q.from());
        }
        if (q.to() != null) {
            where.append(" and createdAt < :to");
            params.and("to", q.to());
        }
        List<EntryView> rows = LedgerEntry.<LedgerEntry> find(where.toString(), Sort.by("id"), params)
                .range(0, q.limit()).list().stream().map(EntryView::of).toList();
        Slice<EntryView> page = Slice.of(rows, q.limit(), e -> PageCursor.encode(LedgerResource.ENTRY_CURSOR, e.id()));
        return new EntryPage(page.items(), page.nextCursor());
    }

    public List<EntryView> request(String requestId) {
        List<EntryView> items = LedgerEntry.<LedgerEntry> list("requestId", Sort.by("id"), requestId).stream()
                .map(EntryView::of).toList();
        if (items.isEmpty()) {
            throw Inputs.notFound("No ledger entry has request_id " + requestId + ".");
        }
        return items;
    }
}
