package dev.socialcrawl.billing.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.agroal.api.AgroalDataSource;

import dev.socialcrawl.billing.account.AccountService;

@ApplicationScoped
@Transactional(TxType.NEVER)
public class BalanceService {
    private static final String SQL = "SELECT a.balance,"
            + " coalesce(sum(-d.amount - coalesce(r.amount, 0)) FILTER (WHERE d.created_at >= now() - interval '24 hours'), 0),"
            + " coalesce(sum(-d.amount - coalesce(r.amount, 0)), 0)"
            + " FROM accounts a"
            + " LEFT JOIN ledger_entries d ON d.account_id = a.id AND d.type = 'debit'"
            + "   AND d.created_at >= now() - interval '7 days'"
            + " LEFT JOIN ledger_entries r ON r.refund_of = d.id"
            + " WHERE a.id = ? GROUP BY a.balance";

    private final AgroalDataSource dataSource;

    public BalanceService(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public BalanceView balance(long accountId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw AccountService.unknown(accountId);
                }
                return new BalanceView(accountId, rs.getLong(1),
                        new BalanceView.RecentDeductions(rs.getLong(2), rs.getLong(3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("balance query failed", e);
        }
    }
}
