package dev.socialcrawl.gateway;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import dev.socialcrawl.gateway.support.FakeProxy.Behaviour;
import dev.socialcrawl.gateway.support.GatewayTest;

/** docs/api.md#credits-and-refunds: each upstream outcome after the debit, its answer, headers and ledger effect. */
@QuarkusTest
class OutcomesTest extends GatewayTest {

    @Test
    void usableDataIsA200ThatIsChargedSettledAndCarriesTheRequestIdToBillingAndTheProxy() {
        Account a = account(100);
        String t = token("ok");
        proxy().on(t, Behaviour.ok("{\"author\":{\"handle\":\"" + t + "\",\"followers\":5}}"));
        Response r = as(a).get("/v1/tiktok/profile?handle=" + t);
        checkedId(r).then().statusCode(200)
                .contentType("application/json")
                .body("success", equalTo(true))
                .body("platform", equalTo("tiktok"))
                .body("endpoint", equalTo("/v1/tiktok/profile"))
                .body("data.author.handle", equalTo(t))
                .body("credits_used", equalTo(1))
                .body("credits_remaining", equalTo(99))
                .body("cached", equalTo(false))
                .header("X-Cache", "MISS")
                .header("X-Credits-Used", "1")
                .header("X-Credits-Remaining", "99");
        String id = r.jsonPath().getString("request_id");
        assertEquals(1, billing().debitsWritten(id));
        assertEquals("/v1/tiktok/profile", billing().debit(id).endpoint());
        assertEquals(id, billing().debitRequestIdHeader(id), "billing gets the gateway's request id");
        assertEquals(id, proxy().callsWith(t).get(0).requestId(), "the proxy gets the gateway's request id");
        assertEquals("/proxy/tiktok/profile", proxy().callsWith(t).get(0).path());
        await().atMost(Duration.ofSeconds(10)).until(() -> billing().settled(id));
        assertEquals(0, billing().refundsWritten(id));
    }

    @Test
    void aMultiSegmentResourceAndItsParamsReachTheProxyUnchanged() {
        Account a = account(100);
        String t = token("multi");
        proxy().on(t, Behaviour.ok("{\"items\":[{\"id\":1}]}"));
        as(a).queryParam("handle", t).queryParam("sort_by", "popular").queryParam("format", "raw")
                .get("/v1/tiktok/profile/videos").then().statusCode(200).body("data.items[0].id", equalTo(1));
        var call = proxy().callsWith(t).get(0);
        assertEquals("/proxy/tiktok/profile/videos", call.path());
        assertEquals(Map.of("handle", t, "sort_by", "popular", "format", "raw"), call.params());
    }

    @Test
    void anEmptyUpstreamIs404ResourceNotFoundAndRefunded() {
        Account a = account(100);
        String t = token("empty");
        proxy().on(t, Behaviour.error(404, "RESOURCE_NOT_FOUND", Map.of("X-Upstream-Empty", "true")));
        Response r = as(a).get("/v1/tiktok/profile?handle=" + t);
        checkedId(r).then().statusCode(404).body("error.type", equalTo("RESOURCE_NOT_FOUND"));
        assertRefundedInFull(r, a, 100);
    }

    @Test
    void anUpstream404IsResourceNotFoundAndCharged() {
        Account a = account(100);
        String t = token("gone");
        proxy().on(t, Behaviour.error(404, "RESOURCE_NOT_FOUND", Map.of("X-Upstream-Empty", "false")));
        Response r = as(a).get("/v1/tiktok/profile?handle=" + t);
        checkedId(r).then().statusCode(404)
                .body("error.type", equalTo("RESOURCE_NOT_FOUND"))
                .body("credits_remaining", equalTo(99))
                .header("X-Credits-Used", "1")
                .header("X-Credits-Remaining", "99");
        String id = r.jsonPath().getString("request_id");
        assertEquals(0, billing().refundsWritten(id));
        assertEquals(99, billing().balance(a.id()));
    }

    @Test
    void anUpstreamErrorIs502AndRefunded() {
        refunded(Behaviour.error(502, "UPSTREAM_ERROR", Map.of()), 502, "UPSTREAM_ERROR", null);
    }

    @Test
    void anOpenCircuitIs503WithTheProxysRetryAfterAndRefunded() {
        refunded(Behaviour.error(503, "SERVICE_UNAVAILABLE", Map.of("Retry-After", "17")), 503,
                "SERVICE_UNAVAILABLE", "17");
    }

    @Test
    void anOpenCircuitWithoutRetryAfterGets30() {
        refunded(Behaviour.error(503, "SERVICE_UNAVAILABLE", Map.of()), 503, "SERVICE_UNAVAILABLE", "30");
    }

    @Test
    void anUnexpectedProxyErrorIs500AndRefunded() {
        refunded(Behaviour.error(500, "INTERNAL_ERROR", Map.of()), 500, "INTERNAL_ERROR", null);
    }

    @Test
    void aProxyAnswerThatIsNotJsonIs502AndRefunded() {
        refunded(new Behaviour(200, "<html>oops</html>", Map.of(), null), 502, "UPSTREAM_ERROR", null);
    }

    @Test
    void aProxyAnswerWithoutAnEnvelopeIs500AndRefunded() {
        refunded(new Behaviour(418, "teapot", Map.of(), null), 500, "INTERNAL_ERROR", null);
    }

    private void refunded(Behaviour behaviour, int status, String type, String retryAfter) {
        Account a = account(100);
        String t = token("fail");
        proxy().on(t, behaviour);
        Response r = as(a).get("/v1/tiktok/trending?region=" + t);
        checkedId(r).then().statusCode(status)
                .body("success", equalTo(false))
                .body("error.type", equalTo(type))
                .body("error.status", equalTo(status))
                .header("X-Cache", "MISS")
                .header("Retry-After", retryAfter == null ? org.hamcrest.Matchers.nullValue() : equalTo(retryAfter));
        assertTrue(r.asString().indexOf("Exception") < 0, "no class names reach a client");
        assertRefundedInFull(r, a, 100);
    }
}
