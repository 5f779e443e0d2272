package dev.socialcrawl.billing.charge;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.netty.util.concurrent.ScheduledFuture;
import io.quarkus.runtime.Startup;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import dev.socialcrawl.billing.config.BillingConfig;

/**
 * Runs debits in lanes: accounts are spread over {@code billing.debit.lanes} lanes and each lane runs one
 * transaction at a time. Debits that arrive while their lane's previous transaction commits wait in the
 * lane's queue and go into the next transaction together ({@code billing_debit_batch}), so they share one round
 * trip and one commit flush (and, on a hot account, one row lock) instead of paying a flush each. A batch runs
 * its debits ordered by account (each account's in arrival order), so batches lock account rows in one global
 * order and cannot deadlock each other. Every debit keeps its own outcome; if a batch fails as a whole (a
 * duplicate request id raced in from another replica), its debits run again one by one.
 *
 * <p>A lane lives on an event loop and talks to PostgreSQL with the non-blocking Vert.x client, one connection per
 * lane, so a debit costs no hand-off to a worker thread and back; each outcome is delivered on its caller's
 * context. The statements are the same PL/pgSQL functions the rest of billing relies on.
 */
@ApplicationScoped
@Startup
public class DebitBatcher {
    private static final Logger LOG = Logger.getLogger(DebitBatcher.class);
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int ATTEMPTS = 3;
    private static final String ASYNC = ", set_config('synchronous_commit', 'off', true) s";
    private static final String SINGLE_SQL = "SELECT d.outcome, d.amount, d.balance FROM billing_debit_one($1, $2, $3, $4) d";
    private static final String BATCH_SQL = "SELECT d.idx, d.outcome, d.amount, d.balance"
            + " FROM billing_debit_batch($1, $2, $3, $4) d";

    /** What {@code billing_debit} answered for one debit. */
    public record DebitRow(String outcome, Long amount, Long balance) {
    }

    private static final class Pending {
        final String requestId;
        final long accountId;
        final long amount;
        final String endpoint;
        final ContextInternal caller;
        final CompletableFuture<DebitRow> result = new CompletableFuture<>();
        ScheduledFuture<?> timer;

        Pending(String requestId, long accountId, long amount, String endpoint, ContextInternal caller) {
            this.requestId = requestId;
            this.accountId = accountId;
            this.amount = amount;
            this.endpoint = endpoint;
            this.caller = caller;
        }

        void succeed(DebitRow row) {
            deliver(() -> result.complete(row));
        }

        void fail(Throwable cause) {
            deliver(() -> result.completeExceptionally(cause));
        }

        private void deliver(Runnable outcome) {
            if (timer != null) {
                timer.cancel(false);
            }
            if (caller.isEventLoopContext() && caller.nettyEventLoop().inEventLoop()) {
                caller.emit(null, v -> outcome.run());
            } else {
                caller.runOnContext(v -> outcome.run());
            }
        }
    }

    private static final Comparator<Pending> BY_ACCOUNT = Comparator.comparingLong(p -> p.accountId);

    private final VertxInternal vertx;
    private final Pool pool;
    private final String singleSql;
    private final String batchSql;
    private final int maxBatch;
    private final Duration timeout;
    private final Lane[] lanes;

    public DebitBatcher(Vertx vertx, BillingConfig config,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.vertx = (VertxInternal) vertx;
        boolean async = config.debit().asyncCommit();
        this.singleSql = async ? SINGLE_SQL + ASYNC : SINGLE_SQL;
        this.batchSql = async ? BATCH_SQL + ASYNC : BATCH_SQL;
        this.maxBatch = config.debit().maxBatch();
        this.timeout = config.debit().timeout();
        if (config.debit().lanes() < 1) {
            throw new IllegalArgumentException("billing.debit.lanes must be at least 1");
        }
        this.pool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(config.debit().lanes()).setName("billing-debits"))
                .connectingTo(DebitConnections.fromJdbc(jdbcUrl, username, password))
                .using(vertx)
                .build();
        this.lanes = new Lane[config.debit().lanes()];
        Arrays.setAll(lanes, i -> new Lane(this.vertx.createEventLoopContext()));
    }

    @PreDestroy
    void stop() {
        pool.close();
    }

    /**
     * Queues a debit; the stage completes, on the caller's context, when the transaction that carries it has
     * committed (or failed, or the configured timeout passed). The outcome is this debit's own.
     */
    public CompletableFuture<DebitRow> submit(String requestId, long accountId, long amount, String endpoint) {
        Pending pending = new Pending(requestId, accountId, amount, endpoint,
                (ContextInternal) vertx.getOrCreateContext());
        lanes[Math.floorMod(Long.hashCode(accountId), lanes.length)].offer(pending);
        return pending.result;
    }

    /** One lane's queue; it is touched only on the lane's own event loop. */
    private final class Lane {
        private final ContextInternal home;
        private final ArrayDeque<Pending> queue = new ArrayDeque<>();
        private boolean running;

        Lane(ContextInternal home) {
            this.home = home;
        }

        void offer(Pending p) {
            if (home.nettyEventLoop().inEventLoop()) {
                home.emit(p, this::enqueue);
            } else {
                home.runOnContext(v -> enqueue(p));
            }
        }

        private void enqueue(Pending p) {
            p.timer = home.nettyEventLoop().schedule(() -> p.fail(new IllegalStateException(
                    "debit " + p.requestId + " not committed within " + timeout)), timeout.toMillis(),
                    TimeUnit.MILLISECONDS);
            queue.add(p);
            if (!running) {
                next();
            }
        }

        /** Starts the next transaction with whatever is queued, or goes idle. */
        private void next() {
            if (queue.isEmpty()) {
                running = false;
                return;
            }
            running = true;
            List<Pending> batch = new ArrayList<>(Math.min(queue.size(), maxBatch));
            while (batch.size() < maxBatch && !queue.isEmpty()) {
                batch.add(queue.poll());
            }
            batch.sort(BY_ACCOUNT);
            (batch.size() == 1 ? alone(batch.get(0), 1) : together(batch)).onComplete(done -> next());
        }
    }

    /** The batch in one transaction, or, when it fails as a whole, each debit on its own. Always succeeds. */
    private Future<Void> together(List<Pending> batch) {
        int n = batch.size();
        String[] ids = new String[n];
        Long[] accounts = new Long[n];
        Long[] amounts = new Long[n];
        String[] endpoints = new String[n];
        for (int i = 0; i < n; i++) {
            Pending p = batch.get(i);
            ids[i] = p.requestId;
            accounts[i] = p.accountId;
            amounts[i] = p.amount;
            endpoints[i] = p.endpoint;
        }
        return pool.preparedQuery(batchSql).execute(Tuple.of(ids, accounts, amounts, endpoints))
                .map(rows -> {
                    DebitRow[] out = new DebitRow[n];
                    for (Row r : rows) {
                        out[r.getInteger(0) - 1] = new DebitRow(r.getString(1), r.getLong(2), r.getLong(3));
                    }
                    if (Arrays.stream(out).anyMatch(r -> r == null)) {
                        throw new IllegalStateException("billing_debit_batch did not answer every debit of the batch");
                    }
                    return out;
                })
                .map(out -> {
                    for (int i = 0; i < n; i++) {
                        batch.get(i).succeed(out[i]);
                    }
                    return (Void) null;
                })
                .recover(e -> {
                    LOG.debugf("A batch of %d debits failed as a whole (%s); running them one by one", n,
                            e.getMessage());
                    return oneByOne(batch, 0);
                });
    }

    private Future<Void> oneByOne(List<Pending> batch, int from) {
        if (from >= batch.size()) {
            return Future.succeededFuture();
        }
        return alone(batch.get(from), 1).compose(v -> oneByOne(batch, from + 1));
    }

    /** One debit in its own transaction; a concurrent duplicate that lost the unique race is retried. */
    private Future<Void> alone(Pending p, int attempt) {
        Promise<Void> done = Promise.promise();
        pool.preparedQuery(singleSql).execute(Tuple.of(p.requestId, p.accountId, p.amount, p.endpoint))
                .onComplete(result -> {
                    if (result.succeeded()) {
                        Row r = result.result().iterator().hasNext() ? result.result().iterator().next() : null;
                        if (r == null) {
                            p.fail(new IllegalStateException("billing_debit_one returned no row"));
                        } else {
                            p.succeed(new DebitRow(r.getString(0), r.getLong(1), r.getLong(2)));
                        }
                        done.complete();
                        return;
                    }
                    String state = result.cause() instanceof PgException pg ? pg.getSqlState() : null;
                    // the retry of a duplicate that lost the unique race reads the first result (replayed)
                    if (UNIQUE_VIOLATION.equals(state) && attempt < ATTEMPTS) {
                        alone(p, attempt + 1).onComplete(done);
                        return;
                    }
                    p.fail(new IllegalStateException("debit " + p.requestId + " failed: SQLState " + state,
                            result.cause()));
                    done.complete();
                });
        return done.future();
    }
}
