package dev.socialcrawl.gateway;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import dev.socialcrawl.gateway.support.FakeProxy.Behaviour;
import dev.socialcrawl.gateway.support.GatewayTest;

/** docs/api.md#caching-and-stale-answers: a shared cache, free hits, billed refreshes on no-cache. */
@QuarkusTest
class CacheTest extends GatewayTest {

    @Test
    void aRepeatedRequestIsAFreeHitEvenForAnotherAccount() {
        Account first = account(100);
        Account second = account(50);
        String t = token("cache");
        proxy().on(t, Behaviour.ok("{\"author\":{\"handle\":\"" + t + "\"}}"));
        as(first).get("/v1/tiktok/profile?handle=" + t).then().statusCode(200).header("X-Cache", "MISS");
        Response hit = as(second).get("/v1/tiktok/profile?handle=" + t);
        checkedId(hit).then().statusCode(200)
                .body("data.author.handle", equalTo(t))
                .body("cached", equalTo(true))
                .body("credits_used", equalTo(0))
                .body("credits_remaining", equalTo(50))
                .header("X-Cache", "HIT")
                .header("X-Credits-Used", "0")
                .header("X-Credits-Remaining", "50");
        assertEquals(1, proxy().callsWith(t).size(), "the upstream was paid once");
        assertEquals(0, billing().debitsOfAccount(second.id()), "no ledger row for a hit");
    }

    @Test
    void theCacheKeyIncludesEveryParamIncludingFormat() {
        Account a = account(100);
        String t = token("fmt");
        as(a).get("/v1/tiktok/profile?handle=" + t).then().header("X-Cache", "MISS");
        as(a).get("/v1/tiktok/profile?handle=" + t + "&format=raw").then().header("X-Cache", "MISS");
        as(a).get("/v1/tiktok/profile?format=raw&handle=" + t).then().header("X-Cache", "HIT");
        assertEquals(2, proxy().callsWith(t).size());
    }

    @Test
    void noCacheFetchesLiveBillsAndRefreshesTheEntry() {
        Account a = account(100);
        String t = token("refresh");
        proxy().on(t, Behaviour.ok("{\"author\":{\"handle\":\"old\"}}"));
        as(a).get("/v1/tiktok/profile?handle=" + t).then().statusCode(200);
        proxy().on(t, Behaviour.ok("{\"author\":{\"handle\":\"new\"}}"));
        as(a).header("Cache-Control", "no-cache").get("/v1/tiktok/profile?handle=" + t).then().statusCode(200)
                .header("X-Cache", "MISS")
                .body("cached", equalTo(false))
                .body("credits_used", equalTo(1))
                .body("data.author.handle", equalTo("new"));
        as(a).get("/v1/tiktok/profile?handle=" + t).then().statusCode(200)
                .header("X-Cache", "HIT")
                .body("data.author.handle", equalTo("new"));
        assertEquals(2, billing().debitsOfAccount(a.id()));
        assertEquals(98, billing().balance(a.id()));
    }

    @Test
    void failuresAreNeverCached() {
        Account a = account(100);
        String t = token("nocache");
        proxy().on(t, Behaviour.error(404, "RESOURCE_NOT_FOUND", java.util.Map.of("X-Upstream-Empty", "false")));
        as(a).get("/v1/tiktok/profile?handle=" + t).then().statusCode(404);
        as(a).get("/v1/tiktok/profile?handle=" + t).then().statusCode(404).header("X-Cache", "MISS");
        assertEquals(2, proxy().callsWith(t).size());
    }
}
