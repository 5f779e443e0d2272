package dev.socialcrawl.gateway.redis;

import java.util.List;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;

import dev.socialcrawl.gateway.config.GatewayConfig;
import dev.socialcrawl.gateway.pipeline.GatewayException;

/**
 * Raw Redis commands with a bounded wait, over the gateway's pipelined connections ({@link RedisPipeline}): when
 * Redis is unreachable or silent the request ends quickly with a clean 503 before anything is charged, instead of
 * hanging.
 */
@Singleton
public class RedisCommands {
    private final RedisPipeline pipeline;
    private final GatewayConfig config;

    public RedisCommands(RedisPipeline pipeline, GatewayConfig config) {
        this.pipeline = pipeline;
        this.config = config;
    }

    public Uni<Response> execute(String command, String... args) {
        Request request = Request.cmd(Command.create(command));
        for (String arg : args) {
            request.arg(arg);
        }
        return uni(() -> send(request));
    }

    /**
     * Runs a Lua script by its digest (EVALSHA); only when Redis answers NOSCRIPT (first use, restart, SCRIPT
     * FLUSH) is the source sent (EVAL), which also files it for the next calls.
     */
    public Uni<Response> run(LuaScript script, List<String> keys, List<String> args) {
        return uni(() -> runNow(script, keys, args));
    }

    /** {@link #run} for a caller that wants no Mutiny; the result is delivered on the caller's context. */
    public Future<io.vertx.redis.client.Response> runNow(LuaScript script, List<String> keys, List<String> args) {
        return send(request(Command.EVALSHA, script.sha1(), keys, args))
                .recover(e -> noScript(e) ? send(request(Command.EVAL, script.source(), keys, args))
                        : Future.failedFuture(e))
                .recover(e -> Future.failedFuture(unavailable(e)));
    }

    /** Several commands written together ({@link RedisPipeline#sendAll}); their replies in order. */
    public Future<List<io.vertx.redis.client.Response>> sendAllNow(List<Request> requests) {
        return pipeline.sendAll(requests, config.redisTimeout().toMillis())
                .recover(e -> Future.failedFuture(unavailable(e)));
    }

    private Future<io.vertx.redis.client.Response> send(Request request) {
        return pipeline.send(request, config.redisTimeout().toMillis());
    }

    private static Uni<Response> uni(java.util.function.Supplier<Future<io.vertx.redis.client.Response>> command) {
        return Uni.createFrom().emitter(emitter -> command.get().onComplete(reply -> {
            if (reply.succeeded()) {
                emitter.complete(reply.result() == null ? null : Response.newInstance(reply.result()));
            } else {
                emitter.fail(unavailable(reply.cause()));
            }
        }));
    }

    private static Request request(Command command, String script, List<String> keys, List<String> args) {
        Request request = Request.cmd(command).arg(script).arg(keys.size());
        for (String key : keys) {
            request.arg(key);
        }
        for (String arg : args) {
            request.arg(arg);
        }
        return request;
    }

    private static boolean noScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
    }

    private static Throwable unavailable(Throwable cause) {
        if (cause instanceof GatewayException) {
            return cause;
        }
        return GatewayException.redisUnavailable(cause);
    }
}
