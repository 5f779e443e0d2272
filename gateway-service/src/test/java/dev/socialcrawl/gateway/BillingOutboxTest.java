package dev.socialcrawl.gateway;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import dev.socialcrawl.gateway.support.FakeProxy.Behaviour;
import dev.socialcrawl.gateway.support.GatewayTest;

/** A refund billing cannot take now is kept in Redis and delivered once billing is back; never twice. */
@QuarkusTest
class BillingOutboxTest extends GatewayTest {

    @AfterEach
    void billingIsBack() {
        billing().refundsFail(false);
        billing().down(false);
    }

    @Test
    void aRefundThatBillingMissedArrivesOnceBillingIsBack() {
        Account a = account(100);
        String t = token("outbox");
        proxy().on(t, Behaviour.error(502, "UPSTREAM_ERROR", Map.of()));
        billing().refundsFail(true);
        Response r = as(a).get("/v1/tiktok/trending?region=" + t);
        r.then().statusCode(502)
                .body("credits_remaining", equalTo(100))
                .header("X-Credits-Used", "0");
        String id = r.jsonPath().getString("request_id");
        assertEquals(0, billing().refundsWritten(id), "billing refused the refund for now");
        assertEquals(95, billing().balance(a.id()));

        billing().refundsFail(false);
        await().atMost(Duration.ofSeconds(20)).until(() -> billing().refundsWritten(id) == 1);
        assertEquals(100, billing().balance(a.id()));
        assertEquals(1, billing().refundsWritten(id), "refunded exactly once");
    }

    @Test
    void billingDownAtDebitTimeIs500AndNothingIsCharged() {
        Account a = account(100);
        String t = token("nodebit");
        as(a).get("/v1/tiktok/profile?handle=" + token("warm")).then().statusCode(200);
        billing().down(true);
        Response r = as(a).get("/v1/tiktok/profile?handle=" + t);
        checkedId(r).then().statusCode(500).body("error.type", equalTo("INTERNAL_ERROR"));
        billing().down(false);
        assertEquals(0, proxy().callsWith(t).size(), "no upstream call without a debit");
        assertEquals(99, billing().balance(a.id()));
    }
}
