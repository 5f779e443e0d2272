package dev.socialcrawl.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.restassured.response.Response;

import dev.socialcrawl.gateway.support.FakeProxy.Behaviour;
import dev.socialcrawl.gateway.support.GatewayTest;
import dev.socialcrawl.gateway.support.RedisStats;
import dev.socialcrawl.gateway.support.Revocations;
import dev.socialcrawl.gateway.support.Slots;

/**
 * The one-round-trip path of a request that may be answered from the cache: revocation marker, cache entry and
 * balance in one MGET beside a count of the key's live leases, with the answers and the order of checks of
 * docs/api.md#order-of-checks unchanged.
 */
@QuarkusTest
class CacheHitPathTest extends GatewayTest {

    @TestHTTPResource("/")
    URI base;

    @Test
    void simultaneousHitsAreFreeAndHoldNoSlotWhenOnlyOneSlotIsLeft() {
        Account a = account(100);
        String url = "/v1/tiktok/profile?handle=" + token("free-hit");
        as(a).get(url).then().statusCode(200).header("X-Cache", "MISS");
        Slots.takeByOthers(a.key(), 49);

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest hit = HttpRequest.newBuilder(base.resolve(url)).header("x-api-key", a.key()).build();
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            all.add(client.sendAsync(hit, HttpResponse.BodyHandlers.ofString()));
        }
        all.stream().map(CompletableFuture::join).forEach(r -> {
            assertEquals(200, r.statusCode(), "a hit never takes the last slot away from another hit");
            assertEquals("HIT", r.headers().firstValue("X-Cache").orElse(null));
            assertEquals("0", r.headers().firstValue("X-Credits-Used").orElse(null));
        });
        assertEquals(49, Slots.held(a.key()), "no lease left behind by the hits");
        assertEquals(1, billing().debitsOfAccount(a.id()), "only the miss was charged");
    }

    @Test
    void aHitIsRefusedWith429WhenTheKeyAlreadyHasFiftyRequestsInFlight() {
        Account a = account(100);
        String url = "/v1/tiktok/profile?handle=" + token("full-hit");
        as(a).get(url).then().statusCode(200).header("X-Cache", "MISS");
        Slots.takeByOthers(a.key(), 50);
        double rejectedBefore = metric("gateway_concurrency_rejections_total");

        checkedId(as(a).get(url)).then().statusCode(429)
                .header("Retry-After", "1")
                .header("X-Credits-Used", "0")
                .header("X-Credits-Remaining", "99")
                .header("X-Cache", nullValue())
                .body("error.type", equalTo("CONCURRENCY_LIMIT"))
                .body("error.message", equalTo("Too many concurrent requests on this API key: at most 50 may be in flight."))
                .body("credits_remaining", equalTo(99));
        assertEquals(rejectedBefore + 1, metric("gateway_concurrency_rejections_total"));
        assertEquals(50, Slots.held(a.key()));
    }

    @Test
    void aHitRunsNoScriptInRedisOnlyPlainReads() {
        Account a = account(100);
        String url = "/v1/tiktok/profile?handle=" + token("plain-reads");
        as(a).get(url).then().statusCode(200).header("X-Cache", "MISS");
        as(a).get(url).then().statusCode(200).header("X-Cache", "HIT");
        long scriptsBefore = RedisStats.calls("evalsha");
        long markersBefore = RedisStats.calls("exists");
        long getsBefore = RedisStats.calls("get");
        long countsBefore = RedisStats.calls("zcount");

        for (int i = 0; i < 40; i++) {
            as(a).get(url).then().statusCode(200).header("X-Cache", "HIT");
        }

        // The outbox's round (1 s in tests) may run a script or two meanwhile; 40 hits through a script would be 40.
        long scripts = RedisStats.calls("evalsha") - scriptsBefore;
        assertTrue(scripts < 5, "a hit ran a Lua script: " + scripts + " EVALSHA calls for 40 hits");
        assertTrue(RedisStats.calls("exists") - markersBefore >= 40, "each hit reads its key's revocation marker");
        assertTrue(RedisStats.calls("get") - getsBefore >= 80, "each hit reads its entry and the balance");
        assertTrue(RedisStats.calls("zcount") - countsBefore >= 40, "each hit counts its key's live leases");
    }

    @Test
    void leasesLeftByADeadReplicaDoNotBlockAHit() {
        Account a = account(100);
        String url = "/v1/tiktok/profile?handle=" + token("stale-hit");
        as(a).get(url).then().statusCode(200);
        Slots.leftByADeadReplica(a.key(), 50);

        as(a).get(url).then().statusCode(200).header("X-Cache", "HIT");
        assertEquals(50, Slots.held(a.key()), "a hit counts the live leases and writes nothing");
        as(a).get("/v1/tiktok/profile?handle=" + token("stale-miss")).then().statusCode(200).header("X-Cache", "MISS");
        assertEquals(0, Slots.held(a.key()), "the next miss dropped the expired leases, and its own on its way out");
    }

    @Test
    void aKeyRevokedWhileThisReplicaStillTrustsItIsRefusedOnTheHitPath() {
        Account a = account(100);
        String t = token("revoked-hit");
        String url = "/v1/tiktok/profile?handle=" + t;
        as(a).get(url).then().statusCode(200);
        as(a).get(url).then().statusCode(200).header("X-Cache", "HIT");
        int lookups = billing().keyLookups();
        Revocations.markerOnly(a.key());

        checkedId(as(a).get(url)).then().statusCode(401)
                .body("error.type", equalTo("INVALID_API_KEY"))
                .body("$", not(hasKey("credits_remaining")))
                .header("X-Credits-Remaining", nullValue())
                .header("X-Cache", nullValue());
        assertEquals(lookups, billing().keyLookups(), "refused by the marker, not by asking billing");
        as(a).get(url).then().statusCode(401);
        assertEquals(1, billing().debitsOfAccount(a.id()));
        assertEquals(0, Slots.held(a.key()));
    }

    @Test
    void aRevokedKeyIs401NotTheErrorOfItsWrongParamsEndpointOrIdempotencyKey() {
        Account a = account(100);
        as(a).get("/v1/tiktok/profile?handle=" + token("warm")).then().statusCode(200);
        Revocations.markerOnly(a.key());

        for (Response r : new Response[] {
                as(a).get("/v1/tiktok/profile?handle=@bad&colour=red"),
                as(a).get("/v1/tiktok/nope"),
                as(a).header("Idempotency-Key", "short").get("/v1/tiktok/profile?handle=" + token("idem")) }) {
            checkedId(r).then().statusCode(401)
                    .body("error.type", equalTo("INVALID_API_KEY"))
                    .body("$", not(hasKey("credits_remaining")));
        }
    }

    @Test
    void theWrongParamsOfAKeyThatIsNotRevokedAreStill400And404() {
        Account a = account(100);
        as(a).get("/v1/tiktok/profile?handle=" + token("warm")).then().statusCode(200);

        checkedId(as(a).get("/v1/tiktok/profile?handle=@bad")).then().statusCode(400)
                .body("error.type", equalTo("INVALID_REQUEST"))
                .body("credits_remaining", equalTo(99));
        checkedId(as(a).get("/v1/tiktok/nope")).then().statusCode(404)
                .body("error.type", equalTo("ENDPOINT_NOT_FOUND"))
                .body("credits_remaining", equalTo(99));
    }

    @Test
    void aMissHoldsItsSlotWhileItIsServedAndReleasesItAfterwards() {
        Account a = account(100);
        as(a).get("/v1/tiktok/profile?handle=" + token("warm")).then().statusCode(200);
        String t = token("held-miss");
        CountDownLatch gate = new CountDownLatch(1);
        proxy().on(t, Behaviour.ok("{\"author\":{\"handle\":\"" + t + "\"}}").heldUntil(gate));
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest miss = HttpRequest.newBuilder(base.resolve("/v1/tiktok/profile?handle=" + t))
                .header("x-api-key", a.key()).build();

        CompletableFuture<HttpResponse<String>> answer = client.sendAsync(miss, HttpResponse.BodyHandlers.ofString());
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> proxy().callsWith(t).size() == 1);
            assertEquals(1, Slots.held(a.key()), "the miss holds one slot while the proxy works");
        } finally {
            gate.countDown();
        }
        HttpResponse<String> served = answer.join();
        assertEquals(200, served.statusCode());
        assertEquals("MISS", served.headers().firstValue("X-Cache").orElse(null));
        await().atMost(Duration.ofSeconds(10)).until(() -> Slots.held(a.key()) == 0);
    }

    @Test
    void aHitIsTheEnvelopeJacksonWritesWithTheCachedDataByteForByte() {
        Account a = account(100);
        String t = token("bytes");
        proxy().on(t, Behaviour.ok("{\"author\":{\"handle\":\"" + t + "\",\"bio\":\"caf\u00e9 \\\"quoted\\\" \\u2603\","
                + "\"tags\":[1,2.5,null,true]}}"));
        Response miss = as(a).get("/v1/tiktok/profile?handle=" + t);
        miss.then().statusCode(200).header("X-Cache", "MISS");
        Response hit = as(a).get("/v1/tiktok/profile?handle=" + t);
        hit.then().statusCode(200).header("X-Cache", "HIT");

        String missBody = miss.asString();
        String data = missBody.substring(missBody.indexOf("\"data\":") + 7, missBody.indexOf(",\"credits_used\":"));
        String expected = "{\"success\":true,\"platform\":\"tiktok\",\"endpoint\":\"/v1/tiktok/profile\",\"data\":"
                + data + ",\"credits_used\":0,\"credits_remaining\":99,\"request_id\":\""
                + hit.header("X-Request-Id") + "\",\"cached\":true}";
        assertEquals(expected, hit.asString());
        assertEquals(miss.contentType(), hit.contentType());
        assertEquals("99", hit.header("X-Credits-Remaining"));
    }

}
