package dev.socialcrawl.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.response.Response;

import dev.socialcrawl.system.OtlpReceiver.ReceivedSpan;

/**
 * docs/operations.md "Tracing": the packaged services, with tracing switched on at run time by the documented
 * settings alone, export ONE trace per paid request with spans from the gateway, billing and the proxy, every span
 * carrying the request id; the gateway's log line of the request carries the trace id. Its own small install (billing,
 * proxy, one gateway, a database and Redis prefix of its own, an OTLP receiver), so the shared suite stays untraced.
 */
class TracingTest {
    private static final String GATEWAY = "gateway-service";
    private static final String BILLING = "billing-service";
    private static final String PROXY = "upstream-proxy-service";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATABASE = "systrace_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private static final List<AutoCloseable> RUNNING = new ArrayList<>();

    private static OtlpReceiver receiver;
    private static ServiceProcess billing;
    private static ServiceProcess gateway;
    private static Path logs;

    @BeforeAll
    static void startTracedInstall() throws IOException {
        Path root = Path.of(System.getProperty("system.services.root", "..")).toAbsolutePath().normalize();
        logs = Path.of(System.getProperty("system.logs", "target/system-logs")).resolve("tracing");
        Files.createDirectories(logs);
        SystemSuite.sql("CREATE DATABASE " + DATABASE);
        receiver = keep(new OtlpReceiver());
        FakeUpstream upstream = keep(new FakeUpstream());

        Map<String, String> common = new HashMap<>(Map.of(
                "QUARKUS_REDIS_HOSTS", System.getenv().getOrDefault("SYSTEM_REDIS", "redis://127.0.0.1:6379"),
                "SOCIALCRAWL_REDIS_KEY_PREFIX", "systrace-" + DATABASE + ":",
                "BILLING_INTERNAL_TOKEN", SystemSuite.INTERNAL_TOKEN,
                "PROXY_INTERNAL_TOKEN", SystemSuite.PROXY_TOKEN,
                "QUARKUS_SHUTDOWN_TIMEOUT", "10s"));
        // What docs/operations.md tells an operator to set; the schedule delay only makes the test quicker.
        common.put("QUARKUS_OTEL_SDK_DISABLED", "false");
        common.put("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", receiver.endpoint());
        common.put("QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        common.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "200ms");

        Map<String, String> billingEnv = new HashMap<>(common);
        billingEnv.put("QUARKUS_DATASOURCE_JDBC_URL", SystemSuite.pgBase() + DATABASE);
        billingEnv.put("QUARKUS_DATASOURCE_USERNAME", SystemSuite.pgUser());
        billingEnv.put("QUARKUS_DATASOURCE_PASSWORD", System.getenv().getOrDefault("TEST_PG_PASSWORD", ""));
        billingEnv.put("BILLING_ADMIN_TOKEN", SystemSuite.ADMIN_TOKEN);
        billing = keep(new ServiceProcess("billing", root.resolve("billing-service/target/quarkus-app/quarkus-run.jar"),
                SystemSuite.freePort(), billingEnv, logs));

        Map<String, String> proxyEnv = new HashMap<>(common);
        proxyEnv.put("UPSTREAM_BASE_URL", "http://127.0.0.1:" + upstream.port());
        proxyEnv.put("UPSTREAM_API_KEY", FakeUpstream.UPSTREAM_KEY);
        proxyEnv.put("UPSTREAM_SANDBOX_ENABLED", "false");
        ServiceProcess proxy = keep(new ServiceProcess("proxy",
                root.resolve("upstream-proxy-service/target/quarkus-app/quarkus-run.jar"), SystemSuite.freePort(),
                proxyEnv, logs));

        Map<String, String> gatewayEnv = new HashMap<>(common);
        gatewayEnv.put("QUARKUS_REST_CLIENT_BILLING_URL", billing.url());
        gatewayEnv.put("QUARKUS_REST_CLIENT_PROXY_URL", proxy.url());
        gatewayEnv.put("GATEWAY_ACCESS_LOG_ENABLED", "true");
        gateway = keep(new ServiceProcess("gateway", root.resolve("gateway-service/target/quarkus-app/quarkus-run.jar"),
                SystemSuite.freePort(), gatewayEnv, logs));

        List.of(billing, proxy, gateway).forEach(ServiceProcess::start);
        List.of(billing, proxy, gateway).forEach(ServiceProcess::awaitReady);
    }

    @AfterAll
    static void stopTracedInstall() throws Exception {
        for (int i = RUNNING.size() - 1; i >= 0; i--) {
            RUNNING.get(i).close();
        }
        try {
            SystemSuite.sql("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
        } catch (IllegalStateException e) {
            System.err.println("could not drop " + DATABASE + ": " + e.getMessage());
        }
    }

    @Test
    void onePaidRequestIsOneTraceAcrossTheThreeServicesAndEverySpanCarriesItsRequestId() throws IOException {
        Operator.Account account = new Operator(billing::url).newAccount();
        Response paid = given().baseUri(gateway.url()).header("x-api-key", account.key())
                .queryParam("query", Envelopes.unique()).get("/v1/reddit/search");
        paid.then().statusCode(200).header("X-Credits-Used", "1");
        String requestId = paid.header("X-Request-Id");

        List<ReceivedSpan> spans = await("the request's spans from the three services")
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> withRequestId(requestId), TracingTest::complete);

        ReceivedSpan gatewayServer = one(spans, s -> s.service().equals(GATEWAY) && s.kind().equals("SPAN_KIND_SERVER"));
        assertEquals("", gatewayServer.parentSpanId(), "the gateway's server span starts the trace");
        String traceId = gatewayServer.traceId();
        List<ReceivedSpan> trace = receiver.spans().stream().filter(s -> s.traceId().equals(traceId)).toList();
        for (ReceivedSpan span : trace) {
            assertEquals(requestId, span.attribute("request.id"), "request.id of " + span);
        }
        // The only other spans with the id: the settlement the gateway's outbox drain sends billing later, in the
        // background, as a trace of its own.
        Map<String, List<ReceivedSpan>> others = spans.stream().filter(s -> !s.traceId().equals(traceId))
                .collect(Collectors.groupingBy(ReceivedSpan::traceId));
        for (List<ReceivedSpan> other : others.values()) {
            assertTrue(other.stream().allMatch(s -> s.service().equals(BILLING))
                    && other.stream().anyMatch(s -> s.name().equals("POST /internal/settlements")),
                    "one trace for the request; besides it only its settlement: " + describe(other));
        }

        assertTrue(trace.stream().anyMatch(s -> s.service().equals(GATEWAY) && "redis".equals(s.attribute("db.system.name"))
                && s.name().contains("GET")), "the gateway's Redis round trips, named by their commands: " + describe(trace));
        assertCalledFromGateway(trace, BILLING);
        assertCalledFromGateway(trace, PROXY);
        ReceivedSpan debit = one(trace, s -> s.name().equals("billing.debit"));
        assertEquals(Long.toString(account.id()), debit.attribute("billing.account_id"));
        assertEquals("debited", debit.attribute("billing.debit.outcome"));
        ReceivedSpan batch = one(trace, s -> s.name().equals("billing.debit-batch"));
        assertEquals(debit.spanId(), batch.parentSpanId(), "the batch joins the trace of its first debit");
        assertEquals("1", batch.attribute("billing.debit.batch_size"));
        assertTrue(trace.stream().anyMatch(s -> s.parentSpanId().equals(batch.spanId()) && s.kind().equals("SPAN_KIND_CLIENT")),
                "the reactive PostgreSQL client's span under the batch: " + describe(trace));
        assertTrue(trace.stream().anyMatch(s -> s.service().equals(PROXY) && s.kind().equals("SPAN_KIND_CLIENT")),
                "the proxy's upstream call: " + describe(trace));

        JsonNode accessLine = await("the gateway's access log line").atMost(Duration.ofSeconds(10))
                .until(() -> accessLogLine(requestId), line -> line != null);
        assertEquals(traceId, accessLine.path("mdc").path("traceId").asText(), "trace id in " + accessLine);
    }

    /**
     * Spans from the three services with the request id, the debit's batch and the proxy's upstream call among them, and
     * every trace with the id closed: the parent of every span has arrived, but for the settlement's server span (a
     * service ends a span after the spans under it and may export it in a later batch).
     */
    private static boolean complete(List<ReceivedSpan> spans) {
        List<ReceivedSpan> roots = spans.stream()
                .filter(s -> s.service().equals(GATEWAY) && s.kind().equals("SPAN_KIND_SERVER")).toList();
        if (roots.size() != 1) {
            return false;
        }
        List<ReceivedSpan> trace = spans.stream().filter(s -> s.traceId().equals(roots.get(0).traceId())).toList();
        Set<String> servers = trace.stream().filter(s -> s.kind().equals("SPAN_KIND_SERVER")).map(ReceivedSpan::service)
                .collect(Collectors.toSet());
        // Every trace with the id whole, the settlement's too: its children can be exported before its server span.
        // Only the settlement's server span may lack its parent: the outbox drain's call carries no single request id.
        String requestTrace = roots.get(0).traceId();
        Map<String, Set<String>> idsByTrace = spans.stream().collect(Collectors.groupingBy(ReceivedSpan::traceId,
                Collectors.mapping(ReceivedSpan::spanId, Collectors.toSet())));
        return servers.containsAll(Set.of(GATEWAY, BILLING, PROXY))
                && spans.stream().allMatch(s -> s.parentSpanId().isEmpty()
                        || idsByTrace.get(s.traceId()).contains(s.parentSpanId())
                        || !s.traceId().equals(requestTrace) && s.kind().equals("SPAN_KIND_SERVER"))
                && trace.stream().anyMatch(s -> s.name().equals("billing.debit-batch"))
                && trace.stream().anyMatch(s -> s.service().equals(PROXY) && s.kind().equals("SPAN_KIND_CLIENT"));
    }

    /** The service's server span for the request is the child of one of the gateway's client spans. */
    private static void assertCalledFromGateway(List<ReceivedSpan> trace, String service) {
        Set<String> gatewayClients = trace.stream()
                .filter(s -> s.service().equals(GATEWAY) && s.kind().equals("SPAN_KIND_CLIENT")).map(ReceivedSpan::spanId)
                .collect(Collectors.toSet());
        List<ReceivedSpan> servers = trace.stream()
                .filter(s -> s.service().equals(service) && s.kind().equals("SPAN_KIND_SERVER")).toList();
        assertFalse(servers.isEmpty(), service + " has server spans: " + describe(trace));
        for (ReceivedSpan server : servers) {
            assertTrue(gatewayClients.contains(server.parentSpanId()),
                    service + "'s " + server.name() + " continues a gateway call (traceparent): " + describe(trace));
        }
    }

    private List<ReceivedSpan> withRequestId(String requestId) {
        return receiver.spans().stream().filter(s -> requestId.equals(s.attribute("request.id"))).toList();
    }

    private static ReceivedSpan one(List<ReceivedSpan> spans, Predicate<ReceivedSpan> which) {
        List<ReceivedSpan> found = spans.stream().filter(which).toList();
        assertEquals(1, found.size(), "exactly one such span: " + describe(spans));
        return found.get(0);
    }

    private static String describe(List<ReceivedSpan> spans) {
        return spans.stream().map(s -> s.service() + " " + s.kind() + " '" + s.name() + "' " + s.spanId() + "<-"
                + s.parentSpanId()).collect(Collectors.joining("; "));
    }

    /** The gateway's JSON access log line of the request (it has latency_ms), or null while it is not written. */
    private static JsonNode accessLogLine(String requestId) throws IOException {
        for (String text : Files.readAllLines(logs.resolve("gateway.log"))) {
            if (text.startsWith("{") && text.contains(requestId) && text.contains("latency_ms")) {
                return JSON.readTree(text);
            }
        }
        return null;
    }

    private static <T extends AutoCloseable> T keep(T running) {
        RUNNING.add(running);
        return running;
    }
}
