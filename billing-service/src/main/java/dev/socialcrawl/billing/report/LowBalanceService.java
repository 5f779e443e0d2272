package dev.socialcrawl.billing.report;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

import dev.socialcrawl.billing.account.Account;
import dev.socialcrawl.billing.metrics.BillingMetrics;
import dev.socialcrawl.billing.web.PageCursor;
import dev.socialcrawl.billing.web.Slice;

/**
 * Who is about to run out of credits. A scan of the accounts table: deliberately no index on {@code balance}, which
 * every debit updates (an index there would cost each debit more than this costs once a minute).
 */
@ApplicationScoped
@Transactional(TxType.SUPPORTS)
public class LowBalanceService {
    static final String CURSOR = "b";

    /** Paging position: the last listed balance and account id; {@code null} for the first page. */
    public record After(long balance, long accountId) {
        /** The position a cursor of this listing holds; {@code null} without one, a 400 for anything else. */
        public static After parse(String cursor) {
            List<String> after = PageCursor.decode(cursor, CURSOR, 2);
            return after == null ? null : new After(PageCursor.anyLong(after.get(0)), PageCursor.positiveLong(after.get(1)));
        }
    }

    private final BillingMetrics metrics;

    public LowBalanceService(BillingMetrics metrics) {
        this.metrics = metrics;
    }

    public LowBalanceView below(long threshold, After after, int limit) {
        StringBuilder where = new StringBuilder("balance < :below");
        Parameters params = Parameters.with("below", threshold);
        if (after != null) {
            where.append(" and (balance > :balance or (balance = :balance and id > :id))");
            params.and("balance", after.balance()).and("id", after.accountId());
        }
        List<LowBalanceView.Item> rows = Account.<Account> find(where.toString(), Sort.by("balance").and("id"), params)
                .range(0, limit).list().stream().map(a -> new LowBalanceView.Item(a.id, a.name, a.balance)).toList();
        Slice<LowBalanceView.Item> page = Slice.of(rows, limit, a -> PageCursor.encode(CURSOR, a.balance(), a.accountId()));
        return new LowBalanceView(threshold, count(threshold), page.items(), page.nextCursor());
    }

    /** Recounts the accounts below the threshold into the {@code billing_accounts_below_threshold} gauge. */
    public long refreshGauge(long threshold) {
        long count = count(threshold);
        metrics.accountsBelowThreshold(count);
        return count;
    }

    private static long count(long threshold) {
        return Account.count("balance < ?1", threshold);
    }
}
