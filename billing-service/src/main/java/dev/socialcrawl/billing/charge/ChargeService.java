package dev.socialcrawl.billing.charge;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;

import dev.socialcrawl.billing.charge.ChargeViews.ChargeResult;
import dev.socialcrawl.billing.metrics.BillingMetrics;
import dev.socialcrawl.billing.metrics.BillingMetrics.RefundSource;
import dev.socialcrawl.billing.web.Inputs;
import dev.socialcrawl.errors.ApiException;
import dev.socialcrawl.errors.ErrorCode;

/**
 * Debit, refund, settle and sweep. Debits go through the {@link DebitBatcher}'s lanes; the others are each ONE
 * autocommit statement running a PL/pgSQL function (R__refunds_settlements_sweeps.sql), so the account row lock lasts
 * a single round trip. The JDBC calls refuse to run inside a JTA transaction ({@code TxType.NEVER}); the debit, which
 * takes no JDBC connection, has no interceptor at all.
 */
@ApplicationScoped
public class ChargeService {
    private static final Logger LOG = Logger.getLogger(ChargeService.class);

    private final AgroalDataSource dataSource;
    private final BillingMetrics metrics;
    private final DebitBatcher debits;

    public ChargeService(AgroalDataSource dataSource, BillingMetrics metrics, DebitBatcher debits) {
        this.dataSource = dataSource;
        this.metrics = metrics;
        this.debits = debits;
    }

    /** Completes with the debit's result, or fails with the exception the caller answers with. */
    public CompletionStage<ChargeResult> debit(String requestId, long accountId, long amount, String endpoint) {
        return debits.submit(requestId, accountId, amount, endpoint).handle((row, failure) -> {
            if (failure != null) {
                throw notDebited(failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure);
            }
            return result(requestId, accountId, amount, row);
        });
    }

    private static RuntimeException notDebited(Throwable failure) {
        if (failure instanceof DebitNotCommittedException late) {
            return new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "The debit of request_id " + late.requestId()
                    + " was not committed within " + late.timeout().toMillis() + " ms and never will be.");
        }
        return failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
    }

    private ChargeResult result(String requestId, long accountId, long amount, DebitBatcher.DebitRow row) {
        switch (row.outcome()) {
            case DEBITED -> metrics.debited(amount);
            case REPLAYED -> LOG.debugf("Debit %s replayed", requestId);
            case INSUFFICIENT -> throw new ApiException(ErrorCode.INSUFFICIENT_CREDITS, "Your account has " + row.balance()
                    + " credits remaining. This endpoint requires " + amount + " credits.", row.balance(), Map.of());
            case NO_ACCOUNT -> throw Inputs.notFound("Account " + accountId + " does not exist.");
            case CONFLICT -> throw Inputs.invalid("request_id " + requestId + " was already debited for another account"
                    + " or amount (" + row.amount() + " credits); a request id is debited once.");
            case VOIDED -> throw Inputs.invalid("request_id " + requestId + " was refunded before any debit was written;"
                    + " it can no longer be debited.");
        }
        return new ChargeResult(requestId, row.amount(), row.balance(), row.outcome() == DebitOutcome.REPLAYED);
    }

    @Transactional(TxType.NEVER)
    public ChargeResult refund(String requestId) {
        Refund refund = Jdbc.call(dataSource, "refund " + requestId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT outcome, amount, balance FROM billing_refund(?)")) {
                ps.setString(1, requestId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return Refund.read(rs, requestId);
                }
            }
        });
        switch (refund.outcome()) {
            case REFUNDED -> metrics.refunded(refund.amount(), RefundSource.GATEWAY);
            case REPLAYED -> LOG.debugf("Refund %s replayed", requestId);
            case SETTLED -> throw Inputs.invalid("request_id " + requestId
                    + " was served and settled; corrections are admin adjustments.");
            case NOT_FOUND -> throw Inputs.notFound("No debit exists for request_id " + requestId
                    + "; none can be written any more.");
        }
        return new ChargeResult(requestId, refund.amount(), refund.balance(), refund.outcome() == RefundOutcome.REPLAYED);
    }

    /** Counts the given ids that are debited and not refunded, i.e. settled now; the answer is stable on retry. */
    @Transactional(TxType.NEVER)
    public int settle(List<String> requestIds) {
        return Jdbc.call(dataSource, "settle", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT billing_settle(?)")) {
                ps.setArray(1, c.createArrayOf("varchar", requestIds.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /**
     * Refunds one debit left unsettled for {@code unsettledAfter} of billing's uptime; empty when there is none left.
     */
    @Transactional(TxType.NEVER)
    public Optional<Refund> sweepOne(Duration unsettledAfter) {
        Optional<Refund> swept = Jdbc.call(dataSource, "sweep", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT outcome, amount, balance, request_id FROM billing_sweep_one(? * interval '1 millisecond')")) {
                ps.setLong(1, unsettledAfter.toMillis());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Refund.read(rs, rs.getString(4))) : Optional.<Refund>empty();
                }
            }
        });
        swept.filter(r -> r.outcome() == RefundOutcome.REFUNDED).ifPresent(r -> {
            metrics.refunded(r.amount(), RefundSource.SWEEPER);
            LOG.infof("Sweeper refunded unsettled debit %s (%d credits)", r.requestId(), r.amount());
        });
        return swept;
    }

    @Transactional(TxType.NEVER)
    public long unsettledCount() {
        return Jdbc.call(dataSource, "count pending", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pending_debits WHERE NOT voided");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** What {@code billing_refund} answered; amount and balance are null where the outcome has none. */
    public record Refund(RefundOutcome outcome, String requestId, Long amount, Long balance) {
        static Refund read(ResultSet rs, String requestId) throws SQLException {
            return new Refund(RefundOutcome.fromSql(rs.getString(1)), requestId, nullableLong(rs, 2), nullableLong(rs, 3));
        }

        private static Long nullableLong(ResultSet rs, int column) throws SQLException {
            long v = rs.getLong(column);
            return rs.wasNull() ? null : v;
        }
    }
}
