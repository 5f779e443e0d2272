package dev.socialcrawl.billing.charge;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.opentelemetry.api.trace.Span;
import io.quarkus.runtime.Startup;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import dev.socialcrawl.billing.config.BillingConfig;

/**
 * Runs debits in lanes: accounts are spread over {@code billing.debit.lanes} lanes and each lane runs one
 * transaction at a time. Debits that arrive while their lane's previous transaction commits wait in the lane's queue
 * and go into the next transaction together ({@code billing_debit_batch}), so they share one round trip and one
 * commit flush (and, on a hot account, one row lock) instead of paying a flush each. A batch runs its debits ordered
 * by account (each account's in arrival order), so batches lock account rows in one global order and cannot deadlock
 * each other. Every debit keeps its own outcome; if a batch fails as a whole (a duplicate request id raced in from
 * another replica, or its time ran out), its debits run again one by one.
 *
 * <p>Time: a debit's deadline is {@code billing.debit.timeout} after it arrived. One whose deadline passes while it
 * waits in the queue fails without ever running. A transaction gets what is left until its earliest debit's deadline,
 * and PostgreSQL neither waits for a lock nor finishes the statement past it ({@code billing_debit_batch}), so a
 * debit answered as not committed is never committed later. Only when PostgreSQL does not answer at all do a
 * transaction's debits fail, one more timeout after its earliest deadline, with their outcome unknown; the refund the
 * gateway then sends settles each either way. A lane keeps one timer for the earliest deadline of its queue and one for
 * its running transaction, not one per debit.
 *
 * <p>A lane is a verticle: its queue lives on the lane's own event-loop context, and it reaches PostgreSQL through
 * the Quarkus reactive pool, so a debit costs no hand-off to a worker thread. Each outcome is delivered on its
 * caller's context.
 */
@ApplicationScoped
@Startup
public class DebitBatcher {
    private static final Logger LOG = Logger.getLogger(DebitBatcher.class);
    private static final String SQL = "SELECT d.idx, d.outcome, d.amount, d.balance"
            + " FROM billing_debit_batch($1, $2, $3, $4, $5) d";
    private static final String ASYNC = ", set_config('synchronous_commit', 'off', true) s";
    /** query_canceled (the batch reached its deadline) and lock_not_available (lock_timeout). */
    private static final Set<String> OUT_OF_TIME = Set.of("57014", "55P03");
    private static final Comparator<Pending> BY_ACCOUNT = Comparator.comparingLong(p -> p.accountId);

    /** What {@code billing_debit_step} answered for one debit. */
    public record DebitRow(DebitOutcome outcome, Long amount, Long balance) {
    }

    private enum State {
        QUEUED, RUNNING, DONE
    }

    private final Vertx vertx;
    private final Pool pool;
    private final String sql;
    private final int maxBatch;
    private final Duration timeout;
    private final List<Lane> lanes;
    private final DebitSpans spans;

    public DebitBatcher(Vertx vertx, Pool pool, BillingConfig config, DebitSpans spans) {
        if (config.debit().lanes() < 1) {
            throw new IllegalArgumentException("billing.debit.lanes must be at least 1");
        }
        if (config.debit().timeout().toMillis() < 1) {
            throw new IllegalArgumentException("billing.debit.timeout must be at least 1 ms");
        }
        if (Context.isOnEventLoopThread()) {
            throw new IllegalStateException("DebitBatcher starts its lanes at start-up, never on an event loop");
        }
        this.vertx = vertx;
        this.pool = pool;
        this.sql = config.debit().asyncCommit() ? SQL + ASYNC : SQL;
        this.maxBatch = config.debit().maxBatch();
        this.timeout = config.debit().timeout();
        this.spans = spans;
        List<Lane> started = new ArrayList<>();
        for (int i = 0; i < config.debit().lanes(); i++) {
            Lane lane = new Lane();
            vertx.deployVerticle(lane).toCompletionStage().toCompletableFuture().join();
            started.add(lane);
        }
        this.lanes = List.copyOf(started);
    }

    /**
     * Queues a debit; the stage completes, on the caller's context, when the transaction that carries it has
     * committed, or fails: with {@link DebitNotCommittedException} when it was not committed by its deadline (and
     * never will be), with another exception when it failed otherwise. The outcome is this debit's own.
     */
    public CompletableFuture<DebitRow> submit(String requestId, long accountId, long amount, String endpoint) {
        Pending pending = new Pending(requestId, accountId, amount, endpoint, vertx.getOrCreateContext(),
                System.nanoTime() + timeout.toNanos());
        pending.span = spans.debit(requestId, accountId, amount);
        lanes.get(Math.floorMod(Long.hashCode(accountId), lanes.size())).offer(pending);
        return pending.result;
    }

    /** One debit waiting for its answer. Its state is touched only on its lane's context. */
    private final class Pending {
        final String requestId;
        final long accountId;
        final long amount;
        final String endpoint;
        final Context caller;
        final long deadline;
        final CompletableFuture<DebitRow> result = new CompletableFuture<>();
        State state = State.QUEUED;
        /** Its span while tracing is on and the request is traced, else null. */
        Span span;

        Pending(String requestId, long accountId, long amount, String endpoint, Context caller, long deadline) {
            this.requestId = requestId;
            this.accountId = accountId;
            this.amount = amount;
            this.endpoint = endpoint;
            this.caller = caller;
            this.deadline = deadline;
        }

        /** Whole milliseconds left until the deadline, rounded up; 0 or less once it has passed. */
        long millisLeft(long now) {
            return wholeMillis(deadline - now);
        }

        void succeed(DebitRow row) {
            if (state == State.DONE && row.outcome() == DebitOutcome.DEBITED) {
                LOG.warnf("Debit %s committed after billing had answered it as failed (PostgreSQL did not answer in"
                        + " time); the refund the gateway sends for it gives the credits back", requestId);
            }
            finish(row.outcome(), null, () -> result.complete(row));
        }

        void fail(Throwable cause) {
            finish(null, cause, () -> result.completeExceptionally(cause));
        }

        void failNotCommitted() {
            fail(new DebitNotCommittedException(requestId, timeout));
        }

        private void finish(DebitOutcome outcome, Throwable failure, Runnable answer) {
            if (state == State.DONE) {
                return;
            }
            state = State.DONE;
            DebitSpans.answered(span, outcome, failure);
            caller.runOnContext(v -> answer.run());
        }
    }

    /** One lane's queue, on the lane's own event-loop context. */
    private final class Lane extends AbstractVerticle {
        private final ArrayDeque<Pending> queue = new ArrayDeque<>();
        private boolean running;
        /** The timer for the earliest deadline of the queued debits, and that deadline; -1 while none is armed. */
        private long queueTimer = -1;
        private long queueTimerDeadline;

        void offer(Pending p) {
            context.runOnContext(v -> enqueue(p));
        }

        private void enqueue(Pending p) {
            if (p.millisLeft(System.nanoTime()) <= 0) {
                p.failNotCommitted();
                return;
            }
            queue.add(p);
            if (!running) {
                next();
            } else if (queueTimer < 0 || p.deadline < queueTimerDeadline) {
                armQueueTimer(p.deadline); // no timer means nothing else is queued; else p's deadline is the earliest
            }
        }

        /** Arms the queue's timer for the earliest deadline of the debits still queued, or cancels it if none is. */
        private void watchQueue() {
            long earliest = Long.MAX_VALUE;
            for (Pending q : queue) {
                if (q.state == State.QUEUED) {
                    earliest = Math.min(earliest, q.deadline);
                }
            }
            if (earliest != Long.MAX_VALUE) {
                armQueueTimer(earliest);
            } else if (queueTimer >= 0) {
                vertx.cancelTimer(queueTimer);
                queueTimer = -1;
            }
        }

        private void armQueueTimer(long deadline) {
            if (queueTimer >= 0) {
                if (deadline == queueTimerDeadline) {
                    return;
                }
                vertx.cancelTimer(queueTimer);
            }
            queueTimerDeadline = deadline;
            queueTimer = vertx.setTimer(timerDelay(deadline - System.nanoTime()), id -> queueDeadlinePassed());
        }

        /** Fails the queued debits whose deadline has passed; they stay in the queue until next() skips them. */
        private void queueDeadlinePassed() {
            queueTimer = -1;
            long now = System.nanoTime();
            for (Pending q : queue) {
                if (q.state == State.QUEUED && q.millisLeft(now) <= 0) {
                    q.failNotCommitted();
                }
            }
            watchQueue();
        }

        /** Starts the next transaction with whatever is queued and still in time, or goes idle. */
        private void next() {
            List<Pending> batch = new ArrayList<>(Math.min(queue.size(), maxBatch));
            long now = System.nanoTime();
            while (batch.size() < maxBatch && !queue.isEmpty()) {
                Pending p = queue.poll();
                if (p.state != State.QUEUED) {
                    continue;
                }
                if (p.millisLeft(now) <= 0) {
                    p.failNotCommitted();
                    continue;
                }
                p.state = State.RUNNING;
                batch.add(p);
            }
            running = !batch.isEmpty();
            watchQueue();
            if (running) {
                batch.sort(BY_ACCOUNT);
                long noAnswer = vertx.setTimer(noAnswerDelay(batch, now), id -> noAnswer(batch));
                (batch.size() == 1 ? alone(batch.get(0)) : together(batch)).onComplete(done -> {
                    vertx.cancelTimer(noAnswer);
                    next();
                });
            }
        }
    }

    /**
     * PostgreSQL answers a running transaction by its earliest deadline (or fails it); this is how long after that it
     * gets before the transaction's debits fail with their outcome unknown.
     */
    private long noAnswerDelay(List<Pending> batch, long now) {
        long earliest = Long.MAX_VALUE;
        for (Pending p : batch) {
            earliest = Math.min(earliest, p.deadline);
        }
        return timerDelay(earliest - now) + timeout.toMillis();
    }

    /** Nanoseconds as whole milliseconds, rounded up; 0 or less for a time already past. */
    private static long wholeMillis(long nanos) {
        return Math.floorDiv(nanos + 999_999, 1_000_000);
    }

    /** A timer's delay for that many nanoseconds: whole milliseconds rounded up, at least 1 (a timer's shortest). */
    private static long timerDelay(long nanos) {
        return Math.max(1, wholeMillis(nanos));
    }

    private void noAnswer(List<Pending> batch) {
        for (Pending p : batch) {
            if (p.state == State.RUNNING) {
                p.fail(new IllegalStateException("PostgreSQL did not answer the transaction carrying the debit of "
                        + p.requestId + " within " + timeout.toMillis() + " ms after its deadline; its outcome is"
                        + " unknown"));
            }
        }
    }

    /** The batch in one transaction, or, when it fails as a whole, each debit on its own. Always succeeds. */
    private Future<Void> together(List<Pending> batch) {
        return execute(batch)
                .map(rows -> {
                    for (int i = 0; i < rows.size(); i++) {
                        batch.get(i).succeed(rows.get(i));
                    }
                    return (Void) null;
                })
                .recover(e -> {
                    LOG.debugf("A batch of %d debits failed as a whole (%s); running them one by one", batch.size(),
                            e.getMessage());
                    return oneByOne(batch, 0);
                });
    }

    private Future<Void> oneByOne(List<Pending> batch, int from) {
        if (from >= batch.size()) {
            return Future.succeededFuture();
        }
        return alone(batch.get(from)).compose(v -> oneByOne(batch, from + 1));
    }

    /** One debit in its own transaction. Always succeeds; the debit gets its outcome or its failure. */
    private Future<Void> alone(Pending p) {
        if (p.state != State.RUNNING) {
            return Future.succeededFuture();
        }
        return DuplicateKeyRetry.run(() -> execute(List.of(p)))
                .map(rows -> {
                    p.succeed(rows.get(0));
                    return (Void) null;
                })
                .otherwise(e -> {
                    if (outOfTime(e)) {
                        p.failNotCommitted();
                    } else {
                        p.fail(new IllegalStateException("debit " + p.requestId + " failed: " + e.getMessage(), e));
                    }
                    return null;
                });
    }

    /** One transaction with these debits and what is left until the earliest of their deadlines. */
    private Future<List<DebitRow>> execute(List<Pending> debits) {
        long now = System.nanoTime();
        long budget = debits.stream().mapToLong(p -> p.millisLeft(now)).min().orElse(0);
        if (budget <= 0) {
            return Future.failedFuture(new DebitNotCommittedException(debits.get(0).requestId, timeout));
        }
        int n = debits.size();
        String[] ids = new String[n];
        Long[] accounts = new Long[n];
        Long[] amounts = new Long[n];
        String[] endpoints = new String[n];
        for (int i = 0; i < n; i++) {
            Pending p = debits.get(i);
            ids[i] = p.requestId;
            accounts[i] = p.accountId;
            amounts[i] = p.amount;
            endpoints[i] = p.endpoint;
        }
        Tuple args = Tuple.of(ids, accounts, amounts, endpoints, (int) Math.min(budget, Integer.MAX_VALUE));
        Future<RowSet<Row>> query = spans.enabled()
                ? spans.batch(debits.stream().map(p -> p.span).toList(), () -> pool.preparedQuery(sql).execute(args))
                : pool.preparedQuery(sql).execute(args);
        return query.map(result -> {
            DebitRow[] out = new DebitRow[n];
            for (Row r : result) {
                out[r.getInteger(0) - 1] = new DebitRow(DebitOutcome.fromSql(r.getString(1)), r.getLong(2),
                        r.getLong(3));
            }
            for (DebitRow row : out) {
                if (row == null) {
                    throw new IllegalStateException("billing_debit_batch did not answer every debit");
                }
            }
            return List.of(out);
        });
    }

    private static boolean outOfTime(Throwable e) {
        return e instanceof DebitNotCommittedException
                || e instanceof PgException pg && OUT_OF_TIME.contains(pg.getSqlState());
    }
}
