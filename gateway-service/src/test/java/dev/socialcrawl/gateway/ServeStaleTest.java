package dev.socialcrawl.gateway;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

import dev.socialcrawl.gateway.support.CacheEntries;
import dev.socialcrawl.gateway.support.FakeProxy.Behaviour;
import dev.socialcrawl.gateway.support.FakeServices;
import dev.socialcrawl.gateway.support.GatewayTest;

/**
 * Serve-stale (docs/api.md#caching-and-stale-answers): a request with {@code Cache-Control: max-stale[=N]} whose live
 * fetch ends refundable — or whose platform's breaker is open — gets the expired cache entry, free, with
 * {@code X-Cache: STALE} and its {@code Age}; a request without it never sees stale data.
 */
@QuarkusTest
class ServeStaleTest extends GatewayTest {
    private static final long AUTHOR_TTL_S = 15 * 60;

    @AfterEach
    void noBreakerReports() {
        redis().key().del(FakeServices.PREFIX + "proxy-breakers");
    }

    @Test
    void anExpiredEntryAnswersAFailedFetchForARequestThatAcceptsStaleData() {
        Account a = account(100);
        String t = cachedThenExpired(a, 60);
        proxy().on(t, Behaviour.error(502, "UPSTREAM_ERROR", Map.of()));

        Response r = checkedId(as(a).header("Cache-Control", "max-stale").get("/v1/tiktok/profile?handle=" + t));
        r.then().statusCode(200)
                .header("X-Cache", "STALE")
                .header("X-Credits-Used", "0")
                .header("X-Credits-Remaining", "99")
                .body("cached", equalTo(true))
                .body("credits_used", equalTo(0))
                .body("data.author.handle", equalTo(t));
        long age = Long.parseLong(r.header("Age"));
        assertTrue(age >= AUTHOR_TTL_S + 60 && age < AUTHOR_TTL_S + 120, "Age " + age);
        String id = r.jsonPath().getString("request_id");
        assertEquals(1, billing().debitsWritten(id));
        assertEquals(1, billing().refundsWritten(id), "the failed fetch was refunded");
        assertEquals(99, billing().balance(a.id()), "only the first, fresh fetch cost a credit");
    }

    @Test
    void withoutMaxStaleOrOlderThanItAllowsTheFailureIsAnsweredAndRefunded() {
        Account a = account(100);
        String t = cachedThenExpired(a, 60);
        proxy().on(t, Behaviour.error(502, "UPSTREAM_ERROR", Map.of()));

        as(a).get("/v1/tiktok/profile?handle=" + t).then().statusCode(502).header("X-Credits-Used", "0")
                .body("credits_remaining", equalTo(99));
        as(a).header("Cache-Control", "max-stale=5").get("/v1/tiktok/profile?handle=" + t).then().statusCode(502);
        as(a).header("Cache-Control", "max-stale=120").get("/v1/tiktok/profile?handle=" + t).then().statusCode(200)
                .header("X-Cache", "STALE");
        assertEquals(99, billing().balance(a.id()));
    }

    @Test
    void aFreshEntryIsAnOrdinaryHitAndAMalformedMaxStaleIsRefused() {
        Account a = account(100);
        String t = token("fresh");
        as(a).get("/v1/tiktok/profile?handle=" + t).then().statusCode(200);
        as(a).header("Cache-Control", "max-stale=60").get("/v1/tiktok/profile?handle=" + t).then().statusCode(200)
                .header("X-Cache", "HIT");
        as(a).header("Cache-Control", "max-stale=soon").get("/v1/tiktok/profile?handle=" + t).then().statusCode(400)
                .body("error.type", equalTo("INVALID_REQUEST"));
    }

    @Test
    void aPlatformKnownOpenIsAnsweredStaleWithoutADebitOrAnUpstreamCall() {
        Account a = account(100);
        String t = cachedThenExpired(a, 60);
        redis().hash(String.class).hset(FakeServices.PREFIX + "proxy-breakers", "r1", "{\"replica\":\"r1\","
                + "\"updated_at\":\"" + Instant.now() + "\",\"platforms\":{\"tiktok\":{\"state\":\"open\","
                + "\"retry_after_seconds\":20}}}");
        await().atMost(Duration.ofSeconds(10)).until(() -> "open".equals(RestAssured.given().get("/v1/status")
                .jsonPath().getString("data.platforms.tiktok.state")));
        int calls = proxy().callsWith(t).size();
        long debits = billing().debitsOfAccount(a.id());

        as(a).header("Cache-Control", "max-stale").get("/v1/tiktok/profile?handle=" + t).then().statusCode(200)
                .header("X-Cache", "STALE").header("X-Credits-Used", "0");
        assertEquals(calls, proxy().callsWith(t).size(), "no call to the proxy");
        assertEquals(debits, billing().debitsOfAccount(a.id()), "no debit");
    }

    /** A token whose entry was cached by a paid request, then made to have expired {@code expiredForS} seconds ago. */
    private static String cachedThenExpired(Account a, long expiredForS) {
        String t = token("stale");
        proxy().on(t, Behaviour.ok("{\"author\":{\"handle\":\"" + t + "\"}}"));
        as(a).get("/v1/tiktok/profile?handle=" + t).then().statusCode(200).header("X-Cache", "MISS");
        CacheEntries.backdate(t, AUTHOR_TTL_S + expiredForS);
        return t;
    }

    private static RedisDataSource redis() {
        return Arc.container().instance(RedisDataSource.class).get();
    }
}
