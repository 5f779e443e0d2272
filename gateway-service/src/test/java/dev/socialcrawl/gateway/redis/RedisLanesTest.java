package dev.socialcrawl.gateway.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.TimeoutException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

/** The gateway's pipelined Redis connections (one per event loop) against the real local Redis. */
@QuarkusTest
class RedisLanesTest {
    private static final long BOUND_MS = 10_000;

    @Inject
    RedisLanes pipeline;
    @Inject
    Vertx vertx;
    @Inject
    RedisKeys keys;
    @ConfigProperty(name = "quarkus.redis.hosts")
    String hosts;

    @Test
    void aBurstFromOneTurnOfTheLoopIsPipelinedOnOneConnectionAndAnsweredInOrder() {
        String counter = keys.prefix() + "pipeline-test:" + UUID.randomUUID();
        Context loop = vertx.getOrCreateContext();
        long connection = clientId(loop);

        List<Response> replies = onLoop(loop, () -> {
            List<Future<Response>> sent = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                sent.add(pipeline.send(Request.cmd(Command.INCR).arg(counter), BOUND_MS));
            }
            return Future.all(sent).map(all -> all.<Response>list());
        });

        for (int i = 0; i < 200; i++) {
            assertEquals(i + 1, replies.get(i).toInteger(), "reply " + i + " answers command " + i);
        }
        assertEquals(connection, clientId(loop), "all on the loop's one connection");
        admin("DEL", counter);
    }

    @Test
    void aReplyIsDeliveredOnTheCallersOwnContext() {
        Context caller = io.smallrye.common.vertx.VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        Context seen = onLoop(caller, () -> pipeline.send(Request.cmd(Command.PING), BOUND_MS)
                .map(reply -> Vertx.currentContext()));
        assertEquals(caller, seen, "the request's (duplicated) context, not the connection's");
    }

    @Test
    void aRedisErrorFailsOnlyItsOwnCommand() {
        String key = keys.prefix() + "pipeline-test:" + UUID.randomUUID();
        Context loop = vertx.getOrCreateContext();
        List<Future<Response>> sent = onLoop(loop, () -> Future.succeededFuture(List.of(
                pipeline.send(Request.cmd(Command.SET).arg(key).arg("v"), BOUND_MS),
                pipeline.send(Request.cmd(Command.EVALSHA).arg("0000000000000000000000000000000000000000").arg(0),
                        BOUND_MS),
                pipeline.send(Request.cmd(Command.GET).arg(key), BOUND_MS))));
        assertEquals("OK", join(sent.get(0)).toString());
        Throwable noScript = failure(sent.get(1));
        assertTrue(noScript.getMessage().startsWith("NOSCRIPT"), noScript.getMessage());
        assertEquals("v", join(sent.get(2)).toString());
        admin("DEL", key);
    }

    @Test
    void commandsSentTogetherAreAnsweredInOrderAndOneErrorFailsThemAll() {
        String key = keys.prefix() + "pipeline-test:" + UUID.randomUUID();
        Context loop = vertx.getOrCreateContext();
        List<Response> replies = onLoop(loop, () -> pipeline.sendAll(List.of(Request.cmd(Command.SET).arg(key).arg("v"),
                Request.cmd(Command.MGET).arg(key).arg(key + ":absent"), Request.cmd(Command.STRLEN).arg(key)), BOUND_MS));
        assertEquals("OK", replies.get(0).toString());
        assertEquals("v", replies.get(1).get(0).toString());
        assertNull(replies.get(1).get(1), "a missing key is a null element");
        assertEquals(1, replies.get(2).toInteger());

        Future<List<Response>> failing = onLoop(loop, () -> Future.succeededFuture(pipeline.sendAll(List.of(
                Request.cmd(Command.GET).arg(key),
                Request.cmd(Command.EVALSHA).arg("0000000000000000000000000000000000000000").arg(0)), BOUND_MS)));
        Throwable failed = failure(failing);
        assertTrue(String.valueOf(failed.getMessage()).contains("NOSCRIPT"), String.valueOf(failed));
        admin("DEL", key);
    }

    @Test
    void readsQueuedInOneTurnLeaveInOneWriteAndEachRequestGetsItsOwnReplies() {
        String key = keys.prefix() + "pipeline-test:" + UUID.randomUUID();
        admin("SET", key, "v");
        Context loop = vertx.getOrCreateContext();
        clientId(loop); // the lane's connection is open before the count starts
        long readsBefore = redisReadsProcessed();
        List<List<Response>> replies = onLoop(loop, () -> {
            List<Future<List<Response>>> sent = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                sent.add(pipeline.readAll(List.of(Request.cmd(Command.GET).arg(key),
                        Request.cmd(Command.EXISTS).arg(key + ":" + i)), BOUND_MS));
            }
            return Future.all(sent).map(all -> all.<List<Response>>list());
        });
        long reads = redisReadsProcessed() - readsBefore;
        for (List<Response> own : replies) {
            assertEquals(2, own.size(), "its own two replies");
            assertEquals("v", own.get(0).toString());
            assertEquals(0, own.get(1).toInteger());
        }
        // One socket read for the lane's write of 200 commands, one for each INFO; a little room for other clients.
        assertTrue(reads < 20, "Redis read " + reads + " times for 100 requests' reads");
        admin("DEL", key);
    }

    @Test
    void aReadThatFailsAmongOtherRequestsReadsFailsOnlyItsOwnRequest() {
        String key = keys.prefix() + "pipeline-test:" + UUID.randomUUID();
        String list = key + ":list";
        admin("SET", key, "v");
        admin("RPUSH", list, "x");
        Context loop = vertx.getOrCreateContext();
        List<Future<List<Response>>> sent = onLoop(loop, () -> Future.succeededFuture(List.of(
                pipeline.readAll(List.of(Request.cmd(Command.GET).arg(key)), BOUND_MS),
                pipeline.readAll(List.of(Request.cmd(Command.GET).arg(key), Request.cmd(Command.GET).arg(list)),
                        BOUND_MS),
                pipeline.readAll(List.of(Request.cmd(Command.EXISTS).arg(list)), BOUND_MS))));
        assertEquals("v", join(sent.get(0)).get(0).toString());
        Throwable wrongType = failure(sent.get(1));
        assertTrue(String.valueOf(wrongType.getMessage()).contains("WRONGTYPE"), String.valueOf(wrongType));
        assertEquals(1, join(sent.get(2)).get(0).toInteger());
        admin("DEL", key, list);
    }

    @Test
    void aConnectionClosedByRedisIsReplacedByTheNextCommand() {
        Context loop = vertx.getOrCreateContext();
        long first = clientId(loop);
        assertEquals(":1", admin("CLIENT", "KILL", "ID", Long.toString(first)));
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                .until(() -> clientId(loop) != first);
        assertEquals(clientId(loop), clientId(loop), "the new connection stays");
    }

    @Test
    void aCommandPastItsBoundFailsAndItsConnectionIsClosed() {
        Context loop = vertx.getOrCreateContext();
        long before = clientId(loop);
        String list = keys.prefix() + "pipeline-test:" + UUID.randomUUID();
        Future<Response> blocked = onLoop(loop,
                () -> Future.succeededFuture(pipeline.send(Request.cmd(Command.BLPOP).arg(list).arg(5), 300)));
        long started = System.nanoTime();
        assertInstanceOf(TimeoutException.class, failure(blocked));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < 4_000, "failed at its bound");
        assertNotEquals(before, clientId(loop), "a later command runs on a new connection");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !admin("CLIENT", "LIST").contains("id=" + before + " "));
    }

    private long clientId(Context loop) {
        return onLoop(loop, () -> pipeline.send(Request.cmd(Command.CLIENT).arg("ID"), BOUND_MS)).toLong();
    }

    /** Runs {@code work} on the loop's context (one turn of it) and waits for the future it returns. */
    private static <T> T onLoop(Context loop, java.util.function.Supplier<Future<T>> work) {
        CompletableFuture<T> done = new CompletableFuture<>();
        loop.runOnContext(v -> work.get().onComplete(r -> {
            if (r.succeeded()) {
                done.complete(r.result());
            } else {
                done.completeExceptionally(r.cause());
            }
        }));
        return done.orTimeout(30, TimeUnit.SECONDS).join();
    }

    private static <T> T join(Future<T> f) {
        return f.toCompletionStage().toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
    }

    private static Throwable failure(Future<?> f) {
        try {
            join(f);
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("the command succeeded");
    }

    /** Redis' count of socket reads it has processed, from every client (INFO stats). */
    private long redisReadsProcessed() {
        for (String line : admin("INFO", "stats").split("\r\n")) {
            if (line.startsWith("total_reads_processed:")) {
                return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        throw new AssertionError("INFO stats has no total_reads_processed");
    }

    /** One command over a plain socket of its own: ":n" for integers, "+text", or the bulk text. */
    private String admin(String... args) {
        URI uri = URI.create(hosts.split(",")[0].trim());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379)) {
            socket.setSoTimeout(10_000);
            StringBuilder command = new StringBuilder("*").append(args.length).append("\r\n");
            for (String arg : args) {
                command.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg)
                        .append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(command.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            String first = in.readLine();
            if (first.startsWith("$")) {
                char[] body = new char[Integer.parseInt(first.substring(1))];
                int read = 0;
                while (read < body.length) {
                    read += in.read(body, read, body.length - read);
                }
                return new String(body);
            }
            return first;
        } catch (IOException e) {
            throw new AssertionError("Redis admin command " + String.join(" ", args) + " failed", e);
        }
    }
}
