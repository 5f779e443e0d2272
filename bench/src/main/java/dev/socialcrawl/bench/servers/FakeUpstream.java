package dev.socialcrawl.bench.servers;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake upstream provider (docs/api.md#running-an-install): {@code GET /v1/{platform}/{resource…}} answers 200
 * with a one-item list payload, so the proxy's list normalisation yields non-empty items. Anything else is 404.
 *
 * <p>Latency is a per-request choice, so one fake serves both the 0 ms and the 20 ms scenarios through the same
 * catalogue endpoint: a query value starting with {@code w<millis>_} (e.g. {@code handle=w20_abc}) is answered
 * after that many milliseconds, on a Vert.x timer (no thread blocks). Otherwise the default latency applies.
 */
public final class FakeUpstream {

    private static final Pattern LATENCY = Pattern.compile("^w(\\d{1,5})_");
    private static final Buffer BODY = Buffer.buffer("{\"posts\":[{\"id\":\"1\",\"title\":\"x\","
            + "\"text\":\"benchmark post\",\"create_time\":1700000000,\"like_count\":10,\"comment_count\":1}],"
            + "\"has_more\":false}");
    private static final Buffer NOT_FOUND = Buffer.buffer("{\"error\":\"not found\"}");

    private final LongAdder served = new LongAdder();
    private final LongAdder withApiKey = new LongAdder();
    private final long defaultLatencyMs;

    public FakeUpstream(long defaultLatencyMs) {
        this.defaultLatencyMs = defaultLatencyMs;
    }

    /** Starts the server and returns the bound port (see {@link BareServer#start} for port and instances). */
    public int start(Vertx vertx, String host, int port, int instances) {
        int[] bound = new int[1];
        vertx.deployVerticle(() -> new AbstractVerticle() {
            @Override
            public void start(Promise<Void> started) {
                vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true))
                        .requestHandler(req -> handle(vertx, req))
                        .listen(port, host)
                        .onSuccess(server -> {
                            bound[0] = server.actualPort();
                            started.complete();
                        })
                        .onFailure(started::fail);
            }
        }, new DeploymentOptions().setInstances(instances)).toCompletionStage().toCompletableFuture().join();
        return bound[0];
    }

    /** Requests answered 200 so far. */
    public long served() {
        return served.sum();
    }

    /** Of those, requests that carried an {@code x-api-key} header. */
    public long servedWithApiKey() {
        return withApiKey.sum();
    }

    private void handle(Vertx vertx, HttpServerRequest req) {
        String path = req.path();
        if (req.method().name().equals("GET") && path.startsWith("/v1/") && path.indexOf('/', 4) > 4) {
            long latency = latencyOf(req.params());
            if (req.getHeader("x-api-key") != null) {
                withApiKey.increment();
            }
            if (latency <= 0) {
                ok(req);
            } else {
                vertx.setTimer(latency, id -> ok(req));
            }
            return;
        }
        req.response().setStatusCode(404).putHeader("Content-Type", "application/json").end(NOT_FOUND);
    }

    private void ok(HttpServerRequest req) {
        served.increment();
        req.response().putHeader("Content-Type", "application/json").end(BODY);
    }

    long latencyOf(MultiMap params) {
        for (var entry : params) {
            Matcher m = LATENCY.matcher(entry.getValue());
            if (m.find()) {
                return Long.parseLong(m.group(1));
            }
        }
        return defaultLatencyMs;
    }
}
