package dev.socialcrawl.gateway.redis;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.impl.ContextInternal;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.impl.PooledRedisConnection;
import io.vertx.redis.client.impl.RedisConnectionInternal;

/**
 * The gateway's only use of Vert.x internals (architecture guarantee 7), for the Redis lanes: a promise that
 * completes on its caller's context without a hop through the event loop's task queue, and closing a lane's socket
 * outright (a pooled connection's {@code close()} only returns it to the pool, where a silent Redis would hand it
 * back). {@code VertxAdapterTest} fails when a Vert.x upgrade changes either.
 */
final class VertxAdapter {
    private VertxAdapter() {
    }

    /** A promise whose listeners run on {@code caller}, however the reply that completes it arrived. */
    static <T> Promise<T> promiseOn(Context caller) {
        return ((ContextInternal) caller).promise();
    }

    /** Closes the connection's socket; {@code false} when the connection is of a kind this cannot reach. */
    static boolean forceClose(RedisConnection connection) {
        RedisConnectionInternal socket = connection instanceof PooledRedisConnection pooled ? pooled.actual()
                : connection instanceof RedisConnectionInternal internal ? internal : null;
        if (socket == null) {
            return false;
        }
        socket.forceClose();
        return true;
    }
}
