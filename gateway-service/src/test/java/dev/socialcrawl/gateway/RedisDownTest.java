package dev.socialcrawl.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.socialcrawl.gateway.support.GatewayTest;

/** Without Redis the gateway fails fast with a clean envelope, charges nothing and reports not ready. */
@QuarkusTest
@TestProfile(RedisDownProfile.class)
class RedisDownTest extends GatewayTest {

    @Test
    void aCatalogueRequestFailsFastWith503AndNothingIsCharged() {
        Account a = account(100);
        String t = token("noredis");
        checkedId(as(a).get("/v1/tiktok/profile?handle=" + t)).then()
                .time(lessThan(10_000L))
                .statusCode(503)
                .header("Retry-After", "5")
                .body("error.type", equalTo("SERVICE_UNAVAILABLE"))
                .body("error.message", equalTo("The service is temporarily unavailable. Nothing was charged; retry shortly."));
        assertEquals(0, billing().debitsOfAccount(a.id()));
        assertEquals(0, proxy().callsWith(t).size());
    }

    @Test
    void readinessIsDown() {
        management().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
    }
}
