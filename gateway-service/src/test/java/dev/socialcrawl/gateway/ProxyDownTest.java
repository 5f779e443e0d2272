package dev.socialcrawl.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

import dev.socialcrawl.gateway.support.GatewayTest;

/** The proxy unreachable after the debit: 500 INTERNAL_ERROR, credits given back, status still answers, not ready. */
@QuarkusTest
@TestProfile(ProxyDownProfile.class)
class ProxyDownTest extends GatewayTest {

    @Test
    void anUnreachableProxyIs500AndTheDebitIsRefunded() {
        Account a = account(100);
        Response r = as(a).get("/v1/tiktok/profile?handle=" + token("noproxy"));
        checkedId(r).then().statusCode(500).body("error.type", equalTo("INTERNAL_ERROR"));
        assertRefundedInFull(r, a, 100);
    }

    @Test
    void readinessIsDownWhileTheProxyCannotBeReached() {
        management().get("/q/health/ready").then().statusCode(503)
                .body("status", equalTo("DOWN"))
                .body("checks.find { it.name == 'billing-and-proxy-reachable' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'billing-and-proxy-reachable' }.data.proxy", equalTo("unreachable"))
                .body("checks.find { it.name == 'billing-and-proxy-reachable' }.data.billing", equalTo("reachable"));
    }

    @Test
    void statusShowsEveryPlatformClosedWhenNoBreakerDataExistsAnywhere() {
        given().get("/v1/status").then().statusCode(200)
                .body("data.platforms.tiktok.state", equalTo("closed"))
                .body("data.platforms.reddit.state", equalTo("closed"));
    }
}
