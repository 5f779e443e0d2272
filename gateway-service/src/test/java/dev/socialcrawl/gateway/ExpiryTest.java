package dev.socialcrawl.gateway;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

import dev.socialcrawl.gateway.support.GatewayTest;

/** Idempotency ownership and cache entries end with their configured TTL (2 s in this profile). */
@QuarkusTest
@TestProfile(ShortLivedEntriesProfile.class)
class ExpiryTest extends GatewayTest {

    @Test
    void anIdempotencyKeyIsFreeAgainOnceItsTtlIsOver() {
        Account owner = account(100);
        Account other = account(100);
        String t = token("idem-ttl");
        String key = UUID.randomUUID().toString();
        as(owner).header("Idempotency-Key", key).header("Cache-Control", "no-cache")
                .get("/v1/tiktok/profile?handle=" + t).then().statusCode(200);
        as(owner).header("Idempotency-Key", key).get("/v1/tiktok/profile?handle=" + t).then()
                .header("X-Idempotent-Replay", "true");
        // Another account is refused (409, free) while the key is owned, and served once its 2 s are over.
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).until(() -> {
            Response r = as(other).header("Idempotency-Key", key).header("Cache-Control", "no-cache")
                    .get("/v1/tiktok/profile?handle=" + t);
            if (r.statusCode() == 409) {
                return false;
            }
            r.then().statusCode(200).header("X-Idempotent-Replay", nullValue()).body("credits_used", equalTo(1));
            return true;
        });
        assertEquals(1, billing().debitsOfAccount(other.id()), "only the request after expiry was charged");
    }

    @Test
    void aCachedEntryIsServedWithinItsTtlAndFetchedAgainAfter() {
        Account a = account(100);
        String t = token("cache-ttl");
        as(a).get("/v1/tiktok/profile?handle=" + t).then().header("X-Cache", "MISS");
        as(a).get("/v1/tiktok/profile?handle=" + t).then().header("X-Cache", "HIT").body("credits_used", equalTo(0));
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250))
                .until(() -> "MISS".equals(as(a).get("/v1/tiktok/profile?handle=" + t).header("X-Cache")));
        assertEquals(2, proxy().callsWith(t).size(), "the upstream was called again only after the TTL");
        assertEquals(2, billing().debitsOfAccount(a.id()));
    }
}
