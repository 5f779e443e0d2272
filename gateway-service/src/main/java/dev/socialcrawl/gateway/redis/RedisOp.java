package dev.socialcrawl.gateway.redis;

import java.util.function.Function;

import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/**
 * One Redis command and how to read its reply. Only the owner of a key family builds the commands that touch it
 * (the cache its entries, the limiter its leases, …); {@link RedisClient} sends them, alone or several in one round
 * trip, without knowing what they mean. {@code plainRead} marks a command that changes nothing (GET, EXISTS, ZCOUNT,
 * …): it may share its write with other requests' reads and be sent again ({@link RedisLanes#readAll}).
 */
public record RedisOp<T>(Request request, Function<Response, T> reply, boolean plainRead) {

    /** A command that may change something: sent as it is, exactly once. */
    public RedisOp(Request request, Function<Response, T> reply) {
        this(request, reply, false);
    }

    /** A command that changes nothing. */
    public static <T> RedisOp<T> read(Request request, Function<Response, T> reply) {
        return new RedisOp<>(request, reply, true);
    }

    public T read(Response response) {
        return reply.apply(response);
    }

    /** A write whose reply nobody reads. */
    public static RedisOp<Void> write(Request request) {
        return new RedisOp<>(request, r -> null);
    }
}
