package dev.socialcrawl.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.socialcrawl.bench.servers.BareServer;
import dev.socialcrawl.bench.suite.Ports;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadGeneratorTest {

    private static Vertx servers;
    private static LoadGenerator generator;

    @BeforeAll
    static void start() {
        servers = Vertx.vertx();
        generator = new LoadGenerator();
        // a cold client stalls on class loading; the tests below measure a warm one
        int port = BareServer.start(servers, "127.0.0.1", 0, 1);
        generator.run(LoadSpec.of("cold start", 100, Duration.ZERO, Duration.ofMillis(500), 4),
                seq -> RequestSpec.get("127.0.0.1", port, "/", Map.of()));
    }

    @AfterAll
    static void stop() {
        generator.close();
        servers.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void theSchedulerSendsTheOfferedRateToTheBareServerAndCountsOnlyTheMeasuredWindow() {
        int port = BareServer.start(servers, "127.0.0.1", 0, 1);
        LoadSpec spec = LoadSpec.of("bare", 200, Duration.ofMillis(250), Duration.ofMillis(1500), 4);

        LoadResult result = generator.run(spec, seq -> RequestSpec.get("127.0.0.1", port, "/anything", Map.of()));

        assertTrue(Math.abs(result.scheduled() - 300) <= 2, "300 requests scheduled in 1.5 s at 200/s, was " + result.scheduled());
        assertEquals(result.scheduled(), result.completed(), "every measured request answered");
        assertEquals(0, result.errors());
        assertEquals(Map.of("200", result.completed()), result.statusCounts());
        assertTrue(result.achievedRps() > 150 && result.achievedRps() < 250,
                "achieved throughput near the offered 200/s, was " + result.achievedRps());
        assertEquals(result.completed(), result.latency().count(), "one latency sample per measured response");
    }

    @Test
    void aTraceHasOneLinePerMeasuredRequestWithItsScheduledTimeLatencyAndStatus(@TempDir Path dir) throws Exception {
        AtomicLong received = new AtomicLong();
        int port = servers.createHttpServer().requestHandler(req -> {
            if (received.incrementAndGet() % 10 == 0) {
                servers.setTimer(40, id -> req.response().setStatusCode(503).end("{}"));
            } else {
                req.response().end("{}");
            }
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
        LoadSpec spec = LoadSpec.of("traced run/1", 100, Duration.ofMillis(200), Duration.ofSeconds(1), 4);
        long before = System.currentTimeMillis();

        try (LoadGenerator traced = new LoadGenerator(dir)) {
            LoadResult first = traced.run(spec, seq -> RequestSpec.get("127.0.0.1", port, "/", Map.of()));
            traced.run(spec, seq -> RequestSpec.get("127.0.0.1", port, "/", Map.of()));

            List<String> lines = Files.readAllLines(dir.resolve("traced_run_1.tsv"));
            assertEquals("scheduled_epoch_us\tlatency_us\tservice_us\tstatus", lines.get(0));
            assertEquals(first.completed(), lines.size() - 1, "one line per measured answer, none for the warm-up");
            long slow = 0;
            for (String line : lines.subList(1, lines.size())) {
                long[] f = java.util.Arrays.stream(line.split("\t")).mapToLong(Long::parseLong).toArray();
                assertTrue(f[0] / 1000 >= before + 190 && f[0] / 1000 <= System.currentTimeMillis(),
                        "scheduled after the warm-up, in wall-clock µs: " + line);
                assertTrue(f[1] >= f[2] && f[2] >= 0, "latency from the schedule covers the service time: " + line);
                if (f[3] == 503) {
                    slow++;
                    assertTrue(f[1] >= 40_000, "the slow answers are the 503s: " + line);
                } else {
                    assertEquals(200, f[3], line);
                }
            }
            assertTrue(slow >= 8, "every tenth request answered 503 after 40 ms, was " + slow);
            assertTrue(Files.exists(dir.resolve("traced_run_1-2.tsv")),
                    "a second run of the same name keeps the first");
        }
    }

    @Test
    void aStallShowsInTheP99AndMaxOfEveryRequestQueuedBehindItInsteadOfBeingHidden() {
        AtomicLong received = new AtomicLong();
        int port = servers.createHttpServer().requestHandler(req -> {
            if (received.incrementAndGet() == 100) {
                servers.setTimer(300, id -> req.response().end("{}"));
            } else {
                req.response().end("{}");
            }
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
        LoadSpec spec = LoadSpec.of("stall", 100, Duration.ZERO, Duration.ofSeconds(2), 1);

        LoadResult result = generator.run(spec, seq -> RequestSpec.get("127.0.0.1", port, "/", Map.of()));

        assertEquals(0, result.errors());
        assertTrue(result.latency().max() >= 250, "the 300 ms stall is the max, was " + result.latency().max());
        assertTrue(result.latency().p99() >= 200,
                "about 30 requests waited behind the stall, so p99 from the scheduled time is large, was "
                        + result.latency().p99());
        assertTrue(result.serviceTime().p90() < result.latency().p99(),
                "service time (what a closed-loop tool reports) hides the queueing: p90 "
                        + result.serviceTime().p90() + " ms");
        assertEquals(2, result.timeline().size(), "one summary per second of the 2 s window");
        assertEquals(result.completed(), result.timeline().stream().mapToLong(SecondSummary::count).sum());
        assertTrue(SecondSummary.worst(result.timeline()).max() >= 250, "the stall is in the worst second");
    }

    @Test
    void errorStatusesAreCountedByStatusAndRefusedConnectionsByKind() {
        AtomicLong received = new AtomicLong();
        int port = servers.createHttpServer()
                .requestHandler(req -> req.response().setStatusCode(received.incrementAndGet() % 2 == 0 ? 503 : 200).end())
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
        LoadSpec spec = LoadSpec.of("mixed", 100, Duration.ZERO, Duration.ofSeconds(1), 2);

        LoadResult mixed = generator.run(spec, seq -> RequestSpec.get("127.0.0.1", port, "/", Map.of()));

        long ok = mixed.statusCounts().getOrDefault("200", 0L);
        long unavailable = mixed.statusCounts().getOrDefault("503", 0L);
        assertEquals(mixed.completed(), ok + unavailable);
        assertTrue(unavailable >= 40, "half the answers are 503, was " + mixed.statusCounts());
        assertEquals(unavailable, mixed.errors());
        assertTrue(mixed.successRps() < mixed.achievedRps());

        int closed = Ports.free();
        LoadResult refused = generator.run(spec.withName("refused").withTimeout(Duration.ofSeconds(2)),
                seq -> RequestSpec.get("127.0.0.1", closed, "/", Map.of()));

        assertEquals(0, refused.completed());
        assertEquals(refused.scheduled(), refused.errors());
        assertEquals(Map.of("connect", refused.scheduled()), refused.errorKinds());
    }

    @Test
    void theMeasuredWindowOpensAfterTheWarmUpAndClosesAtTheEndOfTheScheduleBeforeTheLastAnswers() {
        int port = servers.createHttpServer().requestHandler(req -> servers.setTimer(300, id -> req.response().end()))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
        LoadSpec spec = LoadSpec.of("window", 100, Duration.ofMillis(500), Duration.ofSeconds(1), 64);
        long[] at = new long[2];
        long begin = System.nanoTime();

        LoadResult result = generator.run(spec, seq -> RequestSpec.get("127.0.0.1", port, "/", Map.of()),
                new LoadGenerator.MeasuredWindow() {
                    @Override
                    public void opened() {
                        at[0] = System.nanoTime();
                    }

                    @Override
                    public void closed() {
                        at[1] = System.nanoTime();
                    }
                });
        long returned = System.nanoTime();

        double openedMs = (at[0] - begin) / 1e6;
        double windowMs = (at[1] - at[0]) / 1e6;
        assertTrue(openedMs >= 500 && openedMs < 700, "opened after the 500 ms warm-up, was " + openedMs + " ms");
        assertTrue(windowMs >= 980 && windowMs < 1100, "the 1 s measured window, was " + windowMs + " ms");
        assertTrue((returned - at[1]) / 1e6 >= 250, "closed before the answers still in flight (300 ms) arrived");
        assertEquals(result.scheduled(), result.completed());
    }

    @Test
    void everyRequestComesFromTheSupplierWithItsOwnUrlHeadersAndBody() {
        Map<String, String> seen = new java.util.concurrent.ConcurrentHashMap<>();
        int port = servers.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            seen.put(req.uri(), req.getHeader("X-Seq") + "|" + body);
            req.response().end();
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join().actualPort();
        LoadSpec spec = LoadSpec.of("unique", 50, Duration.ZERO, Duration.ofSeconds(1), 2);

        LoadResult result = generator.run(spec, seq -> RequestSpec.postJson("127.0.0.1", port, "/r?n=" + seq,
                Map.of("X-Seq", Long.toString(seq)), "{\"n\":" + seq + "}"));

        assertEquals(result.scheduled(), seen.size(), "one distinct URL per request");
        assertEquals("7|{\"n\":7}", seen.get("/r?n=7"));
    }
}
