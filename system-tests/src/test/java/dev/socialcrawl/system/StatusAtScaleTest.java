package dev.socialcrawl.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;

/**
 * docs/api.md#platform-status: {@code GET /v1/status} (no key) costs O(platforms) whatever else Redis holds. With
 * 500,000 unrelated keys in Redis it still answers within 20 ms at the 99th percentile, and the proxy's own API
 * answers only callers that hold the service token.
 */
class StatusAtScaleTest extends SystemTestBase {
    private static final int UNRELATED_KEYS = 500_000;

    @Test
    void statusStaysFastWithHalfAMillionUnrelatedKeysInRedis() {
        String pattern = suite.redisPrefix + "unrelated:*";
        try (RedisAdmin redis = new RedisAdmin()) {
            for (int from = 0; from < UNRELATED_KEYS; from += 10_000) {
                List<String[]> sets = new ArrayList<>(10_000);
                for (int i = from; i < from + 10_000; i++) {
                    sets.add(new String[] { "SET", suite.redisPrefix + "unrelated:" + i, "v" + i });
                }
                redis.pipeline(sets);
            }
            HttpClient client = HttpClient.newHttpClient();
            List<HttpRequest> status = List.of(
                    HttpRequest.newBuilder(URI.create(suite.gatewayA.url() + "/v1/status")).build(),
                    HttpRequest.newBuilder(URI.create(suite.gatewayB.url() + "/v1/status")).build());
            for (int i = 0; i < 100; i++) {
                call(client, status.get(i % 2)); // the client's own warm-up, not measured
            }
            // Calls for four seconds, so each gateway takes its one-second view again several times meanwhile.
            List<Long> taken = new ArrayList<>();
            long end = System.nanoTime() + 4_000_000_000L;
            for (int i = 0; System.nanoTime() < end || taken.size() < 200; i++) {
                long started = System.nanoTime();
                call(client, status.get(i % 2));
                taken.add((System.nanoTime() - started) / 1_000);
            }
            long[] millis = taken.stream().mapToLong(Long::longValue).sorted().toArray();
            long p99 = millis[(int) Math.ceil(millis.length * 0.99) - 1];
            assertTrue(p99 <= 20_000, "p99 of /v1/status with " + UNRELATED_KEYS + " unrelated keys: " + p99 + " µs");
            System.out.println("status at scale: " + millis.length + " calls, p50 " + millis[millis.length / 2]
                    + " µs, p99 " + p99 + " µs");
        } finally {
            try (RedisAdmin redis = new RedisAdmin()) {
                redis.deleteAll(pattern);
            }
        }
    }

    private static void call(HttpClient client, HttpRequest request) {
        try {
            assertEquals(200, client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theProxyAnswersOnlyTheServiceToken() {
        String fetch = "/proxy/reddit/search?query=" + Envelopes.unique();
        RestAssured.given().baseUri(suite.proxy.url()).get(fetch).then().statusCode(401)
                .body("error.type", org.hamcrest.Matchers.equalTo("INVALID_API_KEY"))
                .body("error.message", org.hamcrest.Matchers.equalTo("Missing or invalid internal service token."));
        RestAssured.given().baseUri(suite.proxy.url()).header("X-Internal-Token", "guess").get("/proxy/status")
                .then().statusCode(401);
        assertEquals(0, suite.upstream.calls("reddit"), "no upstream call without the token");
        RestAssured.given().baseUri(suite.proxy.url()).header("X-Internal-Token", SystemSuite.PROXY_TOKEN).get(fetch)
                .then().statusCode(200);
        Operator.Account a = operator.newAccount();
        Envelopes.success(customer(a.key()).get(fetch.replace("/proxy/", "/v1/")), 1, false);
    }
}
