package dev.socialcrawl.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Architecture guarantee 8 under a soak: two gateways, two billing replicas behind one nginx address, two proxies and
 * a Redis of its own with the append-only file on. A few thousand mixed requests (hits, misses, refundable failures,
 * keyed retries, client disconnects) run while a billing replica and a gateway are killed and restarted and Redis is
 * restarted once. Afterwards, for every request the client saw served (200 with data) billing has exactly one debit
 * and no refund; for every refundable answer a debit and its refund, or nothing; and the ledger's integrity is 0.
 */
class MoneySoakTest {
    private static final int REQUESTS = 3_000;
    private static final int SWEEPER_BOUND_S = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the client saw for one request: the status, and whether it came with data. */
    private record Seen(int status, String creditsUsed) {
    }

    private final List<AutoCloseable> running = new ArrayList<>();
    private final String runId = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String database = "soak_" + runId;

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        try {
            SystemSuite.sql("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (IllegalStateException e) {
            System.err.println("could not drop " + database + ": " + e.getMessage());
        }
    }

    @Test
    void servedIsChargedOnceAndUnservedNeverWhileReplicasAndRedisRestart() throws Exception {
        Path root = Path.of(System.getProperty("system.services.root", "..")).toAbsolutePath().normalize();
        Path logs = Path.of(System.getProperty("system.logs", "target/system-logs")).resolve("soak");
        SystemSuite.sql("CREATE DATABASE " + database);
        FakeUpstream upstream = new FakeUpstream();
        running.add(upstream);
        upstream.rule("twitter", FakeUpstream.Rule.serverError());
        ToolProcess redis = keep(ToolProcess.redis(SystemSuite.freePort(), logs.resolve("redis")).start());

        Map<String, String> common = Map.of("QUARKUS_REDIS_HOSTS", "redis://127.0.0.1:" + redis.port(),
                "SOCIALCRAWL_REDIS_KEY_PREFIX", "soak:", "BILLING_INTERNAL_TOKEN", SystemSuite.INTERNAL_TOKEN,
                "PROXY_INTERNAL_TOKEN", SystemSuite.PROXY_TOKEN, "QUARKUS_SHUTDOWN_TIMEOUT", "10s");
        Map<String, String> billingEnv = new HashMap<>(common);
        billingEnv.put("QUARKUS_DATASOURCE_JDBC_URL", SystemSuite.pgBase() + database);
        billingEnv.put("QUARKUS_DATASOURCE_USERNAME", SystemSuite.pgUser());
        billingEnv.put("QUARKUS_DATASOURCE_PASSWORD", System.getenv().getOrDefault("TEST_PG_PASSWORD", ""));
        billingEnv.put("BILLING_ADMIN_TOKEN", SystemSuite.ADMIN_TOKEN);
        billingEnv.put("BILLING_SWEEPER_UNSETTLED_AFTER", SWEEPER_BOUND_S + "s");
        billingEnv.put("BILLING_SWEEPER_INTERVAL", "1s");
        Path billingJar = root.resolve("billing-service/target/quarkus-app/quarkus-run.jar");
        ServiceProcess billing1 = keep(new ServiceProcess("soak-billing-1", billingJar, SystemSuite.freePort(),
                billingEnv, logs));
        ServiceProcess billing2 = keep(new ServiceProcess("soak-billing-2", billingJar, SystemSuite.freePort(),
                billingEnv, logs));
        billing1.start().awaitReady();
        billing2.start().awaitReady();
        ToolProcess nginx = keep(ToolProcess.nginx(SystemSuite.freePort(), List.of(billing1.port(), billing2.port()),
                logs.resolve("nginx")).start());

        Map<String, String> proxyEnv = new HashMap<>(common);
        proxyEnv.put("UPSTREAM_BASE_URL", "http://127.0.0.1:" + upstream.port());
        proxyEnv.put("UPSTREAM_API_KEY", FakeUpstream.UPSTREAM_KEY);
        proxyEnv.put("UPSTREAM_SANDBOX_ENABLED", "false");
        proxyEnv.put("UPSTREAM_DEFAULTS_TIMEOUT", "3s");
        Path proxyJar = root.resolve("upstream-proxy-service/target/quarkus-app/quarkus-run.jar");
        List<ServiceProcess> proxies = List.of(
                keep(new ServiceProcess("soak-proxy-1", proxyJar, SystemSuite.freePort(), proxyEnv, logs)),
                keep(new ServiceProcess("soak-proxy-2", proxyJar, SystemSuite.freePort(), proxyEnv, logs)));
        proxies.forEach(p -> p.start().awaitReady());

        Path gatewayJar = root.resolve("gateway-service/target/quarkus-app/quarkus-run.jar");
        List<ServiceProcess> gateways = new ArrayList<>();
        for (int g = 0; g < 2; g++) {
            Map<String, String> env = new HashMap<>(common);
            env.put("QUARKUS_REST_CLIENT_BILLING_URL", nginx.url());
            env.put("QUARKUS_REST_CLIENT_PROXY_URL", proxies.get(g).url());
            gateways.add(keep(new ServiceProcess("soak-gateway-" + (g + 1), gatewayJar, SystemSuite.freePort(), env,
                    logs)));
        }
        gateways.forEach(g -> g.start().awaitReady());

        Operator operator = new Operator(nginx::url);
        Operator.Account account = operator.newAccount();
        operator.credit(account.id(), 1_000_000, "topup");
        long startBalance = operator.balance(account.id());

        Map<String, Seen> seen = new ConcurrentHashMap<>();
        AtomicInteger sent = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (int i = 0; i < REQUESTS; i++) {
            int n = i;
            clients.submit(() -> {
                one(http, gateways.get(n % 2), account.key(), n, seen);
                sent.incrementAndGet();
            });
        }
        // The faults, each while requests are in flight.
        faultAt(sent, REQUESTS / 5, () -> restart(billing1, true));
        faultAt(sent, 2 * REQUESTS / 5, () -> restart(gateways.get(0), true));
        faultAt(sent, 3 * REQUESTS / 5, () -> {
            redis.stop();
            redis.start();
        });
        faultAt(sent, 4 * REQUESTS / 5, () -> restart(billing2, true));
        clients.shutdown();
        assertTrue(clients.awaitTermination(10, TimeUnit.MINUTES), "the soak's requests finished");
        gateways.forEach(g -> {
            if (!g.alive()) {
                g.start().awaitReady();
            }
        });

        // The ledger is final once every served debit is settled and nothing is left unsettled for the sweeper.
        List<String> paid = seen.entrySet().stream().filter(e -> e.getValue().status() == 200
                && !"0".equals(e.getValue().creditsUsed())).map(Map.Entry::getKey).toList();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> paid.stream().allMatch(operator::settled));
        await().atMost(Duration.ofSeconds(SWEEPER_BOUND_S * 4L)).pollInterval(Duration.ofSeconds(1))
                .until(() -> unsettled(billing1) == 0);

        long charged = 0;
        int refundable = 0;
        for (Map.Entry<String, Seen> e : seen.entrySet()) {
            List<String> entries = operator.entryTypes(e.getKey());
            Seen s = e.getValue();
            if (s.status() == 200 && "0".equals(s.creditsUsed())) {
                assertEquals(List.of(), entries, "a free answer " + e.getKey() + " is never charged");
            } else if (s.status() == 200) {
                assertEquals(List.of("debit"), entries, "served " + e.getKey() + " is charged exactly once");
                charged += Long.parseLong(s.creditsUsed());
            } else if (s.status() >= 500) {
                refundable++;
                assertTrue(entries.isEmpty() || entries.equals(List.of("debit", "refund")),
                        "refundable " + e.getKey() + " (" + s.status() + ") is never charged: " + entries);
            }
        }
        assertEquals(0, operator.integrity().getInt("violations"), operator.integrity().prettify());
        assertTrue(paid.size() > REQUESTS / 5, "paid and served " + paid.size());
        assertTrue(refundable > 0, "some refundable outcomes were tried");
        // Requests whose answer the client never saw (killed gateway, disconnects) may be charged too, never more.
        assertTrue(startBalance - operator.balance(account.id()) >= charged,
                "the balance went down by at least what the served answers said");
        System.out.println("soak: " + seen.size() + " answers seen, " + paid.size() + " paid, " + refundable
                + " refundable, all exact");
    }

    /** Billing's count of debits neither settled nor refunded yet ({@code billing_unsettled_debits}). */
    private static double unsettled(ServiceProcess billing) {
        String metrics = io.restassured.RestAssured.given().baseUri(billing.managementUrl()).get("/q/metrics")
                .asString();
        return metrics.lines().filter(l -> l.startsWith("billing_unsettled_debits "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst().orElse(-1);
    }

    /** One request of the mix: a hit, a miss, a refundable failure, a keyed retry or a client that hangs up. */
    private void one(HttpClient http, ServiceProcess gateway, String key, int n, Map<String, Seen> seen) {
        switch (n % 10) {
            case 0, 1, 2, 3 -> get(http, gateway, key, "/v1/reddit/search?query=hot-" + (n % 7), null, seen);
            case 4, 5, 6 -> get(http, gateway, key, "/v1/reddit/search?query=" + Envelopes.unique(), null, seen);
            case 7 -> get(http, gateway, key, "/v1/twitter/profile?handle=" + Envelopes.unique(), null, seen);
            case 8 -> {
                String idem = UUID.randomUUID().toString();
                String path = "/v1/threads/search?query=" + Envelopes.unique();
                get(http, gateway, key, path, idem, seen);
                get(http, gateway, key, path, idem, seen);
            }
            default -> hangUp(gateway, key, "/v1/reddit/search?query=" + Envelopes.unique());
        }
    }

    private static void get(HttpClient http, ServiceProcess gateway, String key, String path, String idem,
            Map<String, Seen> seen) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.url() + path))
                .timeout(Duration.ofSeconds(20)).header("x-api-key", key);
        if (idem != null) {
            request.header("Idempotency-Key", idem);
        }
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(r.body());
            String id = body.path("request_id").asText();
            boolean replay = r.headers().firstValue("X-Idempotent-Replay").isPresent();
            if (!replay && (r.statusCode() != 200 || body.has("data"))) {
                seen.put(id, new Seen(r.statusCode(), r.headers().firstValue("X-Credits-Used").orElse("0")));
            }
        } catch (IOException e) {
            // No answer (a gateway killed mid-request): nothing the client saw to check.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends the request and closes the connection without reading the answer. */
    private static void hangUp(ServiceProcess gateway, String key, String path) {
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nx-api-key: " + key + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            // the gateway was down: nothing sent
        }
    }

    private static void faultAt(AtomicInteger sent, int when, Runnable fault) {
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20)).until(() -> sent.get() >= when);
        fault.run();
    }

    private static void restart(ServiceProcess service, boolean kill) {
        if (kill) {
            service.kill();
        } else {
            service.stop();
        }
        service.start().awaitReady();
    }

    private <T extends AutoCloseable> T keep(T process) {
        running.add(process);
        return process;
    }
}
