package dev.socialcrawl.gateway.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import jakarta.inject.Singleton;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import dev.socialcrawl.gateway.config.GatewayConfig;
import dev.socialcrawl.gateway.wire.GatewayException;

/**
 * Sends the owners' {@link RedisOp}s over the gateway's pipelined connections ({@link RedisLanes}) with a bounded
 * wait: when Redis is unreachable or silent the request ends quickly with a clean 503 before anything is charged,
 * instead of hanging.
 */
@Singleton
public class RedisClient {
    private final RedisLanes lanes;
    private final GatewayConfig config;
    private final RedisSpans spans;

    public RedisClient(RedisLanes lanes, GatewayConfig config, RedisSpans spans) {
        this.lanes = lanes;
        this.config = config;
        this.spans = spans;
    }

    public <T> Uni<T> send(RedisOp<T> op) {
        if (op.plainRead()) {
            List<Request> one = List.of(op.request());
            return uni(() -> spans.end(spans.start(one), lanes.readAll(one, timeoutMillis()))
                    .map(replies -> op.read(replies.get(0))));
        }
        return uni(() -> roundTrip(op.request()).map(op::read));
    }

    /**
     * Several owners' commands written together: one write, one bound, their replies read by each op. When all of them
     * are plain reads they may share the write with other requests' reads ({@link RedisLanes#readAll}).
     */
    public Uni<Replies> sendAll(List<RedisOp<?>> ops) {
        List<Request> requests = new ArrayList<>(ops.size());
        boolean plainReads = true;
        for (RedisOp<?> op : ops) {
            requests.add(op.request());
            plainReads &= op.plainRead();
        }
        boolean shared = plainReads;
        return uni(() -> spans.end(spans.start(requests), shared ? lanes.readAll(requests, timeoutMillis())
                : lanes.sendAll(requests, timeoutMillis())).map(replies -> new Replies(ops, replies)));
    }

    /**
     * Runs a Lua script by its digest (EVALSHA); only when Redis answers NOSCRIPT (first use, restart, SCRIPT
     * FLUSH) is the source sent (EVAL), which also files it for the next calls.
     */
    public Uni<Response> run(LuaScript script, List<String> keys, List<String> args) {
        return uni(() -> roundTrip(script(Command.EVALSHA, script.sha1(), keys, args))
                .recover(e -> noScript(e)
                        ? roundTrip(script(Command.EVAL, script.source(), keys, args))
                        : Future.failedFuture(e)));
    }

    /** The replies of one {@link #sendAll}, each read by the op that asked for it. */
    public static final class Replies {
        private final List<RedisOp<?>> ops;
        private final List<Response> replies;

        Replies(List<RedisOp<?>> ops, List<Response> replies) {
            this.ops = ops;
            this.replies = replies;
        }

        public <T> T of(RedisOp<T> op) {
            for (int i = 0; i < ops.size(); i++) {
                if (ops.get(i) == op) {
                    return op.read(replies.get(i));
                }
            }
            throw new IllegalArgumentException("not an op of this batch");
        }
    }

    /** One command, one round trip (with its span when the request is traced). */
    private Future<Response> roundTrip(Request request) {
        return spans.end(spans.start(request), lanes.send(request, timeoutMillis()));
    }

    private long timeoutMillis() {
        return config.redisTimeout().toMillis();
    }

    /** Sends when subscribed, as a Uni should. */
    private static <T> Uni<T> uni(Supplier<Future<T>> send) {
        return Uni.createFrom().emitter(emitter -> send.get().onComplete(reply -> {
            if (reply.succeeded()) {
                emitter.complete(reply.result());
            } else {
                emitter.fail(unavailable(reply.cause()));
            }
        }));
    }

    private static Request script(Command command, String script, List<String> keys, List<String> args) {
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
        return cause instanceof GatewayException ? cause : GatewayException.redisUnavailable(cause);
    }
}
