package dev.socialcrawl.gateway;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.socialcrawl.gateway.support.GatewayTest;

/** A Redis that never answers: every command is bounded, the request ends with a clean 503 and nothing is charged. */
@QuarkusTest
@TestProfile(RedisHangsProfile.class)
class RedisHangsTest extends GatewayTest {

    @Test
    void aCatalogueRequestEndsWith503WithinTheRedisBoundsAndNothingIsCharged() {
        Account a = account(100);
        String t = token("hung");
        checkedId(as(a).get("/v1/tiktok/profile?handle=" + t)).then()
                .time(lessThan(15_000L))
                .statusCode(503)
                .header("Retry-After", "5")
                .body("error.type", equalTo("SERVICE_UNAVAILABLE"))
                .body("error.message", equalTo("The service is temporarily unavailable. Nothing was charged; retry shortly."));
        assertEquals(0, billing().debitsOfAccount(a.id()));
        assertEquals(0, proxy().callsWith(t).size());
    }
}
