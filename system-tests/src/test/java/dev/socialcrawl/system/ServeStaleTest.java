package dev.socialcrawl.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.restassured.response.Response;

/**
 * Serve-stale through the packaged services (docs/api.md#caching-and-stale-answers): after the entry expired and the
 * upstream fails, {@code max-stale} gets 200 {@code X-Cache: STALE} with {@code Age}, free; without it, 502 refunded;
 * {@code max-stale=5} with an entry expired 60 s ago, 502; with the platform's breaker open, the stale entry without
 * an upstream call.
 */
class ServeStaleTest extends SystemTestBase {
    private static final long SEARCH_TTL_S = 120;

    @Test
    void staleDataOnlyForWhoAsksAndOnlyAsOldAsTheyAllow() {
        Operator.Account acc = operator.newAccount();
        String query = Envelopes.unique();
        answersWith("pinterest", query);
        Envelopes.success(customer(acc.key()).queryParam("query", query).get("/v1/pinterest/search"), 1, false);
        expire(query, 60);
        suite.upstream.rule("pinterest", FakeUpstream.Rule.serverError());

        Response stale = customer(suite.gatewayB, acc.key()).header("Cache-Control", "max-stale")
                .queryParam("query", query).get("/v1/pinterest/search");
        assertStale(stale);
        long age = Long.parseLong(stale.header("Age"));
        assertTrue(age >= SEARCH_TTL_S + 60 && age < SEARCH_TTL_S + 120, "Age " + age);
        assertEquals(List.of("debit", "refund"), operator.entryTypes(stale.jsonPath().getString("request_id")));
        assertEquals(99, operator.balance(acc.id()), "the stale answer was free");

        Response plain = customer(acc.key()).queryParam("query", query).get("/v1/pinterest/search");
        Envelopes.error(plain, 502, "UPSTREAM_ERROR");
        assertEquals("0", plain.header("X-Credits-Used"));
        Envelopes.error(customer(acc.key()).header("Cache-Control", "max-stale=5").queryParam("query", query)
                .get("/v1/pinterest/search"), 502, "UPSTREAM_ERROR");
        assertEquals(99, operator.balance(acc.id()), "every failed fetch refunded");
    }

    @Test
    void anOpenBreakerIsAnsweredFromTheStaleEntryWithoutCallingUpstream() {
        Operator.Account acc = operator.newAccount();
        String query = Envelopes.unique();
        answersWith("google", query);
        Envelopes.success(customer(acc.key()).queryParam("query", query).get("/v1/google/search"), 1, false);
        expire(query, 60);
        suite.upstream.rule("google", FakeUpstream.Rule.serverError());
        for (int i = 0; i < SystemSuite.BREAKER_VOLUME; i++) {
            customer(acc.key()).queryParam("query", Envelopes.unique()).get("/v1/google/search");
        }
        int calls = suite.upstream.calls("google");

        Response stale = customer(acc.key()).header("Cache-Control", "max-stale").queryParam("query", query)
                .get("/v1/google/search");
        assertStale(stale);
        assertEquals(calls, suite.upstream.calls("google"), "the open breaker let no call through");
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
                    long fetchedAt = System.currentTimeMillis() - (SEARCH_TTL_S + seconds) * 1000;
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
