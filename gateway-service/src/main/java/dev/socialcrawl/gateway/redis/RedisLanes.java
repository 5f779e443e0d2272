package dev.socialcrawl.gateway.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.TimeoutException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * The gateway's Redis commands over one long-lived connection per event loop instead of a pooled connection per
 * command: commands sent while earlier ones are in flight are pipelined on it, so a burst of requests shares the
 * connection's socket reads and writes. Callers off the event loops (scheduled jobs) share one lane. The connections
 * are opened with the options Quarkus built from {@code quarkus.redis.*} ({@link LaneOptions}), so address, TLS,
 * credentials and database are the operator's. A connection that breaks, or whose command outlives its bound, is
 * closed (its pending commands fail); the next command opens another.
 */
@Singleton
public class RedisLanes {
    private static final Logger LOG = Logger.getLogger(RedisLanes.class);
    private static final int LANE_CONNECTIONS = 16;

    private final Vertx vertx;
    private final Redis client;
    private final Map<Thread, Lane> loopLanes = new ConcurrentHashMap<>();
    private volatile Lane sharedLane;

    /** {@code quarkusClient} is not used: injecting it makes Quarkus build its client, and so the options, first. */
    public RedisLanes(Vertx vertx, Redis quarkusClient, LaneOptions options) {
        this.vertx = vertx;
        // One connection per event loop and one for the scheduled jobs; a few spare for a lane being replaced. Its own
        // pool name keeps its pool metrics apart from Quarkus' client's.
        this.client = Redis.createClient(vertx, options.copy().setMaxPoolSize(LANE_CONNECTIONS)
                .setMaxPoolWaiting(LANE_CONNECTIONS * 4).setPoolName("gateway-lanes"));
    }

    @PreDestroy
    void close() {
        loopLanes.values().forEach(Lane::closeNow);
        Lane shared = sharedLane;
        if (shared != null) {
            shared.closeNow();
        }
        client.close();
    }

    /**
     * Sends one command on the current event loop's connection. The answer is delivered on the caller's context;
     * after {@code timeoutMillis} without one it fails with a {@link TimeoutException} and the connection is closed.
     */
    public Future<Response> send(Request request, long timeoutMillis) {
        Context caller = vertx.getOrCreateContext();
        Promise<Response> answer = VertxAdapter.promiseOn(caller);
        lane(caller).send(c -> c.send(request), answer, timeoutMillis);
        return answer.future();
    }

    /** {@link #send} for several commands written together; their replies in order. A failed one fails them all. */
    public Future<List<Response>> sendAll(List<Request> requests, long timeoutMillis) {
        Context caller = vertx.getOrCreateContext();
        Promise<List<Response>> answer = VertxAdapter.promiseOn(caller);
        lane(caller).send(c -> c.batch(requests), answer, timeoutMillis);
        return answer.future();
    }

    /**
     * {@link #sendAll} for commands that change nothing. On an event loop they wait for the end of the loop's turn
     * and leave with every other read queued in that turn, in one write (one socket write and one read for Redis and
     * for the gateway, however many requests the turn served). Redis answers a write with the replies of all of them
     * or, when one fails, every request's reads are sent again on their own, so that a failure stays its own
     * request's. Off the event loops this is {@link #sendAll}.
     */
    public Future<List<Response>> readAll(List<Request> requests, long timeoutMillis) {
        if (!Context.isOnEventLoopThread()) {
            return sendAll(requests, timeoutMillis);
        }
        Context caller = vertx.getOrCreateContext();
        Promise<List<Response>> answer = VertxAdapter.promiseOn(caller);
        lane(caller).queueReads(requests, answer, timeoutMillis);
        return answer.future();
    }

    private Lane lane(Context caller) {
        if (Context.isOnEventLoopThread()) {
            return loopLanes.computeIfAbsent(Thread.currentThread(),
                    loop -> new Lane(VertxContext.getRootContext(caller)));
        }
        Lane shared = sharedLane;
        if (shared == null) {
            synchronized (this) {
                if (sharedLane == null) {
                    sharedLane = new Lane(VertxContext.getRootContext(caller));
                }
                shared = sharedLane;
            }
        }
        return shared;
    }

    /** Reads queued for the end of the loop's turn, and who waits for them. */
    private record QueuedReads(List<Request> requests, Promise<List<Response>> answer, long timeoutMillis) {
    }

    /**
     * One event loop's connection. Its state changes only under its own lock; the queued reads are touched only on
     * the loop's own thread.
     */
    private final class Lane {
        private final Context home;
        private Future<RedisConnection> connection;
        private List<QueuedReads> queuedReads = new ArrayList<>();

        Lane(Context home) {
            this.home = home;
        }

        /** On the lane's own event loop only: the turn's first read queues the task that sends them all. */
        void queueReads(List<Request> requests, Promise<List<Response>> answer, long timeoutMillis) {
            queuedReads.add(new QueuedReads(requests, answer, timeoutMillis));
            if (queuedReads.size() == 1) {
                // A task on the loop runs after the turn's I/O: every request read in this turn has queued by then.
                home.runOnContext(v -> sendQueuedReads());
            }
        }

        private void sendQueuedReads() {
            List<QueuedReads> turn = queuedReads;
            queuedReads = new ArrayList<>();
            if (turn.size() == 1) {
                QueuedReads only = turn.get(0);
                send(c -> c.batch(only.requests()), only.answer(), only.timeoutMillis());
                return;
            }
            List<Request> all = new ArrayList<>();
            long bound = 0;
            for (QueuedReads reads : turn) {
                all.addAll(reads.requests());
                bound = Math.max(bound, reads.timeoutMillis());
            }
            Promise<List<Response>> together = Promise.promise();
            send(c -> c.batch(all), together, bound);
            together.future().onComplete(replies -> {
                if (replies.succeeded()) {
                    int from = 0;
                    for (QueuedReads reads : turn) {
                        int to = from + reads.requests().size();
                        reads.answer().tryComplete(replies.result().subList(from, to));
                        from = to;
                    }
                } else if (replies.cause() instanceof TimeoutException) {
                    turn.forEach(reads -> reads.answer().tryFail(replies.cause()));
                } else {
                    // Which command failed is lost in the batch's one error: each request's reads go again alone.
                    turn.forEach(reads -> send(c -> c.batch(reads.requests()), reads.answer(), reads.timeoutMillis()));
                }
            });
        }

        /** The connection, opening one when there is none or the last attempt failed. */
        private synchronized Future<RedisConnection> connection() {
            if (connection == null || connection.failed()) {
                connection = open();
            }
            return connection;
        }

        private Future<RedisConnection> open() {
            Promise<RedisConnection> opened = Promise.promise();
            // On the loop's own context: the connection belongs to the event loop, never to one request's context.
            home.runOnContext(v -> client.connect().onComplete(result -> {
                if (result.failed()) {
                    opened.fail(result.cause());
                    return;
                }
                RedisConnection c = result.result();
                c.exceptionHandler(e -> {
                    LOG.debugf("The Redis connection failed: %s", String.valueOf(e));
                    forget(opened.future());
                });
                c.endHandler(ended -> forget(opened.future()));
                opened.complete(c);
            }));
            return opened.future();
        }

        /** The bound covers opening the connection too: a Redis that accepts and never answers fails in time. */
        <T> void send(Function<RedisConnection, Future<T>> write, Promise<T> answer, long timeoutMillis) {
            Future<RedisConnection> used = connection();
            long timer = vertx.setTimer(timeoutMillis, id -> {
                if (answer.tryFail(new TimeoutException())) {
                    // Its later answers would come after their callers gave up: start afresh.
                    reset(used);
                }
            });
            if (used.succeeded()) {
                send(used.result(), write, answer, timer);
                return;
            }
            used.onComplete(opened -> {
                if (opened.succeeded()) {
                    send(opened.result(), write, answer, timer);
                } else {
                    vertx.cancelTimer(timer);
                    answer.tryFail(opened.cause());
                }
            });
        }

        private <T> void send(RedisConnection c, Function<RedisConnection, Future<T>> write, Promise<T> answer,
                long timer) {
            write.apply(c).onComplete(reply -> {
                vertx.cancelTimer(timer);
                if (reply.succeeded()) {
                    answer.tryComplete(reply.result());
                } else {
                    answer.tryFail(reply.cause());
                }
            });
        }

        /** Drops the connection (or the attempt to open it) and closes its socket once there is one. */
        private void reset(Future<RedisConnection> c) {
            forget(c);
            c.onSuccess(opened -> {
                if (!VertxAdapter.forceClose(opened)) {
                    opened.close();
                }
            });
        }

        /** Forgets {@code c} if it is still the lane's connection, so that the next command opens a new one. */
        private synchronized void forget(Future<RedisConnection> c) {
            if (connection == c) {
                connection = null;
            }
        }

        void closeNow() {
            Future<RedisConnection> c;
            synchronized (this) {
                c = connection;
            }
            if (c != null) {
                reset(c);
            }
        }
    }
}
