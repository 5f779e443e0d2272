package dev.socialcrawl.system;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The upstream provider the proxy calls: a real HTTP server on a dynamic port whose answer per platform each
 * test sets. By default every platform answers 200 with a one-item list ({@code posts}).
 */
final class FakeUpstream implements AutoCloseable {
    static final String UPSTREAM_KEY = "upstream-secret-for-system-tests";

    /** What the upstream answers for one platform: status, JSON body, after a delay. */
    record Rule(int status, String body, Duration delay) {
        static Rule ok() {
            return new Rule(200, "{\"posts\":[{\"id\":\"p1\",\"title\":\"hello from the fake upstream\"}],\"has_more\":false}",
                    Duration.ZERO);
        }

        static Rule empty() {
            return new Rule(200, "{\"posts\":[]}", Duration.ZERO);
        }

        static Rule notFound() {
            return new Rule(404, "{\"message\":\"no such user\"}", Duration.ZERO);
        }

        static Rule serverError() {
            return new Rule(500, "{\"message\":\"upstream exploded\"}", Duration.ZERO);
        }

        Rule after(Duration d) {
            return new Rule(status, body, d);
        }
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, Rule> rules = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> maxInFlight = new ConcurrentHashMap<>();
    private final AtomicInteger wrongKey = new AtomicInteger();

    FakeUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    void rule(String platform, Rule rule) {
        rules.put(platform, rule);
    }

    void reset() {
        rules.clear();
        calls.clear();
        inFlight.clear();
        maxInFlight.clear();
        wrongKey.set(0);
    }

    int calls(String platform) {
        return counter(calls, platform).get();
    }

    int maxInFlight(String platform) {
        return counter(maxInFlight, platform).get();
    }

    int callsWithWrongKey() {
        return wrongKey.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String[] segments = exchange.getRequestURI().getPath().split("/");
        String platform = segments.length > 2 ? segments[2] : "";
        if (!UPSTREAM_KEY.equals(exchange.getRequestHeaders().getFirst("x-api-key"))) {
            wrongKey.incrementAndGet();
        }
        counter(calls, platform).incrementAndGet();
        int now = counter(inFlight, platform).incrementAndGet();
        counter(maxInFlight, platform).accumulateAndGet(now, Math::max);
        Rule rule = rules.getOrDefault(platform, Rule.ok());
        if (rule.delay().isZero()) {
            answer(exchange, rule, platform);
        } else {
            timer.schedule(() -> answer(exchange, rule, platform), rule.delay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void answer(HttpExchange exchange, Rule rule, String platform) {
        try (exchange) {
            byte[] body = rule.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(rule.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException e) {
            // the proxy gave up on this call (timeout); nothing to answer
        } finally {
            counter(inFlight, platform).decrementAndGet();
        }
    }

    private static AtomicInteger counter(Map<String, AtomicInteger> map, String platform) {
        return map.computeIfAbsent(platform, p -> new AtomicInteger());
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
        timer.shutdownNow();
    }
}
