package dev.socialcrawl.billing.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.agroal.api.AgroalDataSource;

/**
 * Debits neither settled (served) nor refunded yet, oldest first: the gateway's settlement or refund is still on its
 * way, or the sweeper will refund them after {@code billing.sweeper.unsettled-after} of uptime. One that stays here
 * past that bound is an integrity violation ({@code unresolved_debit}).
 */
@ApplicationScoped
@Transactional(TxType.NEVER)
public class UnsettledDebitService {
    private static final String SQL = "SELECT p.request_id, p.account_id, p.amount, l.endpoint, p.created_at,"
            + " count(*) OVER () FROM pending_debits p JOIN ledger_entries l ON l.id = p.debit_entry_id"
            + " WHERE NOT p.voided ORDER BY p.created_at, p.request_id LIMIT ?";

    /** One unsettled debit. */
    public record Item(String requestId, long accountId, long amount, String endpoint, Instant debitedAt) {
    }

    /** The oldest {@code limit} unsettled debits and how many there are in all. */
    public record Listing(List<Item> items, long total) {
    }

    private final AgroalDataSource dataSource;

    public UnsettledDebitService(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Listing oldest(int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setInt(1, limit);
            List<Item> items = new ArrayList<>();
            long total = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(new Item(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class).toInstant()));
                    total = rs.getLong(6);
                }
            }
            return new Listing(items, total);
        } catch (SQLException e) {
            throw new IllegalStateException("unsettled debits query failed: SQLState " + e.getSQLState(), e);
        }
    }
}
