package dev.socialcrawl.gateway.redis;

import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;

import dev.socialcrawl.gateway.config.GatewayConfig;
import dev.socialcrawl.gateway.pipeline.GatewayException;

/**
 * Raw Redis commands with a bounded wait: when Redis is unreachable the request ends quickly with a clean 503
 * before anything is charged, instead of hanging.
 */
@ApplicationScoped
public class RedisCommands {
    private final ReactiveRedisDataSource redis;
    private final Redis bare;
    private final GatewayConfig config;

    public RedisCommands(ReactiveRedisDataSource redis, Redis bare, GatewayConfig config) {
        this.redis = redis;
        this.bare = bare;
        this.config = config;
    }

    public Uni<Response> execute(String command, String... args) {
        return bounded(redis.execute(command, args));
    }

    /**
     * Runs a Lua script by its digest (EVALSHA); only when Redis answers NOSCRIPT (first use, restart, SCRIPT
     * FLUSH) is the source sent (EVAL), which also files it for the next calls.
     */
    public Uni<Response> run(LuaScript script, List<String> keys, List<String> args) {
        return bounded(redis.execute(Command.EVALSHA, arguments(script.sha1(), keys, args))
                .onFailure(RedisCommands::noScript)
                .recoverWithUni(() -> redis.execute(Command.EVAL, arguments(script.source(), keys, args))));
    }

    /**
     * {@link #run} for a caller on an event loop that wants no Mutiny: the same EVALSHA (EVAL on NOSCRIPT), the
     * same bound timed by the loop itself, the same failures; the result is delivered on the caller's context.
     */
    public Future<io.vertx.redis.client.Response> runNow(LuaScript script, List<String> keys, List<String> args) {
        if (!(Vertx.currentContext() instanceof ContextInternal context) || !context.isEventLoopContext()
                || !Context.isOnEventLoopThread()) {
            return Future.fromCompletionStage(run(script, keys, args).map(Response::getDelegate)
                    .subscribeAsCompletionStage());
        }
        Promise<io.vertx.redis.client.Response> bounded = context.promise();
        ScheduledFuture<?> timer = context.nettyEventLoop().schedule(
                () -> failOnce(bounded, new TimeoutException()), config.redisTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        bare.send(request(Command.EVALSHA.getDelegate(), script.sha1(), keys, args))
                .recover(e -> noScript(e)
                        ? bare.send(request(Command.EVAL.getDelegate(), script.source(), keys, args))
                        : Future.failedFuture(e))
                .onComplete(reply -> {
                    timer.cancel(false);
                    if (reply.succeeded()) {
                        bounded.tryComplete(reply.result());
                    } else {
                        failOnce(bounded, reply.cause());
                    }
                });
        return bounded.future();
    }

    private static void failOnce(Promise<?> promise, Throwable cause) {
        if (!promise.future().isComplete()) {
            promise.tryFail(unavailable(cause));
        }
    }

    private static Request request(io.vertx.redis.client.Command command, String script, List<String> keys,
            List<String> args) {
        Request request = Request.cmd(command).arg(script).arg(keys.size());
        for (String key : keys) {
            request.arg(key);
        }
        for (String arg : args) {
            request.arg(arg);
        }
        return request;
    }

    /**
     * Fails the command after {@code gateway.redis-timeout}. On an event loop the wait is timed by that loop itself:
     * arming and cancelling the timer are then plain queue operations on the same thread, where Mutiny's shared
     * scheduler costs a lock, a wake-up of its thread and a worker-pool task for every command (cancelled timers
     * still fire there). A timeout found by the loop is handed back to the request's own Vert.x context, so the
     * rest of the request keeps its request id and CDI request context.
     */
    private Uni<Response> bounded(Uni<Response> command) {
        Context context = Vertx.currentContext();
        if (!(context instanceof ContextInternal internal) || !context.isEventLoopContext()
                || !Context.isOnEventLoopThread()) {
            return command.ifNoItem().after(config.redisTimeout()).fail()
                    .onFailure().transform(RedisCommands::unavailable);
        }
        return command.ifNoItem().after(config.redisTimeout()).on(internal.nettyEventLoop()).fail()
                .onFailure(TimeoutException.class).recoverWithUni(timeout -> Uni.createFrom()
                        .emitter(emitter -> context.runOnContext(v -> emitter.fail(timeout))))
                .onFailure().transform(RedisCommands::unavailable);
    }

    private static String[] arguments(String script, List<String> keys, List<String> args) {
        String[] all = new String[2 + keys.size() + args.size()];
        all[0] = script;
        all[1] = Integer.toString(keys.size());
        int i = 2;
        for (String key : keys) {
            all[i++] = key;
        }
        for (String arg : args) {
            all[i++] = arg;
        }
        return all;
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
