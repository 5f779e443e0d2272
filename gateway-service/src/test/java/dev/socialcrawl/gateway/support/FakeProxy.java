package dev.socialcrawl.gateway.support;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * upstream-proxy-service's internal API, controlled per test: a behaviour is chosen by a query param value the
 * test made unique (e.g. {@code handle=t-123}). Unmatched requests get 200 with usable data. Every call is
 * recorded with its path, params and X-Request-Id.
 */
public final class FakeProxy {
    /** The gateway's {@code proxy.internal-token} in the test profile. */
    public static final String TOKEN = "test-proxy-token";
    public record Call(String path, Map<String, String> params, String requestId) {
    }

    /** What the fake answers; {@code gate}, when set, holds the answer until the test opens it. */
    public record Behaviour(int status, String body, Map<String, String> headers, CountDownLatch gate) {
        public static Behaviour ok(String data) {
            return new Behaviour(200, data, Map.of(), null);
        }

        public static Behaviour error(int status, String type, Map<String, String> headers) {
            String body;
            try {
                body = JsonHttp.MAPPER.writeValueAsString(JsonHttp.envelope(type, "proxy says " + type, status, null));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return new Behaviour(status, body, headers, null);
        }

        public Behaviour heldUntil(CountDownLatch latch) {
            return new Behaviour(status, body, headers, latch);
        }
    }

    private final HttpServer server;
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile String statusBody = "{\"replica\":\"fake\",\"platforms\":{}}";

    FakeProxy() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/proxy/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void on(String token, Behaviour behaviour) {
        behaviours.put(token, behaviour);
    }

    public void statusBody(String json) {
        statusBody = json;
    }

    public List<Call> callsWith(String token) {
        return calls.stream().filter(c -> c.params().containsValue(token)).toList();
    }

    public int inFlight() {
        return inFlight.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            if (!TOKEN.equals(ex.getRequestHeaders().getFirst("X-Internal-Token"))) {
                // As the real proxy does: only the gateway, holding the service token, gets anything.
                JsonHttp.send(ex, 401, JsonHttp.envelope("INVALID_API_KEY",
                        "Missing or invalid internal service token.", 401, null), Map.of());
                return;
            }
            String path = ex.getRequestURI().getPath();
            if (path.equals("/proxy/status")) {
                JsonHttp.send(ex, 200, statusBody, Map.of());
                return;
            }
            Map<String, String> params = JsonHttp.query(ex.getRequestURI().getRawQuery());
            calls.add(new Call(path, params, ex.getRequestHeaders().getFirst("X-Request-Id")));
            Behaviour b = params.values().stream().map(behaviours::get).filter(java.util.Objects::nonNull)
                    .findFirst().orElse(Behaviour.ok("{\"author\":{\"handle\":\"someone\",\"followers\":12}}"));
            inFlight.incrementAndGet();
            try {
                if (b.gate() != null && !b.gate().await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("a held request was never released");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inFlight.decrementAndGet();
            }
            JsonHttp.send(ex, b.status(), b.body(), b.headers());
        } finally {
            ex.close();
        }
    }

    void stop() {
        server.stop(0);
    }
}
