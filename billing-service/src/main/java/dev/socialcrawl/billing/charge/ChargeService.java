package dev.socialcrawl.billing.charge;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;

import dev.socialcrawl.billing.metrics.BillingMetrics;
import dev.socialcrawl.billing.metrics.BillingMetrics.RefundSource;
import dev.socialcrawl.billing.charge.ChargeViews.ChargeResult;
import dev.socialcrawl.billing.web.Inputs;
import dev.socialcrawl.errors.ApiException;
import dev.socialcrawl.errors.ErrorCode;

/**
 * Debit, refund, settle and sweep. Each call is ONE autocommit statement running a PL/pgSQL function from the
 * migration, so the account row lock lasts a single round trip. Uniqueness is decided by the database: a
 * concurrent duplicate fails with a unique violation and the retry finds the first result. The JDBC calls refuse to
 * run inside a JTA transaction ({@code TxType.NEVER}); the debit, which takes no JDBC connection, has no interceptor
 * at all (it cost about 11 µs per debit on billing's event loop).
 */
@ApplicationScoped
public class ChargeService {
    private static final Logger LOG = Logger.getLogger(ChargeService.class);
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int ATTEMPTS = 3;

    private final AgroalDataSource dataSource;
    private final BillingMetrics metrics;
    private final DebitBatcher debits;

    public ChargeService(AgroalDataSource dataSource, BillingMetrics metrics, DebitBatcher debits) {
        this.dataSource = dataSource;
        this.metrics = metrics;
        this.debits = debits;
    }

    /** Completes with the debit's result, or fails with the ApiException the caller answers with. */
    public CompletionStage<ChargeResult> debit(String requestId, long accountId, long amount, String endpoint) {
        return debits.submit(requestId, accountId, amount, endpoint).thenApply(row -> result(requestId, accountId, amount, row));
    }

    private ChargeResult result(String requestId, long accountId, long amount, DebitBatcher.DebitRow row) {
        switch (row.outcome()) {
            case "debited" -> metrics.debited(amount);
            case "replayed" -> LOG.debugf("Debit %s replayed", requestId);
            case "insufficient" -> throw new ApiException(ErrorCode.INSUFFICIENT_CREDITS, "Your account has " + row.balance()
                    + " credits remaining. This endpoint requires " + amount + " credits.", row.balance(), Map.of());
            case "no_account" -> throw Inputs.notFound("Account " + accountId + " does not exist.");
            case "conflict" -> throw Inputs.invalid("request_id " + requestId + " was already debited for another account"
                    + " or amount (" + row.amount() + " credits); a request id is debited once.");
            default -> throw new IllegalStateException("billing_debit answered " + row.outcome());
        }
        return new ChargeResult(requestId, row.amount(), row.balance(), "replayed".equals(row.outcome()));
    }

    @Transactional(TxType.NEVER)
    public ChargeResult refund(String requestId) {
        Row row = withRetry("refund " + requestId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT outcome, amount, balance FROM billing_refund(?)")) {
                ps.setString(1, requestId);
                return Row.single(ps);
            }
        });
        switch (row.outcome) {
            case "refunded" -> metrics.refunded(row.amount, RefundSource.GATEWAY);
            case "replayed" -> LOG.debugf("Refund %s replayed", requestId);
            case "not_found" -> throw Inputs.notFound("No debit exists for request_id " + requestId + ".");
            default -> throw new IllegalStateException("billing_refund answered " + row.outcome);
        }
        return new ChargeResult(requestId, row.amount, row.balance, "replayed".equals(row.outcome));
    }

    /** Counts the given ids that are debited and not refunded, i.e. settled now; the answer is stable on retry. */
    @Transactional(TxType.NEVER)
    public int settle(List<String> requestIds) {
        return withRetry("settle", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT billing_settle(?)")) {
                ps.setArray(1, c.createArrayOf("varchar", requestIds.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** Refunds one unsettled debit older than the bound; empty when there is none left. */
    @Transactional(TxType.NEVER)
    public Optional<ChargeResult> sweepOne(Duration unsettledAfter) {
        Row row;
        try {
            row = withConnection(c -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT outcome, amount, balance, request_id FROM billing_sweep_one(? * interval '1 millisecond')")) {
                    ps.setLong(1, unsettledAfter.toMillis());
                    return Row.single(ps);
                }
            });
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                // the gateway refunded the same request at this very moment: nothing left to do for it
                return sweepOne(unsettledAfter);
            }
            throw new IllegalStateException("sweeper query failed", e);
        }
        if ("none".equals(row.outcome)) {
            return Optional.empty();
        }
        if ("refunded".equals(row.outcome)) {
            metrics.refunded(row.amount, RefundSource.SWEEPER);
            LOG.infof("Sweeper refunded unsettled debit %s (%d credits)", row.requestId, row.amount);
        }
        return Optional.of(new ChargeResult(row.requestId, row.amount, row.balance, !"refunded".equals(row.outcome)));
    }

    @Transactional(TxType.NEVER)
    public long unsettledCount() {
        return withRetry("count pending", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pending_debits");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private <T> T withRetry(String what, SqlWork<T> work) {
        for (int attempt = 1;; attempt++) {
            try {
                return withConnection(work);
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || attempt >= ATTEMPTS) {
                    throw new IllegalStateException(what + " failed: SQLState " + e.getSQLState(), e);
                }
                LOG.debugf("%s lost a race (attempt %d); reading the first result", what, attempt);
            }
        }
    }

    private <T> T withConnection(SqlWork<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private record Row(String outcome, Long amount, Long balance, String requestId) {
        static Row single(PreparedStatement ps) throws SQLException {
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("billing function returned no row");
                }
                boolean hasRequestId = rs.getMetaData().getColumnCount() >= 4;
                return new Row(rs.getString(1), nullableLong(rs, 2), nullableLong(rs, 3),
                        hasRequestId ? rs.getString(4) : null);
            }
        }

        private static Long nullableLong(ResultSet rs, int column) throws SQLException {
            long v = rs.getLong(column);
            return rs.wasNull() ? null : v;
        }
    }
}
