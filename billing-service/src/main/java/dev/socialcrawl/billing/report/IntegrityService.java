package dev.socialcrawl.billing.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import io.agroal.api.AgroalDataSource;

import dev.socialcrawl.billing.metrics.BillingMetrics;
import dev.socialcrawl.billing.config.BillingConfig;

/**
 * Re-checks the ledger invariants over all accounts from one consistent snapshot. The database already
 * enforces them; this proves it to the billing team and catches anything written around the constraints.
 */
@ApplicationScoped
@Transactional(TxType.NEVER)
public class IntegrityService {
    static final int MAX_DETAILS = 1000;

    private static final List<Check> CHECKS = List.of(
            new Check("balance_mismatch",
                    "SELECT a.id, 'balance ' || a.balance || ' but entries sum to ' || coalesce(s.total, 0)"
                            + " FROM accounts a LEFT JOIN (SELECT account_id, sum(amount) AS total FROM ledger_entries"
                            + " GROUP BY account_id) s ON s.account_id = a.id"
                            + " WHERE a.balance <> coalesce(s.total, 0) ORDER BY a.id"),
            new Check("negative_balance",
                    "SELECT a.id, 'balance ' || a.balance FROM accounts a WHERE a.balance < 0 ORDER BY a.id"),
            new Check("refund_without_debit",
                    "SELECT r.account_id, 'refund entry ' || r.id || ' for ' || r.request_id || ' has no matching debit'"
                            + " FROM ledger_entries r LEFT JOIN ledger_entries d ON d.id = r.refund_of AND d.type = 'debit'"
                            + " AND d.account_id = r.account_id AND d.request_id = r.request_id AND d.amount = -r.amount"
                            + " WHERE r.type = 'refund' AND d.id IS NULL ORDER BY r.id"),
            new Check("refunded_twice",
                    "SELECT min(r.account_id), 'request ' || r.request_id || ' refunded ' || count(*) || ' times'"
                            + " FROM ledger_entries r WHERE r.type = 'refund' GROUP BY r.request_id HAVING count(*) > 1"
                            + " UNION ALL SELECT min(r.account_id), 'debit entry ' || r.refund_of || ' refunded '"
                            + " || count(*) || ' times' FROM ledger_entries r WHERE r.type = 'refund'"
                            + " GROUP BY r.refund_of HAVING count(*) > 1"),
            new Check("unresolved_debit",
                    "SELECT p.account_id, 'debit ' || p.request_id || ' from ' || p.created_at"
                            + " || ' is neither settled nor refunded' FROM pending_debits p WHERE NOT p.voided"
                            + " AND p.created_at < billing_uptime_cutoff(? * interval '1 millisecond')"
                            + " ORDER BY p.created_at"),
            new Check("voided_debit",
                    "SELECT d.account_id, 'request ' || d.request_id || ' was voided by a refund but debit entry '"
                            + " || d.id || ' was written' FROM pending_debits p JOIN ledger_entries d"
                            + " ON d.request_id = p.request_id AND d.type = 'debit' WHERE p.voided ORDER BY d.id"),
            new Check("settled_debit_refunded",
                    "SELECT r.account_id, 'refund entry ' || r.id || ' for ' || r.request_id || ' undoes a debit settled at '"
                            + " || s.settled_at FROM debit_settlements s JOIN ledger_entries r ON r.refund_of = s.debit_entry_id"
                            + " ORDER BY r.id"));

    private final AgroalDataSource dataSource;
    private final BillingMetrics metrics;
    private final Duration unresolvedBound;

    public IntegrityService(AgroalDataSource dataSource, BillingMetrics metrics, BillingConfig config) {
        this.dataSource = dataSource;
        this.metrics = metrics;
        // the sweeper needs up to one interval after the bound to reach a debit: only later is it a violation. Both
        // count billing's uptime, as the sweeper does (billing_uptime_cutoff).
        this.unresolvedBound = config.sweeper().unsettledAfter().plus(config.sweeper().interval().multipliedBy(2));
    }

    public IntegrityReport check() {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                c.setReadOnly(true);
                IntegrityReport report = check(c);
                c.commit();
                metrics.integrityViolations(report.violations());
                return report;
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("integrity check failed", e);
        }
    }

    private IntegrityReport check(Connection c) throws SQLException {
        long accounts;
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM accounts"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            accounts = rs.getLong(1);
        }
        long violations = 0;
        List<IntegrityReport.Violation> details = new ArrayList<>();
        for (Check check : CHECKS) {
            try (PreparedStatement ps = c.prepareStatement(check.sql)) {
                if (ps.getParameterMetaData().getParameterCount() > 0) {
                    ps.setLong(1, unresolvedBound.toMillis());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        violations++;
                        if (details.size() < MAX_DETAILS) {
                            long account = rs.getLong(1);
                            details.add(new IntegrityReport.Violation(rs.wasNull() ? null : account, check.kind,
                                    rs.getString(2)));
                        }
                    }
                }
            }
        }
        return new IntegrityReport(violations, accounts, details);
    }

    private record Check(String kind, String sql) {
    }
}
