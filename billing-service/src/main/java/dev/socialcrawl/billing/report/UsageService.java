package dev.socialcrawl.billing.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.agroal.api.AgroalDataSource;

import dev.socialcrawl.billing.account.AccountService;

/**
 * Usage per endpoint, per UTC day or per account; a debit belongs to the range of its own time, with its refund if
 * any. Per account, the biggest spenders come first (net credits, then account id), so "top 10 this month" is
 * {@code limit=10}; the other groupings are in key order.
 */
@ApplicationScoped
@Transactional(TxType.NEVER)
public class UsageService {
    public enum GroupBy {
        ENDPOINT("d.endpoint", "k"),
        DAY("to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')", "k"),
        ACCOUNT("d.account_id::text", "credits DESC, d.account_id");

        private final String keySql;
        private final String orderSql;

        GroupBy(String keySql, String orderSql) {
            this.keySql = keySql;
            this.orderSql = orderSql;
        }

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The groups of the range, at most {@code limit}, and whether more were left out. */
    public record Usage(List<UsageView.Item> items, boolean truncated) {
    }

    private final AgroalDataSource dataSource;
    private final AccountService accounts;

    public UsageService(AgroalDataSource dataSource, AccountService accounts) {
        this.dataSource = dataSource;
        this.accounts = accounts;
    }

    /** The usage report as the ledger API answers it (and the dashboard shows it). */
    public UsageView view(GroupBy groupBy, Instant from, Instant to, Long accountId, int limit) {
        Usage result = usage(groupBy, from, to, accountId, limit);
        return new UsageView(groupBy.wire(), from, to, accountId, result.items(), result.truncated(), UsageView.DEFINITIONS);
    }

    public Usage usage(GroupBy groupBy, Instant from, Instant to, Long accountId, int limit) {
        if (accountId != null) {
            accounts.find(accountId);
        }
        boolean byAccount = groupBy == GroupBy.ACCOUNT;
        String sql = "SELECT " + groupBy.keySql + " AS k, " + (byAccount ? "min(a.name)" : "NULL")
                + ", count(*), count(r.id), sum(-d.amount) - coalesce(sum(r.amount), 0) AS credits"
                + " FROM ledger_entries d LEFT JOIN ledger_entries r ON r.refund_of = d.id"
                + (byAccount ? " JOIN accounts a ON a.id = d.account_id" : "")
                + " WHERE d.type = 'debit' AND d.created_at >= ? AND d.created_at < ?"
                + (accountId == null ? "" : " AND d.account_id = ?")
                + " GROUP BY " + (byAccount ? "d.account_id" : "k") + " ORDER BY " + groupBy.orderSql + " LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setObject(i++, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            ps.setObject(i++, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            if (accountId != null) {
                ps.setLong(i++, accountId);
            }
            ps.setInt(i, limit + 1);
            List<UsageView.Item> items = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String key = rs.getString(1);
                    items.add(new UsageView.Item(key, byAccount ? Long.valueOf(key) : null, rs.getString(2), rs.getLong(3),
                            rs.getLong(4), rs.getLong(5)));
                }
            }
            boolean truncated = items.size() > limit;
            return new Usage(truncated ? items.subList(0, limit) : items, truncated);
        } catch (SQLException e) {
            throw new IllegalStateException("usage query failed", e);
        }
    }
}
