package dev.socialcrawl.gateway.redis;

import java.util.function.Function;

import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * One Redis command and how to read its reply. Only the owner of a key family builds the commands that touch it
 * (the cache its entries, the limiter its leases, …); {@link RedisClient} sends them, alone or several in one round
 * trip, without knowing what they mean.
 */
public record RedisOp<T>(Request request, Function<Response, T> reply) {

    public T read(Response response) {
        return reply.apply(response);
    }

    /** A write whose reply nobody reads. */
    public static RedisOp<Void> write(Request request) {
        return new RedisOp<>(request, r -> null);
    }
}
