package dev.socialcrawl.billing.charge;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;

import dev.socialcrawl.billing.config.BillingConfig;

/**
 * Runs debits in lanes: accounts are spread over {@code billing.debit.lanes} lanes and each lane runs one
 * transaction at a time. Debits that arrive while their lane's previous transaction is committing wait in the
 * lane's queue and go into the next transaction together ({@code billing_debit_batch}), so they share one round
 * trip and one commit flush (and, on a hot account, one row lock) instead of paying a flush each. A batch runs
 * its debits ordered by account (each account's in arrival order), so batches lock account rows in one global
 * order and cannot deadlock each other. Every debit keeps its own outcome; if a batch fails as a whole (a
 * duplicate request id raced in from another replica), its debits run again one by one.
 */
@ApplicationScoped
public class DebitBatcher {
    private static final Logger LOG = Logger.getLogger(DebitBatcher.class);
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int ATTEMPTS = 3;
    private static final String ASYNC = ", set_config('synchronous_commit', 'off', true) s";
    private static final String SINGLE_SQL = "SELECT d.outcome, d.amount, d.balance FROM billing_debit_one(?, ?, ?, ?) d";
    private static final String BATCH_SQL = "SELECT d.idx, d.outcome, d.amount, d.balance"
            + " FROM billing_debit_batch(?, ?, ?, ?) d";

    /** What {@code billing_debit} answered for one debit. */
    public record DebitRow(String outcome, Long amount, Long balance) {
    }

    private record Pending(String requestId, long accountId, long amount, String endpoint,
            CompletableFuture<DebitRow> result) {
    }

    private static final class Lane {
        final ConcurrentLinkedQueue<Pending> items = new ConcurrentLinkedQueue<>();
        final AtomicBoolean draining = new AtomicBoolean();
    }

    private static final Comparator<Pending> BY_ACCOUNT = Comparator.comparingLong(Pending::accountId);

    private final AgroalDataSource dataSource;
    private final String singleSql;
    private final String batchSql;
    private final int maxBatch;
    private final Duration timeout;
    private final ExecutorService executor;
    private final Lane[] lanes;

    public DebitBatcher(AgroalDataSource dataSource, BillingConfig config) {
        this.dataSource = dataSource;
        boolean async = config.debit().asyncCommit();
        this.singleSql = async ? SINGLE_SQL + ASYNC : SINGLE_SQL;
        this.batchSql = async ? BATCH_SQL + ASYNC : BATCH_SQL;
        this.maxBatch = config.debit().maxBatch();
        this.timeout = config.debit().timeout();
        if (config.debit().lanes() < 1) {
            throw new IllegalArgumentException("billing.debit.lanes must be at least 1");
        }
        this.lanes = new Lane[config.debit().lanes()];
        Arrays.setAll(lanes, i -> new Lane());
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(lanes.length, r -> {
            Thread t = new Thread(r, "debit-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void stop() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }

    /**
     * Queues a debit; the stage completes when the transaction that carries it has committed (or failed, or the
     * configured timeout passed). The outcome is this debit's own. No caller thread waits for the database.
     */
    public CompletableFuture<DebitRow> submit(String requestId, long accountId, long amount, String endpoint) {
        Pending pending = new Pending(requestId, accountId, amount, endpoint, new CompletableFuture<>());
        Lane lane = lanes[Math.floorMod(Long.hashCode(accountId), lanes.length)];
        lane.items.add(pending);
        scheduleDrain(lane);
        return pending.result().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).exceptionallyCompose(e -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof TimeoutException) {
                cause = new IllegalStateException("debit " + requestId + " not committed within " + timeout, cause);
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    private void scheduleDrain(Lane lane) {
        if (!lane.draining.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(() -> drain(lane));
        } catch (RejectedExecutionException e) {
            lane.draining.set(false);
            for (Pending p; (p = lane.items.poll()) != null;) {
                p.result().completeExceptionally(new IllegalStateException("billing is shutting down", e));
            }
        }
    }

    private void drain(Lane lane) {
        try {
            for (List<Pending> batch = take(lane); !batch.isEmpty(); batch = take(lane)) {
                run(batch);
            }
        } finally {
            lane.draining.set(false);
        }
        if (!lane.items.isEmpty()) {
            // a debit queued after the last take, before the flag dropped: it needs a drain too
            scheduleDrain(lane);
        }
    }

    private List<Pending> take(Lane lane) {
        List<Pending> batch = new ArrayList<>();
        for (Pending p; batch.size() < maxBatch && (p = lane.items.poll()) != null;) {
            batch.add(p);
        }
        batch.sort(BY_ACCOUNT);
        return batch;
    }

    private void run(List<Pending> batch) {
        if (batch.size() == 1) {
            runAlone(batch.get(0));
            return;
        }
        List<DebitRow> rows;
        try {
            rows = withConnection(c -> executeBatch(c, batch));
        } catch (SQLException | RuntimeException e) {
            LOG.debugf("A batch of %d debits failed as a whole (%s); running them one by one", batch.size(),
                    e.getMessage());
            batch.forEach(this::runAlone);
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(rows.get(i));
        }
    }

    private void runAlone(Pending p) {
        try {
            p.result().complete(single(p));
        } catch (RuntimeException e) {
            p.result().completeExceptionally(e);
        }
    }

    private DebitRow single(Pending p) {
        for (int attempt = 1;; attempt++) {
            try {
                return withConnection(c -> {
                    try (PreparedStatement ps = c.prepareStatement(singleSql)) {
                        ps.setString(1, p.requestId());
                        ps.setLong(2, p.accountId());
                        ps.setLong(3, p.amount());
                        ps.setString(4, p.endpoint());
                        try (ResultSet rs = ps.executeQuery()) {
                            if (!rs.next()) {
                                throw new SQLException("billing_debit_one returned no row");
                            }
                            return new DebitRow(rs.getString(1), nullableLong(rs, 2), nullableLong(rs, 3));
                        }
                    }
                });
            } catch (SQLException e) {
                // a concurrent duplicate lost the unique race: the retry reads the first result (replayed)
                if (!UNIQUE_VIOLATION.equals(e.getSQLState()) || attempt >= ATTEMPTS) {
                    throw new IllegalStateException("debit " + p.requestId() + " failed: SQLState " + e.getSQLState(), e);
                }
            }
        }
    }

    private List<DebitRow> executeBatch(Connection c, List<Pending> batch) throws SQLException {
        int n = batch.size();
        try (PreparedStatement ps = c.prepareStatement(batchSql)) {
            ps.setArray(1, c.createArrayOf("varchar", batch.stream().map(Pending::requestId).toArray()));
            ps.setArray(2, c.createArrayOf("bigint", batch.stream().map(Pending::accountId).toArray()));
            ps.setArray(3, c.createArrayOf("bigint", batch.stream().map(Pending::amount).toArray()));
            ps.setArray(4, c.createArrayOf("varchar", batch.stream().map(Pending::endpoint).toArray()));
            DebitRow[] rows = new DebitRow[n];
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows[rs.getInt(1) - 1] = new DebitRow(rs.getString(2), nullableLong(rs, 3), nullableLong(rs, 4));
                }
            }
            if (Arrays.stream(rows).anyMatch(r -> r == null)) {
                throw new SQLException("billing_debit_batch did not answer every debit of the batch");
            }
            return Arrays.asList(rows);
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

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
