package dev.socialcrawl.gateway.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;

/**
 * What the gateway's one adapter to Vert.x internals promises, against the Vert.x and Redis client this build
 * resolves: a Vert.x or Quarkus upgrade that changes either fails here, not in production.
 */
@QuarkusTest
class VertxAdapterTest {
    @Inject
    Vertx vertx;
    @Inject
    LaneOptions options;

    @Test
    void aPromiseCompletedFromAnotherThreadNotifiesOnItsCallersContext() {
        Context caller = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        CompletableFuture<Context> seen = new CompletableFuture<>();
        caller.runOnContext(v -> {
            Promise<String> promise = VertxAdapter.promiseOn(caller);
            promise.future().onComplete(r -> seen.complete(Vertx.currentContext()));
            new Thread(() -> promise.complete("done"), "not-a-vertx-thread").start();
        });
        assertEquals(caller, seen.orTimeout(30, TimeUnit.SECONDS).join());
    }

    @Test
    void aLaneConnectionIsClosedOutright() {
        Redis redis = Redis.createClient(vertx, options.copy());
        CompletableFuture<RedisConnection> opened = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(v -> redis.connect().onComplete(r -> {
            if (r.succeeded()) {
                opened.complete(r.result());
            } else {
                opened.completeExceptionally(r.cause());
            }
        }));
        RedisConnection connection = opened.orTimeout(30, TimeUnit.SECONDS).join();
        CompletableFuture<Void> ended = new CompletableFuture<>();
        connection.endHandler(v -> ended.complete(null));
        long id = connection.send(Request.cmd(Command.CLIENT).arg("ID")).toCompletionStage().toCompletableFuture()
                .orTimeout(30, TimeUnit.SECONDS).join().toLong();

        assertTrue(VertxAdapter.forceClose(connection), "the adapter reaches the connection's socket");

        ended.orTimeout(30, TimeUnit.SECONDS).join();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !clientList(redis).contains("id=" + id + " "));
        redis.close();
    }

    private String clientList(Redis redis) {
        CompletableFuture<String> list = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(v -> redis.send(Request.cmd(Command.CLIENT).arg("LIST"))
                .onComplete(r -> list.complete(r.succeeded() ? r.result().toString() : "")));
        return list.orTimeout(30, TimeUnit.SECONDS).join();
    }
}
