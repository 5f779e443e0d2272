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

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.agroal.api.AgroalDataSource;

import dev.socialcrawl.billing.account.AccountService;

/** Usage per endpoint or per UTC day; a debit belongs to the range of its own time, with its refund if any. */
@ApplicationScoped
@Transactional(TxType.NEVER)
public class UsageService {
    public enum GroupBy {
        ENDPOINT("d.endpoint"), DAY("to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')");

        private final String keySql;

        GroupBy(String keySql) {
            this.keySql = keySql;
        }
    }

    private final AgroalDataSource dataSource;
    private final AccountService accounts;

    public UsageService(AgroalDataSource dataSource, AccountService accounts) {
        this.dataSource = dataSource;
        this.accounts = accounts;
    }

    public List<UsageView.Item> usage(GroupBy groupBy, Instant from, Instant to, Long accountId) {
        if (accountId != null) {
            accounts.find(accountId);
        }
        String sql = "SELECT " + groupBy.keySql + " AS k, count(*), count(r.id), sum(-d.amount) - coalesce(sum(r.amount), 0)"
                + " FROM ledger_entries d LEFT JOIN ledger_entries r ON r.refund_of = d.id"
                + " WHERE d.type = 'debit' AND d.created_at >= ? AND d.created_at < ?"
                + (accountId == null ? "" : " AND d.account_id = ?")
                + " GROUP BY k ORDER BY k";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            ps.setObject(2, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            if (accountId != null) {
                ps.setLong(3, accountId);
            }
            List<UsageView.Item> items = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(new UsageView.Item(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                }
            }
            return items;
        } catch (SQLException e) {
            throw new IllegalStateException("usage query failed", e);
        }
    }
}
