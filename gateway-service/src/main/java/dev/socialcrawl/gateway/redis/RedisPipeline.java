package dev.socialcrawl.gateway.redis;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.concurrent.ScheduledFuture;
import io.smallrye.mutiny.TimeoutException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.impl.NetSocketInternal;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.impl.PooledRedisConnection;
import io.vertx.redis.client.impl.RedisConnectionInternal;

/**
 * The gateway's Redis commands over one long-lived connection per event loop instead of a pooled connection per
 * command. Commands sent while earlier ones are in flight are pipelined on it, and the writes of one turn of the
 * event loop leave in one flush (Netty's {@link FlushConsolidationHandler}), so a burst of requests costs Redis and
 * the gateway one socket write and one read per side instead of one each per command. The connection comes from the
 * Quarkus Redis client, so address, TLS, credentials and database are those of {@code quarkus.redis.*}. A
 * connection that breaks, or whose command outlives its bound, is closed (its pending commands fail); the next
 * command opens another.
 */
@Singleton
public class RedisPipeline {
    private static final Logger LOG = Logger.getLogger(RedisPipeline.class);
    static final String FLUSH_HANDLER = "socialcrawl-flush-consolidation";
    /** Flush at once after this many consolidated writes, so one long turn of the loop cannot hold them back. */
    private static final int FLUSH_AFTER_WRITES = 64;

    private final Vertx vertx;
    private final Redis client;
    private final Map<EventLoop, Lane> lanes = new ConcurrentHashMap<>();
    private volatile boolean warnedNoConsolidation;

    public RedisPipeline(Vertx vertx, Redis client) {
        this.vertx = vertx;
        this.client = client;
    }

    @PreDestroy
    void close() {
        lanes.values().forEach(Lane::closeNow);
    }

    /**
     * Sends one command on the current event loop's connection. The answer is delivered on the caller's context;
     * after {@code timeoutMillis} without one it fails with a {@link TimeoutException} and the connection is closed.
     */
    public Future<Response> send(Request request, long timeoutMillis) {
        ContextInternal caller = (ContextInternal) vertx.getOrCreateContext();
        Promise<Response> answer = caller.promise();
        lane(caller).send(c -> c.send(request), answer, timeoutMillis);
        return answer.future();
    }

    /**
     * {@link #send} for several commands written together: one write, one bound and one answer (their replies in
     * order) instead of one of each per command. A failed command fails the whole answer.
     */
    public Future<List<Response>> sendAll(List<Request> requests, long timeoutMillis) {
        ContextInternal caller = (ContextInternal) vertx.getOrCreateContext();
        Promise<List<Response>> answer = caller.promise();
        lane(caller).send(c -> c.batch(requests), answer, timeoutMillis);
        return answer.future();
    }

    private Lane lane(ContextInternal caller) {
        return lanes.computeIfAbsent(caller.nettyEventLoop(), loop -> new Lane(
                ((VertxInternal) vertx).createEventLoopContext(loop, caller.workerPool(), caller.classLoader())));
    }

    /** Whether the current event loop's open connection has its flushes consolidated (a check for tests). */
    boolean consolidatesFlushesOnThisLoop() {
        Lane lane = lanes.get(((ContextInternal) vertx.getOrCreateContext()).nettyEventLoop());
        RedisConnection connection = lane == null ? null : lane.ready();
        ChannelPipeline pipeline = connection == null ? null : channelPipeline(connection);
        return pipeline != null && pipeline.get(FLUSH_HANDLER) != null;
    }

    /**
     * The connection's socket pipeline, or {@code null} when it cannot be reached. Neither Quarkus' metrics wrapper
     * nor Vert.x's standalone connection exposes the socket, which the flush policy needs, so it is found by type
     * through their private fields; {@code RedisPipelineTest} fails when a Quarkus or Vert.x upgrade moves it.
     */
    private static ChannelPipeline channelPipeline(RedisConnection connection) {
        NetSocket socket = field(standalone(connection), NetSocket.class);
        return socket instanceof NetSocketInternal internal ? internal.channelHandlerContext().pipeline() : null;
    }

    /** The standalone connection under the pool's lease and any wrappers around it, or {@code null}. */
    private static RedisConnectionInternal standalone(RedisConnection connection) {
        RedisConnection c = connection;
        for (int depth = 0; c != null && depth < 4; depth++) {
            if (c instanceof PooledRedisConnection pooled) {
                return pooled.actual();
            }
            if (c instanceof RedisConnectionInternal internal) {
                return internal;
            }
            c = field(c, RedisConnection.class);
        }
        return null;
    }

    private static <T> T field(Object owner, Class<T> type) {
        if (owner == null) {
            return null;
        }
        for (Field f : owner.getClass().getDeclaredFields()) {
            if (type.isAssignableFrom(f.getType())) {
                try {
                    f.setAccessible(true);
                    return type.cast(f.get(owner));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private void consolidateFlushes(RedisConnection connection) {
        ChannelPipeline pipeline = channelPipeline(connection);
        if (pipeline == null) {
            if (!warnedNoConsolidation) {
                warnedNoConsolidation = true;
                LOG.warn("The Redis connection's socket cannot be reached: commands are pipelined but each write is "
                        + "flushed on its own");
            }
            return;
        }
        FlushConsolidationHandler handler = new FlushConsolidationHandler(FLUSH_AFTER_WRITES, true);
        // Next to Vert.x's own handler, so that a TLS handler further down encrypts the consolidated writes together.
        if (pipeline.get("handler") != null) {
            pipeline.addBefore("handler", FLUSH_HANDLER, handler);
        } else {
            pipeline.addFirst(FLUSH_HANDLER, handler);
        }
    }

    /** One event loop's connection. Its state changes only under its own lock. */
    private final class Lane {
        private final ContextInternal home;
        private Future<RedisConnection> connection;

        Lane(ContextInternal home) {
            this.home = home;
        }

        /** The open connection, or {@code null} when there is none yet (or it is still opening). */
        synchronized RedisConnection ready() {
            return connection != null && connection.succeeded() ? connection.result() : null;
        }

        /** The connection, opening one when there is none or the last attempt failed. */
        private synchronized Future<RedisConnection> connection() {
            if (connection == null || connection.failed()) {
                connection = open();
            }
            return connection;
        }

        private Future<RedisConnection> open() {
            Promise<RedisConnection> opened = home.promise();
            // On the loop's own context: the connection belongs to this event loop, never to one request's context.
            home.runOnContext(v -> client.connect().onComplete(result -> {
                if (result.failed()) {
                    opened.fail(result.cause());
                    return;
                }
                RedisConnection c = result.result();
                consolidateFlushes(c);
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
            ScheduledFuture<?> timer = home.nettyEventLoop().schedule(() -> {
                if (answer.tryFail(new TimeoutException())) {
                    // Its later answers would come after their callers gave up: start afresh.
                    reset(used);
                }
            }, timeoutMillis, TimeUnit.MILLISECONDS);
            if (used.succeeded()) {
                send(used.result(), write, answer, timer);
                return;
            }
            used.onComplete(opened -> {
                if (opened.succeeded()) {
                    send(opened.result(), write, answer, timer);
                } else {
                    timer.cancel(false);
                    answer.tryFail(opened.cause());
                }
            });
        }

        private <T> void send(RedisConnection c, Function<RedisConnection, Future<T>> write, Promise<T> answer,
                ScheduledFuture<?> timer) {
            write.apply(c).onComplete(reply -> {
                timer.cancel(false);
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
                RedisConnectionInternal socket = standalone(opened);
                if (socket != null) {
                    socket.forceClose();
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
