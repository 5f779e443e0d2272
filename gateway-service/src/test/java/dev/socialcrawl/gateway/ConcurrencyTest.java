package dev.socialcrawl.gateway;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import dev.socialcrawl.gateway.support.FakeProxy.Behaviour;
import dev.socialcrawl.gateway.support.GatewayTest;

/** docs/api.md#concurrency-limit: 50 in-flight slots per key, exact under a burst, freed on every exit. */
@QuarkusTest
class ConcurrencyTest extends GatewayTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void sixtySimultaneousSlowRequestsOnOneKeyLetExactlyFiftyThroughAndTenGet429() throws Exception {
        Account a = account(1000);
        String t = token("burst");
        CountDownLatch gate = new CountDownLatch(1);
        proxy().on(t, Behaviour.ok("{\"author\":{\"handle\":\"x\"}}").heldUntil(gate));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/tiktok/profile?handle=" + t))
                .header("x-api-key", a.key()).header("Cache-Control", "no-cache").build();
        as(a).get("/v1/tiktok/profile?handle=" + token("warm")).then().statusCode(200);
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        List<HttpResponse<String>> rejected = new ArrayList<>();
        try {
            for (int i = 0; i < 60; i++) {
                all.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                rejected.clear();
                all.stream().filter(CompletableFuture::isDone).map(CompletableFuture::join).forEach(rejected::add);
                return rejected.size() == 10 && proxy().callsWith(t).size() == 50;
            });
        } finally {
            gate.countDown();
        }
        rejected.forEach(r -> {
            assertEquals(429, r.statusCode());
            assertEquals("1", r.headers().firstValue("Retry-After").orElse(null));
            org.junit.jupiter.api.Assertions.assertTrue(r.body().contains("\"CONCURRENCY_LIMIT\""));
        });
        long ok = all.stream().map(CompletableFuture::join).filter(r -> r.statusCode() == 200).count();
        assertEquals(50, ok);
        assertEquals(51, billing().debitsOfAccount(a.id()), "the warm-up and the 50 admitted requests were charged");

        HttpResponse<String> after = client.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, after.statusCode(), "every slot was freed");
    }

    @Test
    void aRejectedRequestAlsoFreesItsSlot() {
        Account a = account(0);
        for (int i = 0; i < 60; i++) {
            as(a).get("/v1/tiktok/profile?handle=" + token("free")).then().statusCode(402);
        }
    }
}
