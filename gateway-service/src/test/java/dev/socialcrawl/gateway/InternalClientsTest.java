package dev.socialcrawl.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.core.Vertx;

import dev.socialcrawl.catalog.Catalog;
import dev.socialcrawl.catalog.Endpoint;
import dev.socialcrawl.errors.ErrorCode;
import dev.socialcrawl.gateway.billing.BillingClient;
import dev.socialcrawl.gateway.billing.BillingDtos.KeyInfo;
import dev.socialcrawl.gateway.billing.BillingDtos.LedgerResult;
import dev.socialcrawl.gateway.billing.DebitOutcome;
import dev.socialcrawl.gateway.config.GatewayConfig;
import dev.socialcrawl.gateway.proxy.ProxyClient;
import dev.socialcrawl.gateway.proxy.ProxyOutcome;

/**
 * The billing and proxy clients against real HTTP servers: what they send (path, query, headers, body), how every
 * answer maps to an outcome, and that no answer (refused connection, read timeout) is a failure, never an outcome.
 */
class InternalClientsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** What the fake answers to one path. */
    private record Answer(int status, String body, Map<String, String> headers, long delayMs) {
    }

    private record Seen(String method, String path, String rawQuery, Map<String, String> headers, String body) {
    }

    private Vertx vertx;
    private HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    /** Holds a delayed answer until the test ends (or its delay passes), whichever comes first. */
    private final CountDownLatch testEnded = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        vertx = Vertx.vertx();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        testEnded.countDown();
        server.stop(0);
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aDebitSendsTheTokenTheRequestIdAndJsonAndReadsTheBalance() {
        answer("/internal/debits", 200, "{\"request_id\":\"req-1\",\"amount\":5,\"balance\":95,\"replayed\":false}");
        DebitOutcome outcome = billing(url()).debit("req-1", 42, 5, "/v1/tiktok/profile").await().atMost(WAIT);
        assertEquals(new DebitOutcome.Debited(95), outcome);
        Seen s = seen.get(0);
        assertEquals("POST", s.method());
        assertEquals("tok", s.headers().get("x-internal-token"));
        assertEquals("req-1", s.headers().get("x-request-id"));
        assertTrue(s.headers().get("content-type").startsWith("application/json"));
        JsonNode body = read(s.body());
        assertEquals("req-1", body.path("request_id").asText());
        assertEquals(42, body.path("account_id").asLong());
        assertEquals(5, body.path("amount").asLong());
        assertEquals("/v1/tiktok/profile", body.path("endpoint").asText());
    }

    @Test
    void aDebitRefusedFor402IsInsufficientWithBillingsBalanceAndMessage() {
        answer("/internal/debits", 402, "{\"success\":false,\"error\":{\"type\":\"INSUFFICIENT_CREDITS\","
                + "\"message\":\"Your account has 2 credits remaining.\",\"status\":402},\"credits_remaining\":2}");
        DebitOutcome outcome = billing(url()).debit("req-2", 42, 5, "/v1/x").await().atMost(WAIT);
        assertEquals(new DebitOutcome.Insufficient(2, "Your account has 2 credits remaining."), outcome);
    }

    @Test
    void anyOtherStatusIsAFailureNotAnOutcome() {
        answer("/internal/debits", 503, "{}");
        answer("/internal/refunds", 500, "");
        answer("/internal/settlements", 401, "{}");
        BillingClient billing = billing(url());
        assertThrows(IllegalStateException.class, () -> billing.debit("r", 1, 1, "/v1/x").await().atMost(WAIT));
        assertThrows(IllegalStateException.class, () -> billing.refund("r").await().atMost(WAIT));
        assertThrows(IllegalStateException.class, () -> billing.settle(List.of("r"), "r").await().atMost(WAIT));
    }

    @Test
    void theProxyStatusIsAskedWithTheTokenAndItsBodyReadOnlyOn200() {
        answer("/proxy/status", 200, "{\"platforms\":{}}");
        assertEquals(Optional.of("{\"platforms\":{}}"), proxy(url()).status("req-s").await().atMost(WAIT));
        assertEquals("proxy-tok", seen.get(0).headers().get("x-internal-token"));
        answer("/proxy/status", 401, "{}");
        assertEquals(Optional.empty(), proxy(url()).status("req-s").await().atMost(WAIT));
    }

    @Test
    void aRefundOfNoDebitIsEmptyAndARefundIsItsLedgerResult() {
        answer("/internal/refunds", 404, "{}");
        assertEquals(Optional.empty(), billing(url()).refund("none").await().atMost(WAIT));
        answer("/internal/refunds", 200, "{\"request_id\":\"r\",\"amount\":3,\"balance\":10,\"replayed\":true}");
        assertEquals(Optional.of(new LedgerResult("r", 3, 10, true)), billing(url()).refund("r").await().atMost(WAIT));
        assertEquals("{\"request_id\":\"r\"}", seen.get(1).body().replace(" ", ""));
    }

    @Test
    void aSettlementSendsEveryIdInOneBody() {
        answer("/internal/settlements", 200, "{\"settled\":2}");
        billing(url()).settle(List.of("a", "b"), "a").await().atMost(WAIT);
        assertEquals(List.of("a", "b"), MAPPER.convertValue(read(seen.get(0).body()).path("request_ids"), List.class));
    }

    @Test
    void aKeyIsReadWithItsExpiryAndAnUnknownOrMalformedHashIsEmpty() {
        answer("/internal/keys/abc", 200,
                "{\"account_id\":7,\"key_id\":9,\"status\":\"active\",\"expires_at\":\"2030-01-01T00:00:00Z\"}");
        answer("/internal/keys/nope", 404, "{}");
        answer("/internal/keys/bad", 400, "{}");
        BillingClient billing = billing(url());
        assertEquals(Optional.of(new KeyInfo(7, 9, "active", Instant.parse("2030-01-01T00:00:00Z"))),
                billing.key("abc", "req-k").await().atMost(WAIT));
        assertEquals(Optional.empty(), billing.key("nope", "req-k").await().atMost(WAIT));
        assertEquals(Optional.empty(), billing.key("bad", "req-k").await().atMost(WAIT));
        assertEquals("GET", seen.get(0).method());
    }

    @Test
    void theBalanceIsReadFromItsRoute() {
        answer("/internal/accounts/7/balance", 200,
                "{\"account_id\":7,\"balance\":55,\"recent_deductions\":{\"last_24h\":1,\"last_7d\":2}}");
        assertEquals(55, billing(url()).balance(7, "req-b").await().atMost(WAIT).balance());
    }

    @Test
    void theCurrentBalanceIsReadFromItsOwnRoute() {
        answer("/internal/accounts/7/current-balance", 200, "{\"account_id\":7,\"balance\":41}");
        answer("/internal/accounts/8/current-balance", 404, "{}");
        BillingClient billing = billing(url());
        assertEquals(41L, billing.currentBalance(7, "req-c").await().atMost(WAIT));
        assertEquals("/internal/accounts/7/current-balance", seen.get(0).path());
        assertEquals("GET", seen.get(0).method());
        assertThrows(RuntimeException.class, () -> billing.currentBalance(8, "req-c").await().atMost(WAIT));
    }

    @Test
    void billingThatDoesNotAnswerWithinTheReadTimeoutIsAFailure() {
        answers.put("/internal/debits", new Answer(200, "{\"balance\":1}", Map.of(), 3_000));
        long started = System.nanoTime();
        assertThrows(RuntimeException.class,
                () -> billing(url(), 300).debit("slow", 1, 1, "/v1/x").await().atMost(WAIT));
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() < 2_900, "the read timeout ended it");
    }

    @Test
    void billingThatCannotBeReachedIsAFailure() {
        assertThrows(RuntimeException.class,
                () -> billing("http://127.0.0.1:" + freePort()).debit("x", 1, 1, "/v1/x").await().atMost(WAIT));
    }

    @Test
    void theProxyGetsThePlatformTheResourceWithItsSlashesAndEveryParamAsSent() {
        answer("/proxy/tiktok/profile/videos", 200, "{\"videos\":[]}");
        Map<String, String> params = new TreeMap<>();
        params.put("handle", "a b&c=d+e/é%");
        params.put("cursor", "");
        ProxyOutcome outcome = proxy(url()).fetch(endpoint("/v1/tiktok/profile/videos"), params, "req-p")
                .await().atMost(WAIT);
        assertTrue(outcome.succeeded());
        assertEquals("{\"videos\":[]}", outcome.data());
        Seen s = seen.get(0);
        assertEquals("req-p", s.headers().get("x-request-id"));
        assertEquals("proxy-tok", s.headers().get("x-internal-token"), "the proxy's service token");
        Map<String, String> decoded = new LinkedHashMap<>();
        for (String pair : s.rawQuery().split("&")) {
            int eq = pair.indexOf('=');
            decoded.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        assertEquals(params, decoded);
    }

    @Test
    void usableDataIsOneJsonValueAndAnythingElseIsAnUpstreamError() {
        ProxyClient proxy = proxy(url());
        Endpoint endpoint = endpoint("/v1/tiktok/profile");
        answer("/proxy/tiktok/profile", 200, "null");
        assertEquals("null", proxy.fetch(endpoint, new TreeMap<>(), "r").await().atMost(WAIT).data());
        answer("/proxy/tiktok/profile", 200, "{\"a\":[1,2,{\"b\":\"c\"}]} ");
        assertTrue(proxy.fetch(endpoint, new TreeMap<>(), "r").await().atMost(WAIT).succeeded());
        for (String notJson : List.of("", "   ", "<html>oops</html>", "{\"a\":", "{\"a\":[1,}")) {
            answer("/proxy/tiktok/profile", 200, notJson);
            ProxyOutcome outcome = proxy.fetch(endpoint, new TreeMap<>(), "r").await().atMost(WAIT);
            assertEquals(ErrorCode.UPSTREAM_ERROR, outcome.code(), notJson);
        }
    }

    @Test
    void proxyErrorsKeepTheirCodeMessageEmptinessAndRetryAfter() {
        ProxyClient proxy = proxy(url());
        Endpoint endpoint = endpoint("/v1/tiktok/profile");
        answers.put("/proxy/tiktok/profile", new Answer(404, envelope("RESOURCE_NOT_FOUND", "gone"),
                Map.of("X-Upstream-Empty", "true"), 0));
        ProxyOutcome empty = proxy.fetch(endpoint, new TreeMap<>(), "r").await().atMost(WAIT);
        assertEquals(ErrorCode.RESOURCE_NOT_FOUND, empty.code());
        assertEquals("gone", empty.message());
        assertTrue(empty.emptyUpstream());
        assertNull(empty.retryAfter());

        answers.put("/proxy/tiktok/profile", new Answer(503, envelope("SERVICE_UNAVAILABLE", "open"),
                Map.of("Retry-After", "abc"), 0));
        assertEquals("30", proxy.fetch(endpoint, new TreeMap<>(), "r").await().atMost(WAIT).retryAfter());

        answers.put("/proxy/tiktok/profile", new Answer(500, envelope("INTERNAL_ERROR", "stack trace here"),
                Map.of(), 0));
        ProxyOutcome internal = proxy.fetch(endpoint, new TreeMap<>(), "r").await().atMost(WAIT);
        assertEquals(ErrorCode.INTERNAL_ERROR, internal.code());
        assertEquals(ErrorCode.INTERNAL_ERROR.defaultMessage(), internal.message());
        assertFalse(internal.emptyUpstream());

        answer("/proxy/tiktok/profile", 502, "not an envelope");
        assertEquals(ErrorCode.INTERNAL_ERROR, proxy.fetch(endpoint, new TreeMap<>(), "r").await().atMost(WAIT).code());
    }

    @Test
    void aProxyThatCannotBeReachedIsAnInternalErrorThatRefunds() {
        ProxyOutcome outcome = proxy("http://127.0.0.1:" + freePort())
                .fetch(endpoint("/v1/tiktok/profile"), new TreeMap<>(), "r").await().atMost(WAIT);
        assertEquals(ErrorCode.INTERNAL_ERROR, outcome.code());
        assertTrue(outcome.refunds());
    }

    @Test
    void aProxyThatDoesNotAnswerWithinTheReadTimeoutIsAnInternalError() {
        answers.put("/proxy/tiktok/profile", new Answer(200, "{}", Map.of(), 3_000));
        ProxyOutcome outcome = proxy(url(), 300).fetch(endpoint("/v1/tiktok/profile"), new TreeMap<>(), "r")
                .await().atMost(WAIT);
        assertEquals(ErrorCode.INTERNAL_ERROR, outcome.code());
    }

    private void answer(String path, int status, String body) {
        answers.put(path, new Answer(status, body, Map.of(), 0));
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Map<String, String> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.get(0)));
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(new Seen(ex.getRequestMethod(), ex.getRequestURI().getRawPath(), ex.getRequestURI().getRawQuery(),
                    headers, body));
            Answer a = answers.getOrDefault(ex.getRequestURI().getPath(), new Answer(404, "", Map.of(), 0));
            if (a.delayMs() > 0) {
                testEnded.await(a.delayMs(), TimeUnit.MILLISECONDS);
            }
            byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            a.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            ex.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up (read timeout)
        }
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private BillingClient billing(String url) {
        return billing(url, 5_000);
    }

    private BillingClient billing(String url, long readTimeoutMs) {
        return new BillingClient(vertx, config("billing", url, readTimeoutMs), NO_TLS, MAPPER, "tok");
    }

    private ProxyClient proxy(String url) {
        return proxy(url, 5_000);
    }

    private ProxyClient proxy(String url, long readTimeoutMs) {
        return new ProxyClient(vertx, config("proxy", url, readTimeoutMs), NO_TLS, MAPPER, "proxy-tok");
    }

    /** The gateway's typed config with only {@code gateway.clients.<name>.*} set: what an operator would set. */
    private static GatewayConfig config(String name, String url, long readTimeoutMs) {
        String prefix = "gateway.clients." + name + ".";
        String other = "gateway.clients." + ("billing".equals(name) ? "proxy" : "billing") + ".";
        Map<String, String> properties = Map.of(prefix + "url", url, prefix + "connect-timeout", "1s",
                prefix + "read-timeout", readTimeoutMs + "ms", prefix + "pool-size", "4",
                other + "url", "http://127.0.0.1:1", other + "read-timeout", "1s");
        // Quarkus' own converter, so "1s" reads as it does in the service.
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(GatewayConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build();
        return config.getConfigMapping(GatewayConfig.class);
    }

    /** No TLS configuration at all, as in a deployment that sets none (the clients here speak plain http). */
    private static final TlsConfigurationRegistry NO_TLS = new TlsConfigurationRegistry() {
        @Override
        public Optional<TlsConfiguration> get(String name) {
            return Optional.empty();
        }

        @Override
        public Optional<TlsConfiguration> getDefault() {
            return Optional.empty();
        }

        @Override
        public void register(String name, TlsConfiguration configuration) {
            throw new IllegalStateException("not used by the clients");
        }
    };

    private static Endpoint endpoint(String path) {
        return Catalog.loadDefault().findByPath(path).orElseThrow();
    }

    private static String envelope(String type, String message) {
        return "{\"success\":false,\"error\":{\"type\":\"" + type + "\",\"message\":\"" + message
                + "\",\"status\":500},\"request_id\":\"req-x\"}";
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
