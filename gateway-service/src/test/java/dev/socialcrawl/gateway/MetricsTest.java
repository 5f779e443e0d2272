package dev.socialcrawl.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import dev.socialcrawl.gateway.support.FakeProxy.Behaviour;
import dev.socialcrawl.gateway.support.GatewayTest;

/** The Prometheus series dashboards rely on appear after requests. */
@QuarkusTest
class MetricsTest extends GatewayTest {

    @Test
    void theGatewaySeriesAppearOnTheMetricsEndpointAfterRequests() {
        Account a = account(100);
        String t = token("metrics");
        as(a).get("/v1/tiktok/profile?handle=" + t).then().statusCode(200);
        as(a).get("/v1/tiktok/profile?handle=" + t).then().statusCode(200);
        String failing = token("metrics-fail");
        proxy().on(failing, Behaviour.error(502, "UPSTREAM_ERROR", Map.of()));
        as(a).get("/v1/tiktok/profile?handle=" + failing).then().statusCode(502);
        management().get("/q/metrics").then().statusCode(200)
                .body(containsString("gateway_requests_total{cache=\"miss\",endpoint=\"/v1/tiktok/profile\",platform=\"tiktok\",status=\"200\"}"))
                .body(containsString("gateway_requests_total{cache=\"hit\",endpoint=\"/v1/tiktok/profile\",platform=\"tiktok\",status=\"200\"}"))
                .body(containsString("gateway_request_duration_seconds_bucket{platform=\"tiktok\""))
                .body(containsString("gateway_credits_debited_total"))
                .body(containsString("gateway_credits_refunded_total"))
                .body(containsString("gateway_billing_outbox_pending"))
                .body(containsString("gateway_concurrency_rejections_total"))
                .body(containsString("gateway_idempotent_replays_total"));
    }
}
