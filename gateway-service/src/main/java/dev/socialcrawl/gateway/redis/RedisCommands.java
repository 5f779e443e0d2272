package dev.socialcrawl.gateway.redis;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

import dev.socialcrawl.gateway.config.GatewayConfig;
import dev.socialcrawl.gateway.pipeline.GatewayException;

/**
 * Raw Redis commands with a bounded wait: when Redis is unreachable the request ends quickly with a clean 503
 * before anything is charged, instead of hanging.
 */
@ApplicationScoped
public class RedisCommands {
    private final ReactiveRedisDataSource redis;
    private final GatewayConfig config;

    public RedisCommands(ReactiveRedisDataSource redis, GatewayConfig config) {
        this.redis = redis;
        this.config = config;
    }

    public Uni<Response> execute(String command, String... args) {
        return redis.execute(command, args)
                .ifNoItem().after(config.redisTimeout()).fail()
                .onFailure().transform(RedisCommands::unavailable);
    }

    /** Runs a Lua script (EVAL); Redis keeps the compiled script cached by its digest. */
    public Uni<Response> eval(String script, List<String> keys, List<String> args) {
        List<String> all = new ArrayList<>(2 + keys.size() + args.size());
        all.add(script);
        all.add(Integer.toString(keys.size()));
        all.addAll(keys);
        all.addAll(args);
        return execute("EVAL", all.toArray(String[]::new));
    }

    private static Throwable unavailable(Throwable cause) {
        if (cause instanceof GatewayException) {
            return cause;
        }
        return GatewayException.redisUnavailable(cause);
    }
}
