package dev.socialcrawl.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * docs/api.md#activity-log end to end: requests of every outcome, through both gateways, appear within 10 s in
 * {@code GET /v1/activity} of their own account only, each with the status, the credits it finally cost and its
 * request id — a served miss, a cache hit, a replay, a 4xx after the key, a 429, a 402 and a refunded 5xx.
 */
class ActivityLogTest extends SystemTestBase {
    private static final String SEARCH = "/v1/reddit/search";

    /** What one request's answer said. */
    private record Seen(int status, long credits) {
    }

    @Test
    void everyOutcomeAppearsInItsOwnAccountsActivityOnly() {
        Operator.Account a = operator.newAccount();
        Operator.Account b = operator.newAccount();
        Map<String, Seen> seen = new HashMap<>();
        String query = Envelopes.unique();
        record(seen, customer(suite.gatewayA, a.key()).queryParam("query", query).get(SEARCH));
        record(seen, customer(suite.gatewayB, a.key()).queryParam("query", query).get(SEARCH));
        String idem = UUID.randomUUID().toString();
        String keyed = Envelopes.unique();
        record(seen, customer(suite.gatewayA, a.key()).header("Idempotency-Key", idem)
                .queryParam("query", keyed).get("/v1/threads/search"));
        Response replay = customer(suite.gatewayB, a.key()).header("Idempotency-Key", idem)
                .queryParam("query", keyed).get("/v1/threads/search");
        assertEquals("true", replay.header("X-Idempotent-Replay"));
        record(seen, replay);
        record(seen, customer(suite.gatewayA, a.key()).queryParam("colour", "red").get(SEARCH));
        record(seen, customer(suite.gatewayB, a.key()).get("/v1/reddit/nothing-here"));
        suite.upstream.rule("twitter", FakeUpstream.Rule.serverError());
        record(seen, customer(suite.gatewayA, a.key()).queryParam("handle", "someone").get("/v1/twitter/profile"));
        tooManyAtOnce(a, seen);
        Operator.Account poor = operator.newAccount();
        for (int i = 0; i < 100; i++) {
            customer(poor.key()).queryParam("query", Envelopes.unique()).get(SEARCH);
        }
        Response refused = customer(suite.gatewayA, poor.key()).queryParam("query", Envelopes.unique()).get(SEARCH);
        assertEquals(402, refused.statusCode());

        Map<Integer, Long> statuses = new HashMap<>();
        seen.values().forEach(s -> statuses.merge(s.status(), 1L, Long::sum));
        assertTrue(statuses.keySet().containsAll(List.of(200, 400, 404, 429, 502)), "outcomes tried: " + statuses);

        List<String> ofA = new ArrayList<>(seen.keySet());
        String ofB = record(seen, customer(suite.gatewayB, b.key()).queryParam("query", Envelopes.unique()).get(SEARCH));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> activity(a).keySet().containsAll(ofA));
        Map<String, Map<String, Object>> logged = activity(a);
        for (String id : ofA) {
            assertEquals(seen.get(id).status(), ((Number) logged.get(id).get("status")).intValue(), id);
            assertEquals(seen.get(id).credits(), ((Number) logged.get(id).get("credits")).longValue(), id);
        }
        assertFalse(logged.containsKey(ofB), "A sees none of B's requests");
        await().atMost(Duration.ofSeconds(10)).until(() -> activity(b).containsKey(ofB));
        assertFalse(activity(b).keySet().stream().anyMatch(ofA::contains), "B sees none of A's requests");
        String refusedId = refused.jsonPath().getString("request_id");
        await().atMost(Duration.ofSeconds(10)).until(() -> activity(poor).containsKey(refusedId));
        assertEquals(402, ((Number) activity(poor).get(refusedId).get("status")).intValue());
    }

    /** 55 requests at once on one key whose upstream answers slowly: the concurrency limit (50) refuses some. */
    private void tooManyAtOnce(Operator.Account a, Map<String, Seen> seen) {
        suite.upstream.rule("pinterest", FakeUpstream.Rule.ok().after(Duration.ofMillis(1500)));
        operator.credit(a.id(), 100, "topup");
        ExecutorService clients = Executors.newFixedThreadPool(55);
        try {
            List<CompletableFuture<Response>> burst = new ArrayList<>();
            for (int i = 0; i < 55; i++) {
                burst.add(CompletableFuture.supplyAsync(() -> customer(suite.gatewayA, a.key())
                        .queryParam("query", Envelopes.unique()).get("/v1/pinterest/search"), clients));
            }
            burst.forEach(f -> record(seen, f.join()));
        } finally {
            clients.shutdownNow();
        }
    }

    private static String record(Map<String, Seen> seen, Response r) {
        String used = r.header("X-Credits-Used");
        String id = r.jsonPath().getString("request_id");
        synchronized (seen) {
            seen.put(id, new Seen(r.statusCode(), used == null ? 0 : Long.parseLong(used)));
        }
        return id;
    }

    /** The account's whole activity log through the gateway: request id → its row. */
    private Map<String, Map<String, Object>> activity(Operator.Account account) {
        Map<String, Map<String, Object>> rows = new HashMap<>();
        String cursor = null;
        do {
            var spec = customer(suite.gatewayB, account.key()).queryParam("limit", 200);
            if (cursor != null) {
                spec = spec.queryParam("cursor", cursor);
            }
            JsonPath page = spec.get("/v1/activity").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("data.items");
            items.forEach(row -> rows.put((String) row.get("request_id"), row));
            cursor = page.getString("data.next_cursor");
        } while (cursor != null);
        return rows;
    }
}
