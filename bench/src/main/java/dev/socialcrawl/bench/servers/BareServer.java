package dev.socialcrawl.bench.servers;

import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;

/**
 * The machine's limit: a loopback HTTP server that answers every request with the same JSON body, about the
 * size of a gateway cache hit, without parsing anything. Deployed once per event loop so it can use every core.
 */
public final class BareServer {

    /** Shaped like a small gateway success envelope. */
    static final Buffer BODY = Buffer.buffer("{\"success\":true,\"platform\":\"tiktok\","
            + "\"endpoint\":\"/v1/tiktok/user/following\",\"data\":{\"items\":[{\"id\":\"1\",\"title\":\"x\"}]},"
            + "\"credits_used\":0,\"credits_remaining\":4999,\"request_id\":\"req-bare0000000000000000000\","
            + "\"cached\":true}");

    private BareServer() {
    }

    /**
     * Starts the server and returns the bound port. With {@code instances > 1} the port must be fixed (not 0):
     * Vert.x shares one listening port between instances only when they ask for the same one.
     */
    public static int start(Vertx vertx, String host, int port, int instances) {
        int[] bound = new int[1];
        vertx.deployVerticle(() -> new AbstractVerticle() {
            @Override
            public void start(Promise<Void> started) {
                vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true))
                        .requestHandler(req -> req.response()
                                .putHeader("Content-Type", "application/json")
                                .end(BODY))
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
}
