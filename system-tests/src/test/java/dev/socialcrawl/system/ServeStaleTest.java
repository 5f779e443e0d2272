package dev.socialcrawl.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

/**
 * Serve-stale through the packaged services (docs/api.md#caching-and-stale-answers): after the entry expired and the
 * upstream fails, {@code max-stale} gets 200 {@code X-Cache: STALE} with {@code Age}, free; without it, 502 refunded;
 * {@code max-stale=5} with an entry expired 60 s ago, 502; with the platform's breaker open, the stale entry without
 * an upstream call. Each test fails a platform no other system test calls: the proxy's breakers count the last
 * {@link SystemSuite#BREAKER_VOLUME} calls for as long as the suite runs, and the 502s here must not meet an open one.
 */
class ServeStaleTest extends SystemTestBase {
    /** Both endpoints are post lists, cached for {@code gateway.cache.ttl.post-list} (5 minutes). */
    private static final long POST_LIST_TTL_S = 300;
    private static final String LINKEDIN = "/v1/linkedin/company/posts";
    private static final String FACEBOOK = "/v1/facebook/profile/photos";

    @Test
    void staleDataOnlyForWhoAsksAndOnlyAsOldAsTheyAllow() {
        Operator.Account acc = operator.newAccount();
        String query = Envelopes.unique();
        String url = "https://www.linkedin.com/company/" + query;
        answersWith("linkedin", query);
        Envelopes.success(customer(acc.key()).queryParam("url", url).get(LINKEDIN), 1, false);
        expire(query, 60);
        suite.upstream.rule("linkedin", FakeUpstream.Rule.serverError());

        Response stale = customer(suite.gatewayB, acc.key()).header("Cache-Control", "max-stale")
                .queryParam("url", url).get(LINKEDIN);
        assertStale(stale);
        long age = Long.parseLong(stale.header("Age"));
        assertTrue(age >= POST_LIST_TTL_S + 60 && age < POST_LIST_TTL_S + 120, "Age " + age);
        assertEquals(List.of("debit", "refund"), operator.entryTypes(stale.jsonPath().getString("request_id")));
        assertEquals(99, operator.balance(acc.id()), "the stale answer was free");

        Response plain = customer(acc.key()).queryParam("url", url).get(LINKEDIN);
        Envelopes.error(plain, 502, "UPSTREAM_ERROR");
        assertEquals("0", plain.header("X-Credits-Used"));
        Envelopes.error(customer(acc.key()).header("Cache-Control", "max-stale=5").queryParam("url", url)
                .get(LINKEDIN), 502, "UPSTREAM_ERROR");
        assertEquals(99, operator.balance(acc.id()), "every failed fetch refunded");
    }

    @Test
    void anOpenBreakerIsAnsweredFromTheStaleEntryWithoutCallingUpstream() {
        Operator.Account acc = operator.newAccount();
        String query = Envelopes.unique();
        String url = "https://www.facebook.com/" + query;
        answersWith("facebook", query);
        Envelopes.success(customer(acc.key()).queryParam("url", url).get(FACEBOOK), 1, false);
        expire(query, 60);
        suite.upstream.rule("facebook", FakeUpstream.Rule.serverError());
        for (int i = 0; i < SystemSuite.BREAKER_VOLUME; i++) {
            customer(acc.key()).queryParam("url", "https://www.facebook.com/" + Envelopes.unique()).get(FACEBOOK);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> "open".equals(
                customer(null).get("/v1/status").jsonPath().getString("data.platforms.facebook.state")));
        int calls = suite.upstream.calls("facebook");

        Response stale = customer(acc.key()).header("Cache-Control", "max-stale").queryParam("url", url)
                .get(FACEBOOK);
        assertStale(stale);
        assertEquals(calls, suite.upstream.calls("facebook"), "the open breaker let no call through");
    }

    private static void assertStale(Response r) {
        assertEquals(200, r.statusCode(), () -> "status of " + r.asString());
        assertEquals("STALE", r.header("X-Cache"));
        assertEquals("0", r.header("X-Credits-Used"));
        assertEquals(0, r.jsonPath().getLong("credits_used"));
        assertTrue(r.jsonPath().getBoolean("cached"));
        assertEquals(r.jsonPath().getString("request_id"), r.header("X-Request-Id"));
    }

    /** Makes the cached entry of {@code query} look fetched its TTL plus {@code seconds} ago. */
    private void expire(String query, long seconds) {
        try (RedisAdmin redis = new RedisAdmin()) {
            for (String key : redis.keys(suite.redisPrefix + "gw:cache:*")) {
                String value = (String) redis.call("GET", key);
                if (value != null && value.contains(query)) {
                    long fetchedAt = System.currentTimeMillis() - (POST_LIST_TTL_S + seconds) * 1000;
                    redis.call("SET", key, fetchedAt + value.substring(value.indexOf('\n')), "PX", "3600000");
                    return;
                }
            }
        }
        throw new AssertionError("no cache entry holds " + query);
    }

    /** The platform's upstream answers one post whose id is {@code marker}, so its cache entry can be found. */
    private void answersWith(String platform, String marker) {
        suite.upstream.rule(platform, new FakeUpstream.Rule(200, "{\"posts\":[{\"id\":\"" + marker + "\"}]}",
                java.time.Duration.ZERO));
    }
}
