package dev.socialcrawl.system;

import static dev.socialcrawl.system.Envelopes.error;
import static dev.socialcrawl.system.Envelopes.success;
import static dev.socialcrawl.system.Envelopes.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

/**
 * A failing platform opens its own breaker only, is shown open, and recovers after the delay. The breakers live as long
 * as the suite's proxy and count the last {@link SystemSuite#BREAKER_VOLUME} calls, so the failing platform is one no
 * other system test calls.
 */
class BreakerTest extends SystemTestBase {
    private static final String FAILING = "/v1/truthsocial/user/posts";
    private static final String HEALTHY = "/v1/reddit/search";

    @Test
    void aFailingPlatformOpensItsBreakerWhileAnotherWorksAndRecoversAfterTheDelay() {
        suite.upstream.rule("truthsocial", FakeUpstream.Rule.serverError());
        Operator.Account acc = operator.newAccount();
        for (int i = 0; i < SystemSuite.BREAKER_VOLUME; i++) {
            error(customer(acc.key()).queryParam("handle", unique()).get(FAILING), 502, "UPSTREAM_ERROR");
        }
        Response open = error(customer(acc.key()).queryParam("handle", unique()).get(FAILING), 503, "SERVICE_UNAVAILABLE");
        int retryAfter = Integer.parseInt(open.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= SystemSuite.BREAKER_DELAY_S, "Retry-After " + retryAfter);
        assertEquals("0", open.header("X-Credits-Used"));
        assertEquals(SystemSuite.BREAKER_VOLUME, suite.upstream.calls("truthsocial"), "an open breaker calls nobody");
        await().atMost(Duration.ofSeconds(10)).until(() -> operator.entryTypes(open.jsonPath().getString("request_id"))
                .equals(List.of("debit", "refund")));

        success(customer(acc.key()).queryParam("query", unique()).get(HEALTHY), 1, false);
        await().atMost(Duration.ofSeconds(10)).until(() -> "open".equals(
                customer(suite.gatewayB, null).get("/v1/status").jsonPath().getString("data.platforms.truthsocial.state")));
        assertEquals("closed", customer(null).get("/v1/status").jsonPath().getString("data.platforms.reddit.state"));

        suite.upstream.rule("truthsocial", FakeUpstream.Rule.ok());
        await().atMost(Duration.ofSeconds(SystemSuite.BREAKER_DELAY_S + 10)).pollInterval(Duration.ofMillis(500))
                .until(() -> customer(acc.key()).queryParam("handle", unique()).get(FAILING).statusCode() == 200);
        await().atMost(Duration.ofSeconds(10)).until(() -> "closed".equals(
                customer(null).get("/v1/status").jsonPath().getString("data.platforms.truthsocial.state")));
        // every failure was refunded: only the healthy call and the recovering call were charged
        await().atMost(Duration.ofSeconds(10)).until(() -> operator.balance(acc.id()) == 98);
    }
}
