package dev.socialcrawl.gateway;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;

import dev.socialcrawl.gateway.redis.Hashing;
import dev.socialcrawl.gateway.support.FakeProxy.Behaviour;
import dev.socialcrawl.gateway.support.FakeServices;
import dev.socialcrawl.gateway.support.GatewayTest;

/**
 * Architecture guarantee 9 and docs/api.md#limits: what costs the caller nothing costs the gateway next to nothing — a
 * keyed cache hit keeps a small record (never the payload), and a refused key repeated is never asked of billing again.
 */
@QuarkusTest
class FreeWorkIsBoundedTest extends GatewayTest {

    @Test
    void aKeyedCacheHitKeepsASmallRecordAndReplaysWhileItsEntryLives() {
        Account a = account(100);
        String t = token("big");
        String bio = "x".repeat(200_000);
        proxy().on(t, Behaviour.ok("{\"author\":{\"handle\":\"" + t + "\",\"bio\":\"" + bio + "\"}}"));
        as(a).get("/v1/tiktok/profile?handle=" + t).then().statusCode(200).header("X-Cache", "MISS");
        String key = UUID.randomUUID().toString();

        as(a).header("Idempotency-Key", key).get("/v1/tiktok/profile?handle=" + t).then().statusCode(200)
                .header("X-Cache", "HIT").header("X-Credits-Used", "0");

        String record = redis().value(String.class).get(FakeServices.PREFIX + "gw:idem:" + Hashing.sha256Hex(key));
        assertTrue(record.length() < 1024, "the record keeps no payload: " + record.length() + " bytes");
        as(a).header("Idempotency-Key", key).get("/v1/tiktok/profile?handle=" + t).then().statusCode(200)
                .header("X-Idempotent-Replay", "true")
                .body("data.author.bio", equalTo(bio))
                .body("credits_used", equalTo(0));
        assertEquals(1, billing().debitsOfAccount(a.id()), "only the first, unkeyed miss was charged");
    }

    @Test
    void aKeyedCacheHitWhoseEntryExpiredRunsAfresh() {
        Account a = account(100);
        String t = token("expired-entry");
        as(a).get("/v1/tiktok/profile?handle=" + t).then().statusCode(200);
        String key = UUID.randomUUID().toString();
        as(a).header("Idempotency-Key", key).get("/v1/tiktok/profile?handle=" + t).then().header("X-Cache", "HIT");
        redis().key().del(redis().key().keys(FakeServices.PREFIX + "gw:cache:*").toArray(String[]::new));

        as(a).header("Idempotency-Key", key).get("/v1/tiktok/profile?handle=" + t).then().statusCode(200)
                .header("X-Cache", "MISS").header("X-Credits-Used", "1");
        assertEquals(2, billing().debitsOfAccount(a.id()));
        as(a).header("Idempotency-Key", key).get("/v1/tiktok/profile?handle=" + t).then().statusCode(200)
                .header("X-Idempotent-Replay", "true").header("X-Credits-Used", "0");
        assertEquals(2, billing().debitsOfAccount(a.id()), "the fresh run is what the key replays now");
    }

    @Test
    void aRefusedKeyRepeatedIsAskedOfBillingOnce() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String unknown = "sc_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        int before = billing().keyLookups();
        for (int i = 0; i < 25; i++) {
            checkedId(io.restassured.RestAssured.given().header("x-api-key", unknown)
                    .get("/v1/tiktok/profile?handle=x")).then().statusCode(401)
                    .body("error.type", equalTo("INVALID_API_KEY"));
        }
        assertEquals(1, billing().keyLookups() - before);
    }

    private static RedisDataSource redis() {
        return Arc.container().instance(RedisDataSource.class).get();
    }
}
