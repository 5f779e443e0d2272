package dev.socialcrawl.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.socialcrawl.gateway.support.GatewayTest;
import dev.socialcrawl.gateway.support.Revocations;

/** A revoked or expired key is refused from the very next request, although verified keys are cached. */
@QuarkusTest
class RevocationTest extends GatewayTest {

    @Test
    void aVerifiedKeyIsServedFromTheInProcessCache() {
        Account a = account(100);
        as(a).get("/v1/tiktok/profile?handle=" + token("c1")).then().statusCode(200);
        int lookups = billing().keyLookups();
        as(a).get("/v1/tiktok/profile?handle=" + token("c2")).then().statusCode(200);
        as(a).get("/v1/tiktok/profile?handle=" + token("c3")).then().statusCode(200);
        assertEquals(lookups, billing().keyLookups(), "no billing call for a cached key");
    }

    @Test
    void aKeyRevokedWhileCachedIsRefusedOnTheNextRequest() {
        Account a = account(100);
        as(a).get("/v1/tiktok/profile?handle=" + token("r1")).then().statusCode(200);
        Revocations.revoke(a.key());
        checkedId(as(a).get("/v1/tiktok/profile?handle=" + token("r2"))).then().statusCode(401)
                .body("error.type", equalTo("INVALID_API_KEY"));
        as(a).get("/v1/credits/balance").then().statusCode(401);
        assertEquals(1, billing().debitsOfAccount(a.id()));
    }

    @Test
    void aKeyThatExpiresWhileCachedIsRefusedOnceItsTimeHasCome() {
        long id = billing().createAccount(100);
        Instant expiry = Instant.now().plusSeconds(2);
        String key = billing().createKey(id, expiry);
        given().header("x-api-key", key).get("/v1/tiktok/profile?handle=" + token("e1")).then().statusCode(200);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> Instant.now().isAfter(expiry));
        given().header("x-api-key", key).get("/v1/tiktok/profile?handle=" + token("e2")).then().statusCode(401)
                .body("error.type", equalTo("INVALID_API_KEY"));
    }
}
